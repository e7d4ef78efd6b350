-- Bookkeeping of dolphin-warm-sink and dolphin-hz-warmup (not part of the reference contract; see docs/warm-sink.md).
--
-- _ingest: per (journal epoch, map, partition) the journal range [lo, hi] whose rows are in the tables. The sink
--   updates it in the same transaction as the rows, which is what makes a replayed event a no-op.
-- No primary keys: the sink replaces rows with DELETE + Appender in one transaction (faster than ART upserts).
-- _ingest_runs: per (journal epoch, map, partition) the runs [lo, hi] of consecutive sequences whose events the
--   store accounts for (rows written, or skipped for a counted reason). One row per partition while nothing is lost;
--   one more per gap. bin/dolphin audit reads it. Written in the same transaction as the rows.
CREATE TABLE IF NOT EXISTS dolphin._ingest_runs
(
    epoch        BIGINT NOT NULL,
    map          VARCHAR NOT NULL,
    "partition"  INTEGER NOT NULL,
    lo           BIGINT NOT NULL,
    hi           BIGINT NOT NULL,
    committed_at TIMESTAMP NOT NULL
);

-- _ingest: the ledger of earlier versions (the last batch's range per partition), still read for the highest
--   committed sequence when a store written by them is opened.
CREATE TABLE IF NOT EXISTS dolphin._ingest
(
    epoch        BIGINT NOT NULL,
    map          VARCHAR NOT NULL,
    "partition"  INTEGER NOT NULL,
    lo           BIGINT NOT NULL,
    hi           BIGINT NOT NULL,
    committed_at TIMESTAMP NOT NULL
);
