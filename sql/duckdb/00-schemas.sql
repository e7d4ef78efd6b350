-- The embedded warm store: one DuckDB file holding two schemas, `dolphin` (blue maps) and `dolphin_green`
-- (green maps), so queries name tables exactly as on ClickHouse (dolphin.trade_events, ...).
-- Every statement in sql/duckdb is idempotent: `bin/dolphin schema apply` runs them in file-name order.
CREATE SCHEMA IF NOT EXISTS dolphin;
CREATE SCHEMA IF NOT EXISTS dolphin_green;
