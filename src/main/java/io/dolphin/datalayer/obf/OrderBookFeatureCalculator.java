package io.dolphin.datalayer.obf;

import java.io.Serializable;

/**
 * Computes the features of {@code asset_<SYMBOL>_ob} from one validated {@link OrderBookSnapshot}. Notional means
 * price × quantity in the quote currency (USDT for the production universe, hence the {@code _usd} names).
 *
 * <pre>
 *   mid              = (best_bid + best_ask) / 2
 *   best_bid         = price of the first bid level;  best_ask = price of the first ask level
 *   spread_bps       = 10 000 × (best_ask − best_bid) / mid
 *   bid_band         = Σ notional of bid levels with price ≥ mid × 0.99      (bids are best first: stop at the first
 *   ask_band         = Σ notional of ask levels with price ≤ mid × 1.01       level outside the band)
 *   depth_1pct_usd   = bid_band + ask_band
 *   imbalance        = (bid_band − ask_band) / (bid_band + ask_band), 0 when both are 0;  in [−1, 1], > 0 = more bids
 *   depth_quality    = min(1, depth_1pct_usd / D_ref) × max(0, 1 − spread_bps / S_max)                 in [0, 1]
 *                      "is there D_ref of notional within 1% of mid, and is the spread far below S_max?"
 *                      D_ref = depth-reference-usd, S_max = spread-limit-bps (job descriptor)
 *   sell_avail       = Σ notional of bid levels with price ≥ best_bid × (1 − F_bps / 10 000)
 *   buy_avail        = Σ notional of ask levels with price ≤ best_ask × (1 + F_bps / 10 000)
 *   fill_probability = min(1, min(sell_avail, buy_avail) / Q_ref)                                      in [0, 1]
 *                      the fraction of a market order of Q_ref notional that the book fills within F_bps of the
 *                      touch, on the worse side (a short is sold into the bids and bought back from the asks).
 *                      A deterministic estimate from one snapshot, not a statistical probability.
 *                      Q_ref = fill-order-usd, F_bps = fill-band-bps (job descriptor)
 *   n_bid_levels     = number of bid levels in the snapshot; n_ask_levels likewise
 * </pre>
 *
 * Band edges are inclusive. Every result is finite because the codec accepts only books with positive finite
 * prices and quantities, both sides non-empty and best bid strictly below best ask.
 */
public final class OrderBookFeatureCalculator implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final double BPS = 10_000.0;
    private static final double DEPTH_BAND = 0.01;

    private final Params params;

    public OrderBookFeatureCalculator(Params params) {
        this.params = params;
    }

    public Params params() {
        return params;
    }

    public OrderBookFeatures compute(OrderBookSnapshot book) {
        double bestBid = book.bestBid();
        double bestAsk = book.bestAsk();
        double mid = (bestBid + bestAsk) / 2;
        double spreadBps = BPS * (bestAsk - bestBid) / mid;

        double bidBand = bidNotionalAtOrAbove(book, mid * (1 - DEPTH_BAND));
        double askBand = askNotionalAtOrBelow(book, mid * (1 + DEPTH_BAND));
        double depth = bidBand + askBand;
        double imbalance = depth > 0 ? (bidBand - askBand) / depth : 0.0;

        double depthQuality = Math.min(1.0, depth / params.depthReferenceUsd())
                * Math.max(0.0, 1.0 - spreadBps / params.spreadLimitBps());

        double fillBand = params.fillBandBps() / BPS;
        double sellAvail = bidNotionalAtOrAbove(book, bestBid * (1 - fillBand));
        double buyAvail = askNotionalAtOrBelow(book, bestAsk * (1 + fillBand));
        double fillProbability = Math.min(1.0, Math.min(sellAvail, buyAvail) / params.fillOrderUsd());

        return new OrderBookFeatures(bestBid, bestAsk, spreadBps, depth, depthQuality, fillProbability, imbalance,
                book.bidLevels(), book.askLevels(), book.ts(), null);
    }

    private static double bidNotionalAtOrAbove(OrderBookSnapshot book, double floor) {
        double[] prices = book.bidPrices();
        double[] qtys = book.bidQtys();
        double sum = 0;
        for (int i = 0; i < prices.length && prices[i] >= floor; i++) {
            sum += prices[i] * qtys[i];
        }
        return sum;
    }

    private static double askNotionalAtOrBelow(OrderBookSnapshot book, double ceiling) {
        double[] prices = book.askPrices();
        double[] qtys = book.askQtys();
        double sum = 0;
        for (int i = 0; i < prices.length && prices[i] <= ceiling; i++) {
            sum += prices[i] * qtys[i];
        }
        return sum;
    }

    /**
     * The tunables of {@code depth_quality} and {@code fill_probability}; see the class comment.
     *
     * @param depthReferenceUsd D_ref: notional within 1% of mid at which depth counts as full
     * @param spreadLimitBps    S_max: spread at which depth_quality reaches 0
     * @param fillOrderUsd      Q_ref: the market order size fill_probability is judged for
     * @param fillBandBps       F_bps: how far from the touch that order may walk the book
     */
    public record Params(double depthReferenceUsd, double spreadLimitBps, double fillOrderUsd, double fillBandBps)
            implements Serializable {

        public static final Params DEFAULTS = new Params(100_000, 50, 10_000, 10);

        public Params {
            requirePositive("depth-reference-usd", depthReferenceUsd);
            requirePositive("spread-limit-bps", spreadLimitBps);
            requirePositive("fill-order-usd", fillOrderUsd);
            if (!(fillBandBps >= 0) || Double.isInfinite(fillBandBps)) {
                throw new IllegalArgumentException("fill-band-bps must be >= 0, got " + fillBandBps);
            }
        }

        private static void requirePositive(String name, double v) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + " must be a positive number, got " + v);
            }
        }
    }
}
