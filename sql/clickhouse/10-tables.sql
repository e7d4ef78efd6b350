-- A template, applied once per database: ${database} is `dolphin`, then `dolphin_green` (the reference's mirror).
-- Tables of each database, exactly as the reference lists them (column names, types, order keys, partitions, TTLs).
-- Where the reference names no engine, partition or TTL, the table is a plain MergeTree ordered by time.
-- Every table keeps the last 1000 insert tokens: the warm sink's retries and replays carry a deterministic
-- insert_deduplication_token (docs/warm-sink.md), and non-replicated MergeTree ignores it unless this window is set.

CREATE TABLE IF NOT EXISTS ${database}.trade_events
(
    ts                   DateTime64(6, 'UTC'),
    date                 Date,
    strategy             LowCardinality(String),
    asset                LowCardinality(String),
    side                 LowCardinality(String),
    entry_price          Float64,
    exit_price           Float64,
    quantity             Float64,
    pnl                  Float64,
    pnl_pct              Float32,
    exit_reason          LowCardinality(String),
    vel_div_entry        Float32,
    boost_at_entry       Float32,
    beta_at_entry        Float32,
    posture              LowCardinality(String),
    leverage             Float32,
    regime_signal        Int8,
    capital_before       Float64,
    capital_after        Float64,
    peak_capital         Float64,
    drawdown_at_entry    Float32,
    open_positions_count UInt8,
    scan_uuid            String,
    bars_held            UInt16
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (ts, asset)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS ${database}.eigen_scans
(
    ts              DateTime64(6, 'UTC'),
    scan_number     UInt32,
    vel_div         Float32,
    w50_velocity    Float32,
    w750_velocity   Float32,
    instability_50  Float32,
    scan_to_fill_ms Float32,
    step_bar_ms     Float32,
    scan_uuid       String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (ts, scan_number)
TTL toDateTime(ts) + INTERVAL 10 YEAR
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS ${database}.status_snapshots
(
    ts              DateTime64(3, 'UTC'),
    capital         Float64,
    roi_pct         Float32,
    dd_pct          Float32,
    trades_executed UInt16,
    posture         LowCardinality(String),
    rm              Float32,
    vel_div         Float32,
    vol_ok          UInt8,
    phase           LowCardinality(String),
    mhs_status      LowCardinality(String),
    boost           Float32,
    cat5            Float32
)
ENGINE = MergeTree
ORDER BY ts
TTL toDateTime(ts) + INTERVAL 180 DAY
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS ${database}.posture_events
(
    ts           DateTime64(6, 'UTC'),
    posture      LowCardinality(String),
    rm           Float32,
    prev_posture LowCardinality(String),
    trigger      String,
    scan_uuid    String
)
ENGINE = MergeTree
ORDER BY ts
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS ${database}.acb_state
(
    ts      DateTime64(6, 'UTC'),
    boost   Float32,
    beta    Float32,
    signals Float32
)
ENGINE = MergeTree
ORDER BY ts
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS ${database}.meta_health
(
    ts                DateTime64(6, 'UTC'),
    status            LowCardinality(String),
    rm_meta           Float32,
    m1_data_infra     Float32,
    m1_trader         Float32,
    m2_heartbeat      Float32,
    m3_data_freshness Float32,
    m4_control_plane  Float32,
    m5_coherence      Float32,
    m6_test_integrity Float32,
    service_status    String,
    hz_key_status     String
)
ENGINE = MergeTree
ORDER BY ts
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS ${database}.exf_data
(
    ts           DateTime64(6, 'UTC'),
    funding_rate Float32,
    dvol         Float32,
    fear_greed   Float32,
    taker_ratio  Float32
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY ts
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS ${database}.obf_universe
(
    ts               DateTime64(3, 'UTC'),
    symbol           LowCardinality(String),
    spread_bps       Float32,
    depth_1pct_usd   Float64,
    depth_quality    Float32,
    fill_probability Float32,
    imbalance        Float32,
    best_bid         Float64,
    best_ask         Float64,
    n_bid_levels     UInt8,
    n_ask_levels     UInt8
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (symbol, ts)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS ${database}.supervisord_state
(
    ts           DateTime64(6, 'UTC'),
    process_name LowCardinality(String),
    group_name   LowCardinality(String),
    state        LowCardinality(String),
    pid          UInt32,
    uptime_s     UInt32,
    exit_status  Int16,
    source       LowCardinality(String)
)
ENGINE = MergeTree
ORDER BY (process_name, ts)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS ${database}.service_lifecycle
(
    ts         DateTime64(6, 'UTC'),
    service    LowCardinality(String),
    event      LowCardinality(String),
    reason     String,
    exit_code  Int16,
    signal_num Int16,
    pid        UInt32
)
ENGINE = MergeTree
ORDER BY (service, ts)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS ${database}.system_stats
(
    ts               DateTime64(3, 'UTC'),
    mem_used_gb      Float32,
    mem_available_gb Float32,
    mem_pct          Float32,
    load_1m          Float32,
    load_5m          Float32,
    load_15m         Float32,
    net_rx_mb_s      Float32,
    net_tx_mb_s      Float32,
    net_iface        LowCardinality(String)
)
ENGINE = MergeTree
ORDER BY ts
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS ${database}.account_events
(
    ts             DateTime64(6, 'UTC'),
    strategy       LowCardinality(String),
    event_type     LowCardinality(String),
    amount         Float64,
    capital_before Float64,
    capital_after  Float64,
    reason         String,
    details        String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (strategy, ts)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS ${database}.daily_pnl
(
    date              Date,
    ts                DateTime64(6, 'UTC'),
    strategy          LowCardinality(String),
    portfolio_capital Float64,
    engine_capital    Float64,
    extra             String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(date)
ORDER BY (strategy, date, ts)
SETTINGS non_replicated_deduplication_window = 1000;
