package io.dolphin.datalayer.exf;

import io.dolphin.datalayer.common.Json;
import io.dolphin.datalayer.common.MalformedJsonException;
import io.dolphin.datalayer.support.ReferenceExamples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.dolphin.datalayer.support.JsonAssert.assertSameJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExternalFactorsCodecTest {

    private final ExternalFactorsCodec codec = new ExternalFactorsCodec();

    @Test
    void when_referenceExample_then_roundTripsUnchanged() {
        String reference = ReferenceExamples.json(ReferenceExamples.EXF_LATEST);
        ExternalFactors f = codec.decode(reference);
        assertEquals(13, f.factors().size());
        assertEquals(-5.085e-05, f.fundingBtc());
        assertEquals(52.34, f.dvol());
        assertEquals(45.0, f.fearGreed());
        assertEquals(0.5317, f.taker());
        assertSameJson(reference, codec.encode(f));
    }

    @Test
    void when_encoded_then_referenceFieldsFirstInReferenceOrderThenOurs() {
        Map<String, Double> factors = new LinkedHashMap<>();
        factors.put("funding_sol", 1e-4);
        factors.put(ExternalFactors.FEAR_GREED, 45.0);
        factors.put(ExternalFactors.FUNDING_BTC, -5.085e-05);
        ExternalFactors f = new ExternalFactors(factors, 1776269558.5, Map.of("fear_greed", 12.5),
                List.of("dvol"), Map.of());
        String json = codec.encode(f);
        List<String> keys = new ArrayList<>(Json.parseObject(json).keySet());
        assertEquals(List.of("funding_btc", "fear_greed", "funding_sol", "_ts", "_age_s", "_stale"), keys);
        assertSameJson("{\"funding_btc\": -5.085e-05, \"fear_greed\": 45.0, \"funding_sol\": 1e-4, "
                + "\"_ts\": 1776269558.5, \"_age_s\": {\"fear_greed\": 12.5}, \"_stale\": [\"dvol\"]}", json);
    }

    @Test
    void when_ourFieldsAndUnknownFields_then_kept() {
        String json = "{\"funding_btc\": 1.0, \"_ts\": 5.5, \"_age_s\": {\"funding_btc\": 0.25}, \"_stale\": [],"
                + " \"funding_sol\": 2.0, \"note\": \"x\"}";
        ExternalFactors f = codec.decode(json);
        assertEquals(5.5, f.ts());
        assertEquals(Map.of("funding_btc", 0.25), f.ageSeconds());
        assertTrue(f.stale().isEmpty());
        assertEquals(Map.of("funding_sol", 2.0, "note", "x"), f.extra());
        assertSameJson(json, codec.encode(f));
    }

    @Test
    void when_addedFactorHasAnAge_then_decodedAsAFactor() {
        String json = "{\"funding_sol\": 2.0, \"_ts\": 5.5, \"_age_s\": {\"funding_sol\": 0.5}, \"_stale\": []}";
        ExternalFactors f = codec.decode(json);
        assertEquals(Map.of("funding_sol", 2.0), f.factors());
        assertTrue(f.extra().isEmpty());
        assertSameJson(json, codec.encode(f));
    }

    @Test
    void when_factorNotANumber_then_malformedNamesIt() {
        MalformedJsonException e = assertThrows(MalformedJsonException.class,
                () -> codec.decode("{\"dvol\": \"high\"}"));
        assertTrue(e.getMessage().contains("'dvol'"), e.getMessage());
        assertThrows(MalformedJsonException.class, () -> codec.decode("{\"_stale\": [1]}"));
        assertThrows(MalformedJsonException.class, () -> codec.decode("[1, 2]"));
    }
}
