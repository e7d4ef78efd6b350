package io.dolphin.datalayer.warm.store;

import org.duckdb.DuckDBDriver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A real outage of the embedded warm store: every open connection of this JVM is closed (as when a database
 * restarts), then another OS process takes DuckDB's file lock for the outage, so every reconnect fails with DuckDB's
 * own "Could not set lock on file" until that process exits. The only simulated part is the connection drop: a
 * driver in front of DuckDB's own one remembers the connections it handed out so it can close them.
 */
public final class DuckDbOutage implements Driver, AutoCloseable {

    private final DuckDBDriver duck = new DuckDBDriver();
    private final List<Connection> open = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;
    private final Driver registeredDuck;

    private DuckDbOutage() throws SQLException {
        Driver found = null;
        for (Driver d : DriverManager.drivers().toList()) {
            if (d instanceof DuckDBDriver) {
                found = d;
                DriverManager.deregisterDriver(d);
            }
        }
        registeredDuck = found;
        DriverManager.registerDriver(this);
    }

    /** Puts itself in front of DuckDB's driver for {@code jdbc:duckdb:} URLs until closed. */
    public static DuckDbOutage install() throws SQLException {
        return new DuckDbOutage();
    }

    /**
     * Drops every connection, has another process hold the database file for {@code seconds} and returns that process
     * once it holds the lock. Wait for its exit to know the outage is over.
     */
    public Process begin(Path file, int seconds) throws Exception {
        refusing = true;
        for (Connection c : open) {
            c.close();
        }
        open.clear();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DuckDbLockHolder.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        // The outage ends when its time is up: closing the holder's stdin makes it release the lock and exit.
        ScheduledExecutorService ender = Executors.newSingleThreadScheduledExecutor();
        ender.schedule(() -> {
            try {
                holder.getOutputStream().close();
            } catch (IOException ignored) {
                holder.destroy();
            }
            ender.shutdown();
        }, seconds, TimeUnit.SECONDS);
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("LOCKED")) {
                refusing = false;
                return holder;
            }
        }
        holder.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("the lock holder process did not take the lock (exit " + holder.exitValue() + ")");
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        if (refusing) {
            throw new SQLException("IO Error: the database is restarting");
        }
        Connection real = duck.connect(url, info);
        open.add(real);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith("jdbc:duckdb:");
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return duck.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return duck.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return duck.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public void close() throws SQLException {
        DriverManager.deregisterDriver(this);
        if (registeredDuck != null) {
            DriverManager.registerDriver(registeredDuck);
        }
    }
}
