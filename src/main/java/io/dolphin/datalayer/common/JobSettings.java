package io.dolphin.datalayer.common;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The resolved settings of one job: descriptor defaults with environment overrides applied. Accessors fail
 * with the setting's name and its environment variable, so a typo in a deployment reads as such.
 */
public final class JobSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String jobName;
    private final Map<String, Object> values;
    private final Map<String, Setting> declared;

    JobSettings(String jobName, Map<String, Object> values, Map<String, Setting> declared) {
        this.jobName = jobName;
        this.values = values;
        this.declared = declared;
    }

    public String string(String key) {
        Object v = require(key);
        return String.valueOf(v);
    }

    public long longValue(String key) {
        Object v = require(key);
        if (v instanceof Number n && (n instanceof Long || n instanceof Integer)) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw invalid(key, v, "a whole number");
        }
    }

    public int intValue(String key) {
        long v = longValue(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw invalid(key, v, "a 32-bit whole number");
        }
        return (int) v;
    }

    public double doubleValue(String key) {
        Object v = require(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw invalid(key, v, "a number");
        }
    }

    public boolean bool(String key) {
        Object v = require(key);
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase();
        return switch (s) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw invalid(key, v, "true or false");
        };
    }

    /** Milliseconds; the descriptor names such settings {@code *-ms}. */
    public Duration millis(String key) {
        return Duration.ofMillis(longValue(key));
    }

    /** A structured setting (list or map) as the YAML loader produced it. */
    @SuppressWarnings("unchecked")
    public List<Object> list(String key) {
        Object v = require(key);
        if (!(v instanceof List)) {
            throw invalid(key, v, "a list");
        }
        return Collections.unmodifiableList((List<Object>) v);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        Object v = require(key);
        if (!(v instanceof Map)) {
            throw invalid(key, v, "a mapping");
        }
        return Collections.unmodifiableMap((Map<String, Object>) v);
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    private Object require(String key) {
        if (!declared.containsKey(key)) {
            throw new IllegalArgumentException(jobName + ": no setting '" + key + "' is declared in its descriptor");
        }
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(jobName + ": setting '" + key + "' has no value" + envHint(key));
        }
        return v;
    }

    private IllegalArgumentException invalid(String key, Object v, String expected) {
        return new IllegalArgumentException(jobName + ": setting '" + key + "' must be " + expected + ", got '"
                + v + "'" + envHint(key));
    }

    private String envHint(String key) {
        Setting s = declared.get(key);
        return s != null && s.env() != null ? " (environment variable " + s.env() + ")" : "";
    }
}
