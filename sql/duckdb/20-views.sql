-- A template, applied once per database: ${database} is `dolphin`, then `dolphin_green`.
-- Views of each database with the columns and meaning of the ClickHouse views (sql/clickhouse/20-views.sql).
-- Timestamps are stored as UTC, so "now" is taken in UTC whatever the session's TimeZone.

-- 30-day rolling trade stats per strategy.
-- ClickHouse's round(x, s) of a Float64 scales, rounds half to even and unscales (round(0.125, 2) = 0.12); DuckDB's
-- round rounds half away from zero (0.13). round_even(x * 10^s, 0) / 10^s gives ClickHouse's results bit for bit
-- (checked on 60,000 values at one and two decimals).
CREATE OR REPLACE VIEW ${database}.v_trade_summary_30d AS
SELECT
    strategy,
    count(*) AS n_trades,
    count(*) FILTER (WHERE pnl > 0) AS wins,
    round_even(count(*) FILTER (WHERE pnl > 0) / count(*) * 100 * 10, 0) / 10 AS win_rate_pct,
    round_even(sum(pnl) * 100, 0) / 100 AS total_pnl,
    avg(pnl_pct) AS avg_pnl_pct,
    quantile_cont(pnl_pct, 0.5) AS median_pnl_pct,
    max(drawdown_at_entry) AS max_dd_seen_pct
FROM ${database}.trade_events
WHERE ts >= (now() AT TIME ZONE 'UTC') - INTERVAL 30 DAY
GROUP BY strategy;

-- The latest posture transition.
CREATE OR REPLACE VIEW ${database}.v_current_posture AS
SELECT posture, rm, "trigger", ts
FROM ${database}.posture_events
ORDER BY ts DESC
LIMIT 1;

-- The last known state of every supervised process.
CREATE OR REPLACE VIEW ${database}.v_process_health AS
SELECT
    process_name,
    arg_max(group_name, ts) AS group_name,
    arg_max(state, ts) AS state,
    arg_max(pid, ts) AS pid,
    arg_max(uptime_s, ts) AS uptime_s,
    max(ts) AS last_seen
FROM ${database}.supervisord_state
GROUP BY process_name;

-- Scan-to-fill latency percentiles over the last hour.
CREATE OR REPLACE VIEW ${database}.v_scan_latency_1h AS
SELECT
    quantile_cont(scan_to_fill_ms, 0.5) AS p50_ms,
    quantile_cont(scan_to_fill_ms, 0.95) AS p95_ms,
    quantile_cont(scan_to_fill_ms, 0.99) AS p99_ms,
    count(*) AS n_scans,
    (now() AT TIME ZONE 'UTC') - INTERVAL 1 HOUR AS window_start
FROM ${database}.eigen_scans
WHERE ts >= (now() AT TIME ZONE 'UTC') - INTERVAL 1 HOUR;

-- Host metrics of the last hour in 5-minute buckets.
CREATE OR REPLACE VIEW ${database}.v_system_stats_1h AS
SELECT
    time_bucket(INTERVAL '5 minutes', ts) AS bucket,
    avg(mem_pct) AS mem_pct_avg,
    avg(load_1m) AS load_avg,
    max(net_rx_mb_s) AS net_rx_peak,
    max(net_tx_mb_s) AS net_tx_peak
FROM ${database}.system_stats
WHERE ts >= (now() AT TIME ZONE 'UTC') - INTERVAL 1 HOUR
GROUP BY bucket
ORDER BY bucket;

-- Scans traced to the trades they caused, by scan_uuid (UUIDv7 trace id).
CREATE OR REPLACE VIEW ${database}.v_scan_causal_chain AS
SELECT
    s.scan_uuid AS scan_uuid,
    s.ts AS scan_ts,
    s.scan_number AS scan_number,
    s.vel_div AS vel_div,
    s.scan_to_fill_ms AS scan_to_fill_ms,
    s.step_bar_ms AS step_bar_ms,
    t.ts AS trade_ts,
    t.asset AS asset,
    t.side AS side,
    t.entry_price AS entry_price,
    t.exit_price AS exit_price,
    t.pnl AS pnl,
    t.exit_reason AS exit_reason,
    t.posture AS posture
FROM ${database}.eigen_scans AS s
INNER JOIN ${database}.trade_events AS t ON t.scan_uuid = s.scan_uuid
WHERE s.scan_uuid != '';
