-- Typed views over DOLPHIN_FEATURES. JSON_VALUE yields NULL for a missing field, so a NULL column means
-- the writer did not send it. Every time is a TIMESTAMP WITH TIME ZONE named *_at (the instant is the value's; the
-- offset shown is the member's zone); where the reference's JSON has an epoch number, it is there too, its unit in
-- its name (_s, _ms, _us). No column is named by an SQL keyword, so none needs quoting.

CREATE OR REPLACE VIEW v_latest_eigen_scan AS
SELECT
  JSON_VALUE(this, '$.scan_number' RETURNING BIGINT) AS scan_number,
  TO_TIMESTAMP_TZ(CAST(JSON_VALUE(this, '$.timestamp' RETURNING DOUBLE) * 1000 AS BIGINT)) AS scan_at,
  JSON_VALUE(this, '$.timestamp' RETURNING DOUBLE) AS timestamp_s,
  TO_TIMESTAMP_TZ(CAST(JSON_VALUE(this, '$.file_mtime' RETURNING DOUBLE) * 1000 AS BIGINT)) AS file_mtime_at,
  JSON_VALUE(this, '$.file_mtime' RETURNING DOUBLE) AS file_mtime_s,
  JSON_VALUE(this, '$.target_asset') AS target_asset,
  JSON_VALUE(this, '$.version') AS version,
  JSON_VALUE(this, '$.result.regime') AS regime,
  JSON_VALUE(this, '$.result.sentiment') AS sentiment,
  JSON_VALUE(this, '$.result.bull_pct' RETURNING DOUBLE) AS bull_pct,
  JSON_VALUE(this, '$.result.bear_pct' RETURNING DOUBLE) AS bear_pct,
  JSON_VALUE(this, '$.result.vel_div' RETURNING DOUBLE) AS vel_div,
  JSON_VALUE(this, '$.result.w50_velocity' RETURNING DOUBLE) AS w50_velocity,
  JSON_VALUE(this, '$.result.w750_velocity' RETURNING DOUBLE) AS w750_velocity,
  JSON_VALUE(this, '$.result.instability_50' RETURNING DOUBLE) AS instability_50,
  JSON_VALUE(this, '$.result.total_symbols' RETURNING INT) AS total_symbols,
  JSON_VALUE(this, '$._ng7_metadata.uuid') AS scan_uuid
FROM "DOLPHIN_FEATURES"
WHERE __key = 'latest_eigen_scan';

CREATE OR REPLACE VIEW v_exf_latest AS
SELECT
  JSON_VALUE(this, '$.funding_btc' RETURNING DOUBLE) AS funding_btc,
  JSON_VALUE(this, '$.funding_btc_lagged' RETURNING DOUBLE) AS funding_btc_lagged,
  JSON_VALUE(this, '$.funding_eth' RETURNING DOUBLE) AS funding_eth,
  JSON_VALUE(this, '$.oi_btc' RETURNING DOUBLE) AS oi_btc,
  JSON_VALUE(this, '$.oi_eth' RETURNING DOUBLE) AS oi_eth,
  JSON_VALUE(this, '$.ls_btc' RETURNING DOUBLE) AS ls_btc,
  JSON_VALUE(this, '$.ls_eth' RETURNING DOUBLE) AS ls_eth,
  JSON_VALUE(this, '$.taker' RETURNING DOUBLE) AS taker,
  JSON_VALUE(this, '$.taker_lagged' RETURNING DOUBLE) AS taker_lagged,
  JSON_VALUE(this, '$.basis' RETURNING DOUBLE) AS basis,
  JSON_VALUE(this, '$.imbalance_btc' RETURNING DOUBLE) AS imbalance_btc,
  JSON_VALUE(this, '$.dvol' RETURNING DOUBLE) AS dvol,
  JSON_VALUE(this, '$.fear_greed' RETURNING DOUBLE) AS fear_greed,
  -- Added by dolphin-exf-poller (NULL in values other writers put): when it published, and the factors not to
  -- be trusted now as a JSON array of names, NULL when there are none. Per-factor ages are in the value's _age_s.
  -- (Hazelcast's JSON_QUERY fails on an array result unless it is wrapped; the wrapper does not nest it.)
  TO_TIMESTAMP_TZ(CAST(JSON_VALUE(this, '$._ts' RETURNING DOUBLE) * 1000 AS BIGINT)) AS published_at,
  CAST(JSON_QUERY(this, '$._stale' WITH ARRAY WRAPPER) AS VARCHAR) AS stale
FROM "DOLPHIN_FEATURES"
WHERE __key = 'exf_latest';

-- acb_boost as dolphin-acb writes it: the reference's boost/beta/signals, then the window it came from. as_of is
-- the window's end (ts_s the same instant in epoch seconds, as the JSON's ts); Hazelcast SQL has no clock function,
-- so a reader's age check is its own clock minus as_of. No window without factor samples is written, so after a gap
-- longer than the window as_of stops moving and the age grows. last_sample_at dates the newest factor behind it.
CREATE OR REPLACE VIEW v_acb_boost AS
SELECT
  JSON_VALUE(this, '$.boost' RETURNING DOUBLE) AS boost,
  JSON_VALUE(this, '$.beta' RETURNING DOUBLE) AS beta,
  JSON_VALUE(this, '$.signals' RETURNING DOUBLE) AS signals,
  JSON_VALUE(this, '$.samples' RETURNING BIGINT) AS samples,
  TO_TIMESTAMP_TZ(CAST(JSON_VALUE(this, '$.window_start' RETURNING DOUBLE) * 1000 AS BIGINT)) AS window_start_at,
  TO_TIMESTAMP_TZ(CAST(JSON_VALUE(this, '$.window_end' RETURNING DOUBLE) * 1000 AS BIGINT)) AS window_end_at,
  TO_TIMESTAMP_TZ(CAST(JSON_VALUE(this, '$.last_sample_ts' RETURNING DOUBLE) * 1000 AS BIGINT)) AS last_sample_at,
  JSON_VALUE(this, '$.formula_version') AS formula_version,
  TO_TIMESTAMP_TZ(CAST(JSON_VALUE(this, '$.ts' RETURNING DOUBLE) * 1000 AS BIGINT)) AS as_of,
  JSON_VALUE(this, '$.ts' RETURNING DOUBLE) AS ts_s,
  CAST(JSON_QUERY(this, '$.fractions') AS VARCHAR) AS fractions
FROM "DOLPHIN_FEATURES"
WHERE __key = 'acb_boost';

-- One row per symbol: the key asset_<SYMBOL>_ob carries the symbol between 'asset_' and '_ob'.
CREATE OR REPLACE VIEW v_order_books AS
SELECT
  SUBSTRING(__key FROM 7 FOR CAST(CHAR_LENGTH(__key) - 9 AS INT)) AS symbol,
  JSON_VALUE(this, '$.best_bid' RETURNING DOUBLE) AS best_bid,
  JSON_VALUE(this, '$.best_ask' RETURNING DOUBLE) AS best_ask,
  JSON_VALUE(this, '$.spread_bps' RETURNING DOUBLE) AS spread_bps,
  JSON_VALUE(this, '$.depth_1pct_usd' RETURNING DOUBLE) AS depth_1pct_usd,
  JSON_VALUE(this, '$.depth_quality' RETURNING DOUBLE) AS depth_quality,
  JSON_VALUE(this, '$.fill_probability' RETURNING DOUBLE) AS fill_probability,
  JSON_VALUE(this, '$.imbalance' RETURNING DOUBLE) AS imbalance,
  JSON_VALUE(this, '$.n_bid_levels' RETURNING INT) AS n_bid_levels,
  JSON_VALUE(this, '$.n_ask_levels' RETURNING INT) AS n_ask_levels,
  -- exchange time of the snapshot (the JSON's ts, epoch ms, written by dolphin-obf-ingest; NULL for the
  -- reference shape)
  TO_TIMESTAMP_TZ(JSON_VALUE(this, '$.ts' RETURNING BIGINT)) AS exchange_at
FROM "DOLPHIN_FEATURES"
WHERE __key LIKE 'asset\_%\_ob' ESCAPE '\';
