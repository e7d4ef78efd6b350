package io.dolphin.datalayer.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentCpuTest {

    private static final long S = 1_000_000_000L;

    @Test
    void when_samplesSpanLessThanTheWindow_then_noFigure() {
        RecentCpu cpu = new RecentCpu(Duration.ofSeconds(60));
        for (int t = 0; t <= 55; t += 5) {
            cpu.sample(t * S, t * S);
        }
        assertTrue(cpu.cores().isEmpty());
    }

    @Test
    void when_loadDropsAfterStartUp_then_onlyTheLastWindowCounts() {
        RecentCpu cpu = new RecentCpu(Duration.ofSeconds(60));
        long used = 0;
        for (int t = 0; t <= 180; t += 5) {
            cpu.sample(t * S, used);
            used += (t < 60 ? 2 : 0.5) * 5 * S; // two cores while compiling, then half a core
        }
        assertEquals(0.5, cpu.cores().getAsDouble(), 1e-9);
    }
}
