package io.dolphin.datalayer.common;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads of one JSON object, with reasons that name the shape and the field, and whatever was not asked for
 * ({@link #rest()}) so codecs can carry unknown fields through unchanged. Reading does not consume: a field may be
 * read twice.
 *
 * <p>Two readings of types. {@link #parse} is exact: a codec writes back what it read, so a flag where a number
 * belongs is malformed. {@link #parseLenient} is for the warm sink's row mappers, which store what any writer put
 * into a map in a table whose flags are {@code UInt8}: there {@code true}/{@code false} read as 1/0 where a number is
 * asked for, and 0/1 as a flag.
 */
public final class JsonFields {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final String context;
    private final Map<String, Object> fields;
    private final boolean lenient;
    private final Set<String> read = new HashSet<>();

    private JsonFields(String context, Map<String, Object> fields, boolean lenient) {
        this.context = context;
        this.fields = fields;
        this.lenient = lenient;
    }

    /** @param context names the shape in error messages, e.g. "latest_eigen_scan" */
    public static JsonFields parse(String context, String json) {
        return new JsonFields(context, parseObject(context, json), false);
    }

    /** As {@link #parse}, but flags and numbers stand for each other (see the class comment). */
    public static JsonFields parseLenient(String context, String json) {
        return new JsonFields(context, parseObject(context, json), true);
    }

    public static JsonFields of(String context, Map<String, Object> fields) {
        return new JsonFields(context, fields, false);
    }

    private static Map<String, Object> parseObject(String context, String json) {
        try {
            return Json.parseObject(json);
        } catch (MalformedJsonException e) {
            throw new MalformedJsonException(context + ": " + e.getMessage(), e);
        }
    }

    /** True when the field is present and not JSON null. */
    public boolean has(String name) {
        return fields.get(name) != null;
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
        Object v = take(name);
        if (v == null) {
            return null;
        }
        if (lenient && v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (!(v instanceof Number n)) {
            throw wrongType(name, "a number", v);
        }
        double d = n.doubleValue();
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
        Object v = take(name);
        if (v == null) {
            return null;
        }
        if (lenient && v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (!(v instanceof Number n)) {
            throw wrongType(name, "an integer", v);
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (!Double.isFinite(d) || d != Math.rint(d)) {
                throw wrongType(name, "an integer", v);
            }
            return (long) d;
        }
        if (n instanceof BigInteger big && (big.compareTo(LONG_MIN) < 0 || big.compareTo(LONG_MAX) > 0)) {
            throw wrongType(name, "an integer of at most 64 bits", v);
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
        Object v = take(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw wrongType(name, "a string", v);
        }
        return s;
    }

    public Boolean optBoolean(String name) {
        Object v = take(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (lenient && v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
            return n.doubleValue() == 1;
        }
        throw wrongType(name, "true or false", v);
    }

    /** A nested object, or null when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> optObject(String name) {
        Object v = take(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map)) {
            throw wrongType(name, "an object", v);
        }
        return new LinkedHashMap<>((Map<String, Object>) v);
    }

    /** A nested object read the same way as this one; an empty one when absent. */
    @SuppressWarnings("unchecked")
    public JsonFields object(String name) {
        Object v = take(name);
        if (v != null && !(v instanceof Map)) {
            throw wrongType(name, "an object", v);
        }
        return new JsonFields(context + "." + name, v == null ? Map.of() : (Map<String, Object>) v, lenient);
    }

    /** A nested array, or null when absent. */
    @SuppressWarnings("unchecked")
    public List<Object> optList(String name) {
        Object v = take(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List)) {
            throw wrongType(name, "an array", v);
        }
        return new ArrayList<>((List<Object>) v);
    }

    /** A field that holds JSON (an object or array) or text, as text: how String columns keep nested JSON. */
    public String optJsonText(String name) {
        Object v = take(name);
        if (v == null) {
            return null;
        }
        return v instanceof String s ? s : Json.write(v);
    }

    /** Epoch time in any unit ({@link RowBuilder#epochMicros}) or ISO text, as microseconds; null when absent. */
    public Long optTimeMicros(String name) {
        Object v = take(name);
        if (v == null) {
            return null;
        }
        try {
            return v instanceof String s ? RowBuilder.isoMicros(s) : RowBuilder.epochMicros(optDouble(name));
        } catch (IllegalArgumentException e) {
            throw new MalformedJsonException(context + ": field '" + name + "': " + e.getMessage(), e);
        }
    }

    /** The fields nobody asked for, in their original order. */
    public Map<String, Object> rest() {
        Map<String, Object> rest = new LinkedHashMap<>(fields);
        rest.keySet().removeAll(read);
        return Collections.unmodifiableMap(rest);
    }

    private Object take(String name) {
        read.add(name);
        return fields.get(name);
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
