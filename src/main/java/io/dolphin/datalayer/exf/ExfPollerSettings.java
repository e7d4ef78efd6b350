package io.dolphin.datalayer.exf;

import io.dolphin.datalayer.common.JobSettings;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code jobs/exf-poller.yaml} resolved: the endpoints with their URLs, and the factor book's configuration.
 * Everything is checked here, at submission, so a typo in the descriptor fails the submission with the
 * endpoint's name instead of failing the running job.
 */
record ExfPollerSettings(List<HttpEndpoint> endpoints, FactorBook.Config book, long publishIntervalMs,
                                long maxBackoffMs, boolean publishMeta) implements Serializable {

    private static final Set<String> ENDPOINT_KEYS =
            Set.of("name", "url", "base-url-env", "interval-ms", "timeout-ms", "stale-after-ms", "fields");
    private static final Set<String> LAGGED_KEYS = Set.of("field", "of", "lag-ms");

    public ExfPollerSettings {
        endpoints = List.copyOf(endpoints);
    }

    public static ExfPollerSettings from(JobSettings settings) {
        return from(settings, io.dolphin.datalayer.common.DolphinEnvironment.current());
    }

    /** @param env resolves each endpoint's {@code base-url-env} (tests pass their own) */
    public static ExfPollerSettings from(JobSettings s, Map<String, String> env) {
        String base = stripSlash(s.string("base-url"));
        long timeout = s.longValue("timeout-ms");
        long staleIntervals = s.longValue("stale-after-intervals");
        List<HttpEndpoint> endpoints = new ArrayList<>();
        List<FactorBook.PolledField> polled = new ArrayList<>();
        Map<String, String> urls = new LinkedHashMap<>();
        for (Object node : s.list("endpoints")) {
            Map<String, Object> e = mapping(node, "endpoint", ENDPOINT_KEYS);
            String name = string(e, "name", "endpoint");
            String where = "endpoint '" + name + "'";
            if (urls.containsKey(name)) {
                throw new IllegalArgumentException(where + " is declared twice");
            }
            long interval = number(e, "interval-ms", where, null);
            long endpointTimeout = number(e, "timeout-ms", where, timeout);
            long staleAfter = number(e, "stale-after-ms", where, staleIntervals * interval + endpointTimeout);
            String url = string(e, "url", where).replace("{base}", baseFor(e, base, env, where));
            HttpEndpoint endpoint = new HttpEndpoint(name, url, interval, endpointTimeout);
            endpoints.add(endpoint);
            urls.put(name, url);
            Map<String, Object> fields = mapping(e.get("fields"), where + " fields", null);
            if (fields.isEmpty()) {
                throw new IllegalArgumentException(where + ": 'fields' names no factor");
            }
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                try {
                    polled.add(new FactorBook.PolledField(f.getKey(), name, FieldExtractor.parse(f.getKey(),
                            f.getValue()), staleAfter));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
                }
            }
        }
        List<FactorBook.LaggedField> lagged = new ArrayList<>();
        for (Object node : s.list("lagged")) {
            Map<String, Object> l = mapping(node, "lagged field", LAGGED_KEYS);
            String field = string(l, "field", "lagged field");
            lagged.add(new FactorBook.LaggedField(field, string(l, "of", "lagged field '" + field + "'"),
                    number(l, "lag-ms", "lagged field '" + field + "'", null)));
        }
        long publish = positive(s.longValue("publish-interval-ms"), "publish-interval-ms");
        FactorBook.Config book = new FactorBook.Config(ExfPollerJob.JOB_NAME, polled, lagged, urls, publish,
                positive(s.longValue("refresh-interval-ms"), "refresh-interval-ms"),
                s.longValue("first-publish-wait-ms"),
                positive(s.longValue("dead-letter-interval-ms"), "dead-letter-interval-ms"));
        new FactorBook(book); // validates lagged references and duplicate factor names
        return new ExfPollerSettings(endpoints, book, publish, positive(s.longValue("max-backoff-ms"),
                "max-backoff-ms"), s.bool("publish-meta"));
    }

    private static String baseFor(Map<String, Object> e, String base, Map<String, String> env, String where) {
        Object var = e.get("base-url-env");
        if (var == null) {
            return base;
        }
        if (!var.toString().startsWith("DOLPHIN_")) {
            throw new IllegalArgumentException(where + ": base-url-env must name a DOLPHIN_ variable, got " + var);
        }
        String value = env.get(var.toString());
        return value == null || value.isBlank() ? base : stripSlash(value.strip());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Object node, String what, Set<String> allowed) {
        if (!(node instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(what + " must be a mapping, got " + node);
        }
        Map<String, Object> map = (Map<String, Object>) m;
        if (allowed != null) {
            for (String key : map.keySet()) {
                if (!allowed.contains(key)) {
                    throw new IllegalArgumentException(what + " " + map.getOrDefault("name", map.get("field"))
                            + ": unknown key '" + key + "' (known: " + allowed + ")");
                }
            }
        }
        return map;
    }

    private static String string(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is required");
        }
        return v.toString().strip();
    }

    private static long number(Map<String, Object> m, String key, String where, Long fallback) {
        Object v = m.get(key);
        if (v == null) {
            if (fallback == null) {
                throw new IllegalArgumentException(where + ": '" + key + "' is required");
            }
            return fallback;
        }
        try {
            return positive(v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().strip()), key);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a whole number, got " + v);
        }
    }

    private static long positive(long v, String key) {
        if (v <= 0) {
            throw new IllegalArgumentException("'" + key + "' must be > 0, got " + v);
        }
        return v;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
