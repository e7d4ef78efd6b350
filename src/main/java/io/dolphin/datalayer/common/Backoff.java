package io.dolphin.datalayer.common;

import java.io.Serializable;

/**
 * How long to wait after consecutive failures (or idle polls): {@code initial × multiplier^(n−1)} after the n-th,
 * never more than {@code max}. The unit is the caller's (milliseconds or nanoseconds). Immutable: the caller keeps
 * the count or the last delay, which is the part of a backoff that a snapshot may need to save. No jitter: each
 * user backs off alone (one writer, one poller, one reader per partition), so there is no herd to spread.
 *
 * @param initial    the first wait, &gt; 0
 * @param max        the longest wait, &gt;= initial
 * @param multiplier how much each further failure multiplies the wait, &gt;= 1
 */
public record Backoff(long initial, long max, int multiplier) implements Serializable {

    public Backoff {
        if (initial <= 0 || max < initial || multiplier < 1) {
            throw new IllegalArgumentException("a backoff needs 0 < initial <= max and multiplier >= 1, got initial "
                    + initial + ", max " + max + ", multiplier " + multiplier);
        }
    }

    /** The wait doubles after each failure. */
    public static Backoff doubling(long initial, long max) {
        return new Backoff(initial, max, 2);
    }

    /** The wait after the one of {@code previous}; {@code previous <= 0} means no failure yet, so the first wait. */
    public long next(long previous) {
        if (previous <= 0) {
            return initial;
        }
        return previous > max / multiplier ? max : Math.min(max, previous * multiplier);
    }

    /** The wait after {@code failures} consecutive failures; 0 for none. */
    public long delay(int failures) {
        long d = 0;
        for (int n = 0; n < failures && d < max; n++) {
            d = next(d);
            if (multiplier == 1) {
                break;
            }
        }
        return d;
    }
}
