package io.dolphin.datalayer.warm.store;

import io.dolphin.datalayer.warm.Batch;
import io.dolphin.datalayer.common.ColumnType;
import io.dolphin.datalayer.warm.SeqRange;
import io.dolphin.datalayer.warm.StoreState;
import io.dolphin.datalayer.common.TableRow;
import io.dolphin.datalayer.warm.WarmStore;
import io.dolphin.datalayer.common.WarmTable;
import io.dolphin.datalayer.common.Json;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The production warm store through clickhouse-jdbc. ClickHouse has no transaction spanning tables, so a batch is
 * written as a small protocol (docs/warm-sink.md, "ClickHouse"):
 * <ol>
 *   <li>{@code _ingest_intent} gets {@code (epoch, token, ranges, BEFORE)};</li>
 *   <li>each table gets one insert with {@code insert_deduplication_token = <token>:<db.table>};</li>
 *   <li>{@code hz_last_values} and {@code _ingest_runs} get theirs, with tokens too;</li>
 *   <li>{@code _ingest_intent} gets {@code AFTER}.</li>
 * </ol>
 * A crash anywhere leaves either AFTER (done; {@code _ingest_runs} holds the ranges) or BEFORE: then the restarted
 * writer re-assembles exactly the announced ranges and repeats every insert with the same tokens, and the server
 * drops the ones it already has (every table keeps {@code non_replicated_deduplication_window} tokens).
 */
public final class ClickHouseStore implements WarmStore {

    /** Called after each step of the write protocol: how a test stops a writer between two steps. */
    @FunctionalInterface
    interface ProtocolSteps {
        ProtocolSteps NONE = step -> { };

        void completed(String step);
    }

    /** The Null-engine copies bad rows are tried on ({@link #probe}): nothing ever reads them. */
    private static final String PROBE_PREFIX = "_probe_";

    private final WarmStoreConfig config;
    private final ProtocolSteps steps;
    private final LedgerRuns ledger = new LedgerRuns();
    private final InsertCounts inserts = new InsertCounts();
    private final Set<Batch.Target> probeTables = new HashSet<>();
    private Connection connection;
    private long version;

    public ClickHouseStore(WarmStoreConfig config) {
        this(config, ProtocolSteps.NONE);
    }

    ClickHouseStore(WarmStoreConfig config, ProtocolSteps steps) {
        this.config = config;
        this.steps = steps;
    }

    /** Every insert this store sent that the server accepted (bench/WarmSinkClickHouseBenchmark reads them). */
    public InsertCounts inserts() {
        return inserts;
    }

    @Override
    public StoreState open() throws SQLException {
        close();
        connection = config.connect();
        if (config.applySchema()) {
            SchemaApplier.apply(connection, Dialect.CLICKHOUSE);
        }
        Map<Batch.RangeKey, Long> committed = new HashMap<>();
        Map<Batch.MapKey, String> lastValues = new HashMap<>();
        Map<Batch.MapKey, Long> lastOrders = new HashMap<>();
        StoreState.Intent pending = null;
        try (Statement st = connection.createStatement()) {
            committed.putAll(ledger.loadFrom(st, "partition"));
            StoredLastValues.read(st, " FINAL WHERE is_deleted = 0", lastValues, lastOrders);
            try (ResultSet rs = st.executeQuery("SELECT token, ranges, version FROM dolphin._ingest_intent FINAL "
                    + "WHERE state = 'BEFORE' ORDER BY version DESC LIMIT 1")) {
                if (rs.next()) {
                    pending = new StoreState.Intent(rs.getString(1), decodeRanges(rs.getString(2)), rs.getLong(3));
                }
            }
        }
        return new StoreState(committed, lastValues, lastOrders, pending);
    }

    @Override
    public void write(Batch batch) throws SQLException {
        requireOpen();
        if (batch.isEmpty()) {
            return;
        }
        try {
            writeSteps(batch);
        } catch (SQLException e) {
            // a refused batch is probed next: against the tables' rules as they are now
            probeTables.clear();
            throw e;
        }
    }

    private void writeSteps(Batch batch) throws SQLException {
        String token = batch.token();
        intent(batch, token, "BEFORE");
        steps.completed("intent BEFORE");
        for (Map.Entry<Batch.Target, List<Batch.BatchRow>> e : batch.rowsByTarget().entrySet()) {
            List<TableRow> rows = e.getValue().stream().map(Batch.BatchRow::row).toList();
            insert(e.getKey().qualifiedName(), e.getKey().table().columns(), rows, token);
            steps.completed("insert " + e.getKey().qualifiedName());
        }
        writeLastValues(batch, token);
        steps.completed("last values");
        writeLedger(batch, token);
        steps.completed("ledger");
        intent(batch, token, "AFTER");
    }

