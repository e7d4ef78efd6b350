-- Bookkeeping of dolphin-warm-sink and dolphin-hz-warmup (not part of the reference contract; see docs/warm-sink.md).
--
-- _ingest: per (journal epoch, map, partition) the journal range [lo, hi] whose rows are in the tables. The sink
--   updates it in the same transaction as the rows, which is what makes a replayed event a no-op.
-- No primary keys: the sink replaces rows with DELETE + Appender in one transaction (faster than ART upserts).
CREATE TABLE IF NOT EXISTS dolphin._ingest
(
    epoch        BIGINT NOT NULL,
    map          VARCHAR NOT NULL,
    "partition"  INTEGER NOT NULL,
    lo           BIGINT NOT NULL,
    hi           BIGINT NOT NULL,
    committed_at TIMESTAMP NOT NULL
);
