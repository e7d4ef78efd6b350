package io.dolphin.datalayer.scanbridge;

import io.dolphin.datalayer.common.MalformedJsonException;
import org.junit.jupiter.api.Test;

import static io.dolphin.datalayer.support.JsonAssert.assertSameJson;
import static io.dolphin.datalayer.support.ReferenceExamples.LATEST_EIGEN_SCAN;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EigenScanCodecTest {

    private final EigenScanCodec codec = new EigenScanCodec();

    @Test
    void when_referenceExample_then_roundTripsFieldByField() {
        String reference = json(LATEST_EIGEN_SCAN);

        EigenScan scan = codec.decode(reference);

        assertEquals(134276, scan.scanNumber());
        assertEquals(1776269558.4, scan.timestamp());
        assertEquals(-0.0319, scan.result().velDiv());
        assertEquals(50, scan.result().totalSymbols());
        assertEquals("ETHUSDT", scan.result().extra().get("correlation_symbol"));
        assertEquals("0196393a-7b1c-7d2e-9f3a-0123456789ab", scan.metadata().uuid());
        assertSameJson(reference, codec.encode(scan));
    }

    @Test
    void when_unknownFieldsAtEveryLevel_then_preserved() {
        String json = "{\"scan_number\": 1, \"timestamp\": 2.0, \"bridge\": \"python\","
                + "\"result\": {\"vel_div\": 0.1, \"matrix\": [[1, 2], [3, 4]]},"
                + "\"_ng7_metadata\": {\"scan_number\": 1, \"host\": \"ng8\"}}";
        assertSameJson(json, codec.encode(codec.decode(json)));
    }

    @Test
    void when_onlyRequiredFields_then_decodesWithNulls() {
        EigenScan scan = codec.decode("{\"scan_number\": 7, \"timestamp\": 1776269558.4}");
        assertNull(scan.result());
        assertNull(scan.metadata());
        assertSameJson("{\"scan_number\": 7, \"timestamp\": 1776269558.4}", codec.encode(scan));
    }

    @Test
    void when_scanNumberMissing_then_reasonNamesIt() {
        MalformedJsonException e = assertThrows(MalformedJsonException.class,
                () -> codec.decode("{\"timestamp\": 2.0}"));
        assertTrue(e.getMessage().contains("'scan_number' is missing"), e.getMessage());
    }
}
