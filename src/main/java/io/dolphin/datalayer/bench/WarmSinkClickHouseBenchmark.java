package io.dolphin.datalayer.bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.RowBinaryFormatSerializer;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;
import io.dolphin.datalayer.common.ColumnType;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.JobDescriptors;
import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.TableRow;
import io.dolphin.datalayer.common.WarmTable;
import io.dolphin.datalayer.warm.MappedEvent;
import io.dolphin.datalayer.warm.WarmEventMapper;
import io.dolphin.datalayer.warm.WarmSinkJob;
import io.dolphin.datalayer.warm.WarmSinkSettings;
import io.dolphin.datalayer.warm.WarmStoreWriter;
import io.dolphin.datalayer.warm.WriterPolicy;
import io.dolphin.datalayer.warm.store.ClickHouseStore;
import io.dolphin.datalayer.warm.store.Dialect;
import io.dolphin.datalayer.warm.store.InsertCounts;
import io.dolphin.datalayer.warm.store.SchemaApplier;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The warm sink's write path into ClickHouse against the driver's own fastest bulk insert, same rows, same run.
 * The sink figure is the whole delivery path of {@link WarmStoreWriter} over {@link ClickHouseStore}: duplicate and
 * gap checks, batches of the job's own {@code batch-max-events}, and per batch the tokened protocol (intent BEFORE,
 * one insert per table, {@code hz_last_values}, the {@code _ingest} ledger, intent AFTER). The baseline is one
 * clickhouse-jdbc client-v2 RowBinary insert per table of the same data rows. Row mapping is excluded from both, as in
 * {@link WarmSinkBenchmark}: events are mapped before the clock starts.
 *
 * <p>The mix is production's {@code DOLPHIN_FEATURES}: 542 order books at 2/s ({@code obf_universe}), {@code exf_latest}
 * at 2/s ({@code exf_data}), a scan every 11 s ({@code eigen_scans}), an ACB value every 30 s ({@code acb_state}),
 * keys spread over 271 journal partitions. Rows per insert and inserts per second come from what the store sent
 * ({@link InsertCounts}), twice: at load (events as fast as the writer takes them, fed as Jet's inbox feeds
 * {@code WriteWarmStoreP}: chunks of 1,024, a tick before and after each) and at production rate (~1,086 events/s in
 * real time, a tick every 5 ms and a flush at every Jet snapshot interval of the job descriptor).
 *
 * <p>ClickHouse: {@link ClickHouseEndpoint} when one is named, else chDB behind {@link ChdbProcess} in a fresh folder
 * per round, else the benchmark is skipped. On a named server it creates and drops {@code dolphin} and
 * {@code dolphin_green}, and refuses to start if either exists.
 */
final class WarmSinkClickHouseBenchmark implements Benchmark {

    static final String NAME = "warm-sink-clickhouse";
    private static final ILogger LOG = Logger.getLogger(WarmSinkClickHouseBenchmark.class);
    private static final int SYMBOLS = 542;
    private static final int PARTITIONS = 271;
    private static final int INBOX = 1_024;
    private static final int MAX_TRANSIENT_ERRORS = 3;
    private static final double TARGET_ROWS_PER_INSERT = 10_000;
    private static final double TARGET_INSERTS_PER_SECOND = 1.0;
    private static final List<WarmTable> TABLES = List.of(WarmTable.OBF_UNIVERSE, WarmTable.EXF_DATA,
            WarmTable.EIGEN_SCANS, WarmTable.ACB_STATE);

    private final ClickHouseEndpoint endpoint;

