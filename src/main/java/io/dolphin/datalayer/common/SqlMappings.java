package io.dolphin.datalayer.common;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;
import com.hazelcast.sql.SqlResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@code sql/hazelcast/*.sql} (in file-name order) to the cluster. Every statement there is
 * {@code CREATE OR REPLACE}, so applying them again at each start or submission is harmless.
 */
public final class SqlMappings {

    /** Listed explicitly because a folder inside a jar cannot be listed. */
    public static final List<String> FILES = List.of(
            "10-mappings.sql", "20-views-features.sql", "30-views-state.sql", "40-views-dead-letters.sql",
            "50-views-telemetry.sql");

    private static final ILogger LOG = Logger.getLogger(SqlMappings.class);
    private static final java.util.concurrent.atomic.AtomicBoolean ANNOUNCED = new java.util.concurrent.atomic.AtomicBoolean();
    private static final String CLASSPATH_DIR = "dolphin/sql/hazelcast/";

    private SqlMappings() {
    }

    /** @return the number of statements applied */
    public static int apply(HazelcastInstance hz) {
        int n = 0;
        for (String statement : statements()) {
            try (SqlResult ignored = hz.getSql().execute(statement)) {
                n++;
            } catch (RuntimeException e) {
                throw new IllegalStateException("SQL mapping failed: " + e.getMessage() + "\n  in: " + statement, e);
            }
        }
        // every submission re-applies them: say it once per process, not once per job
        if (ANNOUNCED.compareAndSet(false, true)) {
            LOG.info("applied " + n + " SQL mapping/view statements");
        } else {
            LOG.fine("applied " + n + " SQL mapping/view statements");
        }
        return n;
    }

    /** Every statement of every file, comments removed, split on a {@code ;} that ends a line. */
    public static List<String> statements() {
        List<String> all = new ArrayList<>();
        for (String file : FILES) {
            String text = read(file);
            if (text != null) {
                all.addAll(SqlScript.statements(text));
            }
        }
        return all;
    }

    /** A file beside the launcher ({@code $DOLPHIN_HOME/sql/hazelcast} or {@code ./sql/hazelcast}) wins over the jar. */
    private static String read(String file) {
        List<Path> candidates = new ArrayList<>();
        String home = io.dolphin.datalayer.common.DolphinEnvironment.current().get("DOLPHIN_HOME");
        if (home != null) {
            candidates.add(Path.of(home, "sql", "hazelcast", file));
        }
        candidates.add(Path.of("sql", "hazelcast", file));
        try {
            for (Path p : candidates) {
                if (Files.isRegularFile(p)) {
                    return Files.readString(p, StandardCharsets.UTF_8);
                }
            }
            try (InputStream in = SqlMappings.class.getClassLoader().getResourceAsStream(CLASSPATH_DIR + file)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL file " + file, e);
        }
    }
}
