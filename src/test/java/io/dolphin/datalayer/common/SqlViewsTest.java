package io.dolphin.datalayer.common;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.sql.SqlColumnMetadata;
import com.hazelcast.sql.SqlColumnType;
import com.hazelcast.sql.SqlResult;
import com.hazelcast.sql.SqlRow;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.dolphin.datalayer.support.ReferenceExamples.ACB_BOOST;
import static io.dolphin.datalayer.support.ReferenceExamples.ASSET_OB;
import static io.dolphin.datalayer.support.ReferenceExamples.CAPITAL_CHECKPOINT;
import static io.dolphin.datalayer.support.ReferenceExamples.ENGINE_SNAPSHOT;
import static io.dolphin.datalayer.support.ReferenceExamples.EXF_LATEST;
import static io.dolphin.datalayer.support.ReferenceExamples.LATEST_EIGEN_SCAN;
import static io.dolphin.datalayer.support.ReferenceExamples.META_HEALTH;
import static io.dolphin.datalayer.support.ReferenceExamples.PNL_ENTRY;
import static io.dolphin.datalayer.support.ReferenceExamples.TRADE_EVENT;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every view of {@code sql/hazelcast}, run through the SQL service over maps holding the reference's examples. */
class SqlViewsTest {

    private static TestCluster cluster;
    private static HazelcastInstance member;

