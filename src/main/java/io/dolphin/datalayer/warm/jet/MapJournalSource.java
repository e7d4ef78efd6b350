package io.dolphin.datalayer.warm.jet;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.Backoff;
import com.hazelcast.core.EntryEventType;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.function.FunctionEx;
import com.hazelcast.function.PredicateEx;
import com.hazelcast.internal.journal.EventJournalInitialSubscriberState;
import com.hazelcast.internal.journal.EventJournalReader;
import com.hazelcast.jet.core.Processor;
import com.hazelcast.jet.core.metrics.Metric;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.pipeline.SourceBuilder;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.logging.ILogger;
import com.hazelcast.map.EventJournalMapEvent;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.StaleSequenceException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The Dolphin maps' event journals as a stream of {@link JournalEvent}s that carry their journal sequence, read from the
 * oldest retained event on a fresh start and from the snapshotted offsets after a restart.
 *
 * <p>Why not {@code Sources.mapJournal}: it hides each event's sequence, and the sequence is what makes the warm
 * sink's writes idempotent. The reading follows Hazelcast's own {@code StreamEventJournalP}: at most one outstanding
 * non-blocking read per partition, at most {@value #MAX_FETCH} events each, idle partitions polled with a backoff. Each
 * member reads the partitions the job's partition assignment gives it (the ones it owns when the job starts), so
 * reads are local; its readers split those among themselves.
 *
 * <p>Overflow is never silent: a read whose first sequence is past the requested one lost the events in between;
 * they are logged and counted in {@value #METRIC_OVERFLOW} (the sink counts the same gap in its own metric).
 */
public final class MapJournalSource {

    /** Events the journal dropped before this reader got to them. */
    public static final String METRIC_OVERFLOW = "journalOverflowEvents";
    /**
     * How close this reader is to losing events: the largest unread backlog of any of its partitions, as a percentage
     * of that partition's journal capacity. At 100 the oldest unread event is being overwritten.
     */
    public static final String METRIC_FILL = "journalFillPercent";
    /**
     * Partitions whose journal no longer continues the history this reader had read: after a member loss the promoted
     * backup lacked the owner's last events (Hazelcast writes the owner's journal before it sends the backup), so the
     * next events reuse sequence numbers already read. Each is re-read from its oldest retained event; the sink
     * tells the new events from re-reads by their value order ({@code warmSinkReusedSequenceEvents}).
     */
    public static final String METRIC_DIVERGED = "journalDivergedPartitions";
    private static final long FILL_PROBE_INTERVAL_MS = 5_000;
    /**
     * Events per read: the ringbuffer's own maximum. Each partition has one read in flight and the reader takes
     * partitions in turn, so after a stall a partition drains at most this many events per turn; the busiest
     * partitions (up to ~8 of the 547 FEATURES keys share one) have the largest backlog and need the most turns.
     */
    static final int MAX_FETCH = 1_000;
    /**
     * Idle partitions are re-read after 50 ms growing to 1 s. Every read is an operation on a partition thread, and
     * there are 12 maps × 271 partitions: at the former 0.2 ms..250 ms the idle reads alone were ~13,000 operations a
     * second, and at production rate the warm sink's reading took a third of the demo's CPU. The warm store's batches
     * are ~1 s anyway ({@code batch-max-delay-ms}), so an event waits at most about a second longer for its row.
     */
    static final Backoff IDLE_BACKOFF_NANOS = Backoff.doubling(50_000_000L, 1_000_000_000L);
    /**
     * A read that returned fewer than {@link #MAX_FETCH} events found the partition caught up: the next read waits
     * this long so that it finds several events rather than one (at 1,100 books/s a FEATURES partition gets one every
     * ~250 ms). A full read is followed at once: the partition has a backlog.
     */
    static final long CAUGHT_UP_PAUSE_NANOS = 50_000_000L;
    private static final int MAX_EVENTS_PER_FILL = 4_096;

    private MapJournalSource() {
    }

    /**
     * The journals of {@code maps} as one source: one source keeps each partition's events on one path through
     * the pipeline (a merge of several sources would let Jet spread one partition over parallel processors).
     */
    public static StreamSource<JournalEvent> of(List<String> maps) {
        List<String> names = List.copyOf(maps);
        return SourceBuilder.stream("dolphin-journals", ctx -> new Reader(ctx, names))
                .<JournalEvent>fillBufferFn(Reader::fill)
                .createSnapshotFn(Reader::snapshot)
                .restoreSnapshotFn(Reader::restore)
                .distributed(1)
                .build();
    }

    /**
     * Next offset per {@code map/partition}, tagged with the epoch they belong to, and a fingerprint of the event
     * just before each offset (the last one read), to check after a restart that the journal still has that history.
     * {@code fingerprints} is null in snapshots of earlier versions.
     */
    record Offsets(long epoch, Map<String, Long> next, Map<String, Long> fingerprints) implements Serializable {

        Offsets(long epoch, Map<String, Long> next) {
            this(epoch, next, null);
        }

        /**
         * The offsets of all readers' snapshots that belong to the journals of {@code epoch}. Offsets of another
         * epoch point into journals that no longer exist (the cluster restarted): they are dropped with a warning,
         * and those partitions are read from their oldest event.
         */
        static Map<String, Long> restorable(long epoch, List<Offsets> saved, ILogger logger) {
            Map<String, Long> all = new HashMap<>();
            for (Offsets o : saved) {
                if (o.epoch() == epoch) {
                    all.putAll(o.next());
                } else {
                    logger.warning("ignoring journal offsets of epoch " + o.epoch() + ": the journals are of epoch "
                            + epoch + " (the cluster restarted), reading them from the oldest event");
                }
            }
            return all;
        }

        /** The fingerprints of all readers' snapshots of {@code epoch}. */
        static Map<String, Long> restorableFingerprints(long epoch, List<Offsets> saved) {
            Map<String, Long> all = new HashMap<>();
            for (Offsets o : saved) {
                if (o.epoch() == epoch && o.fingerprints() != null) {
                    all.putAll(o.fingerprints());
                }
            }
            return all;
        }
    }

    /** Reads a share of all (map, partition) journals: slot i is {@code slotMap[i]}'s partition {@code slotPartition[i]}. */
    private static final class Reader {
        private final ILogger logger;
        private final long epoch;
        private final String[] slotMap;
        private final int[] slotPartition;
        private final long[] offsets;
        /** Fingerprint of the event at {@code offsets[i] - 1} as read, 0 when unknown. */
        private final long[] lastFingerprint;
        /** The journal's newest sequence when this reader started: a restored offset past it is a shorter journal. */
        private final long[] newestAtStart;
        /** After a restore: the fingerprint the event at {@code offsets[i] - 1} must have, 0 when nothing to check. */
        private final long[] verify;
        /** Read from the oldest retained event: the journal's fast-forward to it is not an overflow. */
        private final boolean[] fromOldest;
        private final List<CompletableFuture<ReadResultSet<EventJournalMapEvent<String, String>>>> verifications =
                new ArrayList<>();
        private Metric diverged;
        private final List<EventJournalReader<EventJournalMapEvent<String, String>>> journals = new ArrayList<>();
        private final List<CompletableFuture<ReadResultSet<EventJournalMapEvent<String, String>>>> reads =
                new ArrayList<>();
        private final long[] capacityPerPartition;
        private final long[] nextReadAt;
        /** Per slot, the current idle pause in nanos; 0 while the partition has events. */
        private final long[] idlePause;
        private int cursor;
        private Metric overflow;
        private Metric fill;
        private List<CompletableFuture<EventJournalInitialSubscriberState>> fillProbes;
        private long nextFillProbe;

        @SuppressWarnings("unchecked")
        Reader(Processor.Context ctx, List<String> maps) throws Exception {
            this.logger = ctx.logger();
            HazelcastInstance hz = ctx.hazelcastInstance();
            this.epoch = JournalEpoch.of(hz);
            int partitionCount = hz.getPartitionService().getPartitions().size();
            List<Integer> mine = new ArrayList<>();
            int[] owned = memberPartitions(ctx);
            for (int m = 0; m < maps.size(); m++) {
                for (int k = 0; k < owned.length; k++) {
                    if ((m * owned.length + k) % ctx.localParallelism() == ctx.localProcessorIndex()) {
                        mine.add(m * partitionCount + owned[k]);
                    }
                }
            }
            slotMap = new String[mine.size()];
            slotPartition = new int[mine.size()];
            offsets = new long[mine.size()];
            lastFingerprint = new long[mine.size()];
            newestAtStart = new long[mine.size()];
            verify = new long[mine.size()];
            fromOldest = new boolean[mine.size()];
            capacityPerPartition = new long[mine.size()];
            nextReadAt = new long[mine.size()];
            idlePause = new long[mine.size()];
            for (int i = 0; i < mine.size(); i++) {
                slotMap[i] = maps.get(mine.get(i) / partitionCount);
                capacityPerPartition[i] = Math.max(1, hz.getConfig().getMapConfig(slotMap[i]).getEventJournalConfig()
                        .getCapacity() / partitionCount);
                slotPartition[i] = mine.get(i) % partitionCount;
                journals.add((EventJournalReader<EventJournalMapEvent<String, String>>) hz.getMap(slotMap[i]));
                EventJournalInitialSubscriberState state =
                        journals.get(i).subscribeToEventJournal(slotPartition[i]).toCompletableFuture().get();
                offsets[i] = state.getOldestSequence();
                newestAtStart[i] = state.getNewestSequence();
            }
        }

        /**
         * This member's partitions in the job's partition assignment: the coordinator's one decision, so every
         * partition has exactly one reader, and that reader is (barring a migration in flight) on the member that
         * owns the partition, so its reads are local operations rather than remote calls.
         */
        private static int[] memberPartitions(Processor.Context ctx) {
            int[] owned = ctx.memberPartitions();
            return owned == null ? new int[0] : owned;
        }

        void fill(SourceBuilder.SourceBuffer<JournalEvent> buffer) throws Exception {
            if (overflow == null) {
                overflow = Metrics.metric(METRIC_OVERFLOW);
                fill = Metrics.metric(METRIC_FILL);
                diverged = Metrics.metric(METRIC_DIVERGED);
                for (int i = 0; i < offsets.length; i++) {
                    reads.add(null);
                    verifications.add(null);
                }
                for (int i = 0; i < offsets.length; i++) {
                    if (offsets[i] > newestAtStart[i] + 1) {
                        diverged(i, "its newest sequence is " + newestAtStart[i]);
                    }
                }
            }
            probeFill();
            long now = System.nanoTime();
            int emitted = 0;
            for (int n = 0; n < offsets.length && emitted < MAX_EVENTS_PER_FILL; n++) {
                int i = cursor;
                cursor = (cursor + 1) % offsets.length;
                if (verify[i] != 0 && !verified(i)) {
                    continue;
                }
                CompletableFuture<ReadResultSet<EventJournalMapEvent<String, String>>> f = reads.get(i);
                if (f == null) {
                    if (now >= nextReadAt[i]) {
                        reads.set(i, read(i));
                    }
                    continue;
                }
                if (!f.isDone()) {
                    continue;
                }
                ReadResultSet<EventJournalMapEvent<String, String>> result = resultOf(f, i);
                int size = result == null ? 0 : emit(result, i, buffer);
                emitted += size;
                if (size >= MAX_FETCH || result == null) {
                    idlePause[i] = 0;
                    reads.set(i, read(i));
                } else if (size > 0) {
                    idlePause[i] = 0;
                    nextReadAt[i] = now + CAUGHT_UP_PAUSE_NANOS;
                    reads.set(i, null);
                } else {
                    // Nothing new: ask again after a pause that grows while the partition stays idle.
                    idlePause[i] = IDLE_BACKOFF_NANOS.next(idlePause[i]);
                    nextReadAt[i] = now + idlePause[i];
                    reads.set(i, null);
                }
            }
        }

        private int emit(ReadResultSet<EventJournalMapEvent<String, String>> result, int i,
                         SourceBuilder.SourceBuffer<JournalEvent> buffer) {
            long now = System.currentTimeMillis();
            if (result.size() > 0 && result.getSequence(0) < offsets[i]) {
                // Hazelcast moves a start past the newest event back to newest + 1: the journal is shorter than what
                // was read from it, and these events reuse sequences already read. Re-read it whole.
                diverged(i, "a read from " + offsets[i] + " returned events from " + result.getSequence(0));
                return 0;
            }
            if (result.size() > 0 && result.getSequence(0) > offsets[i] && !fromOldest[i]) {
                lost(i, result.getSequence(0) - offsets[i]);
            }
            if (result.size() > 0) {
                fromOldest[i] = false;
            }
            for (int k = 0; k < result.size(); k++) {
                EventJournalMapEvent<String, String> e = result.get(k);
                EntryEventType type = e.getType();
                boolean removed = type == EntryEventType.REMOVED || type == EntryEventType.EVICTED
                        || type == EntryEventType.EXPIRED;
                buffer.add(new JournalEvent(epoch, slotMap[i], slotPartition[i], result.getSequence(k), e.getKey(),
                        removed ? null : e.getNewValue(), e.getOldValue(), type == EntryEventType.ADDED, removed, now));
            }
            if (result.size() > 0) {
                // Not getNextSequenceToReadFrom(): with minSize 0 it has reported a stale position (measured here:
                // the reader re-emitted each event ~8 times). The last event's own sequence is unambiguous.
                offsets[i] = result.getSequence(result.size() - 1) + 1;
                EventJournalMapEvent<String, String> last = result.get(result.size() - 1);
                lastFingerprint[i] = fingerprint(last);
            }
            return result.size();
        }

        private ReadResultSet<EventJournalMapEvent<String, String>> resultOf(
                CompletableFuture<ReadResultSet<EventJournalMapEvent<String, String>>> f, int i) throws Exception {
            try {
                return f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof StaleSequenceException stale) {
                    if (!fromOldest[i]) {
                        lost(i, stale.getHeadSeq() - offsets[i]);
                    }
                    offsets[i] = stale.getHeadSeq();
                    return null;
                }
                throw e;
            }
        }

        /** Every few seconds, asks each journal for its newest sequence (asynchronously) and gauges the backlog. */
        private void probeFill() {
            long now = System.currentTimeMillis();
            if (fillProbes == null) {
                if (now < nextFillProbe) {
                    return;
                }
                fillProbes = new ArrayList<>(offsets.length);
                for (int i = 0; i < offsets.length; i++) {
                    fillProbes.add(journals.get(i).subscribeToEventJournal(slotPartition[i]).toCompletableFuture());
                }
                return;
            }
            if (!fillProbes.stream().allMatch(CompletableFuture::isDone)) {
                return;
            }
            long worst = 0;
            for (int i = 0; i < offsets.length; i++) {
                CompletableFuture<EventJournalInitialSubscriberState> f = fillProbes.get(i);
                if (f.isCompletedExceptionally()) {
                    continue;
                }
                long backlog = Math.max(0, f.join().getNewestSequence() + 1 - offsets[i]);
                worst = Math.max(worst, Math.min(100, backlog * 100 / capacityPerPartition[i]));
            }
            fill.set(worst);
            fillProbes = null;
            nextFillProbe = now + FILL_PROBE_INTERVAL_MS;
        }

        private void lost(int i, long count) {
            overflow.increment(count);
            logger.severe(count + " events of " + slotMap[i] + " partition " + slotPartition[i] + " were overwritten"
                    + " in the event journal before the warm sink read them (from sequence " + offsets[i] + "). The"
                    + " journal is too small for the sink's stall: raise its capacity in hz-config/hazelcast.yaml.");
        }

    private CompletableFuture<ReadResultSet<EventJournalMapEvent<String, String>>> read(int i) {
            // minSize 0, never a parked long-poll: IMap.putAll/setAll do not wake parked journal reads (a reader
            // waiting on a partition fed by putAll stalled until its operation timed out), so poll as Jet's own
            // journal source does, with the idle backoff in fill().
            return journals.get(i).readFromEventJournal(offsets[i], 0, MAX_FETCH, slotPartition[i],
                    // Hazelcast's own functions: they run on the partition owner, which may not know our classes.
                    PredicateEx.<EventJournalMapEvent<String, String>>alwaysTrue(),
                    FunctionEx.<EventJournalMapEvent<String, String>>identity()).toCompletableFuture();
        }

        /**
         * After a restore, checks (one read of one event) that the journal still holds, just before the restored
         * offset, the event this reader read there: false while the check is in flight. A promoted backup that lacked
         * the dead owner's last events either ends before the offset or has other events there.
         */
        private boolean verified(int i) throws Exception {
            CompletableFuture<ReadResultSet<EventJournalMapEvent<String, String>>> f = verifications.get(i);
            if (f == null) {
                verifications.set(i, journals.get(i).readFromEventJournal(offsets[i] - 1, 0, 1, slotPartition[i],
                        PredicateEx.<EventJournalMapEvent<String, String>>alwaysTrue(),
                        FunctionEx.<EventJournalMapEvent<String, String>>identity()).toCompletableFuture());
                return false;
            }
            if (!f.isDone()) {
                return false;
            }
            verifications.set(i, null);
            long expected = verify[i];
            verify[i] = 0;
            ReadResultSet<EventJournalMapEvent<String, String>> r;
            try {
                r = f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof StaleSequenceException) {
                    return true; // overwritten since: the regular read counts the overflow
                }
                throw e;
            }
            if (r.size() == 0) {
                diverged(i, "it has no event " + (offsets[i] - 1) + " any more");
            } else if (r.getSequence(0) == offsets[i] - 1 && fingerprint(r.get(0)) != expected) {
                diverged(i, "its event " + (offsets[i] - 1) + " is not the one read before the restart");
            }
            return true;
        }

        /** Forgets the position in a journal that no longer continues what was read, and reads it from its oldest. */
        private void diverged(int i, String why) {
            diverged.increment();
            logger.severe("the event journal of " + slotMap[i] + " partition " + slotPartition[i] + " does not continue"
                    + " what the warm sink read up to sequence " + (offsets[i] - 1) + " (" + why + "): a backup"
                    + " promoted after a member loss lacked the owner's last events. Re-reading the partition from its"
                    + " oldest event; the sink stores the values newer than its own and skips the rest");
            offsets[i] = 0;
            fromOldest[i] = true;
            lastFingerprint[i] = 0;
            verify[i] = 0;
        }

        static long fingerprint(EventJournalMapEvent<String, String> e) {
            String key = e.getKey();
            String value = e.getNewValue();
            long h = 1_125_899_906_842_597L;
            h = 31 * h + (key == null ? 0 : key.hashCode());
            h = 31 * h + (value == null ? -1 : value.hashCode());
            h = 31 * h + (value == null ? 0 : value.length());
            h = 31 * h + e.getType().getType();
            return h == 0 ? 1 : h;
        }

        Offsets snapshot() {
            Map<String, Long> next = new HashMap<>();
            Map<String, Long> fingerprints = new HashMap<>();
            for (int i = 0; i < offsets.length; i++) {
                next.put(slotMap[i] + "/" + slotPartition[i], offsets[i]);
                long fp = verify[i] != 0 ? verify[i] : lastFingerprint[i];
                if (fp != 0) {
                    fingerprints.put(slotMap[i] + "/" + slotPartition[i], fp);
                }
            }
            return new Offsets(epoch, next, fingerprints);
        }

        void restore(List<Offsets> saved) {
            Map<String, Long> all = Offsets.restorable(epoch, saved, logger);
            Map<String, Long> fingerprints = Offsets.restorableFingerprints(epoch, saved);
            for (int i = 0; i < offsets.length; i++) {
                Long next = all.get(slotMap[i] + "/" + slotPartition[i]);
                if (next != null) {
                    offsets[i] = next;
                    Long fp = fingerprints.get(slotMap[i] + "/" + slotPartition[i]);
                    verify[i] = fp == null || next <= 0 ? 0 : fp;
                    lastFingerprint[i] = verify[i];
                }
            }
        }
    }
}
