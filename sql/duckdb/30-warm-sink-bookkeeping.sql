-- Bookkeeping of dolphin-warm-sink and dolphin-hz-warmup (not part of the reference contract; see docs/warm-sink.md).
--
-- hz_last_values: the raw JSON last written to every key of every map, exactly as the map held it, so hz-warmup can
--   restore the hot store after a full cluster restart. Blue maps' keys in dolphin, green maps' in dolphin_green.
--   value_order: the highest order the stored values of the key carried themselves (event time in µs, scan_number
--   for scans; NULL when they carry none). A value not above it is a writer's replay and adds no row.
-- _ingest: per (journal epoch, map, partition) the journal range [lo, hi] whose rows are in the tables. The sink
--   updates it in the same transaction as the rows, which is what makes a replayed event a no-op.
-- No primary keys: the sink replaces rows with DELETE + Appender in one transaction (faster than ART upserts).
CREATE TABLE IF NOT EXISTS dolphin.hz_last_values
(
    map   VARCHAR NOT NULL,
    key   VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    ts    TIMESTAMP NOT NULL,
    epoch BIGINT NOT NULL,
    seq   BIGINT NOT NULL,
    value_order BIGINT
);

CREATE TABLE IF NOT EXISTS dolphin_green.hz_last_values
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
ALTER TABLE dolphin.hz_last_values ADD COLUMN IF NOT EXISTS value_order BIGINT;
ALTER TABLE dolphin_green.hz_last_values ADD COLUMN IF NOT EXISTS value_order BIGINT;

CREATE TABLE IF NOT EXISTS dolphin._ingest
(
    epoch        BIGINT NOT NULL,
    map          VARCHAR NOT NULL,
    "partition"  INTEGER NOT NULL,
    lo           BIGINT NOT NULL,
    hi           BIGINT NOT NULL,
    committed_at TIMESTAMP NOT NULL
);
