package io.dolphin.datalayer.obf;

import com.hazelcast.jet.core.metrics.Unit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BookAgeMeterTest {

    private static final long T0 = 1_780_000_000_000L;

    private final RecordedMetrics gauges = new RecordedMetrics();

    private BookAgeMeter meter(String jobName) {
        return new BookAgeMeter(jobName, gauges);
    }

    @Test
    void when_intervalEnds_then_itsPercentilesArePublished_andTheNextStartsEmpty() {
        BookAgeMeter meter = meter("age-interval");
        meter.publishIfDue(T0);
        // 1,000 books aged 1..1000 ms, acknowledged at T0 + 1 s
        long ack = T0 + 1_000;
        long[] ts = LongStream.rangeClosed(1, 1_000).map(age -> ack - age).toArray();
        meter.written(ts, ts.length, ack);
        assertTrue(gauges.isEmpty(), "nothing published before the interval ends");

        meter.publishIfDue(T0 + BookAgeMeter.PUBLISH_EVERY_MS);

        assertEquals(1_000, gauges.get(BookAgeMeter.SAMPLES_METRIC));
        assertNear(500, gauges.get(BookAgeMeter.P50_METRIC));
        assertNear(990, gauges.get(BookAgeMeter.P99_METRIC));
        assertNear(999, gauges.get(BookAgeMeter.P999_METRIC));
        assertNear(1_000, gauges.get(BookAgeMeter.MAX_METRIC));
        assertEquals(Unit.MS, gauges.unit(BookAgeMeter.P99_METRIC));
        assertEquals(Unit.COUNT, gauges.unit(BookAgeMeter.SAMPLES_METRIC));

        meter.publishIfDue(T0 + 2 * BookAgeMeter.PUBLISH_EVERY_MS);
        assertEquals(0, gauges.get(BookAgeMeter.SAMPLES_METRIC), "a quiet interval shows as no samples");
        assertEquals(0, gauges.get(BookAgeMeter.P99_METRIC));
    }

    @Test
    void when_bookFromTheFutureOrHoursOld_then_countedAtTheBounds() {
        BookAgeMeter meter = meter("age-bounds");
        long now = T0;
        // an exchange clock ahead of ours, and a book re-read long after a restart
        meter.written(new long[] {now + 30, now - 3 * BookAgeMeter.HIGHEST_MS}, 2, now);

        Histogram h = BookAgeMeter.memberWide("age-bounds").getIntervalHistogram();
        assertEquals(2, h.getTotalCount());
        assertEquals(0, h.getMinValue());
        assertTrue(h.valuesAreEquivalent(BookAgeMeter.HIGHEST_MS, h.getMaxValue()), "max " + h.getMaxValue());
    }

    @Test
    void when_twoProcessorsOfOneJob_then_theMemberWideViewHoldsBoth_andOtherJobsApart() {
        BookAgeMeter a = meter("age-shared");
        BookAgeMeter b = meter("age-shared");
        BookAgeMeter other = meter("age-other");
        a.written(new long[] {T0 - 5}, 1, T0);
        b.written(new long[] {T0 - 7, T0 - 9}, 2, T0);
        other.written(new long[] {T0 - 1}, 1, T0);

        Histogram shared = BookAgeMeter.memberWide("age-shared").getIntervalHistogram();
        assertEquals(3, shared.getTotalCount());
        assertEquals(5, shared.getMinValue());
        assertEquals(9, shared.getMaxValue());
        assertEquals(1, BookAgeMeter.memberWide("age-other").getIntervalHistogram().getTotalCount());
    }

    private static void assertNear(long expected, long actual) {
        // two significant digits: within 1% of the value
        assertTrue(Math.abs(expected - actual) <= Math.max(1, expected / 100), "expected ~" + expected + ", got " + actual);
    }
}
