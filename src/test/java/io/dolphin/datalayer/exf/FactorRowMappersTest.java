package io.dolphin.datalayer.exf;

import io.dolphin.datalayer.acb.AcbRowMapper;
import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.TableRow;
import io.dolphin.datalayer.common.MalformedJsonException;
import io.dolphin.datalayer.common.DolphinMaps;
import org.junit.jupiter.api.Test;

import static io.dolphin.datalayer.support.ReferenceExamples.ACB_BOOST;
import static io.dolphin.datalayer.support.ReferenceExamples.EXF_LATEST;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** exf_latest -> exf_data and acb_boost -> acb_state, on the shapes the poller and the ACB job write. */
class FactorRowMappersTest {

    private static TableRow row(RowMapper mapper, String json, long readTimeMs) {
        return mapper.rows(new JournalEvent(1, DolphinMaps.FEATURES, 0, 0, "k", json, null, true, false, readTimeMs),
                false).get(0);
    }

    @Test
    void when_referenceExf_then_exfDataColumnsAtReadTime() {
        TableRow r = row(new ExfRowMapper(), json(EXF_LATEST), 1776269558412L);
        assertEquals(1776269558412000L, r.get("ts"));
        assertEquals(-5.085e-05, ((Number) r.get("funding_rate")).doubleValue(), 1e-12);
        assertEquals(52.34, ((Number) r.get("dvol")).doubleValue(), 1e-5);
        assertEquals(45.0, ((Number) r.get("fear_greed")).doubleValue(), 1e-9);
        assertEquals(0.5317, ((Number) r.get("taker_ratio")).doubleValue(), 1e-6);
    }

    @Test
    void when_exfCarriesPublishedTs_then_itIsTheRowTime() {
        TableRow r = row(new ExfRowMapper(), "{\"funding_btc\": 1e-4, \"_ts\": 1776269558.25}", 1L);
        assertEquals(1776269558250000L, r.get("ts"));
    }

    @Test
    void when_exfCarriesTheTableColumnNames_then_taken() {
        TableRow r = row(new ExfRowMapper(), "{\"funding_rate\": 2e-4, \"taker_ratio\": 0.7, \"_ts\": 1776269558250}", 1L);
        assertEquals(2e-4, ((Number) r.get("funding_rate")).doubleValue(), 1e-12);
        assertEquals(0.7, ((Number) r.get("taker_ratio")).doubleValue(), 1e-9);
        assertEquals(1776269558250000L, r.get("ts"), "a _ts in milliseconds is read as such");
    }

    @Test
    void when_exfFactorAbsent_then_columnDefault() {
        TableRow r = row(new ExfRowMapper(), "{\"dvol\": 50}", 1000L);
        assertEquals(50.0, ((Number) r.get("dvol")).doubleValue(), 1e-9);
    }

    @Test
    void when_exfNotJsonOrMistyped_then_malformed() {
        assertThrows(MalformedJsonException.class, () -> row(new ExfRowMapper(), "not json", 1L));
        assertThrows(RuntimeException.class, () -> row(new ExfRowMapper(), "{\"taker\": \"0.5\"}", 1L));
    }

    @Test
    void when_acbJobValue_then_tsInEpochMicrosFromWindowEnd() {
        String value = "{\"boost\":1.4,\"beta\":0.8,\"signals\":0.8,\"samples\":600,\"window_start\":1776269250.0,"
                + "\"window_end\":1776269550.0,\"formula_version\":\"1\",\"ts\":1776269550.0}";
        TableRow r = row(new AcbRowMapper(), value, -1);
        assertEquals(1_776_269_550_000_000L, r.get("ts"));
        assertEquals(1.4, ((Number) r.get("boost")).doubleValue(), 1e-6);
        assertEquals(0.8, ((Number) r.get("beta")).doubleValue(), 1e-6);
        assertEquals(0.8, ((Number) r.get("signals")).doubleValue(), 1e-6);
    }

    @Test
    void when_oldServiceAcbValueWithoutTs_then_readTime() {
        TableRow r = row(new AcbRowMapper(), json(ACB_BOOST), 42L);
        assertEquals(42_000L, r.get("ts"));
        assertEquals(1.4581, ((Number) r.get("boost")).doubleValue(), 1e-6);
    }

    @Test
    void when_notAnAcbValue_then_rejected() {
        assertThrows(RuntimeException.class, () -> row(new AcbRowMapper(), "{\"boost\":1}", 0));
        assertThrows(MalformedJsonException.class, () -> row(new AcbRowMapper(), "oops", 0));
    }
}
