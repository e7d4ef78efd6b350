package io.dolphin.datalayer.obf;

import com.hazelcast.jet.Traverser;
import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.core.AbstractProcessor;
import com.hazelcast.jet.core.Inbox;
import com.hazelcast.jet.core.metrics.Metric;
import com.hazelcast.jet.core.metrics.Unit;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.common.Outcome;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Stage 2 of {@link ObfIngestJob}: turns each symbol's Kafka records, in order, into map updates of
 * {@code asset_<SYMBOL>_ob} and writes them itself; emits only dead letters.
 *
 * <p><b>Why one processor does it all.</b> Parsing, features and encoding cost ~3.6 µs a snapshot; every extra
 * Jet stage in between (queue hand-off, a second partitioned edge hashing the key again, the accepted/rejected
 * split) cost about as much again, and at 110,000 snapshots/s on two cores that was the difference between keeping
 * up and not. The input edge is partitioned by the map key with Hazelcast's own partitioner, so a processor receives
 * exactly the keys of the partitions its member owns: its writes are local.
 *
 * <p><b>Order.</b> At most one {@code putAllAsync} is in flight per processor, and one key always has one processor,
 * so a key's updates reach the map in the order Kafka held them. ({@code Sinks.map} keeps up to 16 batches in flight
 * and their partition operations may apply in any order: on our build machine it left a symbol's key on an older
 * snapshot.) A batch may hold several updates of one key: {@link EntryList} keeps them all, in order, so the journal
 * sees each. While a batch is in flight the processor parses the next one, so the cores parse while the partition
 * threads write.
 *
 * <p><b>Snapshots.</b> State is one order guard per key (the last accepted {@code ts}). Before its state goes into a
 * snapshot, every write of the records before the barrier has completed; with the Kafka offsets in the same
 * snapshot, a restart neither skips a record nor lets the guard drop one that never reached the map.
 *
 * <p><b>Latency.</b> When a write is acknowledged, {@link BookAgeMeter} counts how old each of its books is.
 */
final class OrderBookWriterP extends AbstractProcessor {

    /** Jet user metric: snapshots written to the map (one journal event each). */
    public static final String WRITTEN_METRIC = "snapshotsWritten";
    /** A batch is sent once this many updates are parsed; larger batches amortize per-partition operations. */
    static final int MAX_BATCH = 1024;

    private final OrderBookIngest ingest;
    private final String mapName;
    private final NewMetric newMetric;
    private final Map<String, OrderBookIngest.OrderGuard> guards = new HashMap<>();
    private final ArrayDeque<DeadLetter> deadLetters = new ArrayDeque<>();
    private List<Map.Entry<String, String>> next = new ArrayList<>();
    private List<Map.Entry<String, String>> inFlightBatch = new ArrayList<>();
    /** The exchange ts of each entry of {@link #next} and of {@link #inFlightBatch}, at the same index. */
    private long[] nextTs = new long[MAX_BATCH];
    private long[] inFlightTs = new long[MAX_BATCH];
    private BookAgeMeter ages;
    private IMap<String, String> map;
    private CompletableFuture<Void> inFlight;
    private Traverser<Map.Entry<String, Long>> snapshotTraverser;
    private final Map<String, Long> heldAtSubmission;
    private Metric stale;
    private Metric alreadyHeld;
    private Metric written;

    OrderBookWriterP(OrderBookIngest ingest, String mapName) {
        this(ingest, mapName, Map.of());
    }

    /** @param heldAtSubmission {@link ColdStart#storedTs()}: where each symbol's guard starts on a fresh submission */
    OrderBookWriterP(OrderBookIngest ingest, String mapName, Map<String, Long> heldAtSubmission) {
        this(ingest, mapName, heldAtSubmission, NewMetric.JET);
    }

    OrderBookWriterP(OrderBookIngest ingest, String mapName, Map<String, Long> heldAtSubmission,
                     NewMetric newMetric) {
        this.ingest = ingest;
        this.mapName = mapName;
        this.heldAtSubmission = heldAtSubmission;
        this.newMetric = newMetric;
    }

