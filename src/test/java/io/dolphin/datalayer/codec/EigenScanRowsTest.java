package io.dolphin.datalayer.codec;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.dolphin.datalayer.support.ReferenceExamples.LATEST_EIGEN_SCAN;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EigenScanRowsTest {

    @Test
    void when_referenceExample_then_everyEigenScansColumnInTableOrder() {
        Map<String, Object> row = EigenScanRows.row(json(LATEST_EIGEN_SCAN));

        assertEquals(List.of("ts", "scan_number", "vel_div", "w50_velocity", "w750_velocity", "instability_50",
                "scan_to_fill_ms", "step_bar_ms", "scan_uuid"), List.copyOf(row.keySet()));
        assertEquals(EigenScanRows.COLUMNS, List.copyOf(row.keySet()));
        assertEquals(Instant.parse("2026-04-15T16:12:38.400Z"), row.get("ts"));
        assertEquals(134276L, row.get("scan_number"));
        assertEquals(-0.0319, row.get("vel_div"));
        assertEquals(0.0112, row.get("w50_velocity"));
        assertEquals(0.0431, row.get("w750_velocity"));
        assertEquals(0.27, row.get("instability_50"));
        assertNull(row.get("scan_to_fill_ms"));
        assertNull(row.get("step_bar_ms"));
        assertEquals("0196393a-7b1c-7d2e-9f3a-0123456789ab", row.get("scan_uuid"));
    }

    @Test
    void when_latenciesPresent_then_taken() {
        Map<String, Object> row = EigenScanRows.row("{\"scan_number\": 1, \"timestamp\": 1776269558.123456,"
                + "\"result\": {\"step_bar_ms\": 3.5}, \"_ng7_metadata\": {\"scan_to_fill_ms\": 12.0}}");

        assertEquals(12.0, row.get("scan_to_fill_ms"));
        assertEquals(3.5, row.get("step_bar_ms"));
        assertEquals(Instant.parse("2026-04-15T16:12:38.123456Z"), row.get("ts"), "microsecond precision");
        assertEquals("", row.get("scan_uuid"), "scan_uuid is a plain String column");
    }

    @Test
    void when_scanNumberDoesNotFitUInt32_then_malformed() {
        MalformedJsonException e = assertThrows(MalformedJsonException.class,
                () -> EigenScanRows.row("{\"scan_number\": -1, \"timestamp\": 1.0}"));
        assertTrue(e.getMessage().contains("UInt32"), e.getMessage());
    }

    @Test
    void when_notAScan_then_malformed() {
        assertThrows(MalformedJsonException.class, () -> EigenScanRows.row("{\"timestamp\": 1.0}"));
        assertThrows(MalformedJsonException.class, () -> EigenScanRows.row("not json"));
    }
}
