package io.dolphin.datalayer.warm.store;

import io.dolphin.datalayer.warm.Batch;
import io.dolphin.datalayer.common.ColumnType;
import io.dolphin.datalayer.warm.StoreState;
import io.dolphin.datalayer.common.TableRow;
import io.dolphin.datalayer.warm.WarmStore;
import io.dolphin.datalayer.common.WarmTable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded warm store. Each batch is one DuckDB transaction: the rows go in through the Appender (Jet's plain
 * JDBC sink reaches ~10k rows/s into DuckDB, the Appender ~0.5M), and in the same transaction the batch replaces
 * its keys' rows in {@code hz_last_values} and its partitions' rows in {@code _ingest_runs}. A batch is therefore in the
 * store entirely or not at all, and {@code _ingest_runs} says exactly which journal events are in it.
 *
 * <p>The Appender joins the connection's transaction only once one is open, hence the explicit {@code BEGIN}.
 * After any failure the transaction is rolled back, never committed: DuckDB would otherwise commit nothing and say
 * nothing.
 */
final class DuckDbStore implements WarmStore {

    private static final int KEYS_PER_DELETE = 500;

    private final WarmStoreConfig config;
    private final LedgerRuns ledger = new LedgerRuns();
    private Connection connection;
    private DuckDBConnection duck;
    private boolean registered;

    public DuckDbStore(WarmStoreConfig config) {
        this.config = config;
    }

    @Override
    public StoreState open() throws SQLException {
        close();
        connection = config.connect();
        duck = connection.unwrap(DuckDBConnection.class);
        OpenDuckDbFiles.opened(config.url());
        registered = true;
        if (config.applySchema()) {
            SchemaApplier.apply(connection, Dialect.DUCKDB);
        }
        Map<Batch.RangeKey, Long> committed = new HashMap<>();
        Map<Batch.MapKey, String> lastValues = new HashMap<>();
        Map<Batch.MapKey, Long> lastOrders = new HashMap<>();
        try (Statement st = connection.createStatement()) {
            committed.putAll(ledger.loadFrom(st, "\"partition\""));
            StoredLastValues.read(st, "", lastValues, lastOrders);
        }
        return new StoreState(committed, lastValues, lastOrders, null);
    }

    @Override
    public void write(Batch batch) throws SQLException {
        requireOpen();
        execute("BEGIN TRANSACTION");
        try {
            for (Map.Entry<Batch.Target, List<Batch.BatchRow>> e : batch.rowsByTarget(false).entrySet()) {
                List<TableRow> rows = new ArrayList<>(e.getValue().size());
                e.getValue().forEach(r -> rows.add(r.row()));
                append(e.getKey(), rows);
            }
            writeLastValues(batch);
            List<LedgerRuns.Row> plan = writeLedger(batch);
            surfaceAbort();
            execute("COMMIT");
            ledger.apply(plan);
        } catch (SQLException | RuntimeException e) {
            abandonTransaction();
            throw e instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
        }
    }

    @Override
    public void probe(Batch.Target target, List<TableRow> rows) throws SQLException {
        requireOpen();
        execute("BEGIN TRANSACTION");
        try {
            append(target, rows);
            surfaceAbort();
        } catch (SQLException | RuntimeException e) {
            abandonTransaction();
            throw e instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
        }
        execute("ROLLBACK");
    }

    @Override
    public StoreErrors.Kind classify(SQLException e) {
        return StoreErrors.duckDb(e);
    }

    @Override
    public void close() {
        closeConnection();
        if (registered) {
            registered = false;
            OpenDuckDbFiles.closed(config.url());
        }
    }

    private void closeConnection() {
        WarmStore.closeQuietly(connection);
        connection = null;
        duck = null;
    }

    private void append(Batch.Target target, List<TableRow> rows) throws SQLException {
        List<WarmTable.Column> columns = target.table().columns();
        try (DuckDBAppender a = duck.createAppender(WarmTable.database(target.green()), target.table().tableName())) {
            for (TableRow row : rows) {
                a.beginRow();
                Object[] values = row.values();
                for (int i = 0; i < values.length; i++) {
                    appendValue(a, columns.get(i).type(), values[i]);
                }
                a.endRow();
            }
        }
    }

    private static void appendValue(DuckDBAppender a, ColumnType type, Object v) throws SQLException {
        switch (type) {
            case TIMESTAMP_US -> a.appendEpochMicros((Long) v);
            case TIMESTAMP_MS -> a.appendEpochMillis(Math.floorDiv((Long) v, 1_000L));
            case DATE -> a.appendEpochDays((Integer) v);
            case FLOAT32 -> a.append(((Double) v).floatValue());
            case FLOAT64 -> a.append(((Double) v).doubleValue());
            case UINT8, INT8 -> a.append(((Long) v).byteValue());
            case UINT16, INT16 -> a.append(((Long) v).shortValue());
            case UINT32 -> a.append(((Long) v).intValue());
            case STRING -> a.append((String) v);
        }
    }

