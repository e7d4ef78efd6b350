package io.dolphin.datalayer.support;

import io.dolphin.datalayer.common.Json;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Field-by-field comparison of JSON text: numbers by value (5 equals 5.0), objects regardless of order. */
public final class JsonAssert {

    private JsonAssert() {
    }

    public static void assertSameJson(String expected, String actual) {
        assertSame("$", Json.parseObject(expected), Json.parseObject(actual));
    }

    @SuppressWarnings("unchecked")
    private static void assertSame(String path, Object expected, Object actual) {
        if (expected instanceof Number e) {
            assertTrue(actual instanceof Number, path + ": expected number " + e + ", got " + actual);
            assertEquals(e.doubleValue(), ((Number) actual).doubleValue(), 0.0, path);
        } else if (expected instanceof Map<?, ?> e) {
            assertTrue(actual instanceof Map, path + ": expected object, got " + actual);
            Map<String, Object> a = (Map<String, Object>) actual;
            assertEquals(e.keySet(), a.keySet(), path + ": field names");
            for (Object k : e.keySet()) {
                assertSame(path + "." + k, e.get(k), a.get(k));
            }
        } else if (expected instanceof List<?> e) {
            assertTrue(actual instanceof List, path + ": expected array, got " + actual);
            List<Object> a = (List<Object>) actual;
            assertEquals(e.size(), a.size(), path + ": array length");
            for (int i = 0; i < e.size(); i++) {
                assertSame(path + "[" + i + "]", e.get(i), a.get(i));
            }
        } else if (expected == null) {
            if (actual != null) {
                fail(path + ": expected null, got " + actual);
            }
        } else {
            assertEquals(expected, actual, path);
        }
    }
}
