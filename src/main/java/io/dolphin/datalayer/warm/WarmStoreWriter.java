package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.Backoff;
import io.dolphin.datalayer.warm.store.StoreErrors;
import com.hazelcast.logging.ILogger;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The delivery logic of dolphin-warm-sink, independent of Jet and of the dialect: at-least-once input from the
 * journals becomes an exactly-once effect in the store.
 *
 * <pre>
 *  journal partition (epoch E, map M, partition P):   seq 0 ........ c | c+1 ........ b | b+1 ....
 *                                                     in the store     in a batch       not seen yet
 *  _ingest_runs[E,M,P] ends at c  (committed with the rows, in the same transaction or protocol)
 *
 *  event seq s arrives      s <= seen[E,M,P]          -> duplicate of a replay: skipped, counted
 *                           value order <= stored     -> the map's writer replayed it after its own restart:
 *                                                        range committed, no row, counted (see isWriterReplay)
 *                           s == seen + 1             -> buffered
 *                           s >  seen + 1             -> buffered; s - seen - 1 events were lost to journal
 *                                                        overflow: counted and logged, never silent
 *  seen starts at c (read from the store at connect); a restarted job re-reads from its snapshot offset <= c+1.
 *
 *                 batch full / old enough / snapshot
 *   [filling] ─────────────────────────────────────▶ [in flight] ──write ok──▶ committed (hi advances)
 *       ▲                                              │   │
 *       │                                  transient   │   │ bad row: probe halves, dead-letter the rows
 *       │ canAccept() false while           (backoff,  │   │ the store refuses, write the rest
 *       │ maxBufferedEvents are held:        reconnect)│   │
 *       │ the journal keeps the rest        ◀──────────┘   └ permanent: fail the job with the store's message
 *
 *   ClickHouse only: at connect, an intent left in state BEFORE becomes [replay]: events inside its ranges are
 *   re-assembled into a batch with its token; everything else waits (and goes into Jet snapshots) until it is written.
 * </pre>
 *
 * A key that comes back ADDED with exactly the raw value the store already holds for it is hz-warmup restoring the
 * hot store: its range is committed but it adds no row, so a full cluster restart does not repeat history.
 *
 * <p>{@code WarmStoreWriterTest} drives each transition above against an in-memory {@link WarmStore} and a clock of
 * its own, in milliseconds; the store tests and the job tests then run the same logic against DuckDB and a cluster.
 */
public final class WarmStoreWriter implements AutoCloseable {

    /** Where rows the store refuses go: the dead-letter map in the job. */
    @FunctionalInterface
    public interface DeadLetterTarget {
        void reject(JournalEvent origin, String reason);
    }

    private static final long LOG_EVERY_MS = 30_000;

    private final WarmStore store;
    private final WriterPolicy policy;
    private final Backoff retryBackoff;
    private final LongSupplier clock;
    private final ILogger logger;
    private final DeadLetterTarget deadLetters;
    private final SinkCounters counters = new SinkCounters();

    private final Map<Batch.RangeKey, Long> committed = new HashMap<>();
    private final Map<Batch.RangeKey, Long> seen = new HashMap<>();
    private final Map<Batch.MapKey, String> known = new HashMap<>();
    /** Per key, the highest value-derived order stored ({@link RowMapper#orderedRows}): survives in hz_last_values. */
    private final Map<Batch.MapKey, Long> orders = new HashMap<>();
    /** Partitions already reported as reusing sequence numbers in this execution (logged once each). */
    private final java.util.Set<Batch.RangeKey> reusedLogged = new java.util.HashSet<>();
    private Batch filling = new Batch();
    private Batch inFlight;
    private Replay replay;
    private final List<MappedEvent> heldDuringReplay = new ArrayList<>();
    /** How far before a dead cluster's batch its rows' event times can lie: batching delay and the sink's lag. */
    private static final long DEAD_BATCH_WINDOW_US = 10 * 60 * 1_000_000L;
    /** Set after a whole-cluster restart: per key, the newest row the dead cluster's last batch may have stored. */
    private Map<Batch.MapKey, Long> deadBatchOrders = Map.of();
    private List<MappedEvent> toRestore = List.of();
    private boolean open;
    private boolean everOpened;
    private long nextAttemptAt;
    private long backoffMs;
    private long lastFailureLogAt = Long.MIN_VALUE / 2;

