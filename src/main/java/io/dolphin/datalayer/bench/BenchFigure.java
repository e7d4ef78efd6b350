package io.dolphin.datalayer.bench;

/**
 * One measured figure beside the baseline measured in the same run, because the machines are shared and noisy:
 * only the ratio travels between machines. For rates a higher ratio is better; for latencies lower is.
 *
 * @param benchmark    e.g. {@code scan-bridge}
 * @param name         e.g. {@code file-to-key latency p99}
 * @param unit         e.g. {@code ms} or {@code rows/s}
 * @param baselineName what the baseline is, e.g. {@code direct IMap.set round trip p99}
 * @param target       the ratio the issue asks for, as text (e.g. {@code <= 2.0}); empty if none
 */
record BenchFigure(String benchmark, String name, double value, String unit, String baselineName,
                          double baseline, String target) {

    public double ratio() {
        return baseline == 0 ? Double.NaN : value / baseline;
    }
}
