package io.dolphin.datalayer.codec;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.dolphin.datalayer.support.ReferenceExamples.ASSET_OB;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OrderBookRowsTest {

    private static final Instant FALLBACK = Instant.parse("2026-04-15T16:12:37.123Z");

    @Test
    void when_valueWithTs_then_rowHasExactlyTheTableColumnsTyped() {
        String value = "{\"best_bid\":84500.0,\"best_ask\":84501.0,\"spread_bps\":0.1183,\"depth_1pct_usd\":63375.25,"
                + "\"depth_quality\":0.63,\"fill_probability\":1.0,\"imbalance\":0.33,\"n_bid_levels\":10,"
                + "\"n_ask_levels\":12,\"ts\":1776269558412}";

        Map<String, Object> row = OrderBookRows.toRow("asset_BTCUSDT_ob", value, FALLBACK);

        assertEquals(List.of("ts", "symbol", "spread_bps", "depth_1pct_usd", "depth_quality", "fill_probability",
                "imbalance", "best_bid", "best_ask", "n_bid_levels", "n_ask_levels"), List.copyOf(row.keySet()));
        assertEquals(OrderBookRows.COLUMNS, List.copyOf(row.keySet()));
        assertEquals(Instant.ofEpochMilli(1776269558412L), row.get("ts"));
        assertEquals("BTCUSDT", row.get("symbol"));
        assertEquals(0.1183f, row.get("spread_bps"));
        assertEquals(63375.25, row.get("depth_1pct_usd"));
        assertEquals(0.63f, row.get("depth_quality"));
        assertEquals(1.0f, row.get("fill_probability"));
        assertEquals(0.33f, row.get("imbalance"));
        assertEquals(84500.0, row.get("best_bid"));
        assertEquals(84501.0, row.get("best_ask"));
        assertEquals(10, row.get("n_bid_levels"));
        assertEquals(12, row.get("n_ask_levels"));
    }

    @Test
    void when_referenceShapeWithoutTs_then_fallbackTimestamp() {
        Map<String, Object> row = OrderBookRows.toRow("asset_1000PEPEUSDT_ob", json(ASSET_OB), FALLBACK);

        assertEquals(FALLBACK, row.get("ts"));
        assertEquals("1000PEPEUSDT", row.get("symbol"));
        assertEquals(1.18f, row.get("spread_bps"));
        assertEquals(5, row.get("n_bid_levels"));
    }

    @Test
    void when_moreLevelsThanUInt8_then_saturatedAt255() {
        String value = json(ASSET_OB).replace("\"n_bid_levels\": 5", "\"n_bid_levels\": 1000");

        assertEquals(255, OrderBookRows.toRow("asset_BTCUSDT_ob", value, FALLBACK).get("n_bid_levels"));
    }

    @Test
    void when_notAnOrderBookKey_then_rejected() {
        assertThrows(IllegalArgumentException.class, () -> OrderBookRows.toRow("exf_latest", json(ASSET_OB), FALLBACK));
    }

    @Test
    void when_valueBroken_then_malformed() {
        assertThrows(MalformedJsonException.class, () -> OrderBookRows.toRow("asset_BTCUSDT_ob", "{", FALLBACK));
    }
}