    @Override
    public void probe(Batch.Target target, List<TableRow> rows) throws SQLException {
        requireOpen();
        insert(probeTable(target), target.table().columns(), rows, null);
    }

    /**
     * Where rows are tried without being stored: a copy of the table on the Null engine, which keeps the table's
     * constraints (the null() table function would check the types only). Without the right to create it, the types
     * are all a probe can check.
     */
    private String probeTable(Batch.Target target) {
        String probe = WarmTable.database(target.green()) + "." + PROBE_PREFIX + target.table().tableName();
        if (probeTables.contains(target)) {
            return probe;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE " + probe + " AS " + target.qualifiedName() + " ENGINE = Null");
            probeTables.add(target);
            return probe;
        } catch (SQLException e) {
            String structure = target.table().columns().stream().map(c -> c.name() + " " + chType(c.type()))
                    .collect(Collectors.joining(", "));
            return "FUNCTION null('" + structure + "')";
        }
    }

    @Override
    public StoreErrors.Kind classify(SQLException e) {
        return StoreErrors.clickHouse(e);
    }

    @Override
    public void close() {
        WarmStore.closeQuietly(connection);
        connection = null;
        probeTables.clear();
    }

    private void insert(String target, List<WarmTable.Column> columns, List<TableRow> rows, String token)
            throws SQLException {
        String names = columns.stream().map(WarmTable.Column::name).collect(Collectors.joining(", "));
        // Deduplication asked for here, per insert: the server's profile should leave it off for every other writer,
        // whose identical rows are real rows (docs/warm-sink.md, "ClickHouse").
        String settings = token == null ? "" : " SETTINGS insert_deduplicate = 1, insert_deduplication_token = '"
                + token + ":" + target + "'";
        String sql = "INSERT INTO " + target + " (" + names + ")" + settings + " VALUES ("
                + "?, ".repeat(columns.size() - 1) + "?)";
        long start = System.nanoTime();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (TableRow row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    ps.setObject(i + 1, jdbcValue(columns.get(i).type(), row.values()[i]));
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        boolean probe = target.startsWith("FUNCTION ") || target.contains("." + PROBE_PREFIX);
        inserts.add(probe ? "probe" : target, rows.size(), System.nanoTime() - start);
    }

    private void writeLastValues(Batch batch, String token) throws SQLException {
        for (boolean green : new boolean[]{false, true}) {
            List<TableRow> rows = new ArrayList<>();
            for (Map.Entry<Batch.MapKey, Batch.LastValue> e : batch.lastValues().entrySet()) {
                Batch.LastValue v = e.getValue();
                if (DolphinMaps.isGreen(e.getKey().map()) == green) {
                    rows.add(new TableRow(null, green, new Object[]{e.getKey().map(), e.getKey().key(),
                            v.value() == null ? "" : v.value(), v.tsMicros(), v.epoch(), v.seq(), nextVersion(),
                            v.value() == null ? 1L : 0L, v.valueOrder()}));
                }
            }
            if (!rows.isEmpty()) {
                insert(WarmTable.database(green) + ".hz_last_values", LAST_VALUE_COLUMNS, rows, token);
            }
        }
    }

    private void writeLedger(Batch batch, String token) throws SQLException {
        long now = System.currentTimeMillis() * 1_000L;
        List<LedgerRuns.Row> plan = ledger.plan(batch);
        List<TableRow> rows = new ArrayList<>();
        for (LedgerRuns.Row r : plan) {
            rows.add(new TableRow(null, false, new Object[]{r.key().epoch(), r.key().map(), (long) r.key().partition(),
                r.run().lo(), r.run().hi(), now}));
        }
        insert("dolphin._ingest_runs", LEDGER_COLUMNS, rows, token);
        ledger.apply(plan);
    }

    @Override
    public Map<Batch.MapKey, Long> ordersStoredSince(long sinceMicros) throws SQLException {
        requireOpen();
        Map<Batch.MapKey, Long> out = new HashMap<>();
        String since = "fromUnixTimestamp64Micro(toInt64(" + sinceMicros + "), 'UTC')";
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT symbol, toUnixTimestamp64Micro(max(ts)) FROM "
                    + "dolphin.obf_universe WHERE ts >= " + since + " GROUP BY symbol")) {
                while (rs.next()) {
                    out.put(new Batch.MapKey(DolphinMaps.FEATURES, FeatureKeys.orderBook(rs.getString(1))),
                            rs.getLong(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT scan_number FROM dolphin.eigen_scans WHERE ts >= "
                    + since)) {
                while (rs.next()) {
                    out.put(new Batch.MapKey(DolphinMaps.EIGEN_SCANS, String.valueOf(rs.getLong(1))), rs.getLong(1));
                }
            }
        }
        return out;
    }

    @Override
    public void abandon(StoreState.Intent pending) throws SQLException {
        requireOpen();
        intent(pending.ranges(), pending.token(), "AFTER");
    }

