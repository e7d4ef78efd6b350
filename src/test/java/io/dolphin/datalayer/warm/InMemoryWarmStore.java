package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.common.TableRow;
import io.dolphin.datalayer.warm.store.StoreErrors;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A warm store in memory that behaves as the real ones do as far as {@link WarmStoreWriter} can see, so its state
 * machine is tested in milliseconds. The instance is the server: it outlives writers, so a new writer over the same
 * store is a restarted job.
 *
 * <ul>
 *   <li>{@link #duckDbLike()}: a write is all or nothing (one transaction); errors read like DuckDB's.</li>
 *   <li>{@link #clickHouseLike()}: the intent protocol of {@code ClickHouseStore}: intent BEFORE, one insert per
 *   table with the batch's token, last values and ledger with it too, then AFTER. An insert whose
 *   {@code token:table} was seen before is dropped, as ClickHouse's deduplication window does, and an intent left in
 *   BEFORE is reported as {@link StoreState#pending()} at the next open. Errors read like ClickHouse's.</li>
 * </ul>
 * Failures are scripted: transient on open or write, a write that takes effect but loses its answer, a crash between
 * the inserts of a ClickHouse batch, rows refused by a predicate, a batch refused whole, and permanent failures.
 */
final class InMemoryWarmStore implements WarmStore {

    /** One write the store completed: the batch's token, events, rows it kept and ranges. */
    record Write(String token, int events, int rows, Map<Batch.RangeKey, SeqRange> ranges) {
    }

    private final boolean clickHouse;

    // What the server holds.
    private final Map<Batch.RangeKey, Long> committed = new HashMap<>();
    private final Map<Batch.MapKey, String> lastValues = new HashMap<>();
    private final Map<Batch.MapKey, Long> lastOrders = new HashMap<>();
    private final List<TableRow> rows = new ArrayList<>();
    private final Set<String> seenTokens = new HashSet<>();
    private final Map<String, StoreState.Intent> pending = new LinkedHashMap<>();
    private Map<Batch.MapKey, Long> storedOrders = Map.of();
    private final List<Write> writes = new ArrayList<>();

    // The script.
    private int failOpens;
    private int failWrites;
    private int commitThenFail;
    private int crashAfterInserts = -1;
    private int refuseBatches;
    private Predicate<TableRow> refused = r -> false;
    private String permanent;

    // What the writer did.
    private boolean connected;
    private int opens;
    private int closes;
    private int writeAttempts;
    private int probes;

    private InMemoryWarmStore(boolean clickHouse) {
        this.clickHouse = clickHouse;
    }

    static InMemoryWarmStore duckDbLike() {
        return new InMemoryWarmStore(false);
    }

    static InMemoryWarmStore clickHouseLike() {
        return new InMemoryWarmStore(true);
    }

    // ---- seeding what an earlier run left in the store

    InMemoryWarmStore withCommitted(Batch.RangeKey partition, long hi) {
        committed.put(partition, hi);
        return this;
    }

    InMemoryWarmStore withLastValue(Batch.MapKey key, String value, Long order) {
        lastValues.put(key, value);
        if (order != null) {
            lastOrders.put(key, order);
        }
        return this;
    }

    // ---- the script

    /** The next {@code n} opens fail as a store that is down. */
    void failNextOpens(int n) {
        failOpens = n;
    }

    /** The next {@code n} writes fail as a lost connection, before they change anything. */
    void failNextWrites(int n) {
        failWrites = n;
    }

    /** The next write takes effect, then the connection drops before the writer hears so. */
    void commitNextWriteThenFail() {
        commitThenFail = 1;
    }

    /** What {@link #ordersStoredSince} answers: what the tables hold, as a ClickHouse query of them would find. */
    void answerOrdersStoredSince(Map<Batch.MapKey, Long> orders) {
        storedOrders = Map.copyOf(orders);
    }

    @Override
    public Map<Batch.MapKey, Long> ordersStoredSince(long sinceMicros) {
        return storedOrders;
    }

    /** ClickHouse: the next write announces its intent and makes {@code tableInserts} table inserts, then dies. */
    void crashNextWriteAfterInserts(int tableInserts) {
        crashAfterInserts = tableInserts;
    }

    /** Rows the tables refuse, on write and on probe, until told otherwise. */
    void refuseRows(Predicate<TableRow> predicate) {
        refused = predicate;
    }

    /** The next {@code n} writes are refused as if a row were bad, though every row passes a probe. */
    void refuseNextBatches(int n) {
        refuseBatches = n;
    }

    /** From now on every open and write fails in a way no retry can cure (a missing table). */
    void failPermanently(String what) {
        permanent = what;
    }

    // ---- what the store holds and what the writer did

    List<TableRow> rows() {
        return List.copyOf(rows);
    }

    Map<Batch.RangeKey, Long> committed() {
        return Map.copyOf(committed);
    }

    Map<Batch.MapKey, String> lastValues() {
        return Map.copyOf(lastValues);
    }

    List<Write> writes() {
        return List.copyOf(writes);
    }

    StoreState.Intent pending() {
        return pending.isEmpty() ? null : List.copyOf(pending.values()).get(pending.size() - 1);
    }

    int opens() {
        return opens;
    }

    int closes() {
        return closes;
    }

    int writeAttempts() {
        return writeAttempts;
    }

    int probes() {
        return probes;
    }

    boolean connected() {
        return connected;
    }

    // ---- WarmStore

    @Override
    public StoreState open() throws SQLException {
        opens++;
        connected = false;
        if (permanent != null) {
            throw permanentError();
        }
        if (failOpens > 0) {
            failOpens--;
            throw new SQLTransientConnectionException("connection refused (the in-memory store is down)");
        }
        connected = true;
        return new StoreState(Map.copyOf(committed), Map.copyOf(lastValues), Map.copyOf(lastOrders), pending());
    }

    @Override
    public void write(Batch batch) throws SQLException {
        writeAttempts++;
        requireConnected();
        if (permanent != null) {
            throw permanentError();
        }
        if (failWrites > 0) {
            failWrites--;
            throw lostConnection();
        }
        if (clickHouse) {
            writeLikeClickHouse(batch);
        } else {
            writeLikeDuckDb(batch);
        }
        writes.add(new Write(batch.token(), batch.events(), batch.rows().size(), Map.copyOf(batch.ranges())));
        if (commitThenFail > 0) {
            commitThenFail--;
            throw lostConnection();
        }
    }

    @Override
    public void abandon(StoreState.Intent intent) {
        pending.remove(intent.token());
    }

    @Override
    public void probe(Batch.Target target, List<TableRow> probed) throws SQLException {
        probes++;
        requireConnected();
        for (TableRow r : probed) {
            if (refused.test(r)) {
                throw badRow(target, r);
            }
        }
    }

    @Override
    public StoreErrors.Kind classify(SQLException e) {
        return clickHouse ? StoreErrors.clickHouse(e) : StoreErrors.duckDb(e);
    }

    @Override
    public void close() {
        closes++;
        connected = false;
    }

    /** One transaction: checked whole, then applied whole. */
    private void writeLikeDuckDb(Batch batch) throws SQLException {
        Map<Batch.Target, List<Batch.BatchRow>> byTarget = batch.rowsByTarget(false);
        if (refuseBatches > 0) {
            refuseBatches--;
            throw new SQLException("Current transaction is aborted (please ROLLBACK)");
        }
        for (Map.Entry<Batch.Target, List<Batch.BatchRow>> e : byTarget.entrySet()) {
            for (Batch.BatchRow r : e.getValue()) {
                if (refused.test(r.row())) {
                    throw badRow(e.getKey(), r.row());
                }
            }
        }
        byTarget.values().forEach(list -> list.forEach(r -> rows.add(r.row())));
        applyLastValues(batch);
        applyLedger(batch);
    }

    /** The protocol of ClickHouseStore, step by step: a failure leaves what the steps before it did. */
    private void writeLikeClickHouse(Batch batch) throws SQLException {
        String token = batch.token();
        pending.put(token, new StoreState.Intent(token, Map.copyOf(batch.ranges()), System.currentTimeMillis() * 1_000L));
        int inserts = 0;
        for (Map.Entry<Batch.Target, List<Batch.BatchRow>> e : batch.rowsByTarget().entrySet()) {
            crashIfScripted(inserts);
            if (refuseBatches > 0) {
                refuseBatches--;
                throw new SQLException("Code: 53. DB::Exception: Type mismatch in the insert block of "
                        + e.getKey().qualifiedName());
            }
            for (Batch.BatchRow r : e.getValue()) {
                if (refused.test(r.row())) {
                    throw badRow(e.getKey(), r.row());
                }
            }
            if (seenTokens.add(token + ":" + e.getKey().qualifiedName())) {
                e.getValue().forEach(r -> rows.add(r.row()));
            }
            inserts++;
        }
        crashIfScripted(inserts);
        if (seenTokens.add(token + ":hz_last_values")) {
            applyLastValues(batch);
        }
        if (seenTokens.add(token + ":dolphin._ingest")) {
            applyLedger(batch);
        }
        pending.remove(token);
    }

    private void crashIfScripted(int inserts) throws SQLException {
        if (inserts == crashAfterInserts) {
            crashAfterInserts = -1;
            throw lostConnection();
        }
    }

    private void applyLastValues(Batch batch) {
        batch.lastValues().forEach((k, v) -> {
            if (v.value() == null) {
                lastValues.remove(k);
                lastOrders.remove(k);
            } else {
                lastValues.put(k, v.value());
                if (v.valueOrder() == null) {
                    lastOrders.remove(k);
                } else {
                    lastOrders.put(k, v.valueOrder());
                }
            }
        });
    }

    private void applyLedger(Batch batch) {
        batch.ranges().forEach((k, r) -> committed.merge(k, r.hi(), Math::max));
    }

    private void requireConnected() throws SQLException {
        if (!connected) {
            throw new SQLTransientConnectionException("not connected to the warm store");
        }
    }

    private SQLException lostConnection() {
        connected = false;
        return new SQLTransientConnectionException("connection reset by peer");
    }

    private SQLException badRow(Batch.Target target, TableRow row) {
        return new SQLException(clickHouse
                ? "Code: 53. DB::Exception: Cannot convert value of " + row + " for " + target.qualifiedName()
                : "Conversion Error: Could not convert a value of " + row + " for " + target.qualifiedName());
    }

    private SQLException permanentError() {
        return new SQLException(clickHouse ? "Code: 60. DB::Exception: " + permanent : "Catalog Error: " + permanent);
    }
}
