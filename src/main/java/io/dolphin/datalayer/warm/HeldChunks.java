package io.dolphin.datalayer.warm;

import com.hazelcast.jet.core.BroadcastKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static com.hazelcast.jet.core.BroadcastKey.broadcastKey;

/**
 * The events a ClickHouse replay holds, as numbered Jet snapshot entries and back. One entry of up to
 * max-buffered-events (400,000 by default) events was one contiguous buffer of hundreds of MB to serialize; and a
 * snapshot restores its entries in no particular order, while the writer must see each partition's sequences in
 * order, so the chunk number travels in the key.
 */
final class HeldChunks<T> {

    private static final String PREFIX = "held-during-replay";

    private final SortedMap<Integer, List<T>> restored = new TreeMap<>();

    static <T> List<Map.Entry<BroadcastKey<String>, List<T>>> split(List<T> held, int chunkSize) {
        List<Map.Entry<BroadcastKey<String>, List<T>>> chunks = new ArrayList<>();
        for (int from = 0; from < held.size(); from += chunkSize) {
            chunks.add(Map.entry(broadcastKey(PREFIX + "/" + from / chunkSize),
                    new ArrayList<>(held.subList(from, Math.min(held.size(), from + chunkSize)))));
        }
        return chunks;
    }

    /** Takes one restored entry; the single un-numbered entry of earlier versions counts as chunk 0. */
    @SuppressWarnings("unchecked")
    void restore(Object key, Object value) {
        String name = ((BroadcastKey<String>) key).key();
        int chunk = name.equals(PREFIX) ? 0 : Integer.parseInt(name.substring(PREFIX.length() + 1));
        restored.put(chunk, (List<T>) value);
    }

    /** Everything restored, in the order it was held; empties this. */
    List<T> drainInOrder() {
        List<T> held = new ArrayList<>();
        restored.values().forEach(held::addAll);
        restored.clear();
        return held;
    }
}
