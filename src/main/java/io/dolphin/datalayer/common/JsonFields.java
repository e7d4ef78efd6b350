package io.dolphin.datalayer.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of one JSON object with clear reasons for what is wrong, and hands back whatever it was
 * not asked for ({@link #rest()}) so codecs can carry unknown fields through unchanged.
 */
public final class JsonFields {

    private final String context;
    private final Map<String, Object> remaining;

    private JsonFields(String context, Map<String, Object> fields) {
        this.context = context;
        this.remaining = new LinkedHashMap<>(fields);
    }

    /** @param context names the shape in error messages, e.g. "latest_eigen_scan" */
    public static JsonFields parse(String context, String json) {
        try {
            return new JsonFields(context, Json.parseObject(json));
        } catch (MalformedJsonException e) {
            throw new MalformedJsonException(context + ": " + e.getMessage(), e);
        }
    }

    public static JsonFields of(String context, Map<String, Object> fields) {
        return new JsonFields(context, fields);
    }

    public double requireDouble(String name) {
        Double v = optDouble(name);
        if (v == null) {
            throw missing(name);
        }
        return v;
    }

    /** Absent or JSON null gives null; a non-finite or non-numeric value is malformed. */
    public Double optDouble(String name) {
        Object v = remaining.remove(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number)) {
            throw wrongType(name, "a number", v);
        }
        double d = ((Number) v).doubleValue();
        if (!Double.isFinite(d)) {
            throw new MalformedJsonException(context + ": field '" + name + "' is not finite: " + v);
        }
        return d;
    }

    public long requireLong(String name) {
        Long v = optLong(name);
        if (v == null) {
            throw missing(name);
        }
        return v;
    }

    /** Accepts integral JSON numbers, and floats that hold a whole number (Python writes 5.0 for 5). */
    public Long optLong(String name) {
        Object v = remaining.remove(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number)) {
            throw wrongType(name, "an integer", v);
        }
        Number n = (Number) v;
        double d = n.doubleValue();
        if (n instanceof Double || n instanceof Float) {
            if (!Double.isFinite(d) || d != Math.rint(d)) {
                throw wrongType(name, "an integer", v);
            }
            return (long) d;
        }
        return n.longValue();
    }

    public String requireString(String name) {
        String v = optString(name);
        if (v == null) {
            throw missing(name);
        }
        return v;
    }

    public String optString(String name) {
        Object v = remaining.remove(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String)) {
            throw wrongType(name, "a string", v);
        }
        return (String) v;
    }

    public Boolean optBoolean(String name) {
        Object v = remaining.remove(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Boolean)) {
            throw wrongType(name, "true or false", v);
        }
        return (Boolean) v;
    }

    /** A nested object, or null when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> optObject(String name) {
        Object v = remaining.remove(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map)) {
            throw wrongType(name, "an object", v);
        }
        return new LinkedHashMap<>((Map<String, Object>) v);
    }

    /** A nested array, or null when absent. */
    @SuppressWarnings("unchecked")
    public List<Object> optList(String name) {
        Object v = remaining.remove(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List)) {
            throw wrongType(name, "an array", v);
        }
        return new ArrayList<>((List<Object>) v);
    }

    /** The fields nobody asked for, in their original order. */
    public Map<String, Object> rest() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(remaining));
    }

    private MalformedJsonException missing(String name) {
        return new MalformedJsonException(context + ": field '" + name + "' is missing");
    }

    private MalformedJsonException wrongType(String name, String expected, Object actual) {
        return new MalformedJsonException(context + ": field '" + name + "' must be " + expected
                + ", got " + actual.getClass().getSimpleName() + " " + abbreviate(String.valueOf(actual)));
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
