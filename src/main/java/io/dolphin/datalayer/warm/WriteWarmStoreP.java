package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import com.hazelcast.jet.Traverser;
import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.core.AbstractProcessor;
import com.hazelcast.jet.core.BroadcastKey;
import com.hazelcast.jet.core.Inbox;
import com.hazelcast.jet.core.metrics.Metric;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.core.metrics.Unit;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.DeadLetterCodec;
import io.dolphin.datalayer.common.DeadLetters;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.DeadLetter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * The warm-store sink processor: one per job (the store wants one writer), non-cooperative because JDBC blocks.
 * It takes events only while the writer has room, so a store outage backs pressure up to the journal readers
 * instead of filling the heap; and it completes a Jet snapshot only once everything before it is in the store,
 * so the journal offsets in a snapshot never run ahead of the warm tables.
 */
public final class WriteWarmStoreP extends AbstractProcessor {

    /** Events per snapshot entry of what a ClickHouse replay holds ({@link HeldChunks}). */
    private static final int HELD_CHUNK = 1_000;

    private final String jobName;
    private final WarmStoreConfig config;
    private final WriterPolicy policy;
    private final HeldChunks<MappedEvent> restored = new HeldChunks<>();
    private Traverser<Map.Entry<BroadcastKey<String>, List<MappedEvent>>> heldChunks;
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private WarmStoreWriter writer;
    private IMap<String, String> deadLetterMap;
    private final DeadLetterCodec codec = new DeadLetterCodec();
    private Metric deadLetterMetric;

    public WriteWarmStoreP(String jobName, WarmStoreConfig config, WriterPolicy policy) {
        this.jobName = jobName;
        this.config = config;
        this.policy = policy;
    }

    @Override
    public boolean isCooperative() {
        return false;
    }

    @Override
    protected void init(Context context) {
        deadLetterMap = context.hazelcastInstance().getMap(DolphinMaps.DEAD_LETTERS);
        writer = new WarmStoreWriter(config.newStore(), policy, System::currentTimeMillis, getLogger(),
                this::deadLetter);
        getLogger().info("writing to " + config + " with " + policy);
    }

    @Override
    public void process(int ordinal, Inbox inbox) {
        writer.tick();
        for (Object item; writer.canAccept() && (item = inbox.peek()) != null; ) {
            writer.accept((MappedEvent) item);
            inbox.remove();
        }
        writer.tick();
        publishMetrics();
    }

    @Override
    public boolean tryProcess() {
        writer.tick();
        publishMetrics();
        return true;
    }

    @Override
    public boolean saveToSnapshot() {
        boolean flushed = writer.flushAll();
        publishMetrics();
        if (!flushed) {
            return false;
        }
        if (heldChunks == null) {
            List<MappedEvent> held = writer.heldDuringReplay();
            if (held.isEmpty()) {
                return true;
            }
            heldChunks = Traversers.traverseIterable(HeldChunks.split(held, HELD_CHUNK))
                    .onFirstNull(() -> heldChunks = null);
        }
        return emitFromTraverserToSnapshot(heldChunks);
    }

    @Override
    protected void restoreFromSnapshot(Object key, Object value) {
        restored.restore(key, value);
    }

    @Override
    public boolean finishSnapshotRestore() {
        writer.restoreHeld(restored.drainInOrder());
        return true;
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
    }

    private void deadLetter(JournalEvent origin, String reason) {
        DeadLetter d = DeadLetter.of(jobName, origin.describe(), reason, origin.value(), System.currentTimeMillis());
        deadLetterMap.set(d.key(), codec.encode(d));
        if (deadLetterMetric == null) {
            deadLetterMetric = Metrics.metric(DeadLetters.METRIC);
        }
        deadLetterMetric.increment();
    }

    private void publishMetrics() {
        SinkCounters c = writer.counters();
        set(SinkCounters.ROWS_WRITTEN, c.rowsWritten, Unit.COUNT);
        set(SinkCounters.EVENTS_COMMITTED, c.eventsCommitted, Unit.COUNT);
        set(SinkCounters.BATCHES, c.batches, Unit.COUNT);
        set(SinkCounters.DUPLICATES_SKIPPED, c.duplicatesSkipped, Unit.COUNT);
        set(SinkCounters.RESTORED_SKIPPED, c.restoredSkipped, Unit.COUNT);
        set(SinkCounters.REPLAYS_SKIPPED, c.replaysSkipped, Unit.COUNT);
        set(SinkCounters.JOURNAL_LOST, c.journalLost, Unit.COUNT);
        set(SinkCounters.REUSED_SEQUENCES, c.reusedSequences, Unit.COUNT);
        set(SinkCounters.TRANSIENT_ERRORS, c.transientErrors, Unit.COUNT);
        set(SinkCounters.BAD_ROWS, c.badRows, Unit.COUNT);
        set(SinkCounters.LAG_MS, c.lagMs, Unit.MS);
        set(SinkCounters.BUFFERED_EVENTS, c.bufferedEvents, Unit.COUNT);
        set(SinkCounters.STORE_UP, c.storeUp ? 1 : 0, Unit.BOOLEAN);
    }

    private void set(String name, long value, Unit unit) {
        metrics.computeIfAbsent(name, n -> Metrics.metric(n, unit)).set(value);
    }
}
