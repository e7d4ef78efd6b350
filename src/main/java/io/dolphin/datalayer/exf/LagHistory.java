package io.dolphin.datalayer.exf;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The recent good values of one factor, kept so that its lagged twin can be read.
 *
 * <p><b>Definition.</b> {@code X_lagged(t)} is the value {@code X} had at time {@code t − lag}: the last good
 * value of {@code X} fetched at or before {@code t − lag}. Values are kept as runs of equal values
 * ({@code [firstSeen, lastSeen] → value}), so a factor that rarely changes costs one entry.
 * <pre>
 *   runs:   [t1 ───── v1 ───── t2]   [t3 ── v2 ── t4]   [t5 ── v3 ──▶ now
 *                         ▲ t − lag falls here  →  lagged = v1, age = lag
 *                                   ▲ or here (a gap: no fetch succeeded)  →  lagged = v1, age = t − t2
 * </pre>
 * The age of a lagged value is {@code t − min(t − lag, lastSeen)}: exactly the lag when the factor was being
 * fetched around {@code t − lag}, more when fetching had stopped then.
 *
 * <p><b>Warming up.</b> While the history is shorter than the lag (no run starts at or before {@code t − lag}:
 * the first ever fetch was less than a lag ago), the oldest value known is shown, its age is below the lag, and
 * {@link #at} reports it as warming, so the factor is listed in {@code _stale}. The history lives in the job's
 * snapshot, so a restart does not start the warm-up again.
 */
final class LagHistory implements Serializable {

    private static final long serialVersionUID = 1L;
    /** A factor changing every poll at 2/s with a 1 h lag needs 7,200; beyond this the oldest runs go. */
    static final int MAX_RUNS = 20_000;

    private final ArrayDeque<Run> runs = new ArrayDeque<>();

    /** Records a good fetch of {@code value} at {@code atMs}; older-than-newest fetches are ignored. */
    void add(double value, long atMs) {
        Run last = runs.peekLast();
        if (last != null && atMs < last.lastSeen) {
            return;
        }
        if (last != null && Double.compare(last.value, value) == 0) {
            last.lastSeen = atMs;
            return;
        }
        runs.addLast(new Run(atMs, value));
        if (runs.size() > MAX_RUNS) {
            runs.removeFirst();
        }
    }

    /** The lagged value at {@code nowMs}, or null when nothing was ever recorded. */
    Lagged at(long nowMs, long lagMs) {
        long target = nowMs - lagMs;
        // Runs that start before a later run which itself starts at or before the target can never be read again.
        while (runs.size() >= 2 && secondStart() <= target) {
            runs.removeFirst();
        }
        Run first = runs.peekFirst();
        if (first == null) {
            return null;
        }
        if (first.firstSeen > target) {
            return new Lagged(first.value, first.firstSeen, true);
        }
        return new Lagged(first.value, Math.min(target, first.lastSeen), false);
    }

    int size() {
        return runs.size();
    }

    private long secondStart() {
        Iterator<Run> it = runs.iterator();
        it.next();
        return it.next().firstSeen;
    }

    /**
     * @param asOfMs  when the shown value was known to hold: its age is {@code now − asOfMs}
     * @param warming the history does not reach back a whole lag yet
     */
    record Lagged(double value, long asOfMs, boolean warming) {
    }

    private static final class Run implements Serializable {

        private static final long serialVersionUID = 1L;

        final long firstSeen;
        final double value;
        long lastSeen;

        Run(long at, double value) {
            this.firstSeen = at;
            this.lastSeen = at;
            this.value = value;
        }
    }
}