    /** Replaces the rows of the touched keys: delete them all, then append those that still have a value. */
    private void writeLastValues(Batch batch) throws SQLException {
        Map<String, List<String>> keysByMap = new HashMap<>();
        batch.lastValues().keySet().forEach(k -> keysByMap.computeIfAbsent(k.map(), m -> new ArrayList<>()).add(k.key()));
        for (Map.Entry<String, List<String>> e : keysByMap.entrySet()) {
            String table = WarmTable.database(io.dolphin.datalayer.common.DolphinMaps.isGreen(e.getKey()))
                    + ".hz_last_values";
            deleteIn("DELETE FROM " + table + " WHERE map = ? AND key IN ", e.getKey(), e.getValue());
        }
        for (boolean green : new boolean[]{false, true}) {
            try (DuckDBAppender a = duck.createAppender(WarmTable.database(green), "hz_last_values")) {
                for (Map.Entry<Batch.MapKey, Batch.LastValue> e : batch.lastValues().entrySet()) {
                    Batch.LastValue v = e.getValue();
                    if (v.value() == null || io.dolphin.datalayer.common.DolphinMaps.isGreen(e.getKey().map()) != green) {
                        continue;
                    }
                    a.beginRow().append(e.getKey().map()).append(e.getKey().key()).append(v.value())
                            .appendEpochMicros(v.tsMicros()).append(v.epoch()).append(v.seq());
                    if (v.valueOrder() == null) {
                        a.appendNull();
                    } else {
                        a.append(v.valueOrder().longValue());
                    }
                    a.endRow();
                }
            }
        }
    }

    /**
     * The batch's runs into {@code _ingest_runs}: a run that continues a partition's last run replaces that run's
     * row (deleted, then appended longer), so the ledger keeps one row per run.
     */
    private List<LedgerRuns.Row> writeLedger(Batch batch) throws SQLException {
        List<LedgerRuns.Row> plan = ledger.plan(batch);
        Map<String, List<String>> replacedByEpochMap = new HashMap<>();
        for (LedgerRuns.Row r : plan) {
            if (r.replaces() != null) {
                replacedByEpochMap.computeIfAbsent(r.key().epoch() + "|" + r.key().map(), x -> new ArrayList<>())
                        .add(r.key().partition() + ":" + r.replaces());
            }
        }
        for (Map.Entry<String, List<String>> e : replacedByEpochMap.entrySet()) {
            String[] epochMap = e.getKey().split("\\|", 2);
            deleteIn("DELETE FROM dolphin._ingest_runs WHERE epoch = " + Long.parseLong(epochMap[0]) + " AND map = ?"
                    + " AND CAST(\"partition\" AS VARCHAR) || ':' || CAST(lo AS VARCHAR) IN ", epochMap[1], e.getValue());
        }
        long now = System.currentTimeMillis() * 1_000L;
        try (DuckDBAppender a = duck.createAppender(WarmTable.BLUE, "_ingest_runs")) {
            for (LedgerRuns.Row r : plan) {
                a.beginRow().append(r.key().epoch()).append(r.key().map()).append(r.key().partition())
                        .append(r.run().lo()).append(r.run().hi()).appendEpochMicros(now).endRow();
            }
        }
        return plan;
    }

    private void deleteIn(String sqlPrefix, String first, List<String> values) throws SQLException {
        for (int from = 0; from < values.size(); from += KEYS_PER_DELETE) {
            List<String> chunk = values.subList(from, Math.min(values.size(), from + KEYS_PER_DELETE));
            String sql = sqlPrefix + "(" + "?,".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, first);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 2, chunk.get(i));
                }
                ps.executeUpdate();
            }
        }
    }

    /**
     * Inside a transaction DuckDB's Appender reports a refused row (a CHECK constraint) by aborting the transaction
     * silently, and a COMMIT then commits nothing without a word. A statement after the appends makes it speak.
     */
    private void surfaceAbort() throws SQLException {
        execute("SELECT 1");
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /**
     * After a failed append DuckDB may keep the transaction aborted even past a ROLLBACK ("Current transaction is
     * aborted"), so the connection is replaced: closing it discards the transaction, nothing of the batch is kept.
     */
    private void abandonTransaction() {
        closeConnection();
        try {
            connection = config.connect();
            duck = connection.unwrap(DuckDBConnection.class);
        } catch (SQLException e) {
            closeConnection();
        }
    }

    private void requireOpen() throws SQLException {
        if (connection == null) {
            throw new SQLTransientConnectionException("not connected to the warm store");
        }
    }
}
