package io.dolphin.datalayer.bench;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;

import java.util.Arrays;

/**
 * Event-to-arrival latencies in ms, from map events (as a listener on the sampled keys) or from Kafka records, kept
 * once the warm-up has passed; each with its arrival time, so the benchmark can tell a p99 made of a few stalls from
 * one made of latency spread evenly.
 */
final class LatencyRecorder implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {

    private long[] latencies = new long[1 << 16];
    private long[] arrivals = new long[1 << 16];
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
            arrivals = Arrays.copyOf(arrivals, size * 2);
        }
        latencies[size] = latencyMs;
        arrivals[size] = arrivalMillis;
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

    /**
     * The share of {@code windowMs} windows, from the first sample's to the last one's, in which a sample arrived
     * more than {@code thresholdMs} late or none arrived at all (nothing reached the map: also a stall).
     */
    synchronized double stalledShare(long windowMs, long thresholdMs) {
        if (size == 0) {
            return Double.NaN;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            first = Math.min(first, arrivals[i] / windowMs);
            last = Math.max(last, arrivals[i] / windowMs);
        }
        int windows = (int) (last - first + 1);
        long[] worst = new long[windows];
        boolean[] seen = new boolean[windows];
        for (int i = 0; i < size; i++) {
            int w = (int) (arrivals[i] / windowMs - first);
            worst[w] = Math.max(worst[w], latencies[i]);
            seen[w] = true;
        }
        int stalled = 0;
        for (int w = 0; w < windows; w++) {
            if (!seen[w] || worst[w] > thresholdMs) {
                stalled++;
            }
        }
        return (double) stalled / windows;
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
