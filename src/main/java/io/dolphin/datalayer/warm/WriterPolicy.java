package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.common.Backoff;

import java.io.Serializable;

/**
 * When the writer writes and how it waits.
 *
 * @param batchMaxEvents    write once this many events are buffered (ClickHouse wants inserts of >= 10k rows)
 * @param batchMaxDelayMs   ... or once the oldest buffered event is this old (ClickHouse: about one insert per second
 *                          per table at most)
 * @param maxBufferedEvents stop taking events beyond this while the store is down: the journal holds the rest
 * @param retryInitialMs    first backoff after a transient failure, doubled up to {@code retryMaxMs}
 * @param replayTimeoutMs   how long a pending ClickHouse batch may wait for its events before it is written as is
 */
public record WriterPolicy(int batchMaxEvents, long batchMaxDelayMs, int maxBufferedEvents, long retryInitialMs,
                           long retryMaxMs, long replayTimeoutMs) implements Serializable {

    public WriterPolicy {
        if (batchMaxEvents < 1 || maxBufferedEvents < batchMaxEvents) {
            throw new IllegalArgumentException("need 1 <= batchMaxEvents <= maxBufferedEvents, got " + batchMaxEvents
                    + " and " + maxBufferedEvents);
        }
        if (retryInitialMs <= 0 || retryMaxMs < retryInitialMs) {
            throw new IllegalArgumentException("need 0 < retryInitialMs <= retryMaxMs, got " + retryInitialMs
                    + " and " + retryMaxMs);
        }
    }

    /** The wait after each transient failure in a row. */
    public Backoff retryBackoff() {
        return Backoff.doubling(retryInitialMs, retryMaxMs);
    }
}
