package io.dolphin.datalayer.trader;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.warm.MappedEvent;
import io.dolphin.datalayer.common.TableRow;
import io.dolphin.datalayer.warm.WarmEventMapper;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.support.ReferenceExamples;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowMappersTest {

    private static MappedEvent map(String map, String key, String json, String old) {
        return WarmEventMapper.map(new JournalEvent(1, map, 0, 0, key, json, old, old == null, false, 1_000L));
    }

    @Test
    void when_referenceExamples_then_eachBecomesItsRow() {
        TableRow scan = map(DolphinMaps.EIGEN_SCANS, "134276", ReferenceExamples.json("latest_eigen_scan"), null)
                .rows().get(0);
        assertEquals(1_776_269_558_400_000L, scan.get("ts"));
        assertEquals(134_276L, scan.get("scan_number"));
        assertEquals(-0.0319, scan.get("vel_div"));
        assertEquals("0196393a-7b1c-7d2e-9f3a-0123456789ab", scan.get("scan_uuid"));
        TableRow exf = map(DolphinMaps.FEATURES, "exf_latest", ReferenceExamples.json("exf_latest"), null).rows().get(0);
        assertEquals(-5.085e-05, exf.get("funding_rate"));
        assertEquals(0.5317, exf.get("taker_ratio"));
        assertEquals(1_000_000L, exf.get("ts"));
        TableRow ob = map(DolphinMaps.FEATURES, "asset_BTCUSDT_ob", ReferenceExamples.json("asset_ob"), null).rows().get(0);
        assertEquals("BTCUSDT", ob.get("symbol"));
        assertEquals(5L, ob.get("n_bid_levels"));
        TableRow trade = map(DolphinMaps.TRADES_GREEN, "t1", ReferenceExamples.json("trade_event"), null).rows().get(0);
        assertTrue(trade.green());
        assertEquals(1_776_269_557_970_000L, trade.get("ts"));
        assertEquals(45L, trade.get("bars_held"));
        assertEquals(0.0, trade.get("boost_at_entry"));
        assertEquals(1, map(DolphinMaps.META_HEALTH, "latest", ReferenceExamples.json("meta_health"), null).rows().size());
        assertEquals(1, map(DolphinMaps.PNL_BLUE, "2026-04-15", ReferenceExamples.json("pnl_entry"), null).rows().size());
        assertEquals(1, map(DolphinMaps.FEATURES, "acb_boost", ReferenceExamples.json("acb_boost"), null).rows().size());
        assertEquals(List.of(), map(DolphinMaps.STATE_BLUE, "capital_checkpoint",
                ReferenceExamples.json("capital_checkpoint"), null).rows());
    }

    @Test
    void when_postureChangesAgainstTheOldValue_then_postureEventAdded() {
        String snapshot = ReferenceExamples.json("engine_snapshot");
        String turtle = snapshot.replace("\"APEX\"", "\"TURTLE\"");
        MappedEvent same = map(DolphinMaps.STATE_BLUE, "engine_snapshot", snapshot, snapshot);
        MappedEvent changed = map(DolphinMaps.STATE_BLUE, "engine_snapshot", turtle, snapshot);
        assertEquals(1, same.rows().size());
        assertEquals(2, changed.rows().size());
        assertEquals("APEX", changed.rows().get(1).get("prev_posture"));
        assertEquals("TURTLE", changed.rows().get(1).get("posture"));
        assertEquals(1_776_269_557_000_000L, changed.rows().get(0).get("ts"));
    }

    @Test
    void when_valueCannotBeARow_then_rejectedWithReason() {
        assertTrue(map(DolphinMaps.PNL_BLUE, "15/04/2026", "{}", null).rejection().contains("ISO date"));
        assertTrue(map(DolphinMaps.TRADES_BLUE, "t", "{\"date\": \"2026-04-15\"}", null).rejection().contains("'ts'"));
        assertTrue(map(DolphinMaps.FEATURES, "acb_boost", "{\"boost\": \"high\", \"beta\": 1}", null).rejection()
                .contains("boost"));
        assertNull(map(DolphinMaps.FEATURES, "exf_latest", "{}", null).rejection());
    }
}
