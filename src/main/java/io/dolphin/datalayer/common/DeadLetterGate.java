package io.dolphin.datalayer.common;

import java.io.Serializable;
import java.time.Instant;

/**
 * At most one dead letter per failure kind and interval: a source that keeps failing the same way counts every
 * failure but letters the first, then one per interval saying how many it counted meanwhile. Lives in the job's
 * snapshotted state.
 */
public final class DeadLetterGate implements Serializable {

    private static final long serialVersionUID = 1L;
    private long lastLetterMs;
    private long suppressed;

    /**
     * @return null when this failure is only counted; otherwise the text to append to its dead letter's reason ("" or
     *         how many were counted since the last letter)
     */
    public String pass(long nowMs, long intervalMs) {
        if (lastLetterMs != 0 && nowMs - lastLetterMs < intervalMs) {
            suppressed++;
            return null;
        }
        String counted = suppressed == 0 ? "" : " (" + suppressed + " more like it since "
                + Instant.ofEpochMilli(lastLetterMs) + " were counted, not dead-lettered)";
        lastLetterMs = nowMs;
        suppressed = 0;
        return counted;
    }
}
