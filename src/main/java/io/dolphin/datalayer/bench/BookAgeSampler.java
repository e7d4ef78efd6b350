package io.dolphin.datalayer.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The job's own event→IMap latency: every book's age when its write was acknowledged, from the writers'
 * member-wide recorder ({@code BookAgeMeter.memberWide}), read every {@code windowMs} on a thread of its own. Unlike
 * a map listener it costs the partition threads nothing and sees every book, not a few keys' books.
 *
 * <p>Also tells whether p99 is made of a few stalls or of latency spread evenly: the share of windows, from the
 * first one with a book to the last one, in which a book was acknowledged more than {@code thresholdMs} old or none
 * was acknowledged at all.
 */
final class BookAgeSampler implements AutoCloseable {

    private final Recorder recorder;
    private final long windowMs;
    private final long thresholdMs;
    private final long fromMillis;
    private final Thread reader;
    private final Histogram total;
    private Histogram window;
    /** Windows from the first non-empty one; stalled ones among them; both as of the last non-empty window. */
    private int windows;
    private int stalled;
    private int emptySinceLastBook;
    private volatile boolean stop;

    /** Starts reading; ages acknowledged before {@code warmUpMs} from now are dropped. */
    static BookAgeSampler start(Recorder recorder, long warmUpMs, long windowMs, long thresholdMs) {
        BookAgeSampler sampler = new BookAgeSampler(recorder, System.currentTimeMillis() + warmUpMs, windowMs,
                thresholdMs);
        sampler.reader.start();
        return sampler;
    }

    /** Reads only when {@link #readWindow(long)} is called (tests), until started. */
    BookAgeSampler(Recorder recorder, long fromMillis, long windowMs, long thresholdMs) {
        this.recorder = recorder;
        this.windowMs = windowMs;
        this.thresholdMs = thresholdMs;
        this.fromMillis = fromMillis;
        this.window = recorder.getIntervalHistogram();
        this.total = new Histogram(window.getHighestTrackableValue(), window.getNumberOfSignificantValueDigits());
        this.reader = new Thread(this::run, "bench-book-age-sampler");
        reader.setDaemon(true);
    }

    private void run() {
        long next = System.currentTimeMillis() + windowMs;
        while (!stop) {
            long wait = next - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            next += windowMs;
            readWindow(System.currentTimeMillis());
        }
    }

    /** Takes the window ending at {@code nowMillis}. */
    synchronized void readWindow(long nowMillis) {
        window = recorder.getIntervalHistogram(window);
        if (nowMillis - windowMs < fromMillis) {
            return;
        }
        total.add(window);
        if (window.getTotalCount() == 0) {
            if (windows > 0) {
                emptySinceLastBook++;
            }
            return;
        }
        // empty windows between two with books were stalls; those after the last book are not counted
        windows += emptySinceLastBook + 1;
        stalled += emptySinceLastBook + (window.getMaxValue() > thresholdMs ? 1 : 0);
        emptySinceLastBook = 0;
    }

    /** Stops reading, after one last window. */
    @Override
    public void close() throws InterruptedException {
        if (stop) {
            return;
        }
        stop = true;
        if (reader.isAlive()) {
            reader.interrupt();
            reader.join();
        }
        readWindow(System.currentTimeMillis());
    }

    /** p50, p99 and p99.9 in ms; NaN when nothing was recorded. */
    synchronized double[] percentiles() {
        if (total.getTotalCount() == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        return new double[] {total.getValueAtPercentile(50), total.getValueAtPercentile(99),
                total.getValueAtPercentile(99.9)};
    }

    synchronized long count() {
        return total.getTotalCount();
    }

    /** Stalled windows ÷ windows; NaN when nothing was recorded. */
    synchronized double stalledShare() {
        return windows == 0 ? Double.NaN : (double) stalled / windows;
    }
}