    /** @param endpoint the server to use, or null for chDB when this machine has it */
    WarmSinkClickHouseBenchmark(ClickHouseEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String skipReason() {
        if (endpoint != null || ChdbProcess.engine().isPresent()) {
            return null;
        }
        return "no ClickHouse: set --clickhouse-url or DOLPHIN_CLICKHOUSE_URL, or get chDB with .ci/fetch-chdb"
                + " (or DOLPHIN_CHDB_LIB)";
    }

    @Override
    public List<BenchFigure> runRound(boolean quick) throws Exception {
        int n = quick ? 100_000 : 1_000_000;
        int pacedSeconds = quick ? 4 : 10;
        JobDescriptor descriptor = JobDescriptors.load(WarmSinkJob.DESCRIPTOR_ID);
        WriterPolicy policy = WarmSinkSettings.from(descriptor.settings()).policy();
        List<MappedEvent> events = new Mix(1_776_269_558_000L).events(n);
        Map<WarmTable, List<TableRow>> rows = rowsByTable(events);
        long rowCount = rows.values().stream().mapToLong(List::size).sum();
        Path dir = Files.createTempDirectory("warm-sink-clickhouse-bench");
        try (Target target = Target.start(endpoint, dir.resolve("chdb"))) {
            target.resetSchema();
            double baselineSeconds = bulkInsert(target, rows);
            Map<WarmTable, String> expected = target.checksums();
            target.resetSchema();
            Run load = atLoad(target.config(), policy, events, rowCount);
            Map<WarmTable, String> written = target.checksums();
            if (!written.equals(expected)) {
                throw new IllegalStateException("the sink and the bulk insert stored different rows: " + written
                        + " vs " + expected);
            }
            target.resetSchema();
            Run paced = atProductionRate(target.config(), policy, descriptor.snapshotIntervalMillis(), pacedSeconds);
            print("at load, " + n + " events, " + load.batches + " batches in " + fmt(load.seconds) + " s", load);
            print("at production rate, " + pacedSeconds + " s, " + paced.batches + " batches", paced);
            List<BenchFigure> figures = new ArrayList<>();
            figures.add(new BenchFigure(name(), "sink rows/s into ClickHouse (" + n + " events, mix)",
                    rowCount / load.seconds, "rows/s", "client-v2 RowBinary insert rows/s, same rows",
                    rowCount / baselineSeconds, ">= 0.5"));
            figures.addAll(insertFigures("at load", load));
            figures.addAll(insertFigures("production rate", paced));
            return figures;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Rows per insert of the big table, and inserts per second: the most of any table but the intent log, and the
     * intent log's own (it gets two inserts per batch, BEFORE and AFTER). Beside fixed references, not a same-run
     * baseline: ClickHouse's advice of at least 10,000 rows per insert or at most about one insert per second.
     */
    private static List<BenchFigure> insertFigures(String when, Run run) {
        String obf = WarmTable.BLUE + "." + WarmTable.OBF_UNIVERSE.tableName();
        String intent = WarmTable.BLUE + "._ingest_intent";
        double busiest = run.inserts.entrySet().stream()
                .filter(e -> !e.getKey().equals(intent) && !e.getKey().equals("probe"))
                .mapToDouble(e -> e.getValue().inserts() / run.seconds).max().orElse(0);
        return List.of(
                new BenchFigure(NAME, "obf_universe rows/insert, " + when, run.table(obf).rowsPerInsert(), "rows",
                        "reference: 10,000 rows per insert", TARGET_ROWS_PER_INSERT, ">= 1.0"),
                new BenchFigure(NAME, "inserts/s, busiest table, " + when, busiest, "1/s",
                        "reference: 1 insert/s per table", TARGET_INSERTS_PER_SECOND, "<= ~1"),
                new BenchFigure(NAME, "inserts/s, _ingest_intent, " + when, run.table(intent).inserts() / run.seconds,
                        "1/s", "reference: 1 insert/s per table", TARGET_INSERTS_PER_SECOND, "<= ~1"));
    }

    /** What one run of the writer sent. */
    private record Run(double seconds, long batches, Map<String, InsertCounts.Table> inserts) {

        InsertCounts.Table table(String name) {
            return inserts.getOrDefault(name, new InsertCounts.Table(0, 0, 0));
        }

        double insertSeconds() {
            return inserts.values().stream().mapToLong(InsertCounts.Table::nanos).sum() / 1e9;
        }
    }

    private static void print(String title, Run run) {
        System.out.printf("    %s; %.2f s of it in the store's inserts (binding, request, answer):%n"
                + "      %-30s %8s %10s %12s %10s %12s%n", title, run.insertSeconds(), "table", "inserts", "rows",
                "rows/insert", "inserts/s", "ms/insert");
        run.inserts.forEach((table, t) -> System.out.printf("      %-30s %,8d %,10d %,12.1f %10.2f %12.2f%n", table,
                t.inserts(), t.rows(), t.rowsPerInsert(), t.inserts() / run.seconds, t.millisPerInsert()));
    }

    private static String fmt(double seconds) {
        return String.format("%.2f", seconds);
    }

    /** The writer as the job drives it, with every event available at once: the sink's throughput. */
    private static Run atLoad(WarmStoreConfig config, WriterPolicy policy, List<MappedEvent> events, long rowCount)
            throws InterruptedException {
        ClickHouseStore store = new ClickHouseStore(config);
        WarmStoreWriter writer = newWriter(store, policy);
        long start = System.nanoTime();
        for (int i = 0; i < events.size(); i += INBOX) {
            writer.tick();
            long readAt = System.currentTimeMillis(); // what the journal source stamps as it reads a chunk
            for (MappedEvent e : events.subList(i, Math.min(events.size(), i + INBOX))) {
                awaitRoom(writer);
                writer.accept(readAt(e, readAt));
            }
            writer.tick();
        }
        flush(writer);
        double seconds = (System.nanoTime() - start) / 1e9;
        writer.close();
        if (writer.counters().rowsWritten() != rowCount) {
            throw new IllegalStateException("the sink wrote " + writer.counters().rowsWritten() + " of " + rowCount
                    + " rows");
        }
        return new Run(seconds, writer.counters().batches(), store.inserts().snapshot());
    }

    /**
     * Production's rate in real time: each half second the events of that half second, ticks every 5 ms as Jet
     * calls an idle processor, {@code flushAll} at every snapshot interval as the job's snapshots do. The window
     * ends with the snapshot at its last second; counts and time are taken there.
     */
    private static Run atProductionRate(WarmStoreConfig config, WriterPolicy policy, long snapshotMs, int seconds)
            throws InterruptedException {
        ClickHouseStore store = new ClickHouseStore(config);
        WarmStoreWriter writer = newWriter(store, policy);
        Mix mix = new Mix(System.currentTimeMillis());
        long start = System.currentTimeMillis();
        long end = start + seconds * 1_000L;
        long nextSlot = start;
        long nextSnapshot = start + snapshotMs;
        long batchesBefore = writer.counters().batches();
        for (long now = start; nextSnapshot <= end; now = System.currentTimeMillis()) {
            if (now >= nextSlot && nextSlot < end) {
                for (MappedEvent e : mix.nextSlot(now)) {
                    awaitRoom(writer);
                    writer.accept(e);
                }
                nextSlot += 500;
            }
            writer.tick();
            requireHealthy(writer);
            if (now >= nextSnapshot) {
                flush(writer);
                nextSnapshot += snapshotMs;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        double elapsed = (System.currentTimeMillis() - start) / 1e3;
        Run run = new Run(elapsed, writer.counters().batches() - batchesBefore, store.inserts().snapshot());
        flush(writer);
        writer.close();
        if (writer.counters().rowsWritten() != mix.rows) {
            throw new IllegalStateException("the sink wrote " + writer.counters().rowsWritten() + " of " + mix.rows
                    + " rows");
        }
        return run;
    }

    /** A writer on the job's policy, connected (schema applied, state read) before any clock starts. */
    private static WarmStoreWriter newWriter(ClickHouseStore store, WriterPolicy policy) {
        WarmStoreWriter writer = new WarmStoreWriter(store, policy, System::currentTimeMillis, LOG, (e, reason) -> {
            throw new IllegalStateException(reason);
        });
        writer.tick();
        if (!writer.canAccept()) {
            throw new IllegalStateException("the warm store did not open (see the log above)");
        }
        store.inserts().reset();
        return writer;
    }

    private static void awaitRoom(WarmStoreWriter writer) throws InterruptedException {
        while (!writer.canAccept()) {
            writer.tick();
            requireHealthy(writer);
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    private static void flush(WarmStoreWriter writer) throws InterruptedException {
        while (!writer.flushAll()) {
            writer.tick();
            requireHealthy(writer);
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    /** The writer retries a failing store forever, as it must in the job; a benchmark stops instead. */
    private static void requireHealthy(WarmStoreWriter writer) {
        if (writer.counters().transientErrors() >= MAX_TRANSIENT_ERRORS) {
            throw new IllegalStateException("the warm store failed " + writer.counters().transientErrors()
                    + " times (the writer's warnings above say why): no figure from this round");
        }
    }

    private static MappedEvent readAt(MappedEvent m, long readTimeMs) {
        JournalEvent e = m.event();
        return new MappedEvent(new JournalEvent(e.epoch(), e.map(), e.partition(), e.seq(), e.key(), e.value(),
                e.oldValue(), e.added(), e.removed(), readTimeMs), m.rows(), m.rejection(), m.valueOrder());
    }

    private static Map<WarmTable, List<TableRow>> rowsByTable(List<MappedEvent> events) {
        Map<WarmTable, List<TableRow>> out = new LinkedHashMap<>();
        for (MappedEvent m : events) {
            if (m.isRejected()) {
                throw new IllegalStateException("the benchmark's own event was rejected: " + m.rejection());
            }
            for (TableRow r : m.rows()) {
                out.computeIfAbsent(r.table(), k -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    /** One client-v2 RowBinary insert per table, all its rows; returns the seconds the inserts took. */
    private static double bulkInsert(Target target, Map<WarmTable, List<TableRow>> rows) throws Exception {
        try (Client client = new Client.Builder().addEndpoint(target.endpoint.httpUrl())
                .setUsername(target.endpoint.user()).setPassword(target.endpoint.password()).build()) {
            if (!client.ping()) {
                throw new IllegalStateException("client-v2 cannot reach " + target.endpoint.httpUrl());
            }
            long start = System.nanoTime();
            for (Map.Entry<WarmTable, List<TableRow>> e : rows.entrySet()) {
                List<WarmTable.Column> columns = e.getKey().columns();
                InsertSettings settings = new InsertSettings().setDatabase(WarmTable.BLUE);
                try (InsertResponse r = client.insert(e.getKey().tableName(),
                        columns.stream().map(WarmTable.Column::name).toList(),
                        out -> writeRowBinary(out, columns, e.getValue()), ClickHouseFormat.RowBinary, settings)
                        .get(5, TimeUnit.MINUTES)) {
                    if (r.getWrittenRows() != e.getValue().size()) {
                        throw new IllegalStateException("client-v2 wrote " + r.getWrittenRows() + " of "
                                + e.getValue().size() + " rows into " + e.getKey().tableName());
                    }
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** RowBinary by the column types of sql/clickhouse: times as ticks of their precision, LowCardinality as String. */
    private static void writeRowBinary(OutputStream out, List<WarmTable.Column> columns, List<TableRow> rows)
            throws IOException {
        RowBinaryFormatSerializer w = new RowBinaryFormatSerializer(out);
        for (TableRow row : rows) {
            Object[] v = row.values();
            for (int i = 0; i < columns.size(); i++) {
                switch (columns.get(i).type()) {
                    case TIMESTAMP_US -> w.writeInt64((Long) v[i]);
                    case TIMESTAMP_MS -> w.writeInt64(Math.floorDiv((Long) v[i], 1_000L));
                    case DATE -> w.writeUInt16((Integer) v[i]);
                    case FLOAT32 -> w.writeFloat32(((Double) v[i]).floatValue());
                    case FLOAT64 -> w.writeFloat64((Double) v[i]);
                    case UINT8 -> w.writeUInt8(((Long) v[i]).shortValue());
                    case UINT16 -> w.writeUInt16(((Long) v[i]).intValue());
                    case UINT32 -> w.writeUInt32((Long) v[i]);
                    case INT8 -> w.writeInt8(((Long) v[i]).byteValue());
                    case INT16 -> w.writeInt16(((Long) v[i]).shortValue());
                    case STRING -> w.writeString((String) v[i]);
                    default -> throw new IllegalStateException("no RowBinary for " + columns.get(i));
                }
            }
        }
    }

    /** Production's DOLPHIN_FEATURES traffic, half a second at a time, mapped as the job's mapping stage maps it. */
    static final class Mix {

        private final long t0Ms;
        private final long[] seqs = new long[PARTITIONS];
        private long slot;
        long rows;

        Mix(long t0Ms) {
            this.t0Ms = t0Ms;
        }

        List<MappedEvent> events(int n) {
            List<MappedEvent> out = new ArrayList<>(n + SYMBOLS + 3);
            while (out.size() < n) {
                out.addAll(nextSlot(t0Ms + slot * 500));
            }
            List<MappedEvent> kept = new ArrayList<>(out.subList(0, n));
            rows = kept.stream().mapToLong(m -> m.rows().size()).sum();
            return kept;
        }

        /** The events of the next half second: every book once, exf once, a scan every 11 s, ACB every 30 s. */
        List<MappedEvent> nextSlot(long readTimeMs) {
            long t = t0Ms + slot * 500;
            List<MappedEvent> out = new ArrayList<>(SYMBOLS + 3);
            for (int s = 0; s < SYMBOLS; s++) {
                double mid = 100.0 + (slot + s) % 97;
                out.add(event("asset_S" + s + "USDT_ob", "{\"best_bid\": " + mid + ", \"best_ask\": " + (mid + 0.5)
                        + ", \"spread_bps\": 1.18, \"depth_1pct_usd\": 50000.0, \"depth_quality\": 0.85,"
                        + " \"fill_probability\": 0.95, \"imbalance\": 0.03, \"n_bid_levels\": 5, \"n_ask_levels\": 5,"
                        + " \"ts\": " + (t + s % 500) + "}", readTimeMs));
            }
            out.add(event("exf_latest", "{\"funding_btc\": -5.085e-05, \"funding_btc_lagged\": -5.085e-05,"
                    + " \"funding_eth\": 1.648e-05, \"oi_btc\": 97583.527, \"oi_eth\": 2246343.627, \"ls_btc\": 0.8218,"
                    + " \"ls_eth\": 1.4067, \"taker\": 0.5317, \"taker_lagged\": 2.1506, \"basis\": -0.07784355,"
                    + " \"imbalance_btc\": -0.786, \"dvol\": " + (52.0 + slot % 7) + ", \"fear_greed\": 45.0,"
                    + " \"_ts\": " + t / 1000.0 + "}", readTimeMs));
            if (slot % 22 == 0) {
                long scan = 134_276 + slot / 22;
                out.add(event("latest_eigen_scan", "{\"scan_number\": " + scan + ", \"timestamp\": " + t / 1000.0
                        + ", \"file_mtime\": " + t / 1000.0 + ", \"result\": {\"type\": \"scan\", \"asset\": \"BTCUSDT\","
                        + " \"regime\": \"BEAR\", \"bull_pct\": 42.86, \"bear_pct\": 57.14, \"sentiment\": \"BEARISH\","
                        + " \"total_symbols\": 50, \"correlation_symbol\": \"ETHUSDT\", \"vel_div\": -0.0319,"
                        + " \"w50_velocity\": 0.0112, \"w750_velocity\": 0.0431, \"instability_50\": 0.27},"
                        + " \"target_asset\": \"BTCUSDT\", \"version\": \"NG7\", \"_ng7_metadata\": {\"scan_number\": "
                        + scan + ", \"uuid\": \"0196393a-7b1c-7d2e-9f3a-" + String.format("%012x", scan) + "\"}}",
                        readTimeMs));
            }
            if (slot % 60 == 0) {
                out.add(event("acb_boost", "{\"boost\": " + (1.4 + slot % 9 / 100.0) + ", \"beta\": 0.8,"
                        + " \"signals\": 0.8, \"ts\": " + t + "}", readTimeMs));
            }
            slot++;
            rows += out.stream().mapToLong(m -> m.rows().size()).sum();
            return out;
        }

        private MappedEvent event(String key, String value, long readTimeMs) {
            int partition = Math.floorMod(key.hashCode(), PARTITIONS);
            return WarmEventMapper.map(new JournalEvent(1L, DolphinMaps.FEATURES, partition, seqs[partition]++, key,
                    value, null, false, false, readTimeMs));
        }
    }

    /** The ClickHouse a round writes into: chDB started for the round, or the named server. */
    private static final class Target implements AutoCloseable {

        private final ClickHouseEndpoint endpoint;
        private final ChdbProcess engine;

        private Target(ClickHouseEndpoint endpoint, ChdbProcess engine) {
            this.endpoint = endpoint;
            this.engine = engine;
        }

        static Target start(ClickHouseEndpoint named, Path chdbDir) throws IOException, SQLException {
            if (named == null) {
                ChdbProcess engine = ChdbProcess.start(chdbDir);
                return new Target(new ClickHouseEndpoint(engine.jdbcUrl(), engine.user(), engine.password()), engine);
            }
            Target t = new Target(named, null);
            try (Connection c = t.config().connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count() FROM system.databases WHERE name IN ('"
                         + WarmTable.BLUE + "', '" + WarmTable.GREEN + "')")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException(named.jdbcUrl() + " already has a database " + WarmTable.BLUE
                            + " or " + WarmTable.GREEN + ": the benchmark creates and drops both, so point it at a"
                            + " scratch server");
                }
            }
            return t;
        }

        WarmStoreConfig config() {
            return new WarmStoreConfig(endpoint.jdbcUrl(), endpoint.user(), endpoint.password(), true);
        }

        /** Both databases dropped and created again from sql/clickhouse: no parts, merges or tokens left. */
        void resetSchema() throws SQLException {
            try (Connection c = config().connect(); Statement st = c.createStatement()) {
                dropDatabases(st);
                SchemaApplier.apply(c, Dialect.CLICKHOUSE);
            }
        }

        /**
         * Per data table, the row count and per column a hash over the rows: the sink must store what the baseline
         * stored. Float32 columns are hashed rounded to 5 decimals: the engine parses some Float32 values of the
         * sink's text VALUES one ulp off the nearest float ({@code 1.18} is stored as {@code 1.1800001}, whatever
         * {@code precise_float_parsing} says); RowBinary carries the float itself.
         */
        Map<WarmTable, String> checksums() throws SQLException {
            Map<WarmTable, String> out = new LinkedHashMap<>();
            try (Connection c = config().connect(); Statement st = c.createStatement()) {
                for (WarmTable t : TABLES) {
                    String hashes = t.columns().stream().map(col -> "sum(cityHash64(" + (col.type() == ColumnType.FLOAT32
                                    ? "round(" + col.name() + ", 5)" : col.name()) + "))")
                            .collect(Collectors.joining(", "));
                    try (ResultSet rs = st.executeQuery("SELECT count(), " + hashes + " FROM " + WarmTable.BLUE
                            + "." + t.tableName())) {
                        rs.next();
                        StringBuilder b = new StringBuilder(rs.getLong(1) + " rows");
                        for (int i = 0; i < t.columns().size(); i++) {
                            b.append(", ").append(t.columns().get(i).name()).append(' ').append(rs.getString(i + 2));
                        }
                        out.put(t, b.toString());
                    }
                }
            }
            return out;
        }

        private static void dropDatabases(Statement st) throws SQLException {
            st.execute("DROP DATABASE IF EXISTS " + WarmTable.BLUE);
            st.execute("DROP DATABASE IF EXISTS " + WarmTable.GREEN);
        }

        @Override
        public void close() {
            if (engine != null) {
                engine.close();
                return;
            }
            try (Connection c = config().connect(); Statement st = c.createStatement()) {
                dropDatabases(st);
            } catch (SQLException e) {
                LOG.warning("could not drop the benchmark's databases on " + endpoint.jdbcUrl() + ": " + e);
            }
        }
    }
}
