-- JSON_QUERY reads an empty array as empty, hence EMPTY ARRAY ON EMPTY; the CAST keeps the column VARCHAR.
-- trade rows carry ts as epoch microseconds, as ch_writer's ts_us() wrote them.
-- Typed views over the strategy state, P&L, meta-health and trade maps; blue and green side by side. Times as in
-- 20-views-features.sql: *_at a TIMESTAMP WITH TIME ZONE, the JSON's epoch beside it with its unit in its name.
-- engine_snapshot's timestamp is text the trader writes without a zone: timestamp_iso keeps it as written (a
-- conversion would have to guess the zone, and one malformed value would fail every query of the view).

CREATE OR REPLACE VIEW v_engine_snapshot AS
SELECT
  'blue' AS strategy,
  JSON_VALUE(this, '$.capital' RETURNING DOUBLE) AS capital,
  JSON_VALUE(this, '$.algo_version') AS algo_version,
  JSON_VALUE(this, '$.last_scan_number' RETURNING BIGINT) AS last_scan_number,
  JSON_VALUE(this, '$.last_vel_div' RETURNING DOUBLE) AS last_vel_div,
  JSON_VALUE(this, '$.vol_ok' RETURNING BOOLEAN) AS vol_ok,
  JSON_VALUE(this, '$.posture') AS posture,
  JSON_VALUE(this, '$.scans_processed' RETURNING BIGINT) AS scans_processed,
  JSON_VALUE(this, '$.trades_executed' RETURNING BIGINT) AS trades_executed,
  JSON_VALUE(this, '$.bar_idx' RETURNING BIGINT) AS bar_idx,
  JSON_VALUE(this, '$.timestamp') AS timestamp_iso,
  JSON_VALUE(this, '$.leverage_soft_cap' RETURNING DOUBLE) AS leverage_soft_cap,
  JSON_VALUE(this, '$.leverage_abs_cap' RETURNING DOUBLE) AS leverage_abs_cap,
  JSON_VALUE(this, '$.open_notional' RETURNING DOUBLE) AS open_notional,
  JSON_VALUE(this, '$.current_leverage' RETURNING DOUBLE) AS current_leverage,
  CAST(JSON_QUERY(this, '$.open_positions' EMPTY ARRAY ON EMPTY) AS VARCHAR) AS open_positions
FROM "DOLPHIN_STATE_BLUE"
WHERE __key = 'engine_snapshot'
UNION ALL
SELECT
  'green' AS strategy,
  JSON_VALUE(this, '$.capital' RETURNING DOUBLE),
  JSON_VALUE(this, '$.algo_version'),
  JSON_VALUE(this, '$.last_scan_number' RETURNING BIGINT),
  JSON_VALUE(this, '$.last_vel_div' RETURNING DOUBLE),
  JSON_VALUE(this, '$.vol_ok' RETURNING BOOLEAN),
  JSON_VALUE(this, '$.posture'),
  JSON_VALUE(this, '$.scans_processed' RETURNING BIGINT),
  JSON_VALUE(this, '$.trades_executed' RETURNING BIGINT),
  JSON_VALUE(this, '$.bar_idx' RETURNING BIGINT),
  JSON_VALUE(this, '$.timestamp'),
  JSON_VALUE(this, '$.leverage_soft_cap' RETURNING DOUBLE),
  JSON_VALUE(this, '$.leverage_abs_cap' RETURNING DOUBLE),
  JSON_VALUE(this, '$.open_notional' RETURNING DOUBLE),
  JSON_VALUE(this, '$.current_leverage' RETURNING DOUBLE),
  CAST(JSON_QUERY(this, '$.open_positions' EMPTY ARRAY ON EMPTY) AS VARCHAR)
FROM "DOLPHIN_STATE_GREEN"
WHERE __key = 'engine_snapshot';

CREATE OR REPLACE VIEW v_capital AS
SELECT 'blue' AS strategy,
  JSON_VALUE(this, '$.capital' RETURNING DOUBLE) AS capital,
  TO_TIMESTAMP_TZ(CAST(JSON_VALUE(this, '$.ts' RETURNING DOUBLE) * 1000 AS BIGINT)) AS as_of,
  JSON_VALUE(this, '$.ts' RETURNING DOUBLE) AS ts_s
