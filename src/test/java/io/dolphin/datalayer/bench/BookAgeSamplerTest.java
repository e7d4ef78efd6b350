package io.dolphin.datalayer.bench;

import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BookAgeSamplerTest {

    private static final long T0 = 1_780_000_000_000L;
    private final Recorder recorder = new Recorder(3_600_000, 2);

    @Test
    void when_windowsRead_then_warmUpDropped_emptyWindowsBetweenBooksStalled_andTheTrailingOnesNot() {
        recorder.recordValue(900); // before the sampler starts: not its business
        BookAgeSampler s = new BookAgeSampler(recorder, T0 + 100, 100, 50);
        recorder.recordValue(700);
        s.readWindow(T0 + 100); // the warm-up window
        recorder.recordValue(5);
        recorder.recordValue(7);
        s.readWindow(T0 + 200); // fine
        s.readWindow(T0 + 300); // nothing acknowledged: stalled
        recorder.recordValue(80);
        s.readWindow(T0 + 400); // one book late: stalled
        recorder.recordValue(6);
        s.readWindow(T0 + 500); // fine
        s.readWindow(T0 + 600); // after the last book: not counted
        s.readWindow(T0 + 700);

        assertEquals(4, s.count());
        assertEquals(0.5, s.stalledShare(), 1e-9, "2 of the 4 windows from the first book to the last");
        double[] p = s.percentiles();
        assertEquals(6, p[0], 0.5);
        assertTrue(p[1] >= 79 && p[1] <= 81, "p99 " + p[1]);
    }

    @Test
    void when_nothingRecorded_then_NaN() throws InterruptedException {
        BookAgeSampler s = BookAgeSampler.start(recorder, 0, 10, 50);
        s.close();
        assertEquals(0, s.count());
        assertTrue(Double.isNaN(s.percentiles()[1]));
        assertTrue(Double.isNaN(s.stalledShare()));
    }
}
