package io.dolphin.datalayer.warm.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DuckDB warm-store files this JVM has open through a {@link DuckDbStore}. Only one OS process can open a DuckDB
 * file, but inside that process every further {@code jdbc:duckdb:<same file>} connection shares the open database
 * (DuckDB's instance cache). A second reader (the cold export) asks here whether it runs in the process that holds
 * the file, so it never takes the file's lock away from the warm sink on another member.
 */
public final class OpenDuckDbFiles {

    private static final Map<Path, Integer> OPEN = new ConcurrentHashMap<>();

    private OpenDuckDbFiles() {
    }

    /** Whether a warm store in this JVM holds {@code url}'s file open right now. */
    public static boolean isOpenHere(String url) {
        Path file = key(url);
        return file != null && OPEN.getOrDefault(file, 0) > 0;
    }

    static void opened(String url) {
        Path file = key(url);
        if (file != null) {
            OPEN.merge(file, 1, Integer::sum);
        }
    }

    static void closed(String url) {
        Path file = key(url);
        if (file != null) {
            OPEN.computeIfPresent(file, (f, n) -> n <= 1 ? null : n - 1);
        }
    }

    private static Path key(String url) {
        if (Dialect.of(url) != Dialect.DUCKDB) {
            return null;
        }
        Path file = Dialect.duckDbFile(url);
        return file == null ? null : file.toAbsolutePath().normalize();
    }
}
