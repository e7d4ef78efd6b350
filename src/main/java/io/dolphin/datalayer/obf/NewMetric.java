package io.dolphin.datalayer.obf;

import com.hazelcast.jet.core.metrics.Metric;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.core.metrics.Unit;

/**
 * Creates a Jet user metric, on the processor's thread: Jet's {@link Metrics} needs a running job's context, which a
 * unit test under {@code TestProcessorContext} does not have, so tests pass their own.
 */
@FunctionalInterface
interface NewMetric {
    NewMetric JET = Metrics::metric;

    Metric create(String name, Unit unit);
}
