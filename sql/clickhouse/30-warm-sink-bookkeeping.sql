-- Bookkeeping of dolphin-warm-sink and dolphin-hz-warmup (not part of the reference contract; see docs/warm-sink.md).
--
-- hz_last_values: the raw JSON last written to every key of every map, exactly as the map held it, so hz-warmup can
--   restore the hot store after a full cluster restart. One logical row per (map, key); read it with FINAL.
--   Blue maps' keys live in dolphin.hz_last_values, green maps' in dolphin_green.hz_last_values.
--   value_order: the highest order the stored values of the key carried themselves (event time in µs, scan_number
--   for scans; NULL when they carry none). A value not above it is a writer's replay and adds no row.
-- _ingest: per (journal epoch, map, partition) the highest journal sequence whose rows are in the tables.
-- _ingest_intent: the batch being written (state BEFORE) or last written (AFTER), with its journal ranges and the
--   insert_deduplication_token its inserts carry; a restarted sink replays a BEFORE batch with the same token.
CREATE TABLE IF NOT EXISTS dolphin.hz_last_values
(
    map        LowCardinality(String),
    key        String,
    value      String,
    ts         DateTime64(6, 'UTC'),
    epoch      Int64,
    seq        Int64,
    version    UInt64,
    is_deleted UInt8,
    value_order Nullable(Int64)
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (map, key)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS dolphin_green.hz_last_values
(
    map        LowCardinality(String),
    key        String,
    value      String,
    ts         DateTime64(6, 'UTC'),
    epoch      Int64,
    seq        Int64,
    version    UInt64,
    is_deleted UInt8,
    value_order Nullable(Int64)
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (map, key)
SETTINGS non_replicated_deduplication_window = 1000;

-- a store created before value_order existed gets it (NULL: the next value of each key sets it)
ALTER TABLE dolphin.hz_last_values ADD COLUMN IF NOT EXISTS value_order Nullable(Int64);
ALTER TABLE dolphin_green.hz_last_values ADD COLUMN IF NOT EXISTS value_order Nullable(Int64);

CREATE TABLE IF NOT EXISTS dolphin._ingest
(
    epoch        Int64,
    map          LowCardinality(String),
    partition    UInt32,
    lo           Int64,
    hi           Int64,
    committed_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(hi)
ORDER BY (epoch, map, partition);

CREATE TABLE IF NOT EXISTS dolphin._ingest_intent
(
    epoch   Int64,
    token   String,
    ranges  String,
    state   Enum8('BEFORE' = 1, 'AFTER' = 2),
    version UInt64,
    at      DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY epoch;