    public WarmStoreWriter(WarmStore store, WriterPolicy policy, LongSupplier clock, ILogger logger,
                           DeadLetterTarget deadLetters) {
        this.store = store;
        this.policy = policy;
        this.retryBackoff = policy.retryBackoff();
        this.clock = clock;
        this.logger = logger;
        this.deadLetters = deadLetters;
    }

    public SinkCounters counters() {
        return counters;
    }

    /** False until the store was read once, and while {@code maxBufferedEvents} wait for a store that is down. */
    public boolean canAccept() {
        return everOpened && filling.events() + heldDuringReplay.size() < policy.maxBufferedEvents();
    }

    public void accept(MappedEvent m) {
        JournalEvent e = m.event();
        Batch.RangeKey rk = Batch.RangeKey.of(e);
        long hi = seen.getOrDefault(rk, -1L);
        Batch.MapKey mk = new Batch.MapKey(e.map(), e.key());
        boolean reused = e.seq() <= hi && isNewerThanStored(m, mk);
        if (e.seq() <= hi && !reused) {
            counters.duplicatesSkipped++;
            return;
        }
        if (reused) {
            // Not a replay: nothing at this position can be newer than what was stored from it. The partition's
            // journal is a promoted backup that lacked the last events read from the dead owner, and new events now
            // carry their sequence numbers. Keep the event; seen stays where it is.
            counters.reusedSequences++;
            if (replay != null && replay.announces(rk) && replay.gone.add(rk)) {
                // what the pending batch announced past the promoted journal's end will never be read again
                logger.warning("journal " + rk + " was replaced while batch " + replay.batch.token() + " was pending:"
                        + " its announced events past the new journal's end are gone, so it is written without them");
            }
            if (reusedLogged.add(rk)) {
                logger.severe("journal " + rk + " reuses sequence " + e.seq() + " (the sink has seen up to " + hi
                        + ") for a newer value of " + e.key() + ": the partition's journal was replaced by a backup"
                        + " that lacked the owner's last events; writing such values instead of skipping them"
                        + " (counted in " + SinkCounters.REUSED_SEQUENCES + ")");
            }
        } else if (e.seq() > hi + 1) {
            long gap = e.seq() - hi - 1;
            counters.journalLost += gap;
            logger.severe(gap + " journal events of " + rk + " (sequences " + (hi + 1) + ".." + (e.seq() - 1)
                    + ") never reached the warm store: the event journal overflowed before they were read");
        }
        if (!reused) {
            seen.put(rk, e.seq());
        }
        if (replay != null && !replay.epochGone && !replay.isOfEpoch(e.epoch())) {
            replay.epochGone = true;
            deadBatchOrders = replay.storedSince;
        }
        Batch target = !reused && replay != null && replay.covers(rk, e.seq()) ? replay.batch : filling;
        if (replay != null) {
            heldDuringReplay.add(m);
        }
        long tsMicros = e.readTimeMs() * 1_000L;
        if (e.removed()) {
            known.remove(mk);
            orders.remove(mk);
            target.add(e, List.of(), new Batch.LastValue(null, tsMicros, e.epoch(), e.seq(), null));
        } else if (e.added() && e.value() != null && e.value().equals(known.get(mk))) {
            counters.restoredSkipped++;
            target.add(e, List.of(), null);
        } else if (isStoredByDeadBatch(m, mk)) {
            counters.replaysSkipped++;
            target.add(e, List.of(), null);
        } else if (isWriterReplay(m, mk)) {
            counters.replaysSkipped++;
            target.add(e, List.of(), null);
        } else {
            known.put(mk, e.value());
            Long order = m.valueOrder() != null ? m.valueOrder() : orders.get(mk);
            if (order != null) {
                orders.put(mk, order);
            }
            target.add(e, m.rows(), new Batch.LastValue(e.value(), tsMicros, e.epoch(), e.seq(), order));
        }
    }

    /**
     * A source re-read after a whole-cluster restart what a batch of the dead cluster had already stored without its
     * last values (the batch's table inserts landed, its hz_last_values did not): its order is at or below the
     * newest stored for its key.
     */
    private boolean isStoredByDeadBatch(MappedEvent m, Batch.MapKey mk) {
        Long stored = deadBatchOrders.get(mk);
        return stored != null && m.valueOrder() != null && m.valueOrder() <= stored;
    }

