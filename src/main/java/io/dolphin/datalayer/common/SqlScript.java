package io.dolphin.datalayer.common;

import java.util.ArrayList;
import java.util.List;

/**
 * How our {@code sql/} files are read, for the Hazelcast mappings and the warm-store DDL alike: comment lines
 * dropped, statements ended by a {@code ;} at the end of a line. A {@code ${database}} placeholder marks a
 * per-database template (the warm store's {@code dolphin} and {@code dolphin_green} are one schema twice).
 */
public final class SqlScript {

    public static final String DATABASE_PLACEHOLDER = "${database}";

    private SqlScript() {
    }

    public static List<String> statements(String text) {
        List<String> all = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String stmt = current.toString().strip();
                all.add(stmt.substring(0, stmt.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            all.add(current.toString().strip());
        }
        return all;
    }

    /** The statements of a template for each database in turn; a text without the placeholder is read once. */
    public static List<String> statements(String text, List<String> databases) {
        if (!text.contains(DATABASE_PLACEHOLDER)) {
            return statements(text);
        }
        List<String> all = new ArrayList<>();
        for (String database : databases) {
            all.addAll(statements(text.replace(DATABASE_PLACEHOLDER, database)));
        }
        return all;
    }
}
