package io.dolphin.datalayer.common;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dolphin.datalayer.common.ColumnType.DATE;
import static io.dolphin.datalayer.common.ColumnType.FLOAT32;
import static io.dolphin.datalayer.common.ColumnType.FLOAT64;
import static io.dolphin.datalayer.common.ColumnType.INT16;
import static io.dolphin.datalayer.common.ColumnType.INT8;
import static io.dolphin.datalayer.common.ColumnType.STRING;
import static io.dolphin.datalayer.common.ColumnType.TIMESTAMP_MS;
import static io.dolphin.datalayer.common.ColumnType.TIMESTAMP_US;
import static io.dolphin.datalayer.common.ColumnType.UINT16;
import static io.dolphin.datalayer.common.ColumnType.UINT32;
import static io.dolphin.datalayer.common.ColumnType.UINT8;

/**
 * The warm-store tables of the reference, column by column in DDL order. The DDL itself lives in
 * {@code sql/clickhouse} and {@code sql/duckdb}; {@code WarmSchemaTest} checks both against this list, so the row
 * binder and the schema cannot drift apart.
 */
public enum WarmTable {
    TRADE_EVENTS("trade_events",
            c("ts", TIMESTAMP_US), c("date", DATE), c("strategy", STRING), c("asset", STRING), c("side", STRING),
            c("entry_price", FLOAT64), c("exit_price", FLOAT64), c("quantity", FLOAT64), c("pnl", FLOAT64),
            c("pnl_pct", FLOAT32), c("exit_reason", STRING), c("vel_div_entry", FLOAT32),
            c("boost_at_entry", FLOAT32), c("beta_at_entry", FLOAT32), c("posture", STRING), c("leverage", FLOAT32),
            c("regime_signal", INT8), c("capital_before", FLOAT64), c("capital_after", FLOAT64),
            c("peak_capital", FLOAT64), c("drawdown_at_entry", FLOAT32), c("open_positions_count", UINT8),
            c("scan_uuid", STRING), c("bars_held", UINT16)),
    EIGEN_SCANS("eigen_scans",
            c("ts", TIMESTAMP_US), c("scan_number", UINT32), c("vel_div", FLOAT32), c("w50_velocity", FLOAT32),
            c("w750_velocity", FLOAT32), c("instability_50", FLOAT32), c("scan_to_fill_ms", FLOAT32),
            c("step_bar_ms", FLOAT32), c("scan_uuid", STRING)),
    STATUS_SNAPSHOTS("status_snapshots",
            c("ts", TIMESTAMP_MS), c("capital", FLOAT64), c("roi_pct", FLOAT32), c("dd_pct", FLOAT32),
            c("trades_executed", UINT16), c("posture", STRING), c("rm", FLOAT32), c("vel_div", FLOAT32),
            c("vol_ok", UINT8), c("phase", STRING), c("mhs_status", STRING), c("boost", FLOAT32), c("cat5", FLOAT32)),
    POSTURE_EVENTS("posture_events",
            c("ts", TIMESTAMP_US), c("posture", STRING), c("rm", FLOAT32), c("prev_posture", STRING),
            c("trigger", STRING), c("scan_uuid", STRING)),
    ACB_STATE("acb_state",
            c("ts", TIMESTAMP_US), c("boost", FLOAT32), c("beta", FLOAT32), c("signals", FLOAT32)),
    META_HEALTH("meta_health",
            c("ts", TIMESTAMP_US), c("status", STRING), c("rm_meta", FLOAT32), c("m1_data_infra", FLOAT32),
            c("m1_trader", FLOAT32), c("m2_heartbeat", FLOAT32), c("m3_data_freshness", FLOAT32),
            c("m4_control_plane", FLOAT32), c("m5_coherence", FLOAT32), c("m6_test_integrity", FLOAT32),
            c("service_status", STRING), c("hz_key_status", STRING)),
    EXF_DATA("exf_data",
            c("ts", TIMESTAMP_US), c("funding_rate", FLOAT32), c("dvol", FLOAT32), c("fear_greed", FLOAT32),
            c("taker_ratio", FLOAT32)),
    OBF_UNIVERSE("obf_universe",
            c("ts", TIMESTAMP_MS), c("symbol", STRING), c("spread_bps", FLOAT32), c("depth_1pct_usd", FLOAT64),
            c("depth_quality", FLOAT32), c("fill_probability", FLOAT32), c("imbalance", FLOAT32),
            c("best_bid", FLOAT64), c("best_ask", FLOAT64), c("n_bid_levels", UINT8), c("n_ask_levels", UINT8)),
    SUPERVISORD_STATE("supervisord_state",
            c("ts", TIMESTAMP_US), c("process_name", STRING), c("group_name", STRING), c("state", STRING),
            c("pid", UINT32), c("uptime_s", UINT32), c("exit_status", INT16), c("source", STRING)),
    SERVICE_LIFECYCLE("service_lifecycle",
            c("ts", TIMESTAMP_US), c("service", STRING), c("event", STRING), c("reason", STRING),
            c("exit_code", INT16), c("signal_num", INT16), c("pid", UINT32)),
    SYSTEM_STATS("system_stats",
            c("ts", TIMESTAMP_MS), c("mem_used_gb", FLOAT32), c("mem_available_gb", FLOAT32), c("mem_pct", FLOAT32),
            c("load_1m", FLOAT32), c("load_5m", FLOAT32), c("load_15m", FLOAT32), c("net_rx_mb_s", FLOAT32),
            c("net_tx_mb_s", FLOAT32), c("net_iface", STRING)),
    ACCOUNT_EVENTS("account_events",
            c("ts", TIMESTAMP_US), c("strategy", STRING), c("event_type", STRING), c("amount", FLOAT64),
            c("capital_before", FLOAT64), c("capital_after", FLOAT64), c("reason", STRING), c("details", STRING)),
    DAILY_PNL("daily_pnl",
            c("date", DATE), c("ts", TIMESTAMP_US), c("strategy", STRING), c("portfolio_capital", FLOAT64),
            c("engine_capital", FLOAT64), c("extra", STRING));

    /** The database (ClickHouse) or schema (DuckDB) of blue maps' rows. */
    public static final String BLUE = "dolphin";
    /** ... and of green maps' rows. */
    public static final String GREEN = "dolphin_green";

    private final String tableName;
    private final List<Column> columns;
    private final Map<String, Integer> index = new HashMap<>();

    WarmTable(String tableName, Column... columns) {
        this.tableName = tableName;
        this.columns = List.of(columns);
        for (int i = 0; i < columns.length; i++) {
            index.put(columns[i].name(), i);
        }
    }

    public String tableName() {
        return tableName;
    }

    public List<Column> columns() {
        return columns;
    }

    /** @throws IllegalArgumentException for a column the table does not have (a programming error) */
    public int indexOf(String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalArgumentException(tableName + " has no column '" + column + "'");
        }
        return i;
    }

    public static String database(boolean green) {
        return green ? GREEN : BLUE;
    }

    private static Column c(String name, ColumnType type) {
        return new Column(name, type);
    }

    /** One column: its name in both dialects and its type. */
    public record Column(String name, ColumnType type) {
    }
}
