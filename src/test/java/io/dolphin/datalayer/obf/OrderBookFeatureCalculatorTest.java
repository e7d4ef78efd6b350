package io.dolphin.datalayer.obf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every feature on books small enough to compute by hand; the arithmetic is spelled out beside each expectation. */
class OrderBookFeatureCalculatorTest {

    private static final double EPS = 1e-9;

    /** D_ref 1,000, S_max 200 bps, Q_ref 500, F 60 bps: numbers that make every term matter in the small books. */
    private final OrderBookFeatureCalculator small =
            new OrderBookFeatureCalculator(new OrderBookFeatureCalculator.Params(1_000, 200, 500, 60));
    private final OrderBookFeatureCalculator defaults =
            new OrderBookFeatureCalculator(OrderBookFeatureCalculator.Params.DEFAULTS);

    @Test
    void when_threeLevelBook_then_everyFeatureAsComputedByHand() {
        // Given bids 100x2, 99.5x4, 98x10 and asks 101x1, 101.5x3, 103x5
        OrderBookSnapshot book = book(new double[][]{{100, 2}, {99.5, 4}, {98, 10}},
                new double[][]{{101, 1}, {101.5, 3}, {103, 5}});

        // When
        OrderBookFeatures f = small.compute(book);

        // Then mid = 100.5; the 1% band is [99.495, 101.505]
        assertEquals(100.0, f.bestBid());
        assertEquals(101.0, f.bestAsk());
        assertEquals(1e4 * 1.0 / 100.5, f.spreadBps(), EPS);                 // 99.5025 bps
        // bids in band: 100*2 + 99.5*4 = 598 (98 is below 99.495); asks: 101*1 + 101.5*3 = 405.5 (103 above)
        assertEquals(1003.5, f.depth1pctUsd(), EPS);
        assertEquals((598 - 405.5) / 1003.5, f.imbalance(), EPS);            // 0.1918
        // min(1, 1003.5/1000) * (1 - 99.5025/200)
        assertEquals(1.0 * (1 - (1e4 / 100.5) / 200), f.depthQuality(), EPS);
        // sell floor 100*(1-0.006) = 99.4: 200 + 398 = 598; buy ceiling 101*1.006 = 101.606: 101 + 304.5 = 405.5
        assertEquals(405.5 / 500, f.fillProbability(), EPS);                 // 0.811
        assertEquals(3, f.nBidLevels());
        assertEquals(3, f.nAskLevels());
        assertEquals(1776269558412L, f.ts());
    }

    @Test
    void when_btcTopOfBookWithDefaults_then_depthBelowReferenceAndFillCapped() {
        OrderBookSnapshot book = book(new double[][]{{84500, 0.5}}, new double[][]{{84501, 0.25}});

        OrderBookFeatures f = defaults.compute(book);

        double spread = 1e4 * 1.0 / 84500.5;                                 // 0.11834 bps
        assertEquals(spread, f.spreadBps(), EPS);
        assertEquals(42250 + 21125.25, f.depth1pctUsd(), EPS);               // 63,375.25
        assertEquals((42250 - 21125.25) / 63375.25, f.imbalance(), EPS);
        assertEquals(63375.25 / 100_000 * (1 - spread / 50), f.depthQuality(), EPS);
        // worse side 21,125.25 of a 10,000 order: fully filled
        assertEquals(1.0, f.fillProbability(), EPS);
    }

    @Test
    void when_spreadWiderThanTwoPercent_then_bandEmptyAndQualityZero() {
        // mid 100, band [99, 101]: neither 90 nor 110 is in it
        OrderBookSnapshot book = book(new double[][]{{90, 1}}, new double[][]{{110, 1}});

        OrderBookFeatures f = small.compute(book);

        assertEquals(2000.0, f.spreadBps(), EPS);
        assertEquals(0.0, f.depth1pctUsd());
        assertEquals(0.0, f.imbalance());
        assertEquals(0.0, f.depthQuality());
        // sell 90*1 = 90, buy 110*1 = 110: the worse side covers 90/500
        assertEquals(90.0 / 500, f.fillProbability(), EPS);
    }

    @Test
    void when_askSideNegligible_then_imbalanceApproachesOne() {
        // bid 100, ask 102 -> mid 101, band [99.99, 102.01]: both bids and the one (tiny) ask are in the band
        OrderBookSnapshot book = book(new double[][]{{100, 10}, {99.995, 10}}, new double[][]{{102, 1e-9}});

        OrderBookFeatures f = small.compute(book);

        double bid = 100 * 10 + 99.995 * 10;
        double ask = 102 * 1e-9;
        assertEquals((bid - ask) / (bid + ask), f.imbalance(), EPS);
        assertEquals(1.0, f.imbalance(), 1e-6);
    }

    @Test
    void when_spreadBeyondLimit_then_depthQualityZeroNotNegative() {
        // 250 bps spread > S_max 200
        OrderBookSnapshot book = book(new double[][]{{98.75, 100}}, new double[][]{{101.25, 100}});

        assertEquals(250.0, small.compute(book).spreadBps(), EPS);
        assertEquals(0.0, small.compute(book).depthQuality());
    }

    @Test
    void when_levelExactlyOnBandEdge_then_counted() {
        // bid 99, ask 101 -> mid 100, band floor 99.0: the best bid sits exactly on it (inclusive)
        OrderBookSnapshot book = book(new double[][]{{99, 1}}, new double[][]{{101, 1}});

        assertEquals(99.0 + 101.0, small.compute(book).depth1pctUsd(), EPS);
    }

    @Test
    void when_paramsNotPositive_then_rejectedWithSettingName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OrderBookFeatureCalculator.Params(0, 50, 10_000, 10));
        assertEquals("depth-reference-usd must be a positive number, got 0.0", e.getMessage());
    }

    static OrderBookSnapshot book(double[][] bids, double[][] asks) {
        return new OrderBookSnapshot("TESTUSDT", 1776269558412L, column(bids, 0), column(bids, 1),
                column(asks, 0), column(asks, 1));
    }

    private static double[] column(double[][] levels, int c) {
        double[] out = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            out[i] = levels[i][c];
        }
        return out;
    }
}
