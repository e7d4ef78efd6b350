package io.dolphin.datalayer.acb;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The state of one ACB window (and of each 30 s frame inside it): how many samples it saw, and per condition
 * how many samples carried the factor and how many of those met the threshold. Counts, not fractions, so frames
 * combine exactly and a window's fractions do not depend on how Jet split it into frames.
 * <p>
 * Mutable because it is a Jet accumulator; {@link #copy()} is what leaves the aggregation.
 */
final class AcbWindowCounts implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int N = AcbCondition.values().length;

    private long samples;
    private final long[] seen = new long[N];
    private final long[] held = new long[N];
    private long firstTsMillis = Long.MAX_VALUE;
    private long lastTsMillis = Long.MIN_VALUE;

    /** Counts one sample against the formula's thresholds; heartbeats count nothing. */
    public AcbWindowCounts add(ExfSample sample, AcbFormula formula) {
        if (sample.heartbeat()) {
            return this;
        }
        samples++;
        firstTsMillis = Math.min(firstTsMillis, sample.tsMillis());
        lastTsMillis = Math.max(lastTsMillis, sample.tsMillis());
        for (AcbCondition c : AcbCondition.values()) {
            Double v = sample.factor(c);
            if (v != null) {
                seen[c.ordinal()]++;
                if (formula.holds(c, v)) {
                    held[c.ordinal()]++;
                }
            }
        }
        return this;
    }

    public AcbWindowCounts combine(AcbWindowCounts other) {
        samples += other.samples;
        for (int i = 0; i < N; i++) {
            seen[i] += other.seen[i];
            held[i] += other.held[i];
        }
        firstTsMillis = Math.min(firstTsMillis, other.firstTsMillis);
        lastTsMillis = Math.max(lastTsMillis, other.lastTsMillis);
        return this;
    }

    public AcbWindowCounts copy() {
        return new AcbWindowCounts().combine(this);
    }

    public long samples() {
        return samples;
    }

    public long seen(AcbCondition c) {
        return seen[c.ordinal()];
    }

    public long held(AcbCondition c) {
        return held[c.ordinal()];
    }

    /** Event time of the newest sample, epoch ms; {@link Long#MIN_VALUE} when there is none. */
    public long lastTsMillis() {
        return lastTsMillis;
    }

    public long firstTsMillis() {
        return firstTsMillis;
    }

    /**
     * Per condition, the fraction of the samples that carried its factor in which it held. A condition whose
     * factor no sample carried is absent (the formula then counts it as 0 and the output says which is missing).
     */
    public Map<AcbCondition, Double> fractions() {
        Map<AcbCondition, Double> f = new EnumMap<>(AcbCondition.class);
        for (AcbCondition c : AcbCondition.values()) {
            if (seen[c.ordinal()] > 0) {
                f.put(c, (double) held[c.ordinal()] / seen[c.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(f);
    }

    @Override
    public String toString() {
        return "AcbWindowCounts{samples=" + samples + ", seen=" + Arrays.toString(seen) + ", held="
                + Arrays.toString(held) + "}";
    }
}
