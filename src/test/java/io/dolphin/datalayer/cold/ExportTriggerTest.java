package io.dolphin.datalayer.cold;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The job's ticks: at start, when a UTC day closes (midnight + grace), every check interval between; never a burst. */
class ExportTriggerTest {

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void when_started_then_ticksAtOnceThenAtTheNextCloseOrIntervalWhicheverIsFirst() {
        long grace = 600_000;
        ExportTrigger t = new ExportTrigger(3_600_000, grace, at("2026-11-30T22:30:00Z"));

        assertEquals(at("2026-11-30T22:30:00Z"), t.tick(at("2026-11-30T22:30:00Z")), "at start");
        assertNull(t.tick(at("2026-11-30T23:29:59Z")));
        assertEquals(at("2026-11-30T23:30:00Z"), t.tick(at("2026-11-30T23:30:00Z")), "the interval");
        assertNull(t.tick(at("2026-12-01T00:09:59Z")));
        assertEquals(at("2026-12-01T00:10:00Z"), t.tick(at("2026-12-01T00:10:00Z")), "the day closed: midnight + grace");
        assertNull(t.tick(at("2026-12-01T01:09:59Z")));
    }

    @Test
    void when_callerWasAwayLong_then_oneTickOnly() {
        ExportTrigger t = new ExportTrigger(3_600_000, 0, at("2026-11-30T00:00:00Z"));
        t.tick(at("2026-11-30T00:00:00Z"));

        assertEquals(at("2026-12-03T05:00:00Z"), t.tick(at("2026-12-03T05:00:00Z")));
        assertNull(t.tick(at("2026-12-03T05:00:01Z")));
    }

    @Test
    void when_startedJustAfterMidnightBeforeTheGrace_then_theNextTickIsTheClose() {
        ExportTrigger t = new ExportTrigger(3_600_000, 600_000, at("2026-12-01T00:02:00Z"));
        t.tick(at("2026-12-01T00:02:00Z"));

        assertEquals(at("2026-12-01T00:10:00Z"), t.nextClose(at("2026-12-01T00:02:00Z")));
        assertNull(t.tick(at("2026-12-01T00:09:59Z")));
        assertEquals(at("2026-12-01T00:10:00Z"), t.tick(at("2026-12-01T00:10:00Z")));
    }
}
