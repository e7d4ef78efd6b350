package io.dolphin.datalayer.common;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The small JSONPath subset job descriptors use to point at one value in an HTTP response:
 * {@code $}, {@code .name}, {@code ['name']} and {@code [index]}, where a negative index counts from the end
 * ({@code $[-1].buySellRatio} is "the newest element" of an API that lists oldest first).
 * No wildcards, filters or recursion: a path names exactly one value or nothing.
 */
public final class JsonPath implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String text;
    private final List<Object> steps;

    private JsonPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** @throws IllegalArgumentException naming the position of the first thing it cannot read */
    public static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("a JSON path starts with '$', got '" + text + "'");
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw bad(text, i, "a field name after '.'");
                }
                steps.add(text.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw bad(text, i, "a closing ']'");
                }
                steps.add(bracket(text, i, text.substring(i + 1, close).strip()));
                i = close + 1;
            } else {
                throw bad(text, i, "'.' or '['");
            }
        }
        return new JsonPath(text, Collections.unmodifiableList(steps));
    }

    private static Object bracket(String text, int at, String inside) {
        if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                || inside.startsWith("\"") && inside.endsWith("\""))) {
            return inside.substring(1, inside.length() - 1);
        }
        try {
            return Integer.parseInt(inside);
        } catch (NumberFormatException e) {
            throw bad(text, at, "an array index or a quoted field name inside [ ]");
        }
    }

    private static IllegalArgumentException bad(String text, int at, String expected) {
        return new IllegalArgumentException("JSON path '" + text + "': expected " + expected + " at position " + at);
    }

    /**
     * The value the path names in a document jackson-jr produced (maps, lists, numbers, strings, booleans),
     * or {@code null} when any step is absent, out of range or of the wrong kind, or the value is JSON null.
     */
    public Object read(Object document) {
        Object current = document;
        for (Object step : steps) {
            if (step instanceof String name) {
                if (!(current instanceof Map<?, ?> map)) {
                    return null;
                }
                current = map.get(name);
            } else {
                if (!(current instanceof List<?> list)) {
                    return null;
                }
                int index = (Integer) step;
                int effective = index < 0 ? list.size() + index : index;
                if (effective < 0 || effective >= list.size()) {
                    return null;
                }
                current = list.get(effective);
            }
        }
        return current;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonPath p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
