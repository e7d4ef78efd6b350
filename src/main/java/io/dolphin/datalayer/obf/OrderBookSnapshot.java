package io.dolphin.datalayer.obf;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One raw order-book snapshot as the feed sends it on Kafka (docs/obf-ingest.md, "Input"): price levels best first, bids descending,
 * asks ascending. Levels are kept as parallel primitive arrays because a snapshot is parsed ~100k times a second
 * and boxing every level would dominate the cost. Instances hold validated books only: see
 * {@code codec.OrderBookSnapshotCodec} for what is rejected.
 *
 * @param symbol exchange symbol, e.g. {@code BTCUSDT}
 * @param ts     exchange time of the snapshot, epoch milliseconds
 */
public record OrderBookSnapshot(String symbol, long ts, double[] bidPrices, double[] bidQtys,
                                double[] askPrices, double[] askQtys) implements Serializable {

    public OrderBookSnapshot {
        Objects.requireNonNull(symbol, "symbol");
        if (bidPrices.length != bidQtys.length || askPrices.length != askQtys.length) {
            throw new IllegalArgumentException("price and quantity arrays differ in length");
        }
    }

    public int bidLevels() {
        return bidPrices.length;
    }

    public int askLevels() {
        return askPrices.length;
    }

    public double bestBid() {
        return bidPrices[0];
    }

    public double bestAsk() {
        return askPrices[0];
    }

    /** Same snapshot with another timestamp; the feed uses it to re-stamp a book. */
    public OrderBookSnapshot withTs(long newTs) {
        return new OrderBookSnapshot(symbol, newTs, bidPrices, bidQtys, askPrices, askQtys);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderBookSnapshot s && ts == s.ts && symbol.equals(s.symbol)
                && Arrays.equals(bidPrices, s.bidPrices) && Arrays.equals(bidQtys, s.bidQtys)
                && Arrays.equals(askPrices, s.askPrices) && Arrays.equals(askQtys, s.askQtys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, ts, Arrays.hashCode(bidPrices), Arrays.hashCode(askPrices));
    }

    @Override
    public String toString() {
        return "OrderBookSnapshot[" + symbol + "@" + ts + ", " + bidLevels() + " bids, " + askLevels() + " asks]";
    }
}