    @Override
    protected void init(Context context) {
        map = context.hazelcastInstance().getMap(mapName);
        ages = new BookAgeMeter(ingest.jobName(), newMetric);
    }

    @Override
    public boolean tryProcess() {
        writeIfIdle();
        ages.publishIfDue(System.currentTimeMillis());
        emitDeadLetters();
        return true;
    }

    @Override
    public void process(int ordinal, Inbox inbox) {
        writeIfIdle();
        for (Object item; next.size() < MAX_BATCH && (item = inbox.poll()) != null; ) {
            ObfRecord record = (ObfRecord) item;
            String key = record.routingKey();
            OrderBookIngest.OrderGuard guard = guards.computeIfAbsent(key, this::newGuard);
            Outcome<Map.Entry<String, String>> out = ingest.apply(guard, key, record);
            if (out == null) {
                countRefused(guard);
            } else if (out.isAccepted()) {
                nextTs[next.size()] = guard.lastTs();
                next.add(out.value());
            } else {
                deadLetters.add(out.deadLetter());
            }
        }
        writeIfIdle();
        emitDeadLetters();
    }

    private OrderBookIngest.OrderGuard newGuard(String key) {
        Long held = heldAtSubmission.get(key);
        return held == null ? new OrderBookIngest.OrderGuard() : OrderBookIngest.OrderGuard.heldAt(held);
    }

    private void countRefused(OrderBookIngest.OrderGuard guard) {
        // Metrics can only be created on the thread running the processor, not in init().
        if (guard.refusedAsHeld()) {
            if (alreadyHeld == null) {
                alreadyHeld = newMetric.create(ColdStart.SKIPPED_METRIC, Unit.COUNT);
            }
            alreadyHeld.increment();
        } else {
            if (stale == null) {
                stale = newMetric.create(OrderBookIngest.STALE_METRIC, Unit.COUNT);
            }
            stale.increment();
        }
    }

    /** Sends the parsed batch if the previous write has completed; true when nothing is parsed or in flight. */
    private boolean writeIfIdle() {
        if (inFlight != null) {
            if (!inFlight.isDone()) {
                return false;
            }
            // A failed write fails the job: it restarts from the last snapshot, and nothing acknowledged is lost.
            inFlight.join();
            ages.written(inFlightTs, inFlightBatch.size(), System.currentTimeMillis());
            if (written == null) {
                written = newMetric.create(WRITTEN_METRIC, Unit.COUNT);
            }
            written.increment(inFlightBatch.size());
            inFlight = null;
            inFlightBatch.clear();
        }
        if (next.isEmpty()) {
            return true;
        }
        List<Map.Entry<String, String>> sending = next;
        next = inFlightBatch;
        inFlightBatch = sending;
        long[] sendingTs = nextTs;
        nextTs = inFlightTs;
        inFlightTs = sendingTs;
        inFlight = map.putAllAsync(new EntryList<>(sending)).toCompletableFuture();
        return false;
    }

    private void emitDeadLetters() {
        while (!deadLetters.isEmpty() && tryEmit(deadLetters.peek())) {
            deadLetters.poll();
        }
    }

    @Override
    public boolean saveToSnapshot() {
        if (!writeIfIdle() || !deadLetters.isEmpty()) {
            emitDeadLetters();
            return false;
        }
        if (snapshotTraverser == null) {
            snapshotTraverser = Traversers.traverseIterable(guards.entrySet())
                    .map(e -> Map.entry(e.getKey(), e.getValue().lastTs()))
                    .onFirstNull(() -> snapshotTraverser = null);
        }
        return emitFromTraverserToSnapshot(snapshotTraverser);
    }

    @Override
    protected void restoreFromSnapshot(Object key, Object value) {
        guards.computeIfAbsent((String) key, k -> new OrderBookIngest.OrderGuard()).restore((Long) value);
    }

    @Override
    public boolean complete() {
        // Only bounded test sources complete; a stream never does. Everything parsed must be written first.
        boolean written = writeIfIdle();
        emitDeadLetters();
        return written && deadLetters.isEmpty();
    }
}
