package io.dolphin.datalayer.common;


import java.util.Map;

/** Typed, lenient reads of one JSON object for the row mappers, with reasons that name the shape and the field. */
public final class RowFields {

    private final String context;
    private final Map<String, Object> fields;

    private RowFields(String context, Map<String, Object> fields) {
        this.context = context;
        this.fields = fields;
    }

    public static RowFields parse(String context, String json) {
        try {
            return new RowFields(context, Json.parseObject(json));
        } catch (MalformedJsonException e) {
            throw new MalformedJsonException(context + ": " + e.getMessage(), e);
        }
    }

    /** A nested object as fields of its own; an empty one when absent. */
    @SuppressWarnings("unchecked")
    public RowFields object(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return new RowFields(context + "." + name, Map.of());
        }
        if (!(v instanceof Map)) {
            throw wrong(name, "an object", v);
        }
        return new RowFields(context + "." + name, (Map<String, Object>) v);
    }

    public boolean has(String name) {
        return fields.get(name) != null;
    }

    public Double number(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (!(v instanceof Number n)) {
            throw wrong(name, "a number", v);
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new MalformedJsonException(context + ": field '" + name + "' is not finite: " + v);
        }
        return d;
    }

    public double requireNumber(String name) {
        Double d = number(name);
        if (d == null) {
            throw missing(name);
        }
        return d;
    }

    /** A whole number; Python writes 5.0 for 5, so a float holding a whole number is accepted. */
    public Long integer(String name) {
        Double d = number(name);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d)) {
            throw wrong(name, "a whole number", fields.get(name));
        }
        return d.longValue();
    }

    public long requireInteger(String name) {
        Long v = integer(name);
        if (v == null) {
            throw missing(name);
        }
        return v;
    }

    public String string(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw wrong(name, "a string", v);
        }
        return s;
    }

    String requireString(String name) {
        String s = string(name);
        if (s == null) {
            throw missing(name);
        }
        return s;
    }

    public Boolean bool(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
            return n.doubleValue() == 1;
        }
        throw wrong(name, "true or false", v);
    }

    /** A field that holds JSON (an object or array) or text, as text: how String columns keep nested JSON. */
    public String jsonText(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return null;
        }
        return v instanceof String s ? s : Json.write(v);
    }

    /** Epoch time in any unit ({@link RowBuilder#epochMicros}) or ISO text, as microseconds; null when absent. */
    public Long timeMicros(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return null;
        }
        try {
            if (v instanceof String s) {
                return RowBuilder.isoMicros(s);
            }
            return RowBuilder.epochMicros(number(name));
        } catch (IllegalArgumentException e) {
            throw new MalformedJsonException(context + ": field '" + name + "': " + e.getMessage(), e);
        }
    }

    private MalformedJsonException missing(String name) {
        return new MalformedJsonException(context + ": field '" + name + "' is missing");
    }

    private MalformedJsonException wrong(String name, String expected, Object actual) {
        String text = String.valueOf(actual);
        return new MalformedJsonException(context + ": field '" + name + "' must be " + expected + ", got "
                + (text.length() > 60 ? text.substring(0, 57) + "..." : text));
    }
}
