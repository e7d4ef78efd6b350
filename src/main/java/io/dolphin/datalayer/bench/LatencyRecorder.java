package io.dolphin.datalayer.bench;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;

import java.util.Arrays;

/**
 * Event-to-arrival latencies in ms, from map events (as a listener on a few keys, for comparison) or from Kafka
 * records, kept once the warm-up has passed. The job's own latency and its stalls come from {@link BookAgeSampler}.
 */
final class LatencyRecorder implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {

    private long[] latencies = new long[1 << 16];
    private int size;
    private volatile long fromMillis = Long.MAX_VALUE;

    /** Samples arriving before {@code epochMillis} are dropped. */
    void from(long epochMillis) {
        fromMillis = epochMillis;
    }

    @Override
    public void entryAdded(EntryEvent<String, String> event) {
        onEvent(event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
        onEvent(event.getValue());
    }

    private void onEvent(String value) {
        record(System.currentTimeMillis() - ObfIngestBenchmark.tsOf(value));
    }

    void record(long latencyMs) {
        record(System.currentTimeMillis(), latencyMs);
    }

    synchronized void record(long arrivalMillis, long latencyMs) {
        if (arrivalMillis < fromMillis) {
            return;
        }
        if (size == latencies.length) {
            latencies = Arrays.copyOf(latencies, size * 2);
        }
        latencies[size] = latencyMs;
        size++;
    }

    /** Samples recorded since the warm-up. */
    synchronized long count() {
        return size;
    }

    /** p50, p99 and p99.9 in ms; NaN when nothing was recorded. */
    synchronized double[] percentiles() {
        if (size == 0) {
            return new double[]{Double.NaN, Double.NaN, Double.NaN};
        }
        long[] sorted = Arrays.copyOf(latencies, size);
        Arrays.sort(sorted);
        return new double[]{at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999)};
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
