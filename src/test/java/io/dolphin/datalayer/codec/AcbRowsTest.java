package io.dolphin.datalayer.codec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.dolphin.datalayer.support.ReferenceExamples.ACB_BOOST;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AcbRowsTest {

    @Test
    void when_jobValue_then_tsInEpochMicrosFromWindowEnd() {
        String value = "{\"boost\":1.4,\"beta\":0.8,\"signals\":0.8,\"samples\":600,\"window_start\":1776269250.0,"
                + "\"window_end\":1776269550.0,\"formula_version\":\"1\",\"ts\":1776269550.0}";
        AcbRows.Row row = AcbRows.fromJson(value, -1);
        assertEquals(new AcbRows.Row(1_776_269_550_000_000L, 1.4, 0.8, 0.8), row);
        assertEquals(List.of("ts", "boost", "beta", "signals"), AcbRows.COLUMNS);
        assertEquals(List.of(1_776_269_550_000_000L, 1.4, 0.8, 0.8), row.values());
    }

    @Test
    void when_fractionalSeconds_then_microsRoundedNotTruncated() {
        AcbRows.Row row = AcbRows.fromJson("{\"boost\":1,\"beta\":1,\"signals\":0,\"ts\":1776269557.970001}", -1);
        assertEquals(1_776_269_557_970_001L, row.tsMicros());
    }

    @Test
    void when_oldServiceValueWithoutTs_then_fallbackTime() {
        AcbRows.Row row = AcbRows.fromJson(json(ACB_BOOST), 42L);
        assertEquals(new AcbRows.Row(42L, 1.4581, 0.8, 0.8), row);
    }

    @Test
    void when_notAnAcbValue_then_malformed() {
        assertThrows(MalformedJsonException.class, () -> AcbRows.fromJson("{\"boost\":1}", 0));
        assertThrows(MalformedJsonException.class, () -> AcbRows.fromJson("oops", 0));
    }
}
