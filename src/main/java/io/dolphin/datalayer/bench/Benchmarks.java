package io.dolphin.datalayer.bench;

import java.util.List;

/** The benchmarks {@code bin/dolphin bench} knows, in the order it runs them. */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static List<Benchmark> all() {
        return List.of(new ScanBridgeBenchmark(), new ObfIngestBenchmark(), new WarmSinkBenchmark(), new AcbBenchmark());
    }
}
