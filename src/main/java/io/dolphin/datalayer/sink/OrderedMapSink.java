package io.dolphin.datalayer.sink;

import com.hazelcast.jet.pipeline.Sink;
import com.hazelcast.jet.pipeline.SinkBuilder;
import com.hazelcast.map.IMap;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An IMap sink that applies each processor's items in the order it received them, every one of them: two updates
 * of one key in a batch become two map events, in order, and a later batch never overtakes an earlier one.
 *
 * <p>Why not {@code Sinks.map}: it keeps up to 16 {@code putAllAsync} batches in flight per member, and their
 * per-partition operations can be applied in any order. On our build machine that let an earlier snapshot of a
 * symbol land after a later one (the journal showed ts 284, 307, 188, 234 for a symbol produced as 188, 234, 284,
 * 307), leaving the key on an old value. Here each processor writes one batch at a time with a blocking
 * {@code putAll}; items reach the processor on a partitioned edge, so one key always has one writer. The batch is
 * whatever the inbox held (up to the edge's queue), written before the next inbox is taken and before any snapshot,
 * so a restart from a snapshot loses nothing that was acknowledged.
 */
public final class OrderedMapSink {

    private OrderedMapSink() {
    }

    /** Items must arrive partitioned by key (e.g. {@code stage.rebalance(Map.Entry::getKey)}) for per-key order. */
    public static <K, V> Sink<Map.Entry<K, V>> map(String mapName, int localParallelism) {
        return SinkBuilder.sinkBuilder("ordered-map-sink(" + mapName + ")",
                        ctx -> new Writer<K, V>(ctx.hazelcastInstance().getMap(mapName)))
                .<Map.Entry<K, V>>receiveFn(Writer::add)
                .flushFn(Writer::flush)
                .preferredLocalParallelism(localParallelism)
                .build();
    }

    private static final class Writer<K, V> {
        private final IMap<K, V> map;
        private final List<Map.Entry<K, V>> buffer = new ArrayList<>();

        Writer(IMap<K, V> map) {
            this.map = map;
        }

        void add(Map.Entry<K, V> item) {
            buffer.add(item);
        }

        void flush() {
            if (buffer.isEmpty()) {
                return;
            }
            map.putAll(new EntryList<>(buffer));
            buffer.clear();
        }
    }

    /**
     * A list of entries seen through the {@link Map} interface {@code putAll} takes, duplicates kept: {@code putAll}
     * only iterates the entries, and a real map would fold two updates of one key into one event.
     */
    private static final class EntryList<K, V> extends AbstractMap<K, V> {
        private final List<Map.Entry<K, V>> entries;

        EntryList(List<Map.Entry<K, V>> entries) {
            this.entries = entries;
        }

        @Override
        public Set<Map.Entry<K, V>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<K, V>> iterator() {
                    return entries.iterator();
                }

                @Override
                public int size() {
                    return entries.size();
                }
            };
        }

        @Override
        public int size() {
            return entries.size();
        }
    }
}
