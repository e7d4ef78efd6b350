package io.dolphin.datalayer.bench;

import io.dolphin.datalayer.cold.ColdSources;
import io.dolphin.datalayer.cold.ExportReport;
import io.dolphin.datalayer.cold.ExportRequest;
import io.dolphin.datalayer.warm.store.Dialect;
import io.dolphin.datalayer.warm.store.SchemaApplier;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The cold export of one day of {@code obf_universe} (1M rows, 542 symbols) from a DuckDB warm store, against
 * DuckDB's own {@code COPY} of the same rows to Parquet (zstd) in the same run. The export is the whole run: the
 * catalog and per-day counts, the COPY into a temporary file, reading rows and {@code ts} range back from the file,
 * its SHA-256, the forced write and rename, and the manifest. Each round times three interleaved pairs and takes each
 * side's median.
 */
final class ColdExportBenchmark implements Benchmark {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    /** Which side goes first alternates by round, so neither always meets a cold cache. */
    private int round;
    private static final int PAIRS = 3;

    @Override
    public String name() {
        return "cold-export";
    }

    /** DuckDB on its own: the same day, same rows, same format; seconds. */
    private static double copy(Statement st, Path file) throws java.sql.SQLException {
        long t0 = System.nanoTime();
        st.execute("COPY (SELECT * FROM dolphin.obf_universe WHERE ts >= TIMESTAMP '" + DAY + "' AND ts < TIMESTAMP '"
                + DAY.plusDays(1) + "') TO '" + file + "' (FORMAT parquet, COMPRESSION zstd)");
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The whole export of the day, as {@code bin/dolphin cold export --day D --table obf_universe} runs it; seconds. */
    private static double export(WarmStoreConfig store, Path cold, int n) {
        long t0 = System.nanoTime();
        ExportReport r = ColdSources.export(store, cold, null, "BTCUSDT",
                new ExportRequest(DAY, "obf_universe", Duration.ZERO), line -> { });
        double s = (System.nanoTime() - t0) / 1e9;
        if (!r.ok() || r.rowsWritten() != n) {
            throw new IllegalStateException("cold export wrote " + r.rowsWritten() + " of " + n + ": " + r.errors());
        }
        return s;
    }

    @Override
    public List<BenchFigure> runRound(boolean quick) throws Exception {
        int n = quick ? 100_000 : 1_000_000;
        Path dir = Files.createTempDirectory("cold-export-bench");
        try {
            WarmStoreConfig store = new WarmStoreConfig("jdbc:duckdb:" + dir.resolve("warm.duckdb"), "", "", false);
            try (Connection c = store.connect(); Statement st = c.createStatement()) {
                SchemaApplier.apply(c, Dialect.DUCKDB);
                st.execute("INSERT INTO dolphin.obf_universe SELECT TIMESTAMP '" + DAY + "' + INTERVAL (i // 542 * "
                        + (86_400_000L / (n / 542 + 1)) + ") MILLISECOND, 'S' || (i % 542) || 'USDT',"
                        + " (hash(i) % 10000 / 100.0)::REAL, hash(i * 7) % 100000000 / 100.0, (hash(i * 3) % 1000 / 1000.0)::REAL,"
                        + " (hash(i * 5) % 1000 / 1000.0)::REAL, ((hash(i * 11) % 2000) / 1000.0 - 1.0)::REAL,"
                        + " 100.0 + hash(i * 13) % 100000 / 1000.0, 100.5 + hash(i * 13) % 100000 / 1000.0, i % 20, i % 17"
                        + " FROM range(" + n + ") t(i)");
                copy(st, dir.resolve("warm-up.parquet")); // the table's pages in memory before either side is timed
                // three pairs per round, interleaved and the order alternating, each side's median: one load spike
                // on this shared machine then moves neither figure
                double[] copies = new double[PAIRS];
                double[] exports = new double[PAIRS];
                for (int i = 0; i < PAIRS; i++) {
                    if ((round + i) % 2 == 0) {
                        copies[i] = copy(st, dir.resolve("baseline-" + i + ".parquet"));
                        exports[i] = export(store, dir.resolve("cold-" + i), n);
                    } else {
                        exports[i] = export(store, dir.resolve("cold-" + i), n);
                        copies[i] = copy(st, dir.resolve("baseline-" + i + ".parquet"));
                    }
                }
                round++;
                double copy = n / BenchRunner.median(copies);
                double export = n / BenchRunner.median(exports);
                return List.of(new BenchFigure(name(), "export rows/s (" + n + " obf_universe rows, 1 day)", export,
                        "rows/s", "DuckDB COPY to Parquet rows/s, same rows", copy, ">= 0.8"));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
