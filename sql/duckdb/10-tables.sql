-- A template, applied once per database: ${database} is `dolphin`, then `dolphin_green` (the reference's mirror).
-- Tables of each database for the embedded DuckDB warm store: the ClickHouse names, the nearest DuckDB types
-- (DateTime64(6) -> TIMESTAMP, DateTime64(3) -> TIMESTAMP_MS, Float32 -> REAL, UInt8 -> UTINYINT, ...), UTC by convention.
-- DuckDB has no TTL, engines or partitions: retention is an operator's DELETE (docs/warm-sink.md).

CREATE TABLE IF NOT EXISTS ${database}.trade_events
(
    ts                   TIMESTAMP NOT NULL,
    date                 DATE NOT NULL,
    strategy             VARCHAR NOT NULL,
    asset                VARCHAR NOT NULL,
    side                 VARCHAR NOT NULL,
    entry_price          DOUBLE NOT NULL,
    exit_price           DOUBLE NOT NULL,
    quantity             DOUBLE NOT NULL,
    pnl                  DOUBLE NOT NULL,
    pnl_pct              REAL NOT NULL,
    exit_reason          VARCHAR NOT NULL,
    vel_div_entry        REAL NOT NULL,
    boost_at_entry       REAL NOT NULL,
    beta_at_entry        REAL NOT NULL,
    posture              VARCHAR NOT NULL,
    leverage             REAL NOT NULL,
    regime_signal        TINYINT NOT NULL,
    capital_before       DOUBLE NOT NULL,
    capital_after        DOUBLE NOT NULL,
    peak_capital         DOUBLE NOT NULL,
    drawdown_at_entry    REAL NOT NULL,
    open_positions_count UTINYINT NOT NULL,
    scan_uuid            VARCHAR NOT NULL,
    bars_held            USMALLINT NOT NULL
);

CREATE TABLE IF NOT EXISTS ${database}.eigen_scans
(
    ts              TIMESTAMP NOT NULL,
    scan_number     UINTEGER NOT NULL,
    vel_div         REAL NOT NULL,
    w50_velocity    REAL NOT NULL,
    w750_velocity   REAL NOT NULL,
    instability_50  REAL NOT NULL,
    scan_to_fill_ms REAL NOT NULL,
    step_bar_ms     REAL NOT NULL,
    scan_uuid       VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS ${database}.status_snapshots
(
    ts              TIMESTAMP_MS NOT NULL,
    capital         DOUBLE NOT NULL,
    roi_pct         REAL NOT NULL,
    dd_pct          REAL NOT NULL,
    trades_executed USMALLINT NOT NULL,
    posture         VARCHAR NOT NULL,
    rm              REAL NOT NULL,
    vel_div         REAL NOT NULL,
    vol_ok          UTINYINT NOT NULL,
    phase           VARCHAR NOT NULL,
    mhs_status      VARCHAR NOT NULL,
    boost           REAL NOT NULL,
    cat5            REAL NOT NULL
);

CREATE TABLE IF NOT EXISTS ${database}.posture_events
(
    ts           TIMESTAMP NOT NULL,
    posture      VARCHAR NOT NULL,
    rm           REAL NOT NULL,
    prev_posture VARCHAR NOT NULL,
    trigger      VARCHAR NOT NULL,
    scan_uuid    VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS ${database}.acb_state
(
    ts      TIMESTAMP NOT NULL,
    boost   REAL NOT NULL,
    beta    REAL NOT NULL,
    signals REAL NOT NULL
);

CREATE TABLE IF NOT EXISTS ${database}.meta_health
(
    ts                TIMESTAMP NOT NULL,
    status            VARCHAR NOT NULL,
    rm_meta           REAL NOT NULL,
    m1_data_infra     REAL NOT NULL,
    m1_trader         REAL NOT NULL,
    m2_heartbeat      REAL NOT NULL,
    m3_data_freshness REAL NOT NULL,
    m4_control_plane  REAL NOT NULL,
    m5_coherence      REAL NOT NULL,
    m6_test_integrity REAL NOT NULL,
    service_status    VARCHAR NOT NULL,
    hz_key_status     VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS ${database}.exf_data
(
    ts           TIMESTAMP NOT NULL,
    funding_rate REAL NOT NULL,
    dvol         REAL NOT NULL,
    fear_greed   REAL NOT NULL,
    taker_ratio  REAL NOT NULL
);

CREATE TABLE IF NOT EXISTS ${database}.obf_universe
(
    ts               TIMESTAMP_MS NOT NULL,
    symbol           VARCHAR NOT NULL,
    spread_bps       REAL NOT NULL,
    depth_1pct_usd   DOUBLE NOT NULL,
    depth_quality    REAL NOT NULL,
    fill_probability REAL NOT NULL,
    imbalance        REAL NOT NULL,
    best_bid         DOUBLE NOT NULL,
    best_ask         DOUBLE NOT NULL,
    n_bid_levels     UTINYINT NOT NULL,
    n_ask_levels     UTINYINT NOT NULL
);

CREATE TABLE IF NOT EXISTS ${database}.supervisord_state
(
    ts           TIMESTAMP NOT NULL,
    process_name VARCHAR NOT NULL,
    group_name   VARCHAR NOT NULL,
    state        VARCHAR NOT NULL,
    pid          UINTEGER NOT NULL,
    uptime_s     UINTEGER NOT NULL,
    exit_status  SMALLINT NOT NULL,
    source       VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS ${database}.service_lifecycle
(
    ts         TIMESTAMP NOT NULL,
    service    VARCHAR NOT NULL,
    event      VARCHAR NOT NULL,
    reason     VARCHAR NOT NULL,
    exit_code  SMALLINT NOT NULL,
    signal_num SMALLINT NOT NULL,
    pid        UINTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS ${database}.system_stats
(
    ts               TIMESTAMP_MS NOT NULL,
    mem_used_gb      REAL NOT NULL,
    mem_available_gb REAL NOT NULL,
    mem_pct          REAL NOT NULL,
    load_1m          REAL NOT NULL,
    load_5m          REAL NOT NULL,
    load_15m         REAL NOT NULL,
    net_rx_mb_s      REAL NOT NULL,
    net_tx_mb_s      REAL NOT NULL,
    net_iface        VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS ${database}.account_events
(
    ts             TIMESTAMP NOT NULL,
    strategy       VARCHAR NOT NULL,
    event_type     VARCHAR NOT NULL,
    amount         DOUBLE NOT NULL,
    capital_before DOUBLE NOT NULL,
    capital_after  DOUBLE NOT NULL,
    reason         VARCHAR NOT NULL,
    details        VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS ${database}.daily_pnl
(
    date              DATE NOT NULL,
    ts                TIMESTAMP NOT NULL,
    strategy          VARCHAR NOT NULL,
    portfolio_capital DOUBLE NOT NULL,
    engine_capital    DOUBLE NOT NULL,
    extra             VARCHAR NOT NULL
);
