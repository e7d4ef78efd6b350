package io.dolphin.datalayer.codec;

import io.dolphin.datalayer.hot.FeatureKeys;
import io.dolphin.datalayer.model.OrderBookFeatures;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code obf_universe} row from one journal event of {@code DOLPHIN_FEATURES["asset_<SYMBOL>_ob"]}. Pure, so
 * the warm sink can call it per event and tests need no store. Column names and order are the reference's; each
 * value has the Java type nearest to the ClickHouse column type:
 *
 * <pre>
 *   ts               DateTime64(3)  java.time.Instant   the value's "ts" (exchange ms), else the caller's fallback
 *   symbol           String         String              from the key asset_&lt;SYMBOL&gt;_ob
 *   spread_bps       Float32        Float
 *   depth_1pct_usd   Float64        Double
 *   depth_quality    Float32        Float
 *   fill_probability Float32        Float
 *   imbalance        Float32        Float
 *   best_bid         Float64        Double
 *   best_ask         Float64        Double
 *   n_bid_levels     UInt8          Integer             saturated at 255: the hot JSON keeps the true count
 *   n_ask_levels     UInt8          Integer             saturated at 255
 * </pre>
 */
public final class OrderBookRows {

    public static final String TABLE = "obf_universe";
    public static final List<String> COLUMNS = List.of("ts", "symbol", "spread_bps", "depth_1pct_usd", "depth_quality",
            "fill_probability", "imbalance", "best_bid", "best_ask", "n_bid_levels", "n_ask_levels");

    private static final int UINT8_MAX = 255;
    private static final OrderBookFeaturesCodec CODEC = new OrderBookFeaturesCodec();

    private OrderBookRows() {
    }

    /**
     * @param key        an {@code asset_<SYMBOL>_ob} key
     * @param json       its value
     * @param fallbackTs used when the value has no {@code ts} (written by a producer of the reference shape)
     * @throws IllegalArgumentException if the key is not an order-book key
     * @throws MalformedJsonException   if the value is not the {@code asset_<SYMBOL>_ob} shape
     */
    public static Map<String, Object> toRow(String key, String json, Instant fallbackTs) {
        String symbol = FeatureKeys.symbolOfOrderBook(key);
        OrderBookFeatures f = CODEC.decode(json);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ts", f.ts() != null ? Instant.ofEpochMilli(f.ts()) : fallbackTs);
        row.put("symbol", symbol);
        row.put("spread_bps", (float) f.spreadBps());
        row.put("depth_1pct_usd", f.depth1pctUsd());
        row.put("depth_quality", (float) f.depthQuality());
        row.put("fill_probability", (float) f.fillProbability());
        row.put("imbalance", (float) f.imbalance());
        row.put("best_bid", f.bestBid());
        row.put("best_ask", f.bestAsk());
        row.put("n_bid_levels", Math.min(f.nBidLevels(), UINT8_MAX));
        row.put("n_ask_levels", Math.min(f.nAskLevels(), UINT8_MAX));
        return Collections.unmodifiableMap(row);
    }
}
