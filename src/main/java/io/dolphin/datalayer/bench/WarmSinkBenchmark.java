package io.dolphin.datalayer.bench;

import com.hazelcast.logging.Logger;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.warm.store.Dialect;
import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.warm.MappedEvent;
import io.dolphin.datalayer.warm.store.SchemaApplier;
import io.dolphin.datalayer.common.TableRow;
import io.dolphin.datalayer.warm.WarmEventMapper;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import io.dolphin.datalayer.warm.WarmStoreWriter;
import io.dolphin.datalayer.warm.WriterPolicy;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The warm sink's write path into DuckDB against DuckDB's own Appender, same rows, same run. The sink figure is the
 * whole delivery logic: duplicate and gap checks, batching, last values per key, the {@code _ingest_runs} ledger and one
 * transaction per batch; the baseline appends the same order-book rows and nothing else. Row mapping (JSON to
 * columns) is excluded from both: in the job it runs in parallel before the single writer.
 */
final class WarmSinkBenchmark implements Benchmark {

    private static final int SYMBOLS = 542;

    @Override
    public String name() {
        return "warm-sink";
    }

    @Override
    public List<BenchFigure> runRound(boolean quick) throws Exception {
        int n = quick ? 100_000 : 1_000_000;
        List<MappedEvent> events = events(n);
        Path dir = Files.createTempDirectory("warm-sink-bench");
        try {
            double baseline = appenderRowsPerSecond(dir.resolve("appender.duckdb"), events);
            double sink = sinkRowsPerSecond(dir.resolve("sink.duckdb"), events);
            return List.of(new BenchFigure(name(), "sink rows/s into DuckDB (" + n + " order-book events)", sink,
                    "rows/s", "DuckDB Appender rows/s, same rows", baseline, ">= 0.5"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<MappedEvent> events(int n) {
        List<MappedEvent> out = new ArrayList<>(n);
        long t0 = 1_776_269_558_000L;
        for (int i = 0; i < n; i++) {
            int s = i % SYMBOLS;
            String value = "{\"best_bid\": " + (100.0 + i % 97) + ", \"best_ask\": " + (100.5 + i % 97)
                    + ", \"spread_bps\": 1.18, \"depth_1pct_usd\": 50000.0, \"depth_quality\": 0.85,"
                    + " \"fill_probability\": 0.95, \"imbalance\": 0.03, \"n_bid_levels\": 5, \"n_ask_levels\": 5,"
                    + " \"ts\": " + (t0 + i) + "}";
            out.add(WarmEventMapper.map(new JournalEvent(1L, DolphinMaps.FEATURES, s, i / SYMBOLS,
                    "asset_S" + s + "USDT_ob", value, null, false, false, t0 + i)));
        }
        return out;
    }

    private static double sinkRowsPerSecond(Path file, List<MappedEvent> events) throws Exception {
        WarmStoreConfig config = new WarmStoreConfig("jdbc:duckdb:" + file, "", "", true);
        WarmStoreWriter writer = new WarmStoreWriter(config.newStore(),
                new WriterPolicy(100_000, 1_000, 200_000, 100, 1_000, 60_000), System::currentTimeMillis,
                Logger.getLogger(WarmSinkBenchmark.class), (e, reason) -> {
                    throw new IllegalStateException(reason);
                });
        writer.tick();
        long start = System.nanoTime();
        for (MappedEvent e : events) {
            if (!writer.canAccept()) {
                while (!writer.flushAll()) {
                    writer.tick();
                }
            }
            writer.accept(e);
        }
        while (!writer.flushAll()) {
            writer.tick();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        writer.close();
        if (writer.counters().rowsWritten() != events.size()) {
            throw new IllegalStateException("sink wrote " + writer.counters().rowsWritten() + " of " + events.size());
        }
        return events.size() / seconds;
    }

    private static double appenderRowsPerSecond(Path file, List<MappedEvent> events) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            SchemaApplier.apply(c, Dialect.DUCKDB);
            DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
            long start = System.nanoTime();
            try (Statement st = c.createStatement()) {
                st.execute("BEGIN TRANSACTION");
                try (DuckDBAppender a = duck.createAppender("dolphin", "obf_universe")) {
                    for (MappedEvent e : events) {
                        TableRow r = e.rows().get(0);
                        Object[] v = r.values();
                        a.beginRow().appendEpochMillis((Long) v[0] / 1000).append((String) v[1])
                                .append(((Double) v[2]).floatValue()).append((Double) v[3])
                                .append(((Double) v[4]).floatValue()).append(((Double) v[5]).floatValue())
                                .append(((Double) v[6]).floatValue()).append((Double) v[7]).append((Double) v[8])
                                .append(((Long) v[9]).byteValue()).append(((Long) v[10]).byteValue()).endRow();
                    }
                }
                st.execute("COMMIT");
            }
            return events.size() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
