package io.dolphin.datalayer.common;

import com.hazelcast.jet.config.ProcessingGuarantee;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds and reads job descriptors. A file wins over the copy bundled in the jar, so an operator tunes a job
 * by editing {@code jobs/<id>.yaml} (or pointing {@code DOLPHIN_JOBS_DIR} at another folder) without
 * recompiling. Lookup order: {@code $DOLPHIN_JOBS_DIR}, {@code $DOLPHIN_HOME/jobs}, {@code ./jobs}, the jar.
 */
public final class JobDescriptors {

    /** Every job the bundle knows, in the order {@code bin/dolphin submit} starts them. */
    public static final List<String> KNOWN_IDS = List.of(
            "hz-warmup", "warm-sink", "scan-bridge", "exf-poller", "obf-ingest", "acb", "cold-export", "host-stats",
            "supervisor-watch");

    private static final String CLASSPATH_DIR = "dolphin/jobs/";

    private JobDescriptors() {
    }

    public static JobDescriptor load(String id) {
        return load(id, DolphinEnvironment.current());
    }

    /** @param env the environment to resolve overrides from (tests pass their own) */
    public static JobDescriptor load(String id, Map<String, String> env) {
        for (Path dir : searchDirs(env)) {
            Path file = dir.resolve(id + ".yaml");
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    return parse(id, file.toString(), in, env);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read job descriptor " + file, e);
                }
            }
        }
        InputStream in = JobDescriptors.class.getClassLoader().getResourceAsStream(CLASSPATH_DIR + id + ".yaml");
        if (in == null) {
            throw new IllegalArgumentException("no job descriptor '" + id + "': looked in " + searchDirs(env)
                    + " and inside the bundle; known jobs: " + KNOWN_IDS);
        }
        try (in) {
            return parse(id, "bundled " + id + ".yaml", in, env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The descriptors of every known job that has one, in submission order. */
    public static List<JobDescriptor> loadAll(Map<String, String> env) {
        List<JobDescriptor> all = new ArrayList<>();
        for (String id : KNOWN_IDS) {
            if (exists(id, env)) {
                all.add(load(id, env));
            }
        }
        return all;
    }

    public static boolean exists(String id, Map<String, String> env) {
        for (Path dir : searchDirs(env)) {
            if (Files.isRegularFile(dir.resolve(id + ".yaml"))) {
                return true;
            }
        }
        return JobDescriptors.class.getClassLoader().getResource(CLASSPATH_DIR + id + ".yaml") != null;
    }

    /** Finds a descriptor by its job name ({@code dolphin-acb}) or id ({@code acb}). */
    public static JobDescriptor byNameOrId(String nameOrId, Map<String, String> env) {
        String id = nameOrId.startsWith("dolphin-") ? nameOrId.substring("dolphin-".length()) : nameOrId;
        return load(id, env);
    }

    private static List<Path> searchDirs(Map<String, String> env) {
        List<Path> dirs = new ArrayList<>();
        if (env.get("DOLPHIN_JOBS_DIR") != null) {
            dirs.add(Path.of(env.get("DOLPHIN_JOBS_DIR")));
        }
        if (env.get("DOLPHIN_HOME") != null) {
            dirs.add(Path.of(env.get("DOLPHIN_HOME"), "jobs"));
        }
        dirs.add(Path.of("jobs"));
        return dirs;
    }

    @SuppressWarnings("unchecked")
    static JobDescriptor parse(String id, String origin, InputStream in, Map<String, String> env) {
        Object doc = new Load(LoadSettings.builder().setLabel(origin).build()).loadFromInputStream(in);
        if (!(doc instanceof Map)) {
            throw new IllegalArgumentException(origin + ": a job descriptor must be a YAML mapping");
        }
        Map<String, Object> root = (Map<String, Object>) doc;
        String name = requireString(root, "name", origin);
        String className = requireString(root, "class", origin);
        String guarantee = String.valueOf(root.getOrDefault("guarantee", "EXACTLY_ONCE"));
        ProcessingGuarantee pg;
        try {
            pg = ProcessingGuarantee.valueOf(guarantee.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": guarantee must be NONE, AT_LEAST_ONCE or EXACTLY_ONCE, got '"
                    + guarantee + "'");
        }
        long snapshotMs = ((Number) root.getOrDefault("snapshot-interval-ms", 10_000)).longValue();
        boolean batch = Boolean.TRUE.equals(root.get("batch"));
        String description = String.valueOf(root.getOrDefault("description", "")).trim();

        Map<String, Setting> declared = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Object settingsNode = root.getOrDefault("settings", Map.of());
        if (!(settingsNode instanceof Map)) {
            throw new IllegalArgumentException(origin + ": 'settings' must be a mapping of setting name to "
                    + "{default, env, doc}");
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) settingsNode).entrySet()) {
            Setting s = toSetting(e.getKey(), e.getValue(), origin);
            declared.put(s.key(), s);
            values.put(s.key(), resolve(s, env, origin));
        }
        JobSettings settings = new JobSettings(name, values, Collections.unmodifiableMap(declared));
        return new JobDescriptor(id, name, className, description, batch, pg, snapshotMs,
                Collections.unmodifiableMap(declared), settings);
    }

    @SuppressWarnings("unchecked")
    private static Setting toSetting(String key, Object node, String origin) {
        if (!(node instanceof Map)) {
            throw new IllegalArgumentException(origin + ": setting '" + key + "' must be a mapping with "
                    + "'default' (and optionally 'env', 'doc')");
        }
        Map<String, Object> m = (Map<String, Object>) node;
        Object env = m.get("env");
        Object doc = m.get("doc");
        return new Setting(key, m.get("default"), env == null ? null : env.toString(),
                doc == null ? "" : doc.toString().trim());
    }

    /** An environment value takes the type of the default; lists and maps are given as YAML/JSON text. */
    private static Object resolve(Setting s, Map<String, String> env, String origin) {
        if (s.env() == null || env.get(s.env()) == null || env.get(s.env()).isEmpty()) {
            return s.defaultValue();
        }
        String raw = env.get(s.env());
        Object def = s.defaultValue();
        if (def instanceof List || def instanceof Map) {
            Object parsed = new Load(LoadSettings.builder().setLabel(s.env()).build()).loadFromString(raw);
            if (def instanceof List != parsed instanceof List) {
                throw new IllegalArgumentException(s.env() + " must hold " + (def instanceof List ? "a list" : "a mapping")
                        + " for setting '" + s.key() + "' of " + origin);
            }
            return parsed;
        }
        return raw;
    }

    private static String requireString(Map<String, Object> root, String key, String origin) {
        Object v = root.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException(origin + ": '" + key + "' is required");
        }
        return v.toString().trim();
    }
}
