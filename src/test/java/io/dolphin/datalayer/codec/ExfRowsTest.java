package io.dolphin.datalayer.codec;

import io.dolphin.datalayer.support.ReferenceExamples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExfRowsTest {

    @Test
    void when_referenceExample_then_exfDataColumnsWithEventTime() {
        Map<String, Object> row = ExfRows.columns(ReferenceExamples.json(ReferenceExamples.EXF_LATEST), 1776269558412L);
        assertEquals(ExfRows.COLUMNS, new ArrayList<>(row.keySet()));
        assertEquals(1776269558412000L, row.get("ts"));
        assertEquals(-5.085e-05, row.get("funding_rate"));
        assertEquals(52.34, row.get("dvol"));
        assertEquals(45.0, row.get("fear_greed"));
        assertEquals(0.5317, row.get("taker_ratio"));
    }

    @Test
    void when_publishedTsPresent_then_itIsTheRowTime() {
        Map<String, Object> row = ExfRows.columns("{\"funding_btc\": 1e-4, \"_ts\": 1776269558.25}", 1L);
        assertEquals(1776269558250000L, row.get("ts"));
        assertEquals(1e-4, row.get("funding_rate"));
    }

    @Test
    void when_factorAbsent_then_nullColumn() {
        Map<String, Object> row = ExfRows.columns("{\"dvol\": 50}", 1000L);
        assertEquals(50.0, row.get("dvol"));
        assertNull(row.get("funding_rate"));
        assertNull(row.get("taker_ratio"));
        assertNull(row.get("fear_greed"));
    }

    @Test
    void when_notExfLatest_then_malformed() {
        assertThrows(MalformedJsonException.class, () -> ExfRows.columns("not json", 1L));
        assertThrows(MalformedJsonException.class, () -> ExfRows.columns("{\"taker\": \"0.5\"}", 1L));
    }
}
