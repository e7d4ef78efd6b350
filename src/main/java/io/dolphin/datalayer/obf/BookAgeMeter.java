package io.dolphin.datalayer.obf;

import com.hazelcast.jet.core.metrics.Metric;
import com.hazelcast.jet.core.metrics.Unit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * How old each book is when the map holds it: the wall clock when {@link OrderBookWriterP} sees its write
 * acknowledged, minus the book's exchange {@code ts}. Every written book is counted, on the processor's own thread,
 * so measuring costs the partition threads nothing (a map listener's events run on them).
 *
 * <p>The acknowledgement is seen when the processor next runs after the write completed, so an age is never less
 * than the truth. It includes whatever happened before Kafka (the exchange, the feed, clock offsets between the
 * exchange and us: an age below zero is counted as 0). A book re-read after a restart is written old, and counted
 * so: that is how old the hot path was.
 *
 * <p>Published per processor every {@value #PUBLISH_EVERY_MS} ms (the members' metrics collection interval) as Jet
 * gauges over the interval just ended: {@value #P50_METRIC}, {@value #P99_METRIC}, {@value #P999_METRIC},
 * {@value #MAX_METRIC} and the count {@value #SAMPLES_METRIC} (0: no book was written, the percentiles are 0).
 * In-JVM readers (the benchmark, tests) get every processor's ages of one job on this member through
 * {@link #memberWide(String)}.
 */
public final class BookAgeMeter {

    public static final String P50_METRIC = "bookAgeP50Ms";
    public static final String P99_METRIC = "bookAgeP99Ms";
    public static final String P999_METRIC = "bookAgeP999Ms";
    public static final String MAX_METRIC = "bookAgeMaxMs";
    public static final String SAMPLES_METRIC = "bookAgeSamples";
    static final long PUBLISH_EVERY_MS = 5_000;
    /** Older books are counted at this age: a bound on the histogram's memory, far beyond any alert. */
    static final long HIGHEST_MS = TimeUnit.HOURS.toMillis(1);
    private static final int SIGNIFICANT_DIGITS = 2;
    private static final ConcurrentMap<String, Recorder> MEMBER_WIDE = new ConcurrentHashMap<>();

    private final Histogram interval = new Histogram(HIGHEST_MS, SIGNIFICANT_DIGITS);
    private final Recorder memberWide;
    private final NewMetric newMetric;
    private long publishAt = Long.MIN_VALUE;
    private Metric p50;
    private Metric p99;
    private Metric p999;
    private Metric max;
    private Metric samples;

    BookAgeMeter(String jobName, NewMetric newMetric) {
        this.memberWide = memberWide(jobName);
        this.newMetric = newMetric;
    }

    /**
     * Every book age of {@code jobName}'s writers on this member since the last {@link Recorder#getIntervalHistogram()}
     * call of whoever reads it; one reader at a time.
     */
    public static Recorder memberWide(String jobName) {
        return MEMBER_WIDE.computeIfAbsent(jobName, n -> new Recorder(HIGHEST_MS, SIGNIFICANT_DIGITS));
    }

    /** One acknowledged write: the {@code count} books' exchange times in {@code ts}. */
    void written(long[] ts, int count, long nowMillis) {
        for (int i = 0; i < count; i++) {
            long age = Math.min(HIGHEST_MS, Math.max(0, nowMillis - ts[i]));
            interval.recordValue(age);
            memberWide.recordValue(age);
        }
        publishIfDue(nowMillis);
    }

    /** Publishes the interval just ended once it is due; called when idle too, so a quiet feed shows as 0 samples. */
    void publishIfDue(long nowMillis) {
        if (publishAt == Long.MIN_VALUE) {
            publishAt = nowMillis + PUBLISH_EVERY_MS;
            return;
        }
        if (nowMillis < publishAt) {
            return;
        }
        if (p50 == null) {
            p50 = newMetric.create(P50_METRIC, Unit.MS);
            p99 = newMetric.create(P99_METRIC, Unit.MS);
            p999 = newMetric.create(P999_METRIC, Unit.MS);
            max = newMetric.create(MAX_METRIC, Unit.MS);
            samples = newMetric.create(SAMPLES_METRIC, Unit.COUNT);
        }
        p50.set(interval.getValueAtPercentile(50));
        p99.set(interval.getValueAtPercentile(99));
        p999.set(interval.getValueAtPercentile(99.9));
        max.set(interval.getMaxValue());
        samples.set(interval.getTotalCount());
        interval.reset();
        publishAt = nowMillis + PUBLISH_EVERY_MS;
    }
}
