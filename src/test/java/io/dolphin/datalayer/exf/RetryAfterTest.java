package io.dolphin.datalayer.exf;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAfterTest {

    @Test
    void when_delaySeconds_then_millis() {
        assertEquals(2000, RetryAfter.parseMillis("2", 0));
        assertEquals(0, RetryAfter.parseMillis("0", 0));
    }

    @Test
    void when_httpDate_then_delayFromNow() {
        long now = 1776269558000L;
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(now + 30_000), ZoneOffset.UTC));
        assertEquals(30_000, RetryAfter.parseMillis(in30s, now));
        assertEquals(0, RetryAfter.parseMillis(in30s, now + 60_000));
    }

    @Test
    void when_absentOrGarbage_then_minusOne() {
        assertEquals(-1, RetryAfter.parseMillis(null, 0));
        assertEquals(-1, RetryAfter.parseMillis(" ", 0));
        assertEquals(-1, RetryAfter.parseMillis("soon", 0));
    }

    @Test
    void when_absurdlyLong_then_cappedAtAnHour() {
        assertEquals(RetryAfter.MAX.toMillis(), RetryAfter.parseMillis("86400", 0));
        assertEquals(RetryAfter.MAX.toMillis(), RetryAfter.parseMillis("99999999999999999999", 0));
    }
}
