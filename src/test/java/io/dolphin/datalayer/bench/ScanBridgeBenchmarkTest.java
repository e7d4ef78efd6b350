package io.dolphin.datalayer.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Smoke test only: the round runs end to end and reports its figures with a same-run baseline. No timing asserts. */
class ScanBridgeBenchmarkTest {

    @Test
    void when_quickRound_then_p50AndP99BesideTheDirectSetBaseline() throws Exception {
        List<BenchFigure> figures = new ScanBridgeBenchmark().runRound(true);

        assertEquals(2, figures.size());
        for (BenchFigure f : figures) {
            assertEquals("scan-bridge", f.benchmark());
            assertEquals("ms", f.unit());
            assertTrue(f.value() > 0 && f.baseline() > 0, f.toString());
            assertTrue(f.baselineName().startsWith("direct client IMap.set round trip"), f.baselineName());
        }
        assertEquals("file closed -> key updated p99", figures.get(1).name());
        assertEquals("<= 2.0", figures.get(1).target());
    }

    @Test
    void when_percentile_then_nearestRank() {
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (i + 1) * 1_000_000L;
        }
        assertEquals(100.0, ScanBridgeBenchmark.percentile(nanos, 50));
        assertEquals(198.0, ScanBridgeBenchmark.percentile(nanos, 99));
    }
}
