-- Typed views over the ops telemetry maps of dolphin-host-stats and dolphin-supervisor-watch.
-- Every time is a TIMESTAMP WITH TIME ZONE named *_at, with the value's epoch seconds beside it as ts_s.

-- The last sample of every host.
CREATE OR REPLACE VIEW v_system_stats AS
SELECT
  __key AS host,
  TO_TIMESTAMP_TZ(CAST(JSON_VALUE(this, '$.ts' RETURNING DOUBLE) * 1000 AS BIGINT)) AS sampled_at,
  JSON_VALUE(this, '$.ts' RETURNING DOUBLE) AS ts_s,
  JSON_VALUE(this, '$.mem_total_gb' RETURNING DOUBLE) AS mem_total_gb,
  JSON_VALUE(this, '$.mem_used_gb' RETURNING DOUBLE) AS mem_used_gb,
  JSON_VALUE(this, '$.mem_available_gb' RETURNING DOUBLE) AS mem_available_gb,
  JSON_VALUE(this, '$.mem_pct' RETURNING DOUBLE) AS mem_pct,
  JSON_VALUE(this, '$.load_1m' RETURNING DOUBLE) AS load_1m,
  JSON_VALUE(this, '$.load_5m' RETURNING DOUBLE) AS load_5m,
  JSON_VALUE(this, '$.load_15m' RETURNING DOUBLE) AS load_15m,
  JSON_VALUE(this, '$.net_iface') AS net_iface,
  JSON_VALUE(this, '$.net_rx_mb_s' RETURNING DOUBLE) AS net_rx_mb_s,
  JSON_VALUE(this, '$.net_tx_mb_s' RETURNING DOUBLE) AS net_tx_mb_s,
  JSON_VALUE(this, '$.interval_s' RETURNING DOUBLE) AS interval_s
FROM "DOLPHIN_SYSTEM_STATS";

-- Every supervised process as supervisord last answered; stale (with age_s and error) while it does not answer.
CREATE OR REPLACE VIEW v_processes AS
SELECT
  __key AS id,
  JSON_VALUE(this, '$.group') AS group_name,
  JSON_VALUE(this, '$.name') AS process_name,
  JSON_VALUE(this, '$.state') AS state,
  JSON_VALUE(this, '$.pid' RETURNING BIGINT) AS pid,
  JSON_VALUE(this, '$.uptime_s' RETURNING BIGINT) AS uptime_s,
  JSON_VALUE(this, '$.exit_status' RETURNING INT) AS exit_status,
  TO_TIMESTAMP_TZ(CAST(JSON_VALUE(this, '$.ts' RETURNING DOUBLE) * 1000 AS BIGINT)) AS polled_at,
  JSON_VALUE(this, '$.ts' RETURNING DOUBLE) AS ts_s,
  JSON_VALUE(this, '$.age_s' RETURNING DOUBLE) AS age_s,
  JSON_VALUE(this, '$.stale' RETURNING BOOLEAN) AS stale,
  JSON_VALUE(this, '$.error') AS error,
  JSON_VALUE(this, '$.description') AS description
FROM "DOLPHIN_PROCESSES";

-- Starts and exits of the last day. Newest first: SELECT * FROM v_service_lifecycle ORDER BY event_at DESC;
CREATE OR REPLACE VIEW v_service_lifecycle AS
SELECT
  __key AS id,
  TO_TIMESTAMP_TZ(CAST(JSON_VALUE(this, '$.ts' RETURNING DOUBLE) * 1000 AS BIGINT)) AS event_at,
  JSON_VALUE(this, '$.ts' RETURNING DOUBLE) AS ts_s,
  JSON_VALUE(this, '$.group') AS group_name,
  JSON_VALUE(this, '$.service') AS service,
  JSON_VALUE(this, '$.event') AS event,
  JSON_VALUE(this, '$.reason') AS reason,
  JSON_VALUE(this, '$.exit_code' RETURNING INT) AS exit_code,
  JSON_VALUE(this, '$.signal_num' RETURNING INT) AS signal_num,
  JSON_VALUE(this, '$.pid' RETURNING BIGINT) AS pid
FROM "DOLPHIN_SERVICE_LIFECYCLE";
