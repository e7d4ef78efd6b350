package io.dolphin.datalayer.warm;

import com.hazelcast.jet.core.BroadcastKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static com.hazelcast.jet.core.BroadcastKey.broadcastKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HeldChunksTest {

    @Test
    void when_chunksRestoredInAnyOrder_then_theHeldEventsComeBackInTheOrderTheyWereHeld() {
        List<Integer> held = IntStream.range(0, 2_345).boxed().toList();
        List<Map.Entry<BroadcastKey<String>, List<Integer>>> chunks = HeldChunks.split(held, 1_000);
        assertEquals(List.of(1_000, 1_000, 345), chunks.stream().map(e -> e.getValue().size()).toList());

        List<Map.Entry<BroadcastKey<String>, List<Integer>>> shuffled = new ArrayList<>(chunks);
        Collections.shuffle(shuffled, new Random(7));
        HeldChunks<Integer> restored = new HeldChunks<>();
        shuffled.forEach(e -> restored.restore(e.getKey(), e.getValue()));

        assertEquals(held, restored.drainInOrder());
        assertEquals(List.of(), restored.drainInOrder(), "drained");
    }

    @Test
    void when_aSnapshotOfTheEarlierSingleEntryIsRestored_then_itsEventsComeBack() {
        HeldChunks<Integer> restored = new HeldChunks<>();
        restored.restore(broadcastKey("held-during-replay"), List.of(1, 2, 3));
        assertEquals(List.of(1, 2, 3), restored.drainInOrder());
    }

    @Test
    void when_nothingHeld_then_noChunk() {
        assertEquals(List.of(), HeldChunks.split(List.of(), 1_000));
    }
}
