package io.dolphin.datalayer.deploy;

import io.dolphin.datalayer.bench.ChdbProcess;
import io.dolphin.datalayer.warm.store.ClickHouseTarget;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static io.dolphin.datalayer.support.Eventually.assertEventually;

/**
 * The failover scenario's warm store and what it reads back from it: a DuckDB file the writer's member holds, or
 * ClickHouse (the test engine in a process of its own, or the server DOLPHIN_CLICKHOUSE_URL names). The counts are
 * the same SQL on both; only the search for holes in obf_universe is written per dialect.
 */
final class FailoverWarmStore implements AutoCloseable {

    private final String name;
    private final String url;
    private final String user;
    private final String password;
    private final ClickHouseTarget clickHouse;

    private FailoverWarmStore(String name, String url, String user, String password, ClickHouseTarget clickHouse) {
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
        this.clickHouse = clickHouse;
    }

    /** {@code clickhouse}, {@code duckdb}, or {@code auto}: ClickHouse where there is one to test against. */
    static FailoverWarmStore start(String choice, Path work) throws IOException, SQLException {
        boolean clickHouseHere = System.getenv("DOLPHIN_CLICKHOUSE_URL") != null || ChdbProcess.engine().isPresent()
                || "1".equals(System.getenv("DOLPHIN_REQUIRE_CLICKHOUSE"));
        String store = "auto".equals(choice) ? (clickHouseHere ? "clickhouse" : "duckdb") : choice;
        switch (store) {
            case "duckdb" -> {
                return new FailoverWarmStore("duckdb", "jdbc:duckdb:" + work.resolve("warm.duckdb").toAbsolutePath(),
                        "", "", null);
            }
            case "clickhouse" -> {
                ClickHouseTarget target = ClickHouseTarget.start(work.resolve("clickhouse"));
                target.resetSchema();
                return new FailoverWarmStore(target.isEmbeddedEngine() ? "clickhouse (test engine)" : "clickhouse",
                        target.url(), target.user(), target.password(), target);
            }
            default -> throw new IllegalArgumentException("dolphin.failover.store: clickhouse, duckdb or auto, not "
                    + choice);
        }
    }

    String name() {
        return name;
    }

    /** What bin/dolphin submit reads the warm store from. */
    Map<String, String> environment() {
        return clickHouse == null ? Map.of("DOLPHIN_WARM_JDBC_URL", url)
                : Map.of("DOLPHIN_WARM_JDBC_URL", url, "DOLPHIN_WARM_USER", user, "DOLPHIN_WARM_PASSWORD", password);
    }

    /**
     * Rows and distinct identities per table. DuckDB: opened once the member that ran the sink has let go of the
     * file (one process at a time).
     */
    Map<String, Long> counts() {
        Map<String, Long> out = new HashMap<>();
        assertEventually(60, () -> {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                out.put("obf_rows", scalar(st, "SELECT count(*) FROM dolphin.obf_universe"));
                out.put("obf_distinct", scalar(st,
                        "SELECT count(*) FROM (SELECT DISTINCT symbol, ts FROM dolphin.obf_universe) d"));
                out.put("scan_rows", scalar(st, "SELECT count(*) FROM dolphin.eigen_scans"));
                out.put("scan_distinct", scalar(st, "SELECT count(DISTINCT scan_number) FROM dolphin.eigen_scans"));
                out.put("exf_rows", scalar(st, "SELECT count(*) FROM dolphin.exf_data"));
                out.put("exf_distinct", scalar(st, "SELECT count(DISTINCT ts) FROM dolphin.exf_data"));
                out.put("acb_rows", scalar(st, "SELECT count(*) FROM dolphin.acb_state"));
                out.put("acb_distinct", scalar(st, "SELECT count(DISTINCT ts) FROM dolphin.acb_state"));
            }
        });
        return out;
    }

    /**
     * Where obf_universe has holes: per stretch of missing event time (a symbol's consecutive rows more than 200 ms
     * apart, the feed sends each symbol every ~50 ms), how many symbols and when. Printed when rows are missing,
     * to tell a loss around the kill from one elsewhere.
     */
    String obfGaps() {
        String sql = clickHouse == null
                ? "WITH g AS (SELECT symbol, ts, lag(ts) OVER (PARTITION BY symbol ORDER BY ts) AS prev"
                        + " FROM dolphin.obf_universe) SELECT count(DISTINCT symbol), min(prev), max(ts),"
                        + " date_trunc('second', prev) AS from_s FROM g WHERE ts - prev > INTERVAL 200 MILLISECOND"
                        + " GROUP BY from_s ORDER BY from_s LIMIT 20"
                : "SELECT uniqExact(symbol), min(prev), max(ts), toStartOfSecond(prev) AS from_s FROM (SELECT symbol,"
                        + " ts, lagInFrame(ts) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 1 PRECEDING AND"
                        + " CURRENT ROW) AS prev, row_number() OVER (PARTITION BY symbol ORDER BY ts) AS n"
                        + " FROM dolphin.obf_universe) WHERE n > 1 AND dateDiff('millisecond', prev, ts) > 200"
                        + " GROUP BY from_s ORDER BY from_s LIMIT 20";
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(String.format("%n  %d symbols, from %s to %s", rs.getLong(1), rs.getString(2),
                        rs.getString(3)));
            }
            return out.length() == 0 ? "none" : out.toString();
        } catch (SQLException e) {
            return "(could not query: " + e.getMessage() + ")";
        }
    }

    private Connection connect() throws SQLException {
        return user.isEmpty() ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    }

    private static long scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        if (clickHouse != null) {
            clickHouse.close();
        }
    }
}
