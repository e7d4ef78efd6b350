package io.dolphin.datalayer.acb;

import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.pipeline.Sink;
import com.hazelcast.jet.pipeline.SinkBuilder;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.MalformedJsonException;

/**
 * Writes each ACB window to {@code DOLPHIN_FEATURES["acb_boost"]} with one {@link IMap#set}: the whole JSON value
 * is replaced in one operation, which is atomic per key, so a reader sees the previous window or the new one and
 * never a mix.
 * <p>
 * <b>Why there is no lock.</b> The old service wrapped its put in a CP {@code FencedLock}; the CP Subsystem is
 * Enterprise-only since Hazelcast 5.5 (a CP config fails member start on our build). The lock only ever protected
 * the whole-value replace, which {@code IMap.set} already makes atomic, and this job is the only writer of the
 * key: one sink processor in the cluster receives the windows, in order, from the single processor that closes
 * them. So the read-compare-write below has no competitor.
 * <p>
 * <b>Why not {@code Sinks.map}.</b> It batches items into {@code putAllAsync} calls with several in flight; this
 * sink writes one window per operation, in window order, so every window is its own journal event (one
 * {@code acb_state} row each) and the value never steps back.
 * <p>
 * <b>Newer windows only.</b> A window is written only if its {@code window_end} is later than the stored one's.
 * After a restart the job replays from its last snapshot and re-emits the windows closed since then; after a
 * fresh submission with {@code journal-start: oldest} it re-emits the history the journal still holds. Both
 * would otherwise put older values over newer ones for a moment and write duplicate rows. A stored value without
 * {@code window_end} (written by the old service) or one dated implausibly far in the future is overwritten.
 */
final class AcbBoostSink {

    /** Windows written to the map. */
    public static final String METRIC_WRITTEN = "acbWindowsWritten";
    /** Windows not written because the stored value is from the same or a later window (replays). */
    public static final String METRIC_NOT_NEWER = "acbWindowsNotNewer";

    private AcbBoostSink() {
    }

    /** @param maxFutureSkewMillis a stored {@code window_end} beyond wall clock + this is treated as garbage */
    public static Sink<AcbBoost> newerWindowsOnly(String mapName, String key, long maxFutureSkewMillis) {
        return SinkBuilder.sinkBuilder("acb-boost-sink",
                        ctx -> new Writer(ctx.hazelcastInstance().getMap(mapName), key, maxFutureSkewMillis))
                .<AcbBoost>receiveFn(Writer::write)
                .preferredLocalParallelism(1)
                .build();
    }

    /** True when {@code candidate} may replace {@code storedJson} (null when the key is absent). */
    public static boolean isNewer(AcbBoost candidate, String storedJson, long nowMillis, long maxFutureSkewMillis) {
        if (storedJson == null) {
            return true;
        }
        Double storedEnd;
        try {
            storedEnd = new AcbBoostCodec().decode(storedJson).windowEnd();
        } catch (MalformedJsonException e) {
            return true;
        }
        if (storedEnd == null || storedEnd * 1000 > nowMillis + maxFutureSkewMillis) {
            return true;
        }
        return candidate.windowEnd() > storedEnd;
    }

    private static final class Writer {

        private static final ILogger LOG = Logger.getLogger(AcbBoostSink.class);

        private final IMap<String, String> map;
        private final String key;
        private final long maxFutureSkewMillis;
        private final AcbBoostCodec codec = new AcbBoostCodec();

        Writer(IMap<String, String> map, String key, long maxFutureSkewMillis) {
            this.map = map;
            this.key = key;
            this.maxFutureSkewMillis = maxFutureSkewMillis;
        }

        void write(AcbBoost window) {
            if (!isNewer(window, map.get(key), System.currentTimeMillis(), maxFutureSkewMillis)) {
                Metrics.metric(METRIC_NOT_NEWER).increment();
                LOG.fine("acb_boost already holds window_end >= " + window.windowEnd() + "; not writing it again");
                return;
            }
            map.set(key, codec.encode(window));
            Metrics.metric(METRIC_WRITTEN).increment();
        }
    }
}
