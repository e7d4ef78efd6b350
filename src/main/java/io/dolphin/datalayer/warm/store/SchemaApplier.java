package io.dolphin.datalayer.warm.store;

import io.dolphin.datalayer.common.WarmTable;
import io.dolphin.datalayer.common.SqlScript;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@code sql/<dialect>/*.sql} in file-name order, the per-database templates once for {@code dolphin} and once
 * for {@code dolphin_green}. Every statement there is {@code IF NOT EXISTS} or
 * {@code OR REPLACE}, so applying them again is harmless. Files beside the launcher ({@code $DOLPHIN_HOME/sql} or
 * {@code ./sql}) win over the copies in the jar, as for {@code sql/hazelcast}.
 */
public final class SchemaApplier {

    private static final String CLASSPATH_DIR = "dolphin/sql/";

    private SchemaApplier() {
    }

    /** @return the number of statements applied */
    public static int apply(Connection connection, Dialect dialect) throws SQLException {
        int n = 0;
        try (Statement st = connection.createStatement()) {
            for (String statement : statements(dialect)) {
                try {
                    st.execute(statement);
                } catch (SQLException e) {
                    throw new SQLException("schema statement failed: " + e.getMessage() + "\n  in: " + statement,
                            e.getSQLState(), e);
                }
                n++;
            }
        }
        return n;
    }

    /** Every statement of every file of the dialect, per-database templates once for each database. */
    public static List<String> statements(Dialect dialect) {
        List<String> all = new ArrayList<>();
        for (String file : dialect.files()) {
            all.addAll(SqlScript.statements(read(dialect, file), List.of(WarmTable.BLUE, WarmTable.GREEN)));
        }
        return all;
    }

    static String read(Dialect dialect, String file) {
        List<Path> candidates = new ArrayList<>();
        String home = io.dolphin.datalayer.common.DolphinEnvironment.current().get("DOLPHIN_HOME");
        if (home != null) {
            candidates.add(Path.of(home, "sql", dialect.folder(), file));
        }
        candidates.add(Path.of("sql", dialect.folder(), file));
        try {
            for (Path p : candidates) {
                if (Files.isRegularFile(p)) {
                    return Files.readString(p, StandardCharsets.UTF_8);
                }
            }
            String resource = CLASSPATH_DIR + dialect.folder() + "/" + file;
            try (InputStream in = SchemaApplier.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("schema file " + file + " not found in sql/" + dialect.folder()
                            + " nor in the bundle");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema file " + file, e);
        }
    }
}
