package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.bench.BenchRunner;
import io.dolphin.datalayer.bench.Benchmark;
import io.dolphin.datalayer.bench.Benchmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmarks of the scan, order-book and warm-sink paths; prints each figure beside the baseline
 * measured in the same run and their ratio (median of the rounds), and writes them as JSON.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the benchmarks: each figure beside its same-run baseline, median of the rounds, JSON under target/bench.")
final class BenchCommand implements Runnable {

    @Option(names = "--quick", description = "Smaller rounds (a smoke run, minutes rather than tens of minutes).")
    boolean quick;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds per benchmark (default ${DEFAULT-VALUE}; medians need >= 3).")
    int rounds;

    @Option(names = "--only", split = ",", paramLabel = "NAME", description = "Run only these benchmarks.")
    List<String> only = new ArrayList<>();

    @Option(names = "--out", defaultValue = "target/bench", description = "Where the JSON goes (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public void run() {
        List<Benchmark> chosen = Benchmarks.all().stream()
                .filter(b -> only.isEmpty() || only.contains(b.name()))
                .toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no benchmark matches " + only + "; known: "
                    + Benchmarks.all().stream().map(Benchmark::name).toList());
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        BenchRunner runner = new BenchRunner(System.out);
        List<BenchRunner.Summary> all = new ArrayList<>();
        try {
            for (Benchmark b : chosen) {
                all.addAll(runner.run(b, rounds, quick));
            }
            runner.printTable(all);
            Path file = BenchRunner.writeJson(out, all, rounds, quick);
            System.out.println("\nwritten: " + file);
        } catch (Exception e) {
            throw new IllegalStateException("benchmark failed: " + e, e);
        }
    }
}
