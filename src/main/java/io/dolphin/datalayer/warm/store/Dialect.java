package io.dolphin.datalayer.warm.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The two warm stores, told apart by the JDBC URL. Each has its own DDL folder under {@code sql/}. */
public enum Dialect {
    DUCKDB("duckdb", "org.duckdb.DuckDBDriver", List.of("00-schemas.sql", "10-tables.sql", "20-views.sql",
            "30-last-values.sql", "31-ingest-ledger.sql")),
    CLICKHOUSE("clickhouse", "com.clickhouse.jdbc.ClickHouseDriver", List.of("00-databases.sql",
            "10-tables.sql", "20-views.sql", "30-last-values.sql", "31-ingest-ledger.sql"));

    private final String folder;
    private final String driverClass;
    private final List<String> files;

    Dialect(String folder, String driverClass, List<String> files) {
        this.folder = folder;
        this.driverClass = driverClass;
        this.files = files;
    }

    /** The folder under {@code sql/}, also the name {@code schema apply --target} takes. */
    public String folder() {
        return folder;
    }

    public String driverClass() {
        return driverClass;
    }

    /** The DDL files in the order they are applied (listed, because a folder inside a jar cannot be listed). */
    public List<String> files() {
        return files;
    }

    public static Dialect of(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:duckdb:")) {
            return DUCKDB;
        }
        if (u.startsWith("jdbc:clickhouse:") || u.startsWith("jdbc:ch:")) {
            return CLICKHOUSE;
        }
        throw new IllegalArgumentException("unsupported warm store URL '" + url + "': expected jdbc:duckdb:<file> or "
                + "jdbc:clickhouse://<host>:<port>");
    }

    public static Dialect byName(String name) {
        for (Dialect d : values()) {
            if (d.folder.equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown target '" + name + "': expected duckdb or clickhouse");
    }

    /** The database file of a DuckDB URL, or null for an in-memory database. */
    static Path duckDbFile(String url) {
        String rest = url.substring("jdbc:duckdb:".length());
        int q = rest.indexOf('?');
        String file = q < 0 ? rest : rest.substring(0, q);
        return file.isEmpty() || file.startsWith(":memory:") ? null : Path.of(file);
    }
}
