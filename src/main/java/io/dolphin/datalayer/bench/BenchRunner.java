package io.dolphin.datalayer.bench;

import io.dolphin.datalayer.common.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs benchmarks round by round and reports, for every figure, the median of its value, of its baseline and of
 * the per-round ratio. The per-round ratio is the one that matters: both sides of it ran back to back on the
 * same noisy machine.
 */
public final class BenchRunner {

    private final PrintStream out;
    private final Map<String, String> skipped = new LinkedHashMap<>();

    public BenchRunner(PrintStream out) {
        this.out = out;
    }

    /** The benchmarks that could not run here, with the reason ({@link Benchmark#skipReason()}). */
    public Map<String, String> skipped() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** One figure's medians over the rounds. */
    public record Summary(String benchmark, String name, String unit, String baselineName, double medianValue,
                          double medianBaseline, double medianRatio, double[] ratios, String target) {
    }

    public List<Summary> run(Benchmark benchmark, int rounds, boolean quick) throws Exception {
        String skip = benchmark.skipReason();
        if (skip != null) {
            out.printf("%s: skipped: %s%n", benchmark.name(), skip);
            skipped.put(benchmark.name(), skip);
            return List.of();
        }
        Map<String, List<BenchFigure>> byName = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            out.printf("%s: round %d of %d%s...%n", benchmark.name(), round, rounds, quick ? " (quick)" : "");
            long start = System.nanoTime();
            for (BenchFigure f : benchmark.runRound(quick)) {
                byName.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f);
                out.printf("    %-40s %,14.2f %-8s vs %-36s %,14.2f  ratio %.3f%n", f.name(), f.value(), f.unit(),
                        f.baselineName(), f.baseline(), f.ratio());
            }
            out.printf("    (round took %.1f s)%n", (System.nanoTime() - start) / 1e9);
        }
        List<Summary> summaries = new ArrayList<>();
        for (List<BenchFigure> figures : byName.values()) {
            BenchFigure first = figures.get(0);
            double[] ratios = figures.stream().mapToDouble(BenchFigure::ratio).toArray();
            summaries.add(new Summary(benchmark.name(), first.name(), first.unit(), first.baselineName(),
                    median(figures.stream().mapToDouble(BenchFigure::value).toArray()),
                    median(figures.stream().mapToDouble(BenchFigure::baseline).toArray()),
                    median(ratios), ratios, first.target()));
        }
        return summaries;
    }

    /** The table of medians, then one line per skipped benchmark. */
    public void printTable(List<Summary> summaries) {
        out.printf("%n%-14s %-38s %16s %-9s %-38s %16s %9s  %s%n", "BENCHMARK", "FIGURE (median)", "VALUE", "UNIT",
                "BASELINE (same run)", "BASELINE", "RATIO", "TARGET");
        for (Summary s : summaries) {
            out.printf("%-14s %-38s %,16.2f %-9s %-38s %,16.2f %9.3f  %s%n", s.benchmark(), s.name(), s.medianValue(),
                    s.unit(), s.baselineName(), s.medianBaseline(), s.medianRatio(), s.target());
        }
        skipped.forEach((name, reason) -> out.printf("%-14s skipped: %s%n", name, reason));
    }

    public static Path writeJson(Path dir, List<Summary> summaries, int rounds, boolean quick) throws IOException {
        return writeJson(dir, summaries, Map.of(), rounds, quick);
    }

    /**
     * Writes {@code <dir>/<benchmark>.json} per benchmark and {@code <dir>/bench.json} with everything; a skipped
     * benchmark's file says {@code skipped} with the reason, so no earlier figures of it stay behind.
     */
    public static Path writeJson(Path dir, List<Summary> summaries, Map<String, String> skipped, int rounds,
                                 boolean quick) throws IOException {
        Files.createDirectories(dir);
        Map<String, List<Map<String, Object>>> perBenchmark = new LinkedHashMap<>();
        for (Summary s : summaries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("figure", s.name());
            m.put("unit", s.unit());
            m.put("median_value", s.medianValue());
            m.put("baseline", s.baselineName());
            m.put("median_baseline", s.medianBaseline());
            m.put("median_ratio", s.medianRatio());
            m.put("ratios", Arrays.stream(s.ratios()).boxed().toList());
            m.put("target", s.target());
            perBenchmark.computeIfAbsent(s.benchmark(), k -> new ArrayList<>()).add(m);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("measured_at", Instant.now().toString());
        all.put("rounds", rounds);
        all.put("quick", quick);
        all.put("cores", Runtime.getRuntime().availableProcessors());
        all.put("benchmarks", perBenchmark);
        if (!skipped.isEmpty()) {
            all.put("skipped", new LinkedHashMap<>(skipped));
        }
        for (Map.Entry<String, List<Map<String, Object>>> e : perBenchmark.entrySet()) {
            Map<String, Object> one = new LinkedHashMap<>(all);
            one.remove("skipped");
            one.put("benchmarks", Map.of(e.getKey(), e.getValue()));
            Files.writeString(dir.resolve(e.getKey() + ".json"), Json.write(one));
        }
        for (Map.Entry<String, String> e : skipped.entrySet()) {
            Map<String, Object> one = new LinkedHashMap<>(all);
            one.put("benchmarks", Map.of());
            one.put("skipped", Map.of(e.getKey(), e.getValue()));
            Files.writeString(dir.resolve(e.getKey() + ".json"), Json.write(one));
        }
        Path file = dir.resolve("bench.json");
        Files.writeString(file, Json.write(all));
        return file;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