    /**
     * A value the map's writer wrote again after a restart (obf-ingest re-writes the snapshots since its last Jet
     * snapshot): its own order is below the last one stored for the key, or equal with the same text. These are new
     * journal events, so the journal-position rule cannot see them. A correction (equal order, different text) is
     * kept. Values without an order of their own cannot be told apart and are written.
     */
    private boolean isWriterReplay(MappedEvent m, Batch.MapKey mk) {
        Long order = m.valueOrder();
        Long last = order == null ? null : orders.get(mk);
        if (last == null) {
            return false;
        }
        return order < last || order.equals(last) && m.event().value() != null
                && m.event().value().equals(known.get(mk));
    }

    /**
     * An event at a journal position the sink has already passed can only be a re-read of an event it accepted, and
     * such an event is never newer than the highest order stored for its key. One that is newer is a new event under a
     * reused sequence number. Only values that carry their own order can be told apart this way.
     */
    private boolean isNewerThanStored(MappedEvent m, Batch.MapKey mk) {
        Long order = m.valueOrder();
        Long last = order == null || m.event().removed() ? null : orders.get(mk);
        return last != null && order > last;
    }

    /** Connects, writes what is due, retries what failed once its backoff is over. Never blocks on a backoff. */
    public void tick() {
        long now = clock.getAsLong();
        if (!open && (now < nextAttemptAt || !tryOpen(now))) {
            updateGauges(now);
            return;
        }
        if (replay != null && inFlight == null && (replay.isComplete() || replay.epochGone || now - replay.startedAt
                >= policy.replayTimeoutMs())) {
            if (replay.epochGone) {
                logger.warning("pending batch " + replay.batch.token() + " was begun before the whole cluster "
                        + "restarted: its journal epoch is gone, so its events cannot be replayed. Rows its inserts "
                        + "stored before the crash stay; the sources re-read from what the store holds, which can "
                        + "store such rows again: run bin/dolphin audit");
            } else if (!replay.isComplete()) {
                // Its missing events were either overwritten (the journal counts that) or are still being re-read by
                // a slow restart. ClickHouse drops a repeated insert by its token whatever rows it carries, so what the
                // dead writer's inserts stored stays, and the late events must not be stored again: measured in the
                // soak, a replay slower than the timeout stored 2,222 books twice. Judge them as after a whole-cluster
                // restart: at or below what the store held since the batch began, they are its rows.
                deadBatchOrders = replay.storedSince;
                logger.warning("writing pending batch " + replay.batch.token() + " without all its events after "
                        + policy.replayTimeoutMs() + " ms (overwritten in the journal, or the restart re-reads them"
                        + " slowly): events of it that arrive later and are at or below what the store already holds"
                        + " are skipped as its own rows (" + SinkCounters.REPLAYS_SKIPPED + ")");
            }
            if (replay.batch.isEmpty()) {
                // all its ranges were committed (the writer died after the ledger, before AFTER), or its epoch is
                // gone: nothing of it is left to write, and the next start must not wait for it again
                try {
                    store.abandon(replay.intent);
                } catch (SQLException e) {
                    failed(now, e, "cannot close a pending batch in");
                    updateGauges(now);
                    return;
                }
                heldDuringReplay.clear();
            } else {
                inFlight = replay.batch;
            }
            replay = null;
        }
        if (inFlight == null && replay == null && !filling.isEmpty() && isDue(now)) {
            inFlight = filling;
            filling = new Batch();
        }
        if (inFlight != null && now >= nextAttemptAt) {
            attempt(now);
            if (inFlight == null && replay == null) {
                heldDuringReplay.clear();
            }
        }
        updateGauges(now);
    }

    /**
     * Writes everything buffered, for a Jet snapshot. True when nothing is left that the snapshot's journal offsets
     * would skip; while a ClickHouse replay is pending, the held events travel in the snapshot instead.
     */
    public boolean flushAll() {
        if (replay != null) {
            return true;
        }
        long now = clock.getAsLong();
        if (!open && (now < nextAttemptAt || !tryOpen(now))) {
            // Jet calls this again and again while a snapshot waits for the store, and nothing else meanwhile: the
            // gauges must still show the outage growing
            updateGauges(now);
            return false;
        }
        if (inFlight == null && !filling.isEmpty()) {
            inFlight = filling;
            filling = new Batch();
        }
        if (inFlight != null && now >= nextAttemptAt) {
            attempt(now);
        }
        updateGauges(now);
        return inFlight == null && filling.isEmpty();
    }

