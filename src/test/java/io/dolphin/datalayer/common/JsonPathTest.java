package io.dolphin.datalayer.common;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonPathTest {

    private static final Object DOC = Json.parseObject("""
            {"a": {"b": [10, 20, 30], "c d": "x"}, "rows": [{"v": "1.5"}, {"v": "2.5"}],
             "result": {"data": [[1, 2, 3, 4, 52.34]]}, "n": null}""");

    @Test
    void when_fieldsAndIndexes_then_value() {
        assertEquals(20, ((Number) JsonPath.parse("$.a.b[1]").read(DOC)).intValue());
        assertEquals("x", JsonPath.parse("$.a['c d']").read(DOC));
        assertEquals(52.34, JsonPath.parse("$.result.data[-1][4]").read(DOC));
        assertEquals(DOC, JsonPath.parse("$").read(DOC));
    }

    @Test
    void when_negativeIndex_then_countsFromTheEnd() {
        assertEquals("2.5", JsonPath.parse("$.rows[-1].v").read(DOC));
        assertEquals("1.5", JsonPath.parse("$.rows[-2].v").read(DOC));
    }

    @Test
    void when_rootIsAnArray_then_indexApplies() {
        Object array = List.of(Map.of("x", 1), Map.of("x", 2));
        assertEquals(2, JsonPath.parse("$[-1].x").read(array));
        assertEquals(1, JsonPath.parse("$[0].x").read(array));
    }

    @Test
    void when_absentOutOfRangeOrWrongKind_then_null() {
        assertNull(JsonPath.parse("$.nope").read(DOC));
        assertNull(JsonPath.parse("$.a.b[3]").read(DOC));
        assertNull(JsonPath.parse("$.a.b[-4]").read(DOC));
        assertNull(JsonPath.parse("$.a[0]").read(DOC));
        assertNull(JsonPath.parse("$.a.b.c").read(DOC));
        assertNull(JsonPath.parse("$.n").read(DOC));
    }

    @Test
    void when_syntaxWrong_then_errorSaysWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("$.a[x]"));
        assertTrue(e.getMessage().contains("position 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("a.b"));
        assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("$.a[1"));
        assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("$..a"));
    }
}
