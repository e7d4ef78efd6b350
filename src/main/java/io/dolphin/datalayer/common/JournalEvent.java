package io.dolphin.datalayer.common;

import java.io.Serializable;

/**
 * One event of a map's event journal with its place in the journal: {@code (epoch, map, partition, seq)} names it
 * uniquely for the life of the cluster, which is what lets the warm sink recognise a replayed event.
 *
 * @param epoch      the journal epoch: a random number drawn once per cluster lifetime ({@link JournalEpoch})
 * @param seq        the journal sequence within the partition
 * @param value      the new value (JSON text); null when the key was removed
 * @param oldValue   the value before this event, when the journal recorded one
 * @param added      the key did not exist before (an ADDED event)
 * @param removed    the key is gone (REMOVED, EVICTED or EXPIRED)
 * @param readTimeMs when the source read the event: the event time for values that carry none
 */
public record JournalEvent(long epoch, String map, int partition, long seq, String key, String value,
                           String oldValue, boolean added, boolean removed, long readTimeMs) implements Serializable {

    /** Names the event in dead letters and logs, e.g. {@code DOLPHIN_FEATURES[exf_latest] p12@345}. */
    public String describe() {
        return map + "[" + key + "] p" + partition + "@" + seq;
    }

    /** The same event without its old value, which nothing after the row mapping needs. */
    public JournalEvent withoutOldValue() {
        return oldValue == null ? this : new JournalEvent(epoch, map, partition, seq, key, value, null, added, removed,
                readTimeMs);
    }
}
