package io.dolphin.datalayer.acb;

import io.dolphin.datalayer.common.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A scripted exf_latest stream and, computed here from first principles (not with the production classes), the
 * acb_boost every window must produce under the reference formula.
 */
final class AcbScript {

    static final long SLIDE = 30_000;
    static final long SIZE = 300_000;
    static final long SPACING = 500;

    /** One exf_latest update; a null factor is left out of the JSON. */
    record Sample(long tsMillis, Double fundingBtc, Double dvol, Double fearGreed, Double taker) {

        String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            put(m, "funding_btc", fundingBtc);
            put(m, "funding_eth", 1.648e-05);
            put(m, "dvol", dvol);
            put(m, "fear_greed", fearGreed);
            put(m, "taker", taker);
            m.put("basis", -0.0778);
            m.put("_ts", tsMillis / 1000.0);
            return Json.write(m);
        }

        private static void put(Map<String, Object> m, String k, Double v) {
            if (v != null) {
                m.put(k, v);
            }
        }
    }

    /** What one window must contain. */
    record Expected(long windowStart, long windowEnd, long samples, double signals, double beta, double boost,
                    Map<String, Double> fractions, double lastSampleTs) {
    }

    private AcbScript() {
    }

    /** A start time in the past (so the future-skew guard never fires), aligned to the slide as Jet aligns frames. */
    static long startInThePast() {
        long hourAgo = System.currentTimeMillis() - 3 * 3_600_000L;
        return hourAgo - hourAgo % 3_600_000L;
    }

    /**
     * One sample every 500 ms in [fromMillis, toMillis). Calm at first, then a stressed stretch from minute 3 to 6,
     * with factors sometimes missing and sometimes exactly at their threshold.
     */
    static List<Sample> samples(long t0, long fromMillis, long toMillis) {
        List<Sample> out = new ArrayList<>();
        for (long ts = fromMillis; ts < toMillis; ts += SPACING) {
            long i = (ts - t0) / SPACING;
            Random r = new Random(i * 7919 + 17);
            boolean stressed = ts - t0 >= 180_000 && ts - t0 < 360_000;
            double p = stressed ? 0.7 : 0.15;
            Double funding = r.nextDouble() < p ? -r.nextDouble() * 1e-4 : r.nextDouble() * 1e-4;
            Double dvol = i % 37 == 0 ? null : i % 53 == 0 ? 55.0 : r.nextDouble() < p ? 56 + r.nextDouble() * 9
                    : 40 + r.nextDouble() * 14;
            Double fear = i % 41 == 0 ? 25.0 : r.nextDouble() < p ? 5 + r.nextDouble() * 19 : 26 + r.nextDouble() * 50;
            Double taker = i % 59 == 0 ? null : r.nextDouble() < p ? 0.5 + r.nextDouble() * 0.39
                    : 0.91 + r.nextDouble() * 0.5;
            out.add(new Sample(ts, funding, dvol, fear, taker));
        }
        return out;
    }

    /** The reference formula applied to the samples in [end - 5 min, end). */
    static Expected expected(List<Sample> all, long windowEnd) {
        long start = windowEnd - SIZE;
        long n = 0;
        long[] seen = new long[4];
        long[] held = new long[4];
        long last = Long.MIN_VALUE;
        for (Sample s : all) {
            if (s.tsMillis() < start || s.tsMillis() >= windowEnd) {
                continue;
            }
            n++;
            last = Math.max(last, s.tsMillis());
            count(0, s.fundingBtc(), s.fundingBtc() != null && s.fundingBtc() < 0, seen, held);
            count(1, s.dvol(), s.dvol() != null && s.dvol() > 55, seen, held);
            count(2, s.fearGreed(), s.fearGreed() != null && s.fearGreed() < 25, seen, held);
            count(3, s.taker(), s.taker() != null && s.taker() < 0.9, seen, held);
        }
        String[] names = {"funding_btc", "dvol", "fear_greed", "taker"};
        Map<String, Double> fractions = new LinkedHashMap<>();
        double signals = 0;
        for (int c = 0; c < 4; c++) {
            if (seen[c] > 0) {
                double f = (double) held[c] / seen[c];
                fractions.put(names[c], f);
                signals += f;
            }
        }
        double beta = Math.max(0.2, Math.min(1.0, 1 - 0.25 * signals));
        double boost = Math.max(1.0, Math.min(1.5, 1 + 0.5 * (1 - signals / 4)));
        return new Expected(start, windowEnd, n, signals, beta, boost, fractions, last / 1000.0);
    }

    /** Every window (ending on a slide boundary up to {@code lastEnd}) that holds at least one sample. */
    static List<Expected> expectedWindows(List<Sample> all, long lastEnd) {
        long first = all.get(0).tsMillis() - all.get(0).tsMillis() % SLIDE + SLIDE;
        List<Expected> out = new ArrayList<>();
        for (long end = first; end <= lastEnd; end += SLIDE) {
            Expected e = expected(all, end);
            if (e.samples() > 0) {
                out.add(e);
            }
        }
        return out;
    }

    /** Compares a written acb_boost JSON with the independent expectation, field by field. */
    static void assertMatches(Expected e, String json) {
        Map<String, Object> v = Json.parseObject(json);
        String at = "window ending " + e.windowEnd() + ": ";
        assertEquals(e.windowEnd() / 1000.0, num(v, "window_end"), 0, at + "window_end");
        assertEquals(e.windowStart() / 1000.0, num(v, "window_start"), 0, at + "window_start");
        assertEquals(e.windowEnd() / 1000.0, num(v, "ts"), 0, at + "ts");
        assertEquals(e.samples(), ((Number) v.get("samples")).longValue(), at + "samples");
        assertEquals(e.signals(), num(v, "signals"), 1e-12, at + "signals");
        assertEquals(e.beta(), num(v, "beta"), 1e-12, at + "beta");
        assertEquals(e.boost(), num(v, "boost"), 1e-12, at + "boost");
        assertEquals(e.lastSampleTs(), num(v, "last_sample_ts"), 1e-9, at + "last_sample_ts");
        assertEquals("1", v.get("formula_version"), at + "formula_version");
        @SuppressWarnings("unchecked")
        Map<String, Object> fractions = (Map<String, Object>) v.get("fractions");
        assertEquals(e.fractions().keySet(), fractions.keySet(), at + "fractions");
        e.fractions().forEach((k, f) -> assertEquals(f, ((Number) fractions.get(k)).doubleValue(), 1e-12, at + k));
    }

    private static double num(Map<String, Object> v, String field) {
        return ((Number) v.get(field)).doubleValue();
    }

    private static void count(int c, Double value, boolean holds, long[] seen, long[] held) {
        if (value != null) {
            seen[c]++;
            if (holds) {
                held[c]++;
            }
        }
    }
}
