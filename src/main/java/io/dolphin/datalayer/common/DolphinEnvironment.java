package io.dolphin.datalayer.common;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment job descriptors resolve against: the process environment, overlaid by values a launcher sets
 * for the jobs it submits from inside this JVM (the demo points every job at its own broker, folders and
 * endpoints this way; a JVM cannot change its own environment).
 */
public final class DolphinEnvironment {

    private static volatile Map<String, String> overrides = Map.of();

    private DolphinEnvironment() {
    }

    public static Map<String, String> current() {
        Map<String, String> o = overrides;
        if (o.isEmpty()) {
            return System.getenv();
        }
        Map<String, String> merged = new HashMap<>(System.getenv());
        merged.putAll(o);
        return merged;
    }

    /** Values set here win over the process environment until {@link #clearOverrides()}. */
    public static synchronized void override(Map<String, String> values) {
        Map<String, String> next = new HashMap<>(overrides);
        next.putAll(values);
        overrides = Map.copyOf(next);
    }

    public static synchronized void clearOverrides() {
        overrides = Map.of();
    }
}
