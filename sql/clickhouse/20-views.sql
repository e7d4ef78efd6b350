-- A template, applied once per database: ${database} is `dolphin`, then `dolphin_green`.
-- Views of each database with the columns the reference lists. CREATE OR REPLACE keeps them idempotent.

-- 30-day rolling trade stats per strategy.
CREATE OR REPLACE VIEW ${database}.v_trade_summary_30d AS
SELECT
    strategy,
    count() AS n_trades,
    countIf(pnl > 0) AS wins,
    round(countIf(pnl > 0) / count() * 100, 1) AS win_rate_pct,
    round(sum(pnl), 2) AS total_pnl,
    avg(pnl_pct) AS avg_pnl_pct,
    quantile(0.5)(pnl_pct) AS median_pnl_pct,
    max(drawdown_at_entry) AS max_dd_seen_pct
FROM ${database}.trade_events
WHERE ts >= now() - INTERVAL 30 DAY
GROUP BY strategy;

-- The latest posture transition.
CREATE OR REPLACE VIEW ${database}.v_current_posture AS
SELECT posture, rm, trigger, ts
FROM ${database}.posture_events
ORDER BY ts DESC
LIMIT 1;

-- The last known state of every supervised process.
CREATE OR REPLACE VIEW ${database}.v_process_health AS
SELECT
    process_name,
    argMax(group_name, ts) AS group_name,
    argMax(state, ts) AS state,
    argMax(pid, ts) AS pid,
    argMax(uptime_s, ts) AS uptime_s,
    max(ts) AS last_seen
FROM ${database}.supervisord_state
GROUP BY process_name;

-- Scan-to-fill latency percentiles over the last hour.
CREATE OR REPLACE VIEW ${database}.v_scan_latency_1h AS
SELECT
    quantile(0.5)(scan_to_fill_ms) AS p50_ms,
    quantile(0.95)(scan_to_fill_ms) AS p95_ms,
    quantile(0.99)(scan_to_fill_ms) AS p99_ms,
    count() AS n_scans,
    now() - INTERVAL 1 HOUR AS window_start
FROM ${database}.eigen_scans
WHERE ts >= now() - INTERVAL 1 HOUR;

-- Host metrics of the last hour in 5-minute buckets.
CREATE OR REPLACE VIEW ${database}.v_system_stats_1h AS
SELECT
    toStartOfFiveMinutes(ts) AS bucket,
    avg(mem_pct) AS mem_pct_avg,
    avg(load_1m) AS load_avg,
    max(net_rx_mb_s) AS net_rx_peak,
    max(net_tx_mb_s) AS net_tx_peak
FROM ${database}.system_stats
WHERE ts >= now() - INTERVAL 1 HOUR
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
