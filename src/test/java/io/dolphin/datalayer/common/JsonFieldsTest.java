package io.dolphin.datalayer.common;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one typed-JSON reader: codecs read it exactly, row mappers leniently. */
class JsonFieldsTest {

    @Test
    void when_fieldReadTwice_then_sameValueAndNotInRest() {
        JsonFields f = JsonFields.parse("t", "{\"a\": 1.5, \"b\": \"x\", \"c\": null, \"d\": [1]}");
        assertEquals(1.5, f.optDouble("a"));
        assertEquals(1.5, f.optDouble("a"));
        assertNull(f.optString("missing"));
        Map<String, Object> rest = f.rest();
        assertEquals(List.of("b", "c", "d"), List.copyOf(rest.keySet()));
        assertTrue(rest.containsKey("c"), "a JSON null survives the round trip");
    }

    @Test
    void when_exact_then_flagIsNotANumberNorANumberAFlag() {
        JsonFields f = JsonFields.parse("t", "{\"flag\": true, \"one\": 1}");
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> f.optDouble("flag"));
        assertTrue(e.getMessage().contains("t: field 'flag' must be a number"), e.getMessage());
        assertThrows(MalformedJsonException.class, () -> f.optLong("flag"));
        assertThrows(MalformedJsonException.class, () -> f.optBoolean("one"));
    }

    @Test
    void when_lenient_then_flagsAndZeroOneStandForEachOther() {
        JsonFields f = JsonFields.parseLenient("t", "{\"flag\": true, \"one\": 1, \"two\": 2, \"n\": {\"off\": false}}");
        assertEquals(1.0, f.optDouble("flag"));
        assertEquals(1L, f.optLong("flag"));
        assertEquals(Boolean.TRUE, f.optBoolean("one"));
        assertThrows(MalformedJsonException.class, () -> f.optBoolean("two"));
        assertEquals(0.0, f.object("n").optDouble("off"), "nested objects are read the same way");
    }

    @Test
    void when_integers_then_wholeFloatsAcceptedFractionsAndOverflowRejected() {
        JsonFields f = JsonFields.parse("t", "{\"a\": 5.0, \"b\": 5.5, \"c\": 9223372036854775807, "
                + "\"d\": 9223372036854775808}");
        assertEquals(5L, f.optLong("a"));
        assertThrows(MalformedJsonException.class, () -> f.optLong("b"));
        assertEquals(Long.MAX_VALUE, f.requireLong("c"));
        assertThrows(MalformedJsonException.class, () -> f.optLong("d"));
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> f.requireLong("e"));
        assertTrue(e.getMessage().contains("'e' is missing"), e.getMessage());
    }

    @Test
    void when_timeInAnyUnitOrIsoText_then_micros() {
        JsonFields f = JsonFields.parse("t", "{\"s\": 1776269558.25, \"ms\": 1776269558250, "
                + "\"iso\": \"2026-04-15T16:12:38.25Z\", \"bad\": \"yesterday\"}");
        assertEquals(1_776_269_558_250_000L, f.optTimeMicros("s"));
        assertEquals(1_776_269_558_250_000L, f.optTimeMicros("ms"));
        assertEquals(1_776_269_558_250_000L, f.optTimeMicros("iso"));
        assertThrows(MalformedJsonException.class, () -> f.optTimeMicros("bad"));
    }

    @Test
    void when_nestedObjectAbsentOrNotAnObject_then_emptyOrMalformed() {
        JsonFields f = JsonFields.parse("t", "{\"o\": {\"k\": \"v\"}, \"s\": \"text\", \"j\": {\"x\": [1]}}");
        assertEquals("v", f.object("o").optString("k"));
        assertFalse(f.object("absent").has("k"));
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> f.object("s"));
        assertTrue(e.getMessage().contains("'s' must be an object"), e.getMessage());
        assertEquals("{\"x\":[1]}", f.optJsonText("j"));
        assertEquals("text", f.optJsonText("s"));
    }

    @Test
    void when_notAnObject_then_malformedNamesTheShape() {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> JsonFields.parse("shape", "[1]"));
        assertTrue(e.getMessage().startsWith("shape: "), e.getMessage());
    }
}
