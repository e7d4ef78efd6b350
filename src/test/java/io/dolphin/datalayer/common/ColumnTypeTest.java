package io.dolphin.datalayer.common;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a column refuses before a store sees it: values ClickHouse would keep as another value without an error. */
class ColumnTypeTest {

    @Test
    void when_timeWithinDateTime64sRange_then_kept_andOutsideIt_refusedNamingTheTime() {
        long first = micros("1900-01-01T00:00:00Z");
        long last = micros("2299-12-31T23:59:59.999999Z");
        assertEquals(first, ColumnType.TIMESTAMP_US.check("ts", first));
        assertEquals(last, ColumnType.TIMESTAMP_MS.check("ts", last));
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> ColumnType.TIMESTAMP_US.check("ts", last + 1));
        assertTrue(late.getMessage().contains("'ts'") && late.getMessage().contains("2300-01-01T00:00:00Z"),
                late.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ColumnType.TIMESTAMP_MS.check("ts", first - 1));
        // a nanosecond epoch taken for microseconds: far outside, and still named without overflowing
        IllegalArgumentException ns = assertThrows(IllegalArgumentException.class,
                () -> ColumnType.TIMESTAMP_US.check("ts", Long.MAX_VALUE));
        assertTrue(ns.getMessage().contains(String.valueOf(Long.MAX_VALUE)), ns.getMessage());
    }

    @Test
    void when_dateWithinClickHousesDateRange_then_kept_andOutsideIt_refused() {
        int lastDay = (int) LocalDate.parse("2149-06-06").toEpochDay();
        assertEquals(0, ColumnType.DATE.check("date", 0));
        assertEquals(lastDay, ColumnType.DATE.check("date", lastDay));
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> ColumnType.DATE.check("date", lastDay + 1));
        assertTrue(late.getMessage().contains("2149-06-07"), late.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ColumnType.DATE.check("date", -1));
    }

    private static long micros(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }
}