    private void intent(Batch batch, String token, String state) throws SQLException {
        intent(batch.ranges(), token, state);
    }

    private void intent(Map<Batch.RangeKey, SeqRange> ranges, String token, String state) throws SQLException {
        long now = System.currentTimeMillis() * 1_000L;
        long epoch = ranges.keySet().iterator().next().epoch();
        insert("dolphin._ingest_intent", INTENT_COLUMNS, List.of(new TableRow(null, false, new Object[]{epoch, token,
                encodeRanges(ranges), state, nextVersion(), now})), null);
    }

    private long nextVersion() {
        version = Math.max(version + 1, System.currentTimeMillis() * 1_000L);
        return version;
    }

    /** The intent's ranges as stored in {@code _ingest_intent.ranges}; the next release reads this text back. */
    static String encodeRanges(Map<Batch.RangeKey, SeqRange> ranges) {
        Map<String, Object> out = new LinkedHashMap<>();
        ranges.forEach((k, r) -> out.put(k.toString(), List.of(r.lo(), r.hi())));
        return Json.write(out);
    }

    @SuppressWarnings("unchecked")
    static Map<Batch.RangeKey, SeqRange> decodeRanges(String json) {
        Map<Batch.RangeKey, SeqRange> out = new HashMap<>();
        Json.parseObject(json).forEach((k, v) -> {
            String[] p = k.split("/", 3);
            List<Number> r = (List<Number>) v;
            out.put(new Batch.RangeKey(Long.parseLong(p[0]), p[1], Integer.parseInt(p[2])),
                    new SeqRange(r.get(0).longValue(), r.get(1).longValue()));
        });
        return out;
    }

    /**
     * Times go as UTC text, which ClickHouse reads in the column's own zone (every time column is UTC). A
     * {@code LocalDateTime} would not do: the driver turns it into an instant in the JVM's default zone, so a member
     * in Tokyo stored every time 9 hours early.
     */
    private static Object jdbcValue(ColumnType type, Object v) {
        return switch (type) {
            case TIMESTAMP_US, TIMESTAMP_MS -> UTC_MICROS.format(Instant.EPOCH.plusNanos((Long) v * 1_000L));
            case DATE -> LocalDate.ofEpochDay((Integer) v);
            case FLOAT32 -> ((Double) v).floatValue();
            default -> v;
        };
    }

    private static final DateTimeFormatter UTC_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private static String chType(ColumnType t) {
        return switch (t) {
            case TIMESTAMP_US -> "DateTime64(6, \\'UTC\\')";
            case TIMESTAMP_MS -> "DateTime64(3, \\'UTC\\')";
            case DATE -> "Date";
            case FLOAT32 -> "Float32";
            case FLOAT64 -> "Float64";
            case UINT8 -> "UInt8";
            case UINT16 -> "UInt16";
            case UINT32 -> "UInt32";
            case INT8 -> "Int8";
            case INT16 -> "Int16";
            case STRING -> "String";
        };
    }

    private void requireOpen() throws SQLException {
        if (connection == null) {
            throw new SQLTransientConnectionException("not connected to the warm store");
        }
    }

    // Bookkeeping columns: the types here only choose the JDBC binding (timestamps, floats); integers pass as long.
    private static final List<WarmTable.Column> LAST_VALUE_COLUMNS = List.of(
            new WarmTable.Column("map", ColumnType.STRING), new WarmTable.Column("key", ColumnType.STRING),
            new WarmTable.Column("value", ColumnType.STRING), new WarmTable.Column("ts", ColumnType.TIMESTAMP_US),
            new WarmTable.Column("epoch", ColumnType.INT16), new WarmTable.Column("seq", ColumnType.INT16),
            new WarmTable.Column("version", ColumnType.UINT32), new WarmTable.Column("is_deleted", ColumnType.UINT8),
            new WarmTable.Column("value_order", ColumnType.INT16));
    private static final List<WarmTable.Column> LEDGER_COLUMNS = List.of(
            new WarmTable.Column("epoch", ColumnType.INT16), new WarmTable.Column("map", ColumnType.STRING),
            new WarmTable.Column("partition", ColumnType.UINT32), new WarmTable.Column("lo", ColumnType.INT16),
            new WarmTable.Column("hi", ColumnType.INT16), new WarmTable.Column("committed_at", ColumnType.TIMESTAMP_US));
    private static final List<WarmTable.Column> INTENT_COLUMNS = List.of(
            new WarmTable.Column("epoch", ColumnType.INT16), new WarmTable.Column("token", ColumnType.STRING),
            new WarmTable.Column("ranges", ColumnType.STRING), new WarmTable.Column("state", ColumnType.STRING),
            new WarmTable.Column("version", ColumnType.UINT32), new WarmTable.Column("at", ColumnType.TIMESTAMP_US));
}