    @BeforeAll
    static void startAndFill() {
        cluster = new TestCluster();
        member = cluster.newMember();
        assertTrue(SqlMappings.apply(member) >= 18);
        member.getMap(DolphinMaps.FEATURES).put(FeatureKeys.LATEST_EIGEN_SCAN, json(LATEST_EIGEN_SCAN));
        member.getMap(DolphinMaps.FEATURES).put(FeatureKeys.EXF_LATEST, json(EXF_LATEST));
        member.getMap(DolphinMaps.FEATURES).put(FeatureKeys.ACB_BOOST, json(ACB_BOOST));
        member.getMap(DolphinMaps.FEATURES).put(FeatureKeys.orderBook("BTCUSDT"), json(ASSET_OB));
        member.getMap(DolphinMaps.FEATURES).put(FeatureKeys.orderBook("1000PEPEUSDT"), json(ASSET_OB));
        member.getMap(DolphinMaps.STATE_BLUE).put(StateKeys.ENGINE_SNAPSHOT, json(ENGINE_SNAPSHOT));
        member.getMap(DolphinMaps.STATE_BLUE).put(StateKeys.CAPITAL_CHECKPOINT, json(CAPITAL_CHECKPOINT));
        member.getMap(DolphinMaps.STATE_GREEN).put(StateKeys.CAPITAL_CHECKPOINT, "{\"capital\": 9.5, \"ts\": 3.0}");
        member.getMap(DolphinMaps.PNL_BLUE).put("2026-04-15", json(PNL_ENTRY));
        member.getMap(DolphinMaps.META_HEALTH).put(StateKeys.META_HEALTH_LATEST, json(META_HEALTH));
        member.getMap(DolphinMaps.TRADES_BLUE).put("t-1", json(TRADE_EVENT));
        member.getMap(DolphinMaps.DEAD_LETTERS).put("dolphin-x|file:a.arrow",
                "{\"job\":\"dolphin-x\",\"source\":\"file:a.arrow\",\"reason\":\"truncated\",\"payload\":\"\","
                        + "\"payload_truncated\":false,\"ts_ms\":1776269558412}");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void when_mappingsAppliedTwice_then_idempotent() {
        SqlMappings.apply(member);
        assertEquals(1, rows("SELECT * FROM v_acb_boost").size());
    }

    @Test
    void when_latestEigenScan_then_typedColumns() {
        Map<String, Object> row = single("v_latest_eigen_scan");
        assertColumn(row, "scan_number", SqlColumnType.BIGINT, 134276L);
        assertColumn(row, "timestamp_s", SqlColumnType.DOUBLE, 1776269558.4);
        assertInstant(row, "scan_at", 1776269558400L);
        assertColumn(row, "file_mtime_s", SqlColumnType.DOUBLE, 1776269558.4);
        assertInstant(row, "file_mtime_at", 1776269558400L);
        assertColumn(row, "target_asset", SqlColumnType.VARCHAR, "BTCUSDT");
        assertColumn(row, "version", SqlColumnType.VARCHAR, "NG7");
        assertColumn(row, "regime", SqlColumnType.VARCHAR, "BEAR");
        assertColumn(row, "sentiment", SqlColumnType.VARCHAR, "BEARISH");
        assertColumn(row, "bull_pct", SqlColumnType.DOUBLE, 42.86);
        assertColumn(row, "bear_pct", SqlColumnType.DOUBLE, 57.14);
        assertColumn(row, "vel_div", SqlColumnType.DOUBLE, -0.0319);
        assertColumn(row, "w50_velocity", SqlColumnType.DOUBLE, 0.0112);
        assertColumn(row, "w750_velocity", SqlColumnType.DOUBLE, 0.0431);
        assertColumn(row, "instability_50", SqlColumnType.DOUBLE, 0.27);
        assertColumn(row, "total_symbols", SqlColumnType.INTEGER, 50);
        assertColumn(row, "scan_uuid", SqlColumnType.VARCHAR, "0196393a-7b1c-7d2e-9f3a-0123456789ab");
    }

    @Test
    void when_exfLatest_then_everyFactorTyped() {
        Map<String, Object> row = single("v_exf_latest");
        assertColumn(row, "funding_btc", SqlColumnType.DOUBLE, -5.085e-05);
        assertColumn(row, "funding_btc_lagged", SqlColumnType.DOUBLE, -5.085e-05);
        assertColumn(row, "funding_eth", SqlColumnType.DOUBLE, 1.648e-05);
        assertColumn(row, "oi_btc", SqlColumnType.DOUBLE, 97583.527);
        assertColumn(row, "oi_eth", SqlColumnType.DOUBLE, 2246343.627);
        assertColumn(row, "ls_btc", SqlColumnType.DOUBLE, 0.8218);
        assertColumn(row, "ls_eth", SqlColumnType.DOUBLE, 1.4067);
        assertColumn(row, "taker", SqlColumnType.DOUBLE, 0.5317);
        assertColumn(row, "taker_lagged", SqlColumnType.DOUBLE, 2.1506);
        assertColumn(row, "basis", SqlColumnType.DOUBLE, -0.07784355);
        assertColumn(row, "imbalance_btc", SqlColumnType.DOUBLE, -0.786);
        assertColumn(row, "dvol", SqlColumnType.DOUBLE, 52.34);
        assertColumn(row, "fear_greed", SqlColumnType.DOUBLE, 45.0);
    }

    @Test
    void when_acbBoost_then_typed() {
        Map<String, Object> row = single("v_acb_boost");
        assertColumn(row, "boost", SqlColumnType.DOUBLE, 1.4581);
        assertColumn(row, "beta", SqlColumnType.DOUBLE, 0.8);
        assertColumn(row, "signals", SqlColumnType.DOUBLE, 0.8);
    }

    @Test
    void when_orderBooks_then_oneRowPerSymbolWithSymbolFromKey() {
        List<Map<String, Object>> rows = rows("SELECT * FROM v_order_books ORDER BY symbol");
        assertEquals(2, rows.size());
        assertColumn(rows.get(0), "symbol", SqlColumnType.VARCHAR, "1000PEPEUSDT");
        Map<String, Object> btc = rows.get(1);
        assertColumn(btc, "symbol", SqlColumnType.VARCHAR, "BTCUSDT");
        assertColumn(btc, "best_bid", SqlColumnType.DOUBLE, 84500.0);
        assertColumn(btc, "best_ask", SqlColumnType.DOUBLE, 84501.0);
        assertColumn(btc, "spread_bps", SqlColumnType.DOUBLE, 1.18);
        assertColumn(btc, "depth_1pct_usd", SqlColumnType.DOUBLE, 50000.0);
        assertColumn(btc, "depth_quality", SqlColumnType.DOUBLE, 0.85);
        assertColumn(btc, "fill_probability", SqlColumnType.DOUBLE, 0.95);
        assertColumn(btc, "imbalance", SqlColumnType.DOUBLE, 0.03);
        assertColumn(btc, "n_bid_levels", SqlColumnType.INTEGER, 5);
        assertColumn(btc, "n_ask_levels", SqlColumnType.INTEGER, 5);
    }

    @Test
    void when_engineSnapshot_then_typed() {
        Map<String, Object> row = single("v_engine_snapshot");
        assertColumn(row, "strategy", SqlColumnType.VARCHAR, "blue");
        assertColumn(row, "capital", SqlColumnType.DOUBLE, 25705.50);
        assertColumn(row, "algo_version", SqlColumnType.VARCHAR, "v2_gold_fix_v50-v750");
        assertColumn(row, "last_scan_number", SqlColumnType.BIGINT, 134276L);
        assertColumn(row, "last_vel_div", SqlColumnType.DOUBLE, 0.0201);
        assertColumn(row, "vol_ok", SqlColumnType.BOOLEAN, true);
        assertColumn(row, "posture", SqlColumnType.VARCHAR, "APEX");
        assertColumn(row, "scans_processed", SqlColumnType.BIGINT, 6377L);
        assertColumn(row, "trades_executed", SqlColumnType.BIGINT, 71L);
        assertColumn(row, "bar_idx", SqlColumnType.BIGINT, 4655L);
        assertColumn(row, "timestamp_iso", SqlColumnType.VARCHAR, "2026-04-15T16:12:37");
        assertColumn(row, "leverage_soft_cap", SqlColumnType.DOUBLE, 8.0);
        assertColumn(row, "leverage_abs_cap", SqlColumnType.DOUBLE, 9.0);
        assertColumn(row, "open_notional", SqlColumnType.DOUBLE, 0.0);
        assertColumn(row, "current_leverage", SqlColumnType.DOUBLE, 0.0);
        assertColumn(row, "open_positions", SqlColumnType.VARCHAR, "[]");
    }

    @Test
    void when_capital_then_blueAndGreen() {
        List<Map<String, Object>> rows = rows("SELECT * FROM v_capital ORDER BY strategy");
        assertEquals(2, rows.size());
        assertColumn(rows.get(0), "strategy", SqlColumnType.VARCHAR, "blue");
        assertColumn(rows.get(0), "capital", SqlColumnType.DOUBLE, 25705.50);
        assertColumn(rows.get(0), "ts_s", SqlColumnType.DOUBLE, 1776269557.97);
        assertInstant(rows.get(0), "as_of", 1776269557970L);
        assertColumn(rows.get(1), "capital", SqlColumnType.DOUBLE, 9.5);
    }

    @Test
    void when_pnl_then_datedRows() {
        Map<String, Object> row = single("v_pnl");
        assertColumn(row, "strategy", SqlColumnType.VARCHAR, "blue");
        assertColumn(row, "pnl_date", SqlColumnType.VARCHAR, "2026-04-15");
        assertColumn(row, "portfolio_capital", SqlColumnType.DOUBLE, 20654.01);
        assertColumn(row, "engine_capital", SqlColumnType.DOUBLE, 20654.01);
    }

    @Test
    void when_metaHealth_then_typed() {
        Map<String, Object> row = single("v_meta_health");
        assertColumn(row, "status", SqlColumnType.VARCHAR, "GREEN");
        assertColumn(row, "rm_meta", SqlColumnType.DOUBLE, 0.94);
        assertColumn(row, "m1_data_infra", SqlColumnType.DOUBLE, 1.0);
        assertColumn(row, "m1_trader", SqlColumnType.DOUBLE, 1.0);
        assertColumn(row, "m2_heartbeat", SqlColumnType.DOUBLE, 0.98);
        assertColumn(row, "m3_data_freshness", SqlColumnType.DOUBLE, 0.95);
        assertColumn(row, "m4_control_plane", SqlColumnType.DOUBLE, 1.0);
        assertColumn(row, "m5_coherence", SqlColumnType.DOUBLE, 0.9);
        assertColumn(row, "m6_test_integrity", SqlColumnType.DOUBLE, 1.0);
    }

    @Test
    void when_trades_then_typed() {
        Map<String, Object> row = single("v_trades");
        assertColumn(row, "strategy", SqlColumnType.VARCHAR, "blue");
        assertColumn(row, "trade_id", SqlColumnType.VARCHAR, "t-1");
        assertColumn(row, "ts_us", SqlColumnType.BIGINT, 1776269557970000L);
        assertInstant(row, "trade_at", 1776269557970L);
        assertColumn(row, "asset", SqlColumnType.VARCHAR, "BTCUSDT");
        assertColumn(row, "side", SqlColumnType.VARCHAR, "SHORT");
        assertColumn(row, "entry_price", SqlColumnType.DOUBLE, 84500.0);
        assertColumn(row, "exit_price", SqlColumnType.DOUBLE, 84200.0);
        assertColumn(row, "quantity", SqlColumnType.DOUBLE, 0.01);
        assertColumn(row, "pnl", SqlColumnType.DOUBLE, 3.0);
        assertColumn(row, "pnl_pct", SqlColumnType.DOUBLE, 0.00355);
        assertColumn(row, "exit_reason", SqlColumnType.VARCHAR, "FIXED_TP");
        assertColumn(row, "leverage", SqlColumnType.DOUBLE, 9.0);
        assertColumn(row, "bars_held", SqlColumnType.INTEGER, 45);
    }

    @Test
    void when_deadLetters_then_typed() {
        Map<String, Object> row = single("v_dead_letters");
        assertColumn(row, "id", SqlColumnType.VARCHAR, "dolphin-x|file:a.arrow");
        assertColumn(row, "job", SqlColumnType.VARCHAR, "dolphin-x");
        assertColumn(row, "source", SqlColumnType.VARCHAR, "file:a.arrow");
        assertColumn(row, "reason", SqlColumnType.VARCHAR, "truncated");
        assertColumn(row, "ts_ms", SqlColumnType.BIGINT, 1776269558412L);
        assertInstant(row, "rejected_at", 1776269558412L);
    }

    /**
     * The console reads every view without quoting: no column is named by a keyword; every time is one type, a
     * TIMESTAMP WITH TIME ZONE named *_at (or as_of), and a number that is a time says its unit in its name.
     */
    @Test
    void when_anyView_then_everyColumnReadsUnquotedAndEveryTimeIsATimestampWithTimeZone() {
        List<String> views = new ArrayList<>();
        try (SqlResult r = member.getSql().execute("SELECT table_name FROM information_schema.views")) {
            r.forEach(row -> views.add(row.getObject(0)));
        }
        assertTrue(views.size() >= 10, "views: " + views);
        for (String view : views) {
            List<SqlColumnMetadata> columns;
            try (SqlResult r = member.getSql().execute("SELECT * FROM " + view)) {
                columns = r.getRowMetadata().getColumns();
            }
            for (SqlColumnMetadata c : columns) {
                String name = c.getName();
                try (SqlResult ignored = member.getSql().execute("SELECT " + name + " FROM " + view)) {
                    // parsed and planned unquoted
                } catch (RuntimeException e) {
                    throw new AssertionError(view + "." + name + " cannot be read unquoted: " + e.getMessage(), e);
                }
                boolean named = name.endsWith("_at") || name.equals("as_of");
                assertEquals(named, c.getType() == SqlColumnType.TIMESTAMP_WITH_TIME_ZONE, view + "." + name + " "
                        + c.getType());
                assertTrue(c.getType() != SqlColumnType.TIMESTAMP && c.getType() != SqlColumnType.DATE, view + "." + name);
                if (!named && name.matches("(.*_)?(ts|m?time|timestamp)(_.*)?")) {
                    assertTrue(name.matches(".*_(s|ms|us|iso)"), view + "." + name + ": a time without its unit");
                }
            }
        }
    }

    private static void assertInstant(Map<String, Object> row, String column, long epochMillis) {
        Object[] typed = (Object[]) row.get(column);
        assertTrue(typed != null, "no column " + column + " in " + row.keySet());
        assertEquals(SqlColumnType.TIMESTAMP_WITH_TIME_ZONE, typed[0], column + " type");
        assertEquals(java.time.Instant.ofEpochMilli(epochMillis), ((java.time.OffsetDateTime) typed[1]).toInstant(),
                column);
    }

    @Test
    void when_telemetry_then_typed() {
        member.getMap(DolphinMaps.SYSTEM_STATS).put("node-a", "{\"host\":\"node-a\",\"ts\":1776269558.412,"
                + "\"mem_total_gb\":62.5,\"mem_used_gb\":20.0,\"mem_available_gb\":42.5,\"mem_pct\":32.0,\"load_1m\":1.5,"
                + "\"load_5m\":1.25,\"load_15m\":1.0,\"net_iface\":\"eth0\",\"net_rx_mb_s\":12.5,\"net_tx_mb_s\":3.25,"
                + "\"interval_s\":10.0}");
        member.getMap(DolphinMaps.PROCESSES).put("dolphin_data:exf_fetcher", "{\"group\":\"dolphin_data\","
                + "\"name\":\"exf_fetcher\",\"state\":\"RUNNING\",\"pid\":4242,\"uptime_s\":3600,\"exit_status\":0,"
                + "\"start\":1776265958,\"stop\":0,\"spawnerr\":\"\",\"description\":\"pid 4242, uptime 1:00:00\","
                + "\"ts\":1776269558.412,\"source\":\"supervisor.getAllProcessInfo\",\"age_s\":35.0,\"stale\":true,"
                + "\"error\":\"supervisord io-error: refused\"}");
        member.getMap(DolphinMaps.SERVICE_LIFECYCLE).put("dolphin_data:exf_fetcher|EXIT|1776269550|4242",
                "{\"ts\":1776269550,\"service\":\"exf_fetcher\",\"group\":\"dolphin_data\",\"event\":\"EXIT\","
                + "\"reason\":\"SIGKILL\",\"exit_code\":-1,\"signal_num\":9,\"pid\":4242}");

        Map<String, Object> stats = single("v_system_stats");
        assertColumn(stats, "host", SqlColumnType.VARCHAR, "node-a");
        assertColumn(stats, "ts_s", SqlColumnType.DOUBLE, 1776269558.412);
        assertInstant(stats, "sampled_at", 1776269558412L);
        assertColumn(stats, "mem_pct", SqlColumnType.DOUBLE, 32.0);
        assertColumn(stats, "load_15m", SqlColumnType.DOUBLE, 1.0);
        assertColumn(stats, "net_iface", SqlColumnType.VARCHAR, "eth0");
        assertColumn(stats, "net_tx_mb_s", SqlColumnType.DOUBLE, 3.25);
        Map<String, Object> process = single("v_processes");
        assertColumn(process, "id", SqlColumnType.VARCHAR, "dolphin_data:exf_fetcher");
        assertColumn(process, "group_name", SqlColumnType.VARCHAR, "dolphin_data");
        assertColumn(process, "state", SqlColumnType.VARCHAR, "RUNNING");
        assertColumn(process, "pid", SqlColumnType.BIGINT, 4242L);
        assertColumn(process, "uptime_s", SqlColumnType.BIGINT, 3600L);
        assertColumn(process, "exit_status", SqlColumnType.INTEGER, 0);
        assertColumn(process, "age_s", SqlColumnType.DOUBLE, 35.0);
        assertColumn(process, "stale", SqlColumnType.BOOLEAN, true);
        assertColumn(process, "error", SqlColumnType.VARCHAR, "supervisord io-error: refused");
        Map<String, Object> transition = single("v_service_lifecycle");
        assertColumn(transition, "ts_s", SqlColumnType.DOUBLE, 1776269550.0);
        assertInstant(transition, "event_at", 1776269550000L);
        assertColumn(transition, "service", SqlColumnType.VARCHAR, "exf_fetcher");
        assertColumn(transition, "event", SqlColumnType.VARCHAR, "EXIT");
        assertColumn(transition, "reason", SqlColumnType.VARCHAR, "SIGKILL");
        assertColumn(transition, "exit_code", SqlColumnType.INTEGER, -1);
        assertColumn(transition, "signal_num", SqlColumnType.INTEGER, 9);
    }

    private static Map<String, Object> single(String view) {
        List<Map<String, Object>> rows = rows("SELECT * FROM " + view);
        assertEquals(1, rows.size(), view + " rows");
        return rows.get(0);
    }

    /** Each row as column name -> [type, value]. */
    private static List<Map<String, Object>> rows(String sql) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (SqlResult result = member.getSql().execute(sql)) {
            List<SqlColumnMetadata> columns = result.getRowMetadata().getColumns();
            for (SqlRow row : result) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    m.put(columns.get(i).getName(), new Object[]{columns.get(i).getType(), row.getObject(i)});
                }
                out.add(m);
            }
        }
        return out;
    }

    private static void assertColumn(Map<String, Object> row, String column, SqlColumnType type, Object value) {
        Object[] typed = (Object[]) row.get(column);
        assertTrue(typed != null, "no column " + column + " in " + row.keySet());
        assertEquals(type, typed[0], column + " type");
        assertEquals(value, typed[1], column + " value");
    }
}
