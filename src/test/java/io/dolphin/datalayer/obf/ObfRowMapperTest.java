package io.dolphin.datalayer.obf;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.TableRow;
import io.dolphin.datalayer.common.MalformedJsonException;
import io.dolphin.datalayer.common.DolphinMaps;
import org.junit.jupiter.api.Test;

import static io.dolphin.datalayer.support.ReferenceExamples.ASSET_OB;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** asset_<SYMBOL>_ob -> obf_universe, on the shape obf-ingest writes and the reference's. */
class ObfRowMapperTest {

    private static TableRow row(String key, String json, long readTimeMs) {
        return new ObfRowMapper().rows(new JournalEvent(1, DolphinMaps.FEATURES, 0, 0, key, json, null, true, false,
                readTimeMs), false).get(0);
    }

    @Test
    void when_jobValue_then_everyColumnWithSnapshotTime() {
        String value = "{\"best_bid\":84500.0,\"best_ask\":84501.0,\"spread_bps\":0.1183,\"depth_1pct_usd\":63375.25,"
                + "\"depth_quality\":0.63,\"fill_probability\":1.0,\"imbalance\":0.33,\"n_bid_levels\":10,"
                + "\"n_ask_levels\":12,\"ts\":1776269558412}";
        TableRow r = row("asset_BTCUSDT_ob", value, 1L);
        assertEquals(1776269558412000L, r.get("ts"));
        assertEquals("BTCUSDT", r.get("symbol"));
        assertEquals(0.1183, ((Number) r.get("spread_bps")).doubleValue(), 1e-6);
        assertEquals(63375.25, ((Number) r.get("depth_1pct_usd")).doubleValue(), 1e-9);
        assertEquals(84500.0, ((Number) r.get("best_bid")).doubleValue(), 1e-9);
        assertEquals(84501.0, ((Number) r.get("best_ask")).doubleValue(), 1e-9);
        assertEquals(10, ((Number) r.get("n_bid_levels")).intValue());
        assertEquals(12, ((Number) r.get("n_ask_levels")).intValue());
    }

    @Test
    void when_referenceShapeWithoutTs_then_readTime() {
        TableRow r = row("asset_1000PEPEUSDT_ob", json(ASSET_OB), 42L);
        assertEquals(42_000L, r.get("ts"));
        assertEquals("1000PEPEUSDT", r.get("symbol"));
    }

    @Test
    void when_moreLevelsThanUInt8_then_saturatedAt255() {
        String value = json(ASSET_OB).replace("\"n_bid_levels\": 5", "\"n_bid_levels\": 1000");
        assertEquals(255, ((Number) row("asset_BTCUSDT_ob", value, 1L).get("n_bid_levels")).intValue());
    }

    @Test
    void when_notAnOrderBookKey_then_rejected() {
        assertThrows(IllegalArgumentException.class, () -> row("exf_latest", json(ASSET_OB), 1L));
    }

    @Test
    void when_valueBroken_then_malformed() {
        assertThrows(MalformedJsonException.class, () -> row("asset_BTCUSDT_ob", "{", 1L));
    }
}
