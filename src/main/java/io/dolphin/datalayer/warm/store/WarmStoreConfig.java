package io.dolphin.datalayer.warm.store;

import io.dolphin.datalayer.warm.WarmStore;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;

/**
 * Where the warm store is: a JDBC URL ({@code jdbc:duckdb:<file>} or {@code jdbc:clickhouse:...}) and, for
 * ClickHouse, a user and password. All three come from the environment ({@code DOLPHIN_WARM_JDBC_URL},
 * {@code DOLPHIN_WARM_USER}, {@code DOLPHIN_WARM_PASSWORD}) through the job descriptor, never from code or
 * committed configuration; {@link #toString()} never shows the password.
 */
public record WarmStoreConfig(String url, String user, String password, boolean applySchema) implements Serializable {

    public static final String DEFAULT_URL = "jdbc:duckdb:./data/dolphin-warm.duckdb";

    public WarmStoreConfig {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the warm store URL is empty: set DOLPHIN_WARM_JDBC_URL, e.g. "
                    + DEFAULT_URL);
        }
        Dialect.of(url);
    }

    public Dialect dialect() {
        return Dialect.of(url);
    }

    public WarmStore newStore() {
        return dialect() == Dialect.DUCKDB ? new DuckDbStore(this) : new ClickHouseStore(this);
    }

    /** A new connection; for DuckDB the folder of the database file is created first. */
    public Connection connect() throws SQLException {
        Dialect dialect = dialect();
        try {
            Class.forName(dialect.driverClass());
        } catch (ClassNotFoundException e) {
            throw new SQLException("the " + dialect + " JDBC driver (" + dialect.driverClass() + ") is not on the "
                    + "member's classpath", e);
        }
        if (dialect == Dialect.DUCKDB) {
            Path file = Dialect.duckDbFile(url);
            if (file != null && file.getParent() != null) {
                try {
                    Files.createDirectories(file.getParent());
                } catch (java.io.IOException e) {
                    throw new SQLTransientConnectionException("cannot create the folder of " + file + ": "
                            + e.getMessage(), e);
                }
            }
        }
        Properties props = new Properties();
        if (user != null && !user.isBlank()) {
            props.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(url, props);
    }

    @Override
    public String toString() {
        return "WarmStoreConfig[url=" + url + ", user=" + (user == null ? "" : user)
                + ", password=" + (password == null || password.isEmpty() ? "(none)" : "(set)") + "]";
    }
}
