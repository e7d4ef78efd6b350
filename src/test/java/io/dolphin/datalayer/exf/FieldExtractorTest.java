package io.dolphin.datalayer.exf;

import com.fasterxml.jackson.jr.ob.JSON;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldExtractorTest {

    @Test
    void when_numericTextOrNumber_then_double() throws Exception {
        FieldExtractor path = FieldExtractor.parse("funding_btc", "$.lastFundingRate");
        assertEquals(-5.085e-05, path.extract(doc("{\"lastFundingRate\": \"-0.00005085\"}")));
        assertEquals(0.5, path.extract(doc("{\"lastFundingRate\": 0.5}")));
        assertEquals(2.0, path.extract(doc("{\"lastFundingRate\": \" 2 \"}")));
    }

    @Test
    void when_scale_then_multiplied() throws Exception {
        FieldExtractor basis = FieldExtractor.parse("basis", Map.of("path", "$[-1].basisRate", "scale", 100));
        assertEquals(-0.07784355, basis.extract(doc("[{\"basisRate\": \"-0.0007784355\"}]")), 1e-15);
    }

    @Test
    void when_missingOrNull_then_fieldMissing() throws Exception {
        FieldExtractor path = FieldExtractor.parse("f", "$.x");
        assertKind(FailureKind.FIELD_MISSING, () -> path.extract(doc("{\"y\": 1}")));
        assertKind(FailureKind.FIELD_MISSING, () -> path.extract(doc("{\"x\": null}")));
    }

    @Test
    void when_notANumber_then_notNumericWithTheValue() throws Exception {
        FieldExtractor path = FieldExtractor.parse("f", "$.x");
        ExtractionException e = assertKind(FailureKind.NOT_NUMERIC, () -> path.extract(doc("{\"x\": \"\"}")));
        assertTrue(e.getMessage().contains("'$.x' is not a number: \"\""), e.getMessage());
        assertKind(FailureKind.NOT_NUMERIC, () -> path.extract(doc("{\"x\": \"n/a\"}")));
        assertKind(FailureKind.NOT_NUMERIC, () -> path.extract(doc("{\"x\": \"NaN\"}")));
        assertKind(FailureKind.NOT_NUMERIC, () -> path.extract(doc("{\"x\": true}")));
        assertKind(FailureKind.NOT_NUMERIC, () -> path.extract(doc("{\"x\": {\"y\": 1}}")));
    }

    @Test
    void when_bookImbalance_then_quantityImbalanceOfBestLevels() throws Exception {
        FieldExtractor all = FieldExtractor.parse("imb", Map.of("book-imbalance", Map.of("bids", "$.bids",
                "asks", "$.asks")));
        FieldExtractor top1 = FieldExtractor.parse("imb", Map.of("book-imbalance", Map.of("bids", "$.bids",
                "asks", "$.asks", "levels", 1)));
        Object book = doc("{\"bids\": [[\"100\", \"3\"], [\"99\", \"1\"]], \"asks\": [[\"101\", \"1\"], [\"102\", \"5\"]]}");
        assertEquals((4.0 - 6.0) / 10.0, all.extract(book), 1e-12);
        assertEquals((3.0 - 1.0) / 4.0, top1.extract(book), 1e-12);
        assertKind(FailureKind.FIELD_MISSING, () -> all.extract(doc("{\"bids\": [], \"asks\": []}")));
        assertKind(FailureKind.FIELD_MISSING, () -> all.extract(doc("{\"bids\": []}")));
        assertKind(FailureKind.NOT_NUMERIC, () -> all.extract(doc("{\"bids\": [[\"1\", \"x\"]], \"asks\": []}")));
        assertKind(FailureKind.NOT_NUMERIC, () -> all.extract(doc("{\"bids\": [\"1\"], \"asks\": []}")));
    }

    @Test
    void when_specUnreadable_then_errorNamesField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FieldExtractor.parse("dvol", Map.of("jq", ".x")));
        assertTrue(e.getMessage().contains("field 'dvol'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FieldExtractor.parse("x", "lastFundingRate"));
        assertThrows(IllegalArgumentException.class, () -> FieldExtractor.parse("x", Map.of("path", "$.a", "scale", "big")));
    }

    private static Object doc(String json) {
        try {
            return JSON.std.anyFrom(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ExtractionException assertKind(FailureKind kind, Runnable r) {
        ExtractionException e = assertThrows(ExtractionException.class, r::run);
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }
}
