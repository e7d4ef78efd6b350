package io.dolphin.datalayer.trader;

import io.dolphin.datalayer.common.MalformedJsonException;
import org.junit.jupiter.api.Test;

import static io.dolphin.datalayer.support.JsonAssert.assertSameJson;
import static io.dolphin.datalayer.support.ReferenceExamples.CAPITAL_CHECKPOINT;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapitalCheckpointCodecTest {

    private final CapitalCheckpointCodec codec = new CapitalCheckpointCodec();

    @Test
    void when_referenceExample_then_roundTripsFieldByField() {
        String reference = json(CAPITAL_CHECKPOINT);
        CapitalCheckpoint decoded = codec.decode(reference);
        assertEquals(25705.50, decoded.capital());
        assertEquals(1776269557.97, decoded.ts());
        assertSameJson(reference, codec.encode(decoded));
    }

    @Test
    void when_unknownFields_then_preserved() {
        String withExtra = "{\"capital\": 1.0, \"ts\": 2.0, \"note\": \"manual\", \"nested\": {\"a\": [1, 2]}}";
        assertSameJson(withExtra, codec.encode(codec.decode(withExtra)));
    }

    @Test
    void when_fieldMissing_then_reasonNamesIt() {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> codec.decode("{\"ts\": 2.0}"));
        assertTrue(e.getMessage().contains("'capital' is missing"), e.getMessage());
    }

    @Test
    void when_notJson_then_malformed() {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> codec.decode("{capital: "));
        assertTrue(e.getMessage().startsWith("capital_checkpoint: not valid JSON"), e.getMessage());
    }

    @Test
    void when_wrongType_then_malformed() {
        MalformedJsonException e = assertThrows(MalformedJsonException.class,
                () -> codec.decode("{\"capital\": \"lots\", \"ts\": 2.0}"));
        assertTrue(e.getMessage().contains("'capital' must be a number"), e.getMessage());
    }
}