    /** Events accepted since a pending replay began: they belong in the snapshot until the replay is written. */
    public List<MappedEvent> heldDuringReplay() {
        return replay == null ? List.of() : List.copyOf(heldDuringReplay);
    }

    /** Events a snapshot held: accepted again once the store is open (duplicates of them are skipped as usual). */
    public void restoreHeld(List<MappedEvent> held) {
        toRestore = List.copyOf(held);
    }

    @Override
    public void close() {
        store.close();
    }

    private boolean isDue(long now) {
        return filling.events() >= policy.batchMaxEvents() || now - filling.firstReadTimeMs() >= policy.batchMaxDelayMs();
    }

    private boolean tryOpen(long now) {
        StoreState state;
        Map<Batch.MapKey, Long> storedSincePending = Map.of();
        try {
            state = store.open();
            if (!everOpened && state.pending() != null) {
                // if the batch turns out to be the dead cluster's, what its inserts may have stored
                storedSincePending = store.ordersStoredSince(state.pending().beganMicros() - DEAD_BATCH_WINDOW_US);
            }
        } catch (SQLException e) {
            failed(now, e, "cannot connect to");
            return false;
        }
        open = true;
        counters.storeUp = true;
        backoffMs = 0;
        state.committed().forEach((k, v) -> {
            committed.merge(k, v, Math::max);
            seen.merge(k, v, Math::max);
        });
        if (!everOpened) {
            everOpened = true;
            known.putAll(state.lastValues());
            orders.putAll(state.lastOrders());
            if (state.pending() != null) {
                replay = new Replay(state.pending(), now, storedSincePending);
                logger.info("the warm store holds a batch that was begun but not confirmed (" + state.pending().token()
                        + "): re-assembling its " + state.pending().ranges().size() + " journal ranges to repeat it");
            }
            toRestore.forEach(this::accept);
            toRestore = List.of();
        }
        if (inFlight != null && isCommitted(inFlight)) {
            inFlight = null;
        }
        return true;
    }

    private void attempt(long now) {
        try {
            store.write(inFlight);
            onCommitted(inFlight);
            inFlight = null;
            backoffMs = 0;
            return;
        } catch (SQLException e) {
            if (store.classify(e) != StoreErrors.Kind.BAD_ROW) {
                failed(now, e, "cannot write to");
                return;
            }
        }
        try {
            isolateBadRows(inFlight);
        } catch (SQLException e) {
            failed(now, e, "cannot probe rows in");
        }
    }

    private void onCommitted(Batch batch) {
        batch.ranges().forEach((k, r) -> committed.merge(k, r.hi(), Math::max));
        counters.rowsWritten += batch.rows().size();
        counters.eventsCommitted += batch.events();
        counters.batches++;
    }

    /** A failure that is not a bad row: permanent ones end the job, the rest back off and reconnect. */
    private void failed(long now, SQLException e, String what) {
        StoreErrors.Kind kind = store.classify(e);
        if (kind == StoreErrors.Kind.PERMANENT) {
            throw new IllegalStateException("dolphin-warm-sink " + what + " the warm store and no retry can help: "
                    + e.getMessage() + " (check the schema: bin/dolphin schema apply, and DOLPHIN_WARM_JDBC_URL)", e);
        }
        counters.transientErrors++;
        counters.storeUp = false;
        store.close();
        open = false;
        backoffMs = retryBackoff.next(backoffMs);
        nextAttemptAt = now + backoffMs;
        if (now - lastFailureLogAt >= LOG_EVERY_MS) {
            lastFailureLogAt = now;
            logger.warning("dolphin-warm-sink " + what + " the warm store (" + counters.transientErrors
                    + " failures so far), keeping " + (inFlight == null ? 0 : inFlight.events()) + " + "
                    + filling.events() + " events and retrying in " + backoffMs + " ms: " + e.getMessage());
        }
    }

