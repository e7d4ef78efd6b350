package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.bench.BenchRunner;
import io.dolphin.datalayer.bench.Benchmark;
import io.dolphin.datalayer.bench.Benchmarks;
import io.dolphin.datalayer.bench.ClickHouseEndpoint;
import io.dolphin.datalayer.common.DolphinEnvironment;
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

    @Option(names = "--only", split = ",", paramLabel = "NAME", completionCandidates = Names.class,
            description = "Run only these benchmarks, of: ${COMPLETION-CANDIDATES}.")
    List<String> only = new ArrayList<>();

    @Option(names = "--out", defaultValue = "target/bench", description = "Where the JSON goes (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--clickhouse-url", paramLabel = "JDBC_URL", description = "The ClickHouse server of "
            + "warm-sink-clickhouse (default $DOLPHIN_CLICKHOUSE_URL; without either, chDB when .ci/fetch-chdb got it). "
            + "The benchmark creates and drops its databases dolphin and dolphin_green: a scratch server only. "
            + "Password from $DOLPHIN_CLICKHOUSE_PASSWORD.")
    String clickHouseUrl;

    @Option(names = "--clickhouse-user", paramLabel = "USER", description = "Its user (default $DOLPHIN_CLICKHOUSE_USER, "
            + "else default).")
    String clickHouseUser;

    /** The names --only accepts, listed in its help. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Benchmarks.names().iterator();
        }
    }

    @Override
    public void run() {
        List<String> known = Benchmarks.names();
        List<String> unknown = only.stream().filter(n -> !known.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no benchmark named " + String.join(", ", unknown) + "; known: "
                    + String.join(", ", known));
        }
        List<Benchmark> chosen = Benchmarks.all(ClickHouseEndpoint.resolve(clickHouseUrl, clickHouseUser,
                        DolphinEnvironment.current())).stream()
                .filter(b -> only.isEmpty() || only.contains(b.name()))
                .toList();
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
            Path file = BenchRunner.writeJson(out, all, runner.skipped(), rounds, quick);
            System.out.println("\nwritten: " + file);
        } catch (Exception e) {
            throw new IllegalStateException("benchmark failed: " + e, e);
        }
    }
}
