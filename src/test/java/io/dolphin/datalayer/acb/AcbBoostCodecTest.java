package io.dolphin.datalayer.acb;

import io.dolphin.datalayer.common.MalformedJsonException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.dolphin.datalayer.support.JsonAssert.assertSameJson;
import static io.dolphin.datalayer.support.ReferenceExamples.ACB_BOOST;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcbBoostCodecTest {

    private final AcbBoostCodec codec = new AcbBoostCodec();

    @Test
    void when_referenceExample_then_roundTripsUnchanged() {
        AcbBoost b = codec.decode(json(ACB_BOOST));
        assertEquals(1.4581, b.boost());
        assertEquals(0.8, b.beta());
        assertEquals(0.8, b.signals());
        assertNull(b.windowEnd());
        assertNull(b.ts());
        assertSameJson(json(ACB_BOOST), codec.encode(b));
    }

    @Test
    void when_fullValue_then_fieldNamesAndOrderAsDocumented() {
        Map<String, Double> fractions = new LinkedHashMap<>();
        fractions.put("funding_btc", 0.25);
        fractions.put("dvol", 0.5);
        AcbBoost b = new AcbBoost(1.28125, 0.5625, 1.75, 600L, 1776269250.0, 1776269550.0, 1776269549.5, fractions,
                "1", 1776269550.0, Map.of());
        String text = codec.encode(b);
        assertTrue(text.startsWith("{\"boost\":1.28125,\"beta\":0.5625,\"signals\":1.75,\"samples\":600,"), text);
        assertSameJson("{\"boost\":1.28125,\"beta\":0.5625,\"signals\":1.75,\"samples\":600,"
                + "\"window_start\":1776269250.0,\"window_end\":1776269550.0,\"last_sample_ts\":1776269549.5,"
                + "\"fractions\":{\"funding_btc\":0.25,\"dvol\":0.5},\"formula_version\":\"1\",\"ts\":1776269550.0}",
                text);
        assertEquals(b, codec.decode(text));
    }

    @Test
    void when_unknownFieldsPresent_then_keptThroughRoundTrip() {
        String text = "{\"boost\":1.2,\"beta\":0.9,\"signals\":0.4,\"note\":\"manual\"}";
        assertSameJson(text, codec.encode(codec.decode(text)));
    }

    @Test
    void when_referenceFieldMissing_then_malformed() {
        MalformedJsonException e = assertThrows(MalformedJsonException.class,
                () -> codec.decode("{\"boost\":1.2,\"beta\":0.9}"));
        assertTrue(e.getMessage().contains("'signals' is missing"), e.getMessage());
    }
}
