package io.dolphin.datalayer.obf;

import com.hazelcast.jet.core.metrics.Metric;
import com.hazelcast.jet.core.metrics.Unit;

import java.util.HashMap;
import java.util.Map;

/**
 * The Jet user metrics a processor or meter created under test, by name: counters add up, gauges keep what was last
 * set. Stands in for {@link NewMetric#JET}, which needs a running job.
 */
final class RecordedMetrics implements NewMetric {

    private final Map<String, Long> values = new HashMap<>();
    private final Map<String, Unit> units = new HashMap<>();

    /** The metric's value; null while it was never incremented or set. */
    Long get(String name) {
        return values.get(name);
    }

    Unit unit(String name) {
        return units.get(name);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public Metric create(String name, Unit unit) {
        units.put(name, unit);
        return new Metric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Unit unit() {
                return unit;
            }

            @Override
            public void increment() {
                increment(1);
            }

            @Override
            public void increment(long delta) {
                values.merge(name, delta, Long::sum);
            }

            @Override
            public void decrement() {
                increment(-1);
            }

            @Override
            public void decrement(long delta) {
                increment(-delta);
            }

            @Override
            public void set(long value) {
                values.put(name, value);
            }
        };
    }
}
