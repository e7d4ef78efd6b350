package io.dolphin.datalayer.acb;

import com.hazelcast.function.SupplierEx;
import com.hazelcast.jet.pipeline.SourceBuilder;
import com.hazelcast.jet.pipeline.SourceBuilder.TimestampedSourceBuffer;
import com.hazelcast.jet.pipeline.StreamSource;

/**
 * A processing-time tick: one item per {@code intervalMillis} of the given clock, timestamped with that clock.
 * Merged into an event-time stream whose own source has gone idle, it lets the watermark follow the clock so
 * windows keep closing while the data is silent. While the data source is active the data's watermark is the
 * lower one and the ticks change nothing.
 * <p>
 * Runs as a single processor in the cluster (a non-distributed source) and keeps no state: after a restart it
 * simply ticks on from the clock's current time.
 */
final class HeartbeatSource {

    private HeartbeatSource() {
    }

    /**
     * @param clock epoch milliseconds; {@code System::currentTimeMillis} in production, a scripted clock in tests
     */
    public static StreamSource<Long> create(String name, long intervalMillis, SupplierEx<Long> clock) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("heartbeat interval must be > 0, got " + intervalMillis);
        }
        return SourceBuilder.timestampedStream(name, ctx -> new Ticker(intervalMillis, clock))
                .<Long>fillBufferFn(Ticker::fill)
                .build();
    }

    /** The wall-clock heartbeat the production job uses. */
    public static StreamSource<Long> wallClock(String name, long intervalMillis) {
        return create(name, intervalMillis, System::currentTimeMillis);
    }

    private static final class Ticker {

        /** Keeps one fill call short when the clock has jumped far ahead. */
        private static final int MAX_TICKS_PER_FILL = 1_000;

        private final long intervalMillis;
        private final SupplierEx<Long> clock;
        private long next = Long.MIN_VALUE;

        Ticker(long intervalMillis, SupplierEx<Long> clock) {
            this.intervalMillis = intervalMillis;
            this.clock = clock;
        }

        /**
         * One tick per interval of clock time, including the intervals a jump of the clock skipped (a GC pause, or
         * a test's scripted clock): every 30 s frame the clock crossed then holds a tick, so a window without
         * samples is still closed and counted instead of silently not existing.
         */
        void fill(TimestampedSourceBuffer<Long> buffer) {
            long now = clock.get();
            if (next == Long.MIN_VALUE) {
                next = now;
            }
            for (int i = 0; i < MAX_TICKS_PER_FILL && next <= now; i++) {
                buffer.add(next, next);
                next += intervalMillis;
            }
        }
    }
}
