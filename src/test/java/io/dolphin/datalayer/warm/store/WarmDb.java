package io.dolphin.datalayer.warm.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a warm store from a test, DuckDB or ClickHouse, with a short-lived connection (a long one would pin a DuckDB
 * database).
 */
public final class WarmDb {

    private final WarmStoreConfig store;

    public WarmDb(Path file) {
        this(new WarmStoreConfig("jdbc:duckdb:" + file, "", "", false));
    }

    public WarmDb(WarmStoreConfig store) {
        this.store = store;
    }

    public String url() {
        return store.url();
    }

    /** The store as a job's setting. */
    public WarmStoreConfig config(boolean applySchema) {
        return new WarmStoreConfig(store.url(), store.user(), store.password(), applySchema);
    }

    /** A query that fails (the sink has not created the table yet) is an assertion failure, to be retried. */
    public long scalar(String sql) {
        try (Connection c = store.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public Map<String, String> strings(String sql) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = store.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return out;
    }

    /** Per expected table: {@code count(*)} and the count of distinct identities, as "count/distinct". */
    public Map<String, String> counts(Map<String, Long> expected) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String table : expected.keySet()) {
            long n = scalar("SELECT count(*) FROM " + table);
            long d = scalar("SELECT count(*) FROM (SELECT DISTINCT " + WarmScript.identity(table) + " FROM " + table + ")");
            out.put(table, n + "/" + d);
        }
        return out;
    }

    /** What {@link #counts} must show when every event landed exactly once. */
    public static Map<String, String> exactlyOnce(Map<String, Long> expected) {
        Map<String, String> out = new LinkedHashMap<>();
        expected.forEach((t, n) -> out.put(t, n + "/" + n));
        return out;
    }
}