    /** Finds the rows the store refuses by probing halves, dead-letters them, keeps the rest of the batch. */
    private void isolateBadRows(Batch batch) throws SQLException {
        int found = 0;
        for (Map.Entry<Batch.Target, List<Batch.BatchRow>> e : batch.rowsByTarget().entrySet()) {
            List<RefusedRow> bad = new ArrayList<>();
            bisect(e.getKey(), e.getValue(), bad);
            if (bad.size() > 1 && bad.size() == e.getValue().size()) {
                // a table that refuses every row has a problem of its own: no row is dead-lettered for it
                throw new RetryableWriteException(e.getKey().qualifiedName() + " refuses every row of the batch: "
                        + bad.get(0).storeMessage());
            }
            for (RefusedRow r : bad) {
                deadLetters.reject(r.row().origin(), "the warm store refused the row for " + e.getKey().qualifiedName()
                        + " (" + r.storeMessage() + "): " + r.row().row());
            }
            batch.removeRows(bad.stream().map(RefusedRow::row).toList());
            found += bad.size();
        }
        counters.badRows += found;
        if (found == 0) {
            throw new RetryableWriteException("the batch was refused but no single row is: retrying it");
        }
    }

    private void bisect(Batch.Target target, List<Batch.BatchRow> rows, List<RefusedRow> bad) throws SQLException {
        try {
            store.probe(target, rows.stream().map(Batch.BatchRow::row).toList());
            return;
        } catch (SQLException e) {
            if (store.classify(e) != StoreErrors.Kind.BAD_ROW) {
                throw e;
            }
            if (rows.size() == 1) {
                bad.add(new RefusedRow(rows.get(0), RefusedRow.firstLine(e)));
                return;
            }
        }
        int half = rows.size() / 2;
        bisect(target, rows.subList(0, half), bad);
        bisect(target, rows.subList(half, rows.size()), bad);
    }

    /** A row the store refused on its own, with the store's reason: what an operator reads in the dead letter. */
    private record RefusedRow(Batch.BatchRow row, String storeMessage) {
        private static final int MAX_MESSAGE = 400;

        static String firstLine(SQLException e) {
            String m = String.valueOf(e.getMessage()).strip();
            int nl = m.indexOf('\n');
            m = nl < 0 ? m : m.substring(0, nl);
            return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE) + "...";
        }
    }

    private boolean isCommitted(Batch batch) {
        return batch.ranges().entrySet().stream()
                .allMatch(e -> committed.getOrDefault(e.getKey(), -1L) >= e.getValue().hi());
    }

    private void updateGauges(long now) {
        long oldest = Math.min(filling.firstReadTimeMs(), inFlight == null ? Long.MAX_VALUE : inFlight.firstReadTimeMs());
        if (replay != null) {
            oldest = Math.min(oldest, replay.batch.firstReadTimeMs());
        }
        counters.lagMs = oldest == Long.MAX_VALUE ? 0 : Math.max(0, now - oldest);
        counters.bufferedEvents = filling.events() + (inFlight == null ? 0 : inFlight.events())
                + (replay == null ? 0 : replay.batch.events());
    }

    /** A ClickHouse batch announced before a crash, being re-assembled from the replayed journal. */
    private final class Replay {
        final StoreState.Intent intent;
        final Batch batch;
        final long startedAt;

        /** The journal epochs its ranges name: one, the cluster's at the time. */
        final java.util.Set<Long> epochs;

        /** {@link WarmStore#ordersStoredSince} from shortly before the batch was announced. */
        final Map<Batch.MapKey, Long> storedSince;

        Replay(StoreState.Intent intent, long startedAt, Map<Batch.MapKey, Long> storedSince) {
            this.intent = intent;
            this.storedSince = storedSince;
            this.epochs = intent.ranges().keySet().stream().map(Batch.RangeKey::epoch)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
            this.batch = new Batch(intent.token());
            this.startedAt = startedAt;
        }

        /** Announced partitions whose journal was replaced (reused sequences): their missing events never come. */
        final java.util.Set<Batch.RangeKey> gone = new java.util.HashSet<>();

        /** Set once an event of another journal epoch arrives: the whole cluster restarted since the intent. */
        boolean epochGone;

        boolean isOfEpoch(long epoch) {
            return epochs.contains(epoch);
        }

        boolean covers(Batch.RangeKey rk, long seq) {
            SeqRange r = intent.ranges().get(rk);
            return r != null && r.contains(seq);
        }

        boolean isComplete() {
            return intent.ranges().entrySet().stream()
                    .allMatch(e -> gone.contains(e.getKey()) || seen.getOrDefault(e.getKey(), -1L) >= e.getValue().hi());
        }

        boolean announces(Batch.RangeKey rk) {
            return intent.ranges().containsKey(rk);
        }
    }
}
