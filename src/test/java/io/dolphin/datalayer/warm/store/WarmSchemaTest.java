package io.dolphin.datalayer.warm.store;

import io.dolphin.datalayer.common.WarmTable;
import io.dolphin.datalayer.cli.SchemaCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarmSchemaTest {

    private static final Map<String, List<String>> VIEW_COLUMNS = Map.of(
            "v_trade_summary_30d", List.of("strategy", "n_trades", "wins", "win_rate_pct", "total_pnl", "avg_pnl_pct",
                    "median_pnl_pct", "max_dd_seen_pct"),
            "v_current_posture", List.of("posture", "rm", "trigger", "ts"),
            "v_process_health", List.of("process_name", "group_name", "state", "pid", "uptime_s", "last_seen"),
            "v_scan_latency_1h", List.of("p50_ms", "p95_ms", "p99_ms", "n_scans", "window_start"),
            "v_system_stats_1h", List.of("bucket", "mem_pct_avg", "load_avg", "net_rx_peak", "net_tx_peak"));

    @TempDir
    Path dir;

    @Test
    void when_schemaAppliedTwiceByTheCli_then_everyTableAndViewExistsInBothSchemas() throws Exception {
        // Given / When
        String url = "jdbc:duckdb:" + dir.resolve("s.duckdb");
        for (int i = 0; i < 2; i++) {
            assertEquals(0, new CommandLine(new SchemaCommand()).execute("apply", "--target", "duckdb", "--url", url));
        }

        // Then
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (String db : List.of(WarmTable.BLUE, WarmTable.GREEN)) {
                for (WarmTable t : WarmTable.values()) {
                    assertEquals(names(t), columns(st, "SELECT * FROM " + db + "." + t.tableName()), db + "." + t);
                }
                for (Map.Entry<String, List<String>> v : VIEW_COLUMNS.entrySet()) {
                    assertEquals(v.getValue(), columns(st, "SELECT * FROM " + db + "." + v.getKey()), v.getKey());
                }
                columns(st, "SELECT * FROM " + db + ".v_scan_causal_chain");
            }
        }
    }

    @Test
    void when_clickHouseDdlRead_then_everyTableHasTheColumnsOfTheRowBinder_inBothDatabases() {
        String all = String.join(";\n", SchemaApplier.statements(Dialect.CLICKHOUSE)) + ";";
        for (String db : List.of(WarmTable.BLUE, WarmTable.GREEN)) {
            for (WarmTable t : WarmTable.values()) {
                Matcher m = Pattern.compile("CREATE TABLE IF NOT EXISTS " + db + "\\." + t.tableName()
                        + "\\s*\\((.*?)\\n\\)", Pattern.DOTALL).matcher(all);
                assertTrue(m.find(), db + "." + t.tableName() + " missing");
                List<String> cols = new ArrayList<>();
                for (String line : m.group(1).strip().split(",\\n")) {
                    cols.add(line.strip().split("\\s+")[0]);
                }
                assertEquals(names(t), cols, db + "." + t.tableName());
            }
            for (String view : VIEW_COLUMNS.keySet()) {
                assertTrue(all.contains("CREATE OR REPLACE VIEW " + db + "." + view + " AS"), view);
            }
        }
        assertTrue(all.contains("ORDER BY (symbol, ts)") && all.contains("TTL toDateTime(ts) + INTERVAL 180 DAY"));
    }

    private static List<String> names(WarmTable t) {
        return t.columns().stream().map(WarmTable.Column::name).toList();
    }

    private static List<String> columns(Statement st, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql + " LIMIT 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(md.getColumnName(i));
            }
        }
        return out;
    }
}
