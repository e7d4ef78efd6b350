-- The two warm-store databases: blue maps feed `dolphin`, green maps feed `dolphin_green`.
-- Every statement in sql/clickhouse is idempotent: `bin/dolphin schema apply --target clickhouse` runs them in
-- file-name order, as often as you like. They also run as they are with `clickhouse-client --multiquery < file`.
CREATE DATABASE IF NOT EXISTS dolphin;
CREATE DATABASE IF NOT EXISTS dolphin_green;