FROM "DOLPHIN_STATE_BLUE" WHERE __key = 'capital_checkpoint'
UNION ALL
SELECT 'green' AS strategy,
  JSON_VALUE(this, '$.capital' RETURNING DOUBLE),
  TO_TIMESTAMP_TZ(CAST(JSON_VALUE(this, '$.ts' RETURNING DOUBLE) * 1000 AS BIGINT)),
  JSON_VALUE(this, '$.ts' RETURNING DOUBLE)
FROM "DOLPHIN_STATE_GREEN" WHERE __key = 'capital_checkpoint';

CREATE OR REPLACE VIEW v_pnl AS
SELECT 'blue' AS strategy, __key AS pnl_date,
  JSON_VALUE(this, '$.portfolio_capital' RETURNING DOUBLE) AS portfolio_capital,
  JSON_VALUE(this, '$.engine_capital' RETURNING DOUBLE) AS engine_capital
FROM "DOLPHIN_PNL_BLUE"
UNION ALL
SELECT 'green' AS strategy, __key,
  JSON_VALUE(this, '$.portfolio_capital' RETURNING DOUBLE),
  JSON_VALUE(this, '$.engine_capital' RETURNING DOUBLE)
FROM "DOLPHIN_PNL_GREEN";

CREATE OR REPLACE VIEW v_meta_health AS
SELECT
  JSON_VALUE(this, '$.status') AS status,
  JSON_VALUE(this, '$.rm_meta' RETURNING DOUBLE) AS rm_meta,
  JSON_VALUE(this, '$.m1_data_infra' RETURNING DOUBLE) AS m1_data_infra,
  JSON_VALUE(this, '$.m1_trader' RETURNING DOUBLE) AS m1_trader,
  JSON_VALUE(this, '$.m2_heartbeat' RETURNING DOUBLE) AS m2_heartbeat,
  JSON_VALUE(this, '$.m3_data_freshness' RETURNING DOUBLE) AS m3_data_freshness,
  JSON_VALUE(this, '$.m4_control_plane' RETURNING DOUBLE) AS m4_control_plane,
  JSON_VALUE(this, '$.m5_coherence' RETURNING DOUBLE) AS m5_coherence,
  JSON_VALUE(this, '$.m6_test_integrity' RETURNING DOUBLE) AS m6_test_integrity
FROM "DOLPHIN_META_HEALTH"
WHERE __key = 'latest';

CREATE OR REPLACE VIEW v_trades AS
SELECT 'blue' AS strategy, __key AS trade_id,
  TO_TIMESTAMP_TZ(JSON_VALUE(this, '$.ts' RETURNING BIGINT)) AS trade_at,
  JSON_VALUE(this, '$.ts' RETURNING BIGINT) AS ts_us,
  JSON_VALUE(this, '$.asset') AS asset,
  JSON_VALUE(this, '$.side') AS side,
  JSON_VALUE(this, '$.entry_price' RETURNING DOUBLE) AS entry_price,
  JSON_VALUE(this, '$.exit_price' RETURNING DOUBLE) AS exit_price,
  JSON_VALUE(this, '$.quantity' RETURNING DOUBLE) AS quantity,
  JSON_VALUE(this, '$.pnl' RETURNING DOUBLE) AS pnl,
  JSON_VALUE(this, '$.pnl_pct' RETURNING DOUBLE) AS pnl_pct,
  JSON_VALUE(this, '$.exit_reason') AS exit_reason,
  JSON_VALUE(this, '$.leverage' RETURNING DOUBLE) AS leverage,
  JSON_VALUE(this, '$.bars_held' RETURNING INT) AS bars_held
FROM "DOLPHIN_TRADES_BLUE"
UNION ALL
SELECT 'green' AS strategy, __key,
  TO_TIMESTAMP_TZ(JSON_VALUE(this, '$.ts' RETURNING BIGINT)),
  JSON_VALUE(this, '$.ts' RETURNING BIGINT),
  JSON_VALUE(this, '$.asset'),
  JSON_VALUE(this, '$.side'),
  JSON_VALUE(this, '$.entry_price' RETURNING DOUBLE),
  JSON_VALUE(this, '$.exit_price' RETURNING DOUBLE),
  JSON_VALUE(this, '$.quantity' RETURNING DOUBLE),
  JSON_VALUE(this, '$.pnl' RETURNING DOUBLE),
  JSON_VALUE(this, '$.pnl_pct' RETURNING DOUBLE),
  JSON_VALUE(this, '$.exit_reason'),
  JSON_VALUE(this, '$.leverage' RETURNING DOUBLE),
  JSON_VALUE(this, '$.bars_held' RETURNING INT)
FROM "DOLPHIN_TRADES_GREEN";
