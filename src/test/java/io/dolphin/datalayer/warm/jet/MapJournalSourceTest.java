package io.dolphin.datalayer.warm.jet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MapJournalSourceTest {

    @Test
    void when_partitionStaysIdle_then_pauseDoublesFrom200MicrosTo250Millis() {
        long pause = 0;
        for (int streak = 1; streak <= 20; streak++) {
            pause = MapJournalSource.IDLE_BACKOFF_NANOS.next(pause);
            // the reader's former rule: 0.1 ms shifted by the idle streak, capped at 250 ms
            assertEquals(Math.min(250_000_000L, 100_000L << streak), pause, "idle streak " + streak);
        }
    }
}
