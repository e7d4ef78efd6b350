package io.dolphin.datalayer.cli;

import com.hazelcast.jet.core.metrics.JobMetrics;
import com.hazelcast.jet.core.metrics.Measurement;
import com.hazelcast.jet.core.metrics.MetricNames;
import com.hazelcast.jet.core.metrics.MetricTags;
import io.dolphin.datalayer.common.DeadLetters;

import java.util.Map;
import java.util.TreeMap;

/**
 * A job's metrics summed over members and processors: items in/out per stage (vertex) and dead letters.
 * Jet reports items received and emitted per processor; a stage's totals are their sums.
 */
record JobMetricsSummary(Map<String, long[]> stages, long deadLetters) {

    static JobMetricsSummary of(JobMetrics metrics) {
        Map<String, long[]> stages = new TreeMap<>();
        for (Measurement m : metrics.get(MetricNames.RECEIVED_COUNT)) {
            stages.computeIfAbsent(vertex(m), v -> new long[2])[0] += m.value();
        }
        for (Measurement m : metrics.get(MetricNames.EMITTED_COUNT)) {
            stages.computeIfAbsent(vertex(m), v -> new long[2])[1] += m.value();
        }
        long dead = metrics.get(DeadLetters.METRIC).stream().mapToLong(Measurement::value).sum();
        return new JobMetricsSummary(stages, dead);
    }

    private static String vertex(Measurement m) {
        String v = m.tag(MetricTags.VERTEX);
        return v == null ? "?" : v;
    }
}
