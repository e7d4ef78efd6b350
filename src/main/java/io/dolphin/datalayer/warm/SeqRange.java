package io.dolphin.datalayer.warm;

import java.io.Serializable;

/**
 * The journal sequences {@code lo..hi} (both included) of one journal partition that a batch covers: what
 * {@code _ingest_runs} and a ClickHouse intent record, and what a batch's token is derived from.
 */
public record SeqRange(long lo, long hi) implements Serializable {

    public SeqRange {
        if (lo > hi) {
            throw new IllegalArgumentException("a journal range needs lo <= hi, got " + lo + ".." + hi);
        }
    }

    /** The range of one event. */
    public static SeqRange of(long seq) {
        return new SeqRange(seq, seq);
    }

    public boolean contains(long seq) {
        return seq >= lo && seq <= hi;
    }

    /** The smallest range holding this one and {@code seq}. */
    public SeqRange extend(long seq) {
        return contains(seq) ? this : new SeqRange(Math.min(lo, seq), Math.max(hi, seq));
    }
}
