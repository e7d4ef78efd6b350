package io.dolphin.datalayer.common;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

    @Test
    void when_failuresRepeat_then_waitDoublesUpToMax() {
        Backoff b = Backoff.doubling(200, 5_000);
        List<Long> waits = new ArrayList<>();
        for (long w = b.next(0); waits.size() < 8; w = b.next(w)) {
            waits.add(w);
        }

        assertEquals(List.of(200L, 400L, 800L, 1_600L, 3_200L, 5_000L, 5_000L, 5_000L), waits);
    }

    @Test
    void when_countedByFailures_then_sameWaitsAsChainingNext() {
        Backoff b = new Backoff(3, 1_000, 3);

        assertEquals(0, b.delay(0));
        long previous = 0;
        for (int n = 1; n <= 12; n++) {
            previous = b.next(previous);
            assertEquals(previous, b.delay(n), "after " + n + " failures");
        }
        assertEquals(List.of(3L, 9L, 27L, 81L, 243L, 729L, 1_000L), List.of(b.delay(1), b.delay(2), b.delay(3),
                b.delay(4), b.delay(5), b.delay(6), b.delay(7)));
    }

    @Test
    void when_waitWouldOverflow_then_itStaysAtMax() {
        Backoff b = Backoff.doubling(1, Long.MAX_VALUE);

        assertEquals(1L << 62, b.delay(63));
        assertEquals(Long.MAX_VALUE, b.delay(64));
        assertEquals(Long.MAX_VALUE, b.delay(Integer.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, b.next(Long.MAX_VALUE - 1));
    }

    @Test
    void when_multiplierIsOne_then_everyWaitIsTheInitial() {
        Backoff b = new Backoff(50, 100, 1);

        assertEquals(50, b.delay(1));
        assertEquals(50, b.delay(Integer.MAX_VALUE));
        assertEquals(50, b.next(50));
    }

    @Test
    void when_argumentsMakeNoSense_then_rejected() {
        assertThrows(IllegalArgumentException.class, () -> Backoff.doubling(0, 10));
        assertThrows(IllegalArgumentException.class, () -> Backoff.doubling(20, 10));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(1, 10, 0));
    }
}
