package io.dolphin.datalayer.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyRecorderTest {

    @Test
    void percentiles_are_nearest_rank() {
        LatencyRecorder r = recorderFrom(0);
        for (int i = 1; i <= 1000; i++) {
            r.record(i, i);
        }
        assertArrayEquals(new double[]{500, 990, 999}, r.percentiles());
    }

    @Test
    void samples_before_the_warm_up_ends_are_dropped() {
        LatencyRecorder r = recorderFrom(1_000);
        r.record(999, 5_000);
        r.record(1_000, 7);
        assertArrayEquals(new double[]{7, 7, 7}, r.percentiles());
    }

    @Test
    void nothing_recorded_gives_no_figure() {
        LatencyRecorder r = recorderFrom(0);
        assertTrue(Double.isNaN(r.percentiles()[1]));
    }

    private static LatencyRecorder recorderFrom(long epochMillis) {
        LatencyRecorder r = new LatencyRecorder();
        r.from(epochMillis);
        return r;
    }
}
