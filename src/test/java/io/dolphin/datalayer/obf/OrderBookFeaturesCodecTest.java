package io.dolphin.datalayer.obf;

import io.dolphin.datalayer.common.MalformedJsonException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.dolphin.datalayer.support.JsonAssert.assertSameJson;
import static io.dolphin.datalayer.support.ReferenceExamples.ASSET_OB;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderBookFeaturesCodecTest {

    private final OrderBookFeaturesCodec codec = new OrderBookFeaturesCodec();

    @Test
    void when_referenceExample_then_roundTripsFieldByField() {
        String reference = json(ASSET_OB);

        OrderBookFeatures f = codec.decode(reference);

        assertEquals(84500.0, f.bestBid());
        assertEquals(84501.0, f.bestAsk());
        assertEquals(1.18, f.spreadBps());
        assertEquals(50000.0, f.depth1pctUsd());
        assertEquals(0.85, f.depthQuality());
        assertEquals(0.95, f.fillProbability());
        assertEquals(0.03, f.imbalance());
        assertEquals(5, f.nBidLevels());
        assertEquals(5, f.nAskLevels());
        assertNull(f.ts());
        assertSameJson(reference, codec.encode(f));
    }

    @Test
    void when_encoded_then_referenceFieldOrderThenTs() {
        OrderBookFeatures f = new OrderBookFeatures(1, 2, 3, 4, 0.5, 0.25, -0.125, 7, 8, 1776269558412L, null);

        assertEquals("{\"best_bid\":1.0,\"best_ask\":2.0,\"spread_bps\":3.0,\"depth_1pct_usd\":4.0,"
                + "\"depth_quality\":0.5,\"fill_probability\":0.25,\"imbalance\":-0.125,\"n_bid_levels\":7,"
                + "\"n_ask_levels\":8,\"ts\":1776269558412}", codec.encode(f));
    }

    @Test
    void when_unknownFields_then_preservedAfterKnownOnes() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("venue", "binance");
        extra.put("levels", List.of(1, 2));
        extra.put("gone", null);
        extra.put("best_bid", 999.0);
        OrderBookFeatures f = new OrderBookFeatures(1, 2, 3, 4, 0.5, 0.25, 0, 1, 1, 5L, extra);

        String json = codec.encode(f);

        assertTrue(json.endsWith(",\"ts\":5,\"venue\":\"binance\",\"levels\":[1,2],\"gone\":null}"), json);
        assertEquals(1.0, codec.decode(json).bestBid());
        assertSameJson(json, codec.encode(codec.decode(json)));
    }

    @Test
    void when_fieldMissing_then_reasonNamesIt() {
        MalformedJsonException e = assertThrows(MalformedJsonException.class,
                () -> codec.decode("{\"best_bid\": 1.0}"));
        assertTrue(e.getMessage().contains("'best_ask' is missing"), e.getMessage());
    }
}
