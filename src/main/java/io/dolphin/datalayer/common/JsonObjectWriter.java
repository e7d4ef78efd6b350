package io.dolphin.datalayer.common;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a JSON object in the reference's field order; null values are left out, as Python writers do. */
public final class JsonObjectWriter {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    public JsonObjectWriter put(String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
        return this;
    }

    /** Unknown fields read earlier go back in after the known ones; known fields win on a clash. */
    public JsonObjectWriter putAbsent(Map<String, Object> extra) {
        if (extra != null) {
            extra.forEach(fields::putIfAbsent);
        }
        return this;
    }

    public Map<String, Object> toMap() {
        return fields;
    }

    public String toJson() {
        return Json.write(fields);
    }
}
