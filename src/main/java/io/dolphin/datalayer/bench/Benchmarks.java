package io.dolphin.datalayer.bench;

import java.util.List;

/** The benchmarks {@code bin/dolphin bench} knows, in the order it runs them. */
public final class Benchmarks {

    private Benchmarks() {
    }

    /** @param clickHouse the server for the ClickHouse benchmark, or null: chDB when this machine has it */
    public static List<Benchmark> all(ClickHouseEndpoint clickHouse) {
        return List.of(new ScanBridgeBenchmark(), new ObfIngestBenchmark(), new ObfDecodeBenchmark(),
                new WarmSinkBenchmark(),
                new WarmSinkClickHouseBenchmark(clickHouse), new AcbBenchmark(), new ColdExportBenchmark());
    }

    public static List<String> names() {
        return all(null).stream().map(Benchmark::name).toList();
    }
}
