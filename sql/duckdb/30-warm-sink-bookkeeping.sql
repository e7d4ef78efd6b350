-- Bookkeeping of dolphin-warm-sink and dolphin-hz-warmup (not part of the reference contract; see docs/warm-sink.md).
--
-- hz_last_values: the raw JSON last written to every key of every map, exactly as the map held it, so hz-warmup can
--   restore the hot store after a full cluster restart. Blue maps' keys in dolphin, green maps' in dolphin_green.
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
    seq   BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS dolphin_green.hz_last_values
(
    map   VARCHAR NOT NULL,
    key   VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    ts    TIMESTAMP NOT NULL,
    epoch BIGINT NOT NULL,
    seq   BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS dolphin._ingest
(
    epoch        BIGINT NOT NULL,
    map          VARCHAR NOT NULL,
    "partition"  INTEGER NOT NULL,
    lo           BIGINT NOT NULL,
    hi           BIGINT NOT NULL,
    committed_at TIMESTAMP NOT NULL
);
