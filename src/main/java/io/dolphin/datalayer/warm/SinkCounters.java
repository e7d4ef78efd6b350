package io.dolphin.datalayer.warm;

/**
 * What the warm-sink writer counts; {@link WriteWarmStoreP} publishes each as a Jet user metric of the same name
 * (Management Center, JMX, {@code bin/dolphin jobs}). Counters only grow; the last three are gauges.
 */
public final class SinkCounters {

    public static final String ROWS_WRITTEN = "warmSinkRowsWritten";
    public static final String EVENTS_COMMITTED = "warmSinkEventsCommitted";
    public static final String BATCHES = "warmSinkBatches";
    public static final String DUPLICATES_SKIPPED = "warmSinkDuplicatesSkipped";
    public static final String RESTORED_SKIPPED = "warmSinkRestoredSkipped";
    public static final String REPLAYS_SKIPPED = "warmSinkReplaysSkipped";
    public static final String JOURNAL_LOST = "warmSinkJournalLostEvents";
    /**
     * Events whose journal sequence the sink had already seen but whose value is newer than anything stored for its
     * key: the partition's journal was replaced by a promoted backup that had not received the last events the sink
     * read from the dead owner, so new events reuse those sequence numbers. Written, not skipped; see
     * {@link WarmStoreWriter#accept}.
     */
    public static final String REUSED_SEQUENCES = "warmSinkReusedSequenceEvents";
    public static final String TRANSIENT_ERRORS = "warmSinkTransientErrors";
    public static final String BAD_ROWS = "warmSinkBadRows";
    public static final String LAG_MS = "warmSinkLagMs";
    public static final String BUFFERED_EVENTS = "warmSinkBufferedEvents";
    public static final String STORE_UP = "warmSinkStoreUp";

    long rowsWritten;
    long eventsCommitted;
    long batches;
    long duplicatesSkipped;
    long restoredSkipped;
    long replaysSkipped;
    long journalLost;
    long reusedSequences;
    long transientErrors;
    long badRows;
    long lagMs;
    long bufferedEvents;
    boolean storeUp;

    public long rowsWritten() {
        return rowsWritten;
    }

    public long eventsCommitted() {
        return eventsCommitted;
    }

    public long duplicatesSkipped() {
        return duplicatesSkipped;
    }

    public long restoredSkipped() {
        return restoredSkipped;
    }

    /** Values a map's writer wrote again after its own restart (not newer than what the store holds for the key). */
    public long replaysSkipped() {
        return replaysSkipped;
    }

    public long journalLost() {
        return journalLost;
    }

    public long reusedSequences() {
        return reusedSequences;
    }

    public long transientErrors() {
        return transientErrors;
    }

    public long badRows() {
        return badRows;
    }

    public long lagMs() {
        return lagMs;
    }

    public long bufferedEvents() {
        return bufferedEvents;
    }

    public boolean storeUp() {
        return storeUp;
    }

    public long batches() {
        return batches;
    }
}
