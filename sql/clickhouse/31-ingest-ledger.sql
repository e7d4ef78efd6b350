-- Bookkeeping of dolphin-warm-sink and dolphin-hz-warmup (not part of the reference contract; see docs/warm-sink.md).
--
-- _ingest: per (journal epoch, map, partition) the highest journal sequence whose rows are in the tables.
-- _ingest_intent: the batch being written (state BEFORE) or last written (AFTER), with its journal ranges and the
--   insert_deduplication_token its inserts carry; a restarted sink replays a BEFORE batch with the same token.
-- _ingest_runs: per (journal epoch, map, partition) the runs [lo, hi] of consecutive sequences whose events the
--   store accounts for. A batch continuing a run re-inserts the run's row with a higher hi (ReplacingMergeTree keeps
--   the highest per run start); a gap starts a new row. bin/dolphin audit reads it.
CREATE TABLE IF NOT EXISTS dolphin._ingest_runs
(
    epoch        Int64,
    map          LowCardinality(String),
    partition    UInt32,
    lo           Int64,
    hi           Int64,
    committed_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(hi)
ORDER BY (epoch, map, partition, lo);

-- _ingest: the ledger of earlier versions, still read for the highest committed sequence.
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
