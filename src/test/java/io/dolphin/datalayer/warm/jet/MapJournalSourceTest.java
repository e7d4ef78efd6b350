package io.dolphin.datalayer.warm.jet;

import com.hazelcast.logging.Logger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MapJournalSourceTest {

    @Test
    void when_partitionStaysIdle_then_pauseDoublesFrom50MillisTo1Second() {
        long pause = 0;
        long[] expected = {50, 100, 200, 400, 800, 1000, 1000, 1000};
        for (int streak = 1; streak <= expected.length; streak++) {
            pause = MapJournalSource.IDLE_BACKOFF_NANOS.next(pause);
            assertEquals(expected[streak - 1] * 1_000_000L, pause, "idle streak " + streak);
        }
    }

    @Test
    void when_snapshotsOfSeveralReadersRestored_then_theirOffsetsAreMerged() {
        List<MapJournalSource.Offsets> saved = List.of(
                new MapJournalSource.Offsets(7, Map.of("DOLPHIN_FEATURES/0", 12L, "DOLPHIN_FEATURES/1", 3L)),
                new MapJournalSource.Offsets(7, Map.of("DOLPHIN_PNL_BLUE/0", 40L)));

        assertEquals(Map.of("DOLPHIN_FEATURES/0", 12L, "DOLPHIN_FEATURES/1", 3L, "DOLPHIN_PNL_BLUE/0", 40L),
                MapJournalSource.Offsets.restorable(7, saved, Logger.getLogger(MapJournalSourceTest.class)));
    }

    @Test
    void when_offsetsAreOfAnotherEpoch_then_dropped_soThosePartitionsAreReadFromTheOldestEvent() {
        List<MapJournalSource.Offsets> saved = List.of(
                new MapJournalSource.Offsets(7, Map.of("DOLPHIN_FEATURES/0", 12L)),
                new MapJournalSource.Offsets(8, Map.of("DOLPHIN_FEATURES/1", 3L)));

        assertEquals(Map.of("DOLPHIN_FEATURES/1", 3L),
                MapJournalSource.Offsets.restorable(8, saved, Logger.getLogger(MapJournalSourceTest.class)));
        assertEquals(Map.of(), MapJournalSource.Offsets.restorable(9, saved,
                Logger.getLogger(MapJournalSourceTest.class)));
    }
}
