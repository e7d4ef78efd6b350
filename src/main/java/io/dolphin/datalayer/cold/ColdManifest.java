package io.dolphin.datalayer.cold;

import io.dolphin.datalayer.common.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code <cold-root>/manifest.json}: every published file with what it holds. Written like the files themselves
 * (temporary name, forced, renamed), after each file, so it never names a file that is not complete and a crash
 * loses at most the entry of the file being published (which the next run writes again).
 *
 * <pre>
 * {"format": 1, "files": {"dolphin/obf_universe/2026-11-30.parquet": {"database": "dolphin",
 *   "table": "obf_universe", "day": "2026-11-30", "rows": 1000000, "min_ts": "2026-11-30T00:00:00Z",
 *   "max_ts": "2026-11-30T23:59:59.999Z", "bytes": 23456789, "sha256": "…", "partial": false,
 *   "exported_at": "2026-12-01T00:10:02.123Z"}}}
 * </pre>
 */
final class ColdManifest {

    static final String FILE = "manifest.json";

    /** One published file. {@code partial}: the day was not closed when it was written (an on-demand export). */
    record Entry(String database, String table, String day, long rows, String minTs, String maxTs, long bytes,
                 String sha256, boolean partial, String exportedAt) {

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("database", database);
            m.put("table", table);
            m.put("day", day);
            m.put("rows", rows);
            m.put("min_ts", minTs);
            m.put("max_ts", maxTs);
            m.put("bytes", bytes);
            m.put("sha256", sha256);
            m.put("partial", partial);
            m.put("exported_at", exportedAt);
            return m;
        }

        static Entry fromJson(Map<?, ?> m) {
            return new Entry((String) m.get("database"), (String) m.get("table"), (String) m.get("day"),
                    ((Number) m.get("rows")).longValue(), (String) m.get("min_ts"), (String) m.get("max_ts"),
                    ((Number) m.get("bytes")).longValue(), (String) m.get("sha256"), Boolean.TRUE.equals(m.get("partial")),
                    (String) m.get("exported_at"));
        }

        Entry closed() {
            return new Entry(database, table, day, rows, minTs, maxTs, bytes, sha256, false, exportedAt);
        }
    }

    private final Path file;
    private final Map<String, Entry> entries;

    private ColdManifest(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    static ColdManifest load(Path root) throws IOException {
        Path file = root.resolve(FILE);
        Map<String, Entry> entries = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            Map<String, Object> json = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            Object files = json.get("files");
            if (files instanceof Map<?, ?> m) {
                m.forEach((k, v) -> entries.put((String) k, Entry.fromJson((Map<?, ?>) v)));
            }
        }
        return new ColdManifest(file, entries);
    }

    Entry get(String relative) {
        return entries.get(relative);
    }

    Map<String, Entry> entries() {
        return java.util.Collections.unmodifiableMap(entries);
    }

    void put(String relative, Entry entry) throws IOException {
        entries.put(relative, entry);
        save();
    }

    private void save() throws IOException {
        Map<String, Object> files = new LinkedHashMap<>();
        entries.forEach((k, v) -> files.put(k, v.toJson()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", 1);
        json.put("files", files);
        Path tmp = file.resolveSibling("." + FILE + "." + java.util.UUID.randomUUID() + ColdRoot.TMP_SUFFIX);
        Files.writeString(tmp, Json.write(json) + "\n", StandardCharsets.UTF_8);
        ColdRoot.publish(tmp, file);
    }

    static String instant(Long epochMicros) {
        return epochMicros == null ? null
                : Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                        Math.floorMod(epochMicros, 1_000_000L) * 1_000L).toString();
    }
}
