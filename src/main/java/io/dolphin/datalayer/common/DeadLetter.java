package io.dolphin.datalayer.common;

import java.io.Serializable;

/**
 * A record a job could not accept. {@code source} identifies the input (file path, Kafka
 * topic/partition@offset, endpoint URL) so a replay after a restart overwrites the same dead letter instead
 * of adding a second one.
 *
 * @param job     the job's stable name, e.g. {@code dolphin-scan-bridge}
 * @param source  where the record came from; unique per record where the source allows it
 * @param reason  why it was rejected, in words an operator understands
 * @param payload the raw input (truncated to {@link #MAX_PAYLOAD_CHARS}; binary input as a description)
 * @param tsMillis when it was rejected, epoch milliseconds
 */
public record DeadLetter(String job, String source, String reason, String payload, boolean payloadTruncated,
                         long tsMillis) implements Serializable {

    /** Enough to see what was wrong; not so much that a flood of huge messages fills the heap. */
    public static final int MAX_PAYLOAD_CHARS = 16 * 1024;

    public static DeadLetter of(String job, String source, String reason, String payload, long tsMillis) {
        String p = payload == null ? "" : payload;
        boolean truncated = p.length() > MAX_PAYLOAD_CHARS;
        return new DeadLetter(job, source, reason, truncated ? p.substring(0, MAX_PAYLOAD_CHARS) : p, truncated,
                tsMillis);
    }

    /** The map key: stable for a given source so replays are idempotent. */
    public String key() {
        return job + "|" + source;
    }
}
