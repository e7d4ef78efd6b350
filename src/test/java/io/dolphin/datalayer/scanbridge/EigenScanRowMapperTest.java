package io.dolphin.datalayer.scanbridge;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.TableRow;
import io.dolphin.datalayer.common.MalformedJsonException;
import io.dolphin.datalayer.common.DolphinMaps;
import org.junit.jupiter.api.Test;

import static io.dolphin.datalayer.support.ReferenceExamples.LATEST_EIGEN_SCAN;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** latest_eigen_scan -> eigen_scans, on the scan bridge's shape. */
class EigenScanRowMapperTest {

    private static TableRow row(String json) {
        return new EigenScanRowMapper().rows(new JournalEvent(1, DolphinMaps.FEATURES, 0, 0, "latest_eigen_scan",
                json, null, true, false, 0L), false).get(0);
    }

    @Test
    void when_referenceExample_then_everyEigenScansColumn() {
        TableRow r = row(json(LATEST_EIGEN_SCAN));
        assertEquals(1_776_269_558_400_000L, r.get("ts"));
        assertEquals(134276L, ((Number) r.get("scan_number")).longValue());
        assertEquals(-0.0319, ((Number) r.get("vel_div")).doubleValue(), 1e-6);
        assertEquals(0.0112, ((Number) r.get("w50_velocity")).doubleValue(), 1e-6);
        assertEquals(0.0431, ((Number) r.get("w750_velocity")).doubleValue(), 1e-6);
        assertEquals(0.27, ((Number) r.get("instability_50")).doubleValue(), 1e-6);
        assertEquals("0196393a-7b1c-7d2e-9f3a-0123456789ab", r.get("scan_uuid"));
    }

    @Test
    void when_latenciesPresent_then_taken() {
        TableRow r = row("{\"scan_number\": 1, \"timestamp\": 1776269558.123456,"
                + "\"result\": {\"step_bar_ms\": 3.5}, \"_ng7_metadata\": {\"scan_to_fill_ms\": 12.0}}");
        assertEquals(12.0, ((Number) r.get("scan_to_fill_ms")).doubleValue(), 1e-6);
        assertEquals(3.5, ((Number) r.get("step_bar_ms")).doubleValue(), 1e-6);
        assertEquals(1_776_269_558_123_456L, r.get("ts"), "microsecond precision");
    }

    @Test
    void when_velocityAtTopLevel_then_itWinsOverResult() {
        TableRow r = row("{\"scan_number\": 1, \"timestamp\": 1.0, \"vel_div\": 0.1,"
                + "\"result\": {\"vel_div\": -0.5, \"w50_velocity\": 0.2}}");
        assertEquals(0.1, ((Number) r.get("vel_div")).doubleValue(), 1e-9);
        assertEquals(0.2, ((Number) r.get("w50_velocity")).doubleValue(), 1e-9);
    }

    @Test
    void when_scanNumberOnlyInMetadata_then_taken() {
        TableRow r = row("{\"timestamp\": 1776269558.4, \"_ng7_metadata\": {\"scan_number\": 77, \"uuid\": \"u\"}}");
        assertEquals(77L, ((Number) r.get("scan_number")).longValue());
        assertEquals("u", r.get("scan_uuid"));
    }

    @Test
    void when_traceIdAtTopLevel_then_scanUuidBeforeUuid() {
        assertEquals("a", row("{\"scan_number\": 1, \"timestamp\": 1.0, \"uuid\": \"b\", \"scan_uuid\": \"a\"}")
                .get("scan_uuid"));
        assertEquals("b", row("{\"scan_number\": 1, \"timestamp\": 1.0, \"uuid\": \"b\"}").get("scan_uuid"));
    }

    @Test
    void when_measureNotANumber_then_malformed() {
        assertThrows(MalformedJsonException.class,
                () -> row("{\"scan_number\": 1, \"timestamp\": 1.0, \"_ng7_metadata\": {\"step_bar_ms\": \"x\"}}"));
    }

    @Test
    void when_scanNumberDoesNotFitUInt32_then_rejected() {
        assertThrows(RuntimeException.class, () -> row("{\"scan_number\": -1, \"timestamp\": 1.0}"));
    }

    @Test
    void when_notAScan_then_malformed() {
        assertThrows(MalformedJsonException.class, () -> row("{\"timestamp\": 1.0}"));
        assertThrows(MalformedJsonException.class, () -> row("not json"));
    }
}
