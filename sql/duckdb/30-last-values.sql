-- Bookkeeping of dolphin-warm-sink and dolphin-hz-warmup (not part of the reference contract; see docs/warm-sink.md).
-- A template, applied once per database (${database}: dolphin, then dolphin_green).
--
-- hz_last_values: the raw JSON last written to every key of every map, exactly as the map held it, so hz-warmup can
--   restore the hot store after a full cluster restart. No primary key: the sink replaces rows with DELETE +
--   Appender in one transaction (faster than ART upserts).
--   value_order: the highest order the stored values of the key carried themselves (event time in µs, scan_number
--   for scans; NULL when they carry none). A value not above it is a writer's replay and adds no row.
--   Blue maps' keys in dolphin.hz_last_values, green maps' in dolphin_green.hz_last_values.
CREATE TABLE IF NOT EXISTS ${database}.hz_last_values
(
    map   VARCHAR NOT NULL,
    key   VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    ts    TIMESTAMP NOT NULL,
    epoch BIGINT NOT NULL,
    seq   BIGINT NOT NULL,
    value_order BIGINT
);

-- a store created before value_order existed gets it (NULL: the next value of each key sets it)
ALTER TABLE ${database}.hz_last_values ADD COLUMN IF NOT EXISTS value_order BIGINT;
