-- What the jobs rejected and why. Newest first: SELECT * FROM v_dead_letters ORDER BY rejected_at DESC;
CREATE OR REPLACE VIEW v_dead_letters AS
SELECT
  __key AS id,
  JSON_VALUE(this, '$.job') AS job,
  JSON_VALUE(this, '$.source') AS source,
  JSON_VALUE(this, '$.reason') AS reason,
  TO_TIMESTAMP_TZ(JSON_VALUE(this, '$.ts_ms' RETURNING BIGINT)) AS rejected_at,
  JSON_VALUE(this, '$.ts_ms' RETURNING BIGINT) AS ts_ms,
  JSON_VALUE(this, '$.payload') AS payload
FROM "DOLPHIN_DEAD_LETTERS";
