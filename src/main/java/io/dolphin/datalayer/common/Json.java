package io.dolphin.datalayer.common;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one jackson-jr instance every codec uses, so all JSON text is written the same way. */
public final class Json {

    /**
     * Insertion-ordered maps keep the field order of the writer, which keeps diffs and logs readable.
     * Floating-point values are read as {@code double}: the reference's numbers are Python floats.
     */
    private static final JSON JSON_INSTANCE = JSON.builder()
            .enable(JSON.Feature.PRESERVE_FIELD_ORDERING)
            .build();

    private Json() {
    }

    public static JSON instance() {
        return JSON_INSTANCE;
    }

    /** Parses a JSON object; anything else (array, scalar, broken text) is malformed. */
    public static Map<String, Object> parseObject(String text) {
        if (text == null) {
            throw new MalformedJsonException("value is null");
        }
        try {
            Object any = JSON_INSTANCE.anyFrom(text);
            if (!(any instanceof Map)) {
                throw new MalformedJsonException("expected a JSON object, got "
                        + (any == null ? "null" : any.getClass().getSimpleName()));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) any;
            return map instanceof LinkedHashMap ? map : new LinkedHashMap<>(map);
        } catch (IOException e) {
            throw new MalformedJsonException("not valid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    public static String write(Object value) {
        try {
            return JSON_INSTANCE.asString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
