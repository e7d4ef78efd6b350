package io.dolphin.datalayer.warmup;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.core.metrics.Metric;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.pipeline.Sink;
import com.hazelcast.jet.pipeline.SinkBuilder;
import com.hazelcast.logging.ILogger;
import io.dolphin.datalayer.common.DolphinMaps;

/**
 * Puts recorded last values back into their maps with {@code putIfAbsent}: a value some service already wrote
 * since the restart is newer than the warm store's and stays. Counted in {@value #RESTORED} and
 * {@value #KEPT}; rows naming a map that is not a journaled Dolphin map are skipped with a warning.
 */
final class HotMapRestore {

    public static final String RESTORED = "warmupRestored";
    public static final String KEPT = "warmupAlreadyPresent";

    private HotMapRestore() {
    }

    public static Sink<LastValuesSource.Entry> sink() {
        return SinkBuilder.sinkBuilder("restore-maps", ctx -> new Restorer(ctx.hazelcastInstance(), ctx.logger()))
                .<LastValuesSource.Entry>receiveFn(Restorer::restore)
                .build();
    }

    private static final class Restorer {
        private final HazelcastInstance hz;
        private final ILogger logger;
        private Metric restored;
        private Metric kept;

        Restorer(HazelcastInstance hz, ILogger logger) {
            this.hz = hz;
            this.logger = logger;
        }

        void restore(LastValuesSource.Entry e) {
            if (restored == null) {
                restored = Metrics.metric(RESTORED);
                kept = Metrics.metric(KEPT);
            }
            if (!DolphinMaps.JOURNALED.contains(e.map())) {
                logger.warning("hz_last_values names '" + e.map() + "', not a journaled Dolphin map: skipped");
                return;
            }
            String previous = hz.<String, String>getMap(e.map()).putIfAbsent(e.key(), e.value());
            (previous == null ? restored : kept).increment();
        }
    }
}
