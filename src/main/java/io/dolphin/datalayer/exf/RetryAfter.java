package io.dolphin.datalayer.exf;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The HTTP {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. */
final class RetryAfter {

    /**
     * A server asking for a day's silence is more likely broken than meaningful; an hour is the most we wait
     * before trying again (and the failure stays visible as the field's age meanwhile).
     */
    public static final Duration MAX = Duration.ofHours(1);

    private RetryAfter() {
    }

    /** @return the delay in ms (0..{@link #MAX}), or -1 when the header is absent or unreadable */
    public static long parseMillis(String header, long nowMs) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String h = header.strip();
        long ms;
        if (h.chars().allMatch(Character::isDigit)) {
            try {
                ms = Math.multiplyExact(Long.parseLong(h), 1000L);
            } catch (ArithmeticException | NumberFormatException e) {
                ms = MAX.toMillis();
            }
        } else {
            try {
                ms = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli() - nowMs;
            } catch (DateTimeParseException e) {
                return -1;
            }
        }
        return Math.max(0, Math.min(ms, MAX.toMillis()));
    }
}
