package io.dolphin.datalayer.bench;

import java.util.List;

/**
 * One benchmark of {@code bin/dolphin bench}. A round measures the figure and its baseline in the same run; the
 * runner repeats rounds and reports medians. Each round starts and stops whatever it needs (members, broker).
 */
public interface Benchmark {

    /** e.g. {@code scan-bridge}; used in the JSON file name under target/bench. */
    String name();

    /**
     * Why this benchmark cannot run here (e.g. no ClickHouse to write into), or null when it can. A skipped benchmark
     * is reported as such, not as a failure.
     */
    default String skipReason() {
        return null;
    }

    /** @param quick a smaller round for CI smoke runs and `bench --quick` */
    List<BenchFigure> runRound(boolean quick) throws Exception;
}
