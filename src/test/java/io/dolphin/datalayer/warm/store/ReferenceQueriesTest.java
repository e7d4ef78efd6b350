package io.dolphin.datalayer.warm.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboards' queries (the reference's "Useful Queries" and its six {@code dolphin} views) over both warm stores.
 * The same rows go into a ClickHouse ({@link ClickHouseTarget}) and a DuckDB file, both with the project's schema;
 * every answer is compared with values computed here in Java from those rows, and the two stores with each other.
 *
 * <p>ClickHouse runs the reference's text as written (except the per-asset query, which ClickHouse itself refuses).
 * DuckDB gets an equivalent where the text is ClickHouse's own dialect or means something else on DuckDB:
 * <ul>
 * <li>{@code countIf(c)} → {@code count(*) FILTER (WHERE c)}; {@code count()} → {@code count(*)} (DuckDB accepts
 *     both ClickHouse spellings, the equivalents just say what they mean);</li>
 * <li>{@code quantile(q)(x)} (does not parse in DuckDB) → {@code quantile_cont(x, q)}: both interpolate linearly
 *     between the closest ranks (R-7). ClickHouse's {@code quantile} is a reservoir sampler that is exact up to 8192
 *     values, which an hour of scans (~330) or 30 days of trades stay under; DuckDB returns FLOAT for a REAL column,
 *     ClickHouse Float64;</li>
 * <li>{@code today()} / {@code now()} → {@code CAST(now() AT TIME ZONE 'UTC' AS DATE)} / {@code now() AT TIME ZONE
 *     'UTC'}: DuckDB's {@code today()} is the session time zone's date, the stored times are UTC (the ClickHouse
 *     engine's server time zone is UTC);</li>
 * <li>{@code toStartOfHour(ts)} → {@code date_trunc('hour', ts)};</li>
 * <li>{@code round(x, s)} → {@code round_even(x * 10^s, 0) / 10^s}: ClickHouse rounds a float by multiplying,
 *     rounding half to even ({@code nearbyint}) and dividing, in the argument's type (Float32 arithmetic for a Float32
 *     column: {@code round(toFloat32(2.35), 1)} is 2.4); DuckDB's {@code round} rounds half away from zero in double.
 *     They differ on every value whose scaled value is a tie: {@code round(0.125, 2)} is 0.12 in ClickHouse, 0.13 in
 *     DuckDB; {@code round(leverage, 1)} of a leverage 2.35 is 2.4 and 2.3. The seed holds such ties.</li>
 * </ul>
 */
class ReferenceQueriesTest {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    /** Doubles the stores sum in another order than Java: a few ulps of the total. */
    private static final DoubleUnaryOperator SUM_ORDER = e -> 1e-12 * Math.max(1, Math.abs(e));
    /**
     * A quantile of a Float32/REAL column. ClickHouse interpolates the two closest ranks in double, as Java does (a few
     * double ulps apart). DuckDB's quantile_cont subtracts them in float ({@code hi - lo}, off by up to half a float ulp
     * of the difference), multiplies by the fraction d ≤ 1 and adds {@code lo} in double, and returns a FLOAT (half an
     * ulp of the result): for values ≥ 0 under 1.5 float ulps of the result. Seen: 1.35 ulps on p99 of the seed.
     * Three ulps of the Java value allow for a result just across a power of two.
     */
    private static final DoubleUnaryOperator FLOAT_RESULT = e -> 3 * Math.ulp((float) e);

    @TempDir
    static Path dir;
    private static ClickHouseTarget clickHouse;
    private static WarmStoreConfig duckDb;
    private static Seed seed;

    @BeforeAll
    static void seedBothStores() throws Exception {
        clickHouse = ClickHouseTarget.start(dir.resolve("clickhouse"));
        clickHouse.resetSchema();
        duckDb = new WarmStoreConfig("jdbc:duckdb:" + dir.resolve("warm.duckdb"), "", "", true);
        try (Connection c = duckDb.connect()) {
            SchemaApplier.apply(c, Dialect.DUCKDB);
        }
        seedFor(Instant.now());
    }

    /** Both stores hold exactly the seed of {@code now}'s moment, and nothing else. */
    private static void seedFor(Instant now) throws SQLException {
        seed = new Seed(now.truncatedTo(ChronoUnit.MICROS));
        for (WarmStoreConfig store : List.of(clickHouse.config(false), duckDb)) {
            for (String table : Seed.TABLES) {
                execute(store, "DELETE FROM dolphin." + table + " WHERE 1 = 1");
            }
            for (String insert : seed.inserts()) {
                execute(store, insert);
            }
        }
    }

    /**
     * Runs a check that depends on the stores' today(): the seed's "today" must be the day the queries see. When the
     * UTC day has changed since seeding, or changes while the check runs, both stores are seeded again for the new
     * day and the check is repeated, instead of waiting for midnight to pass.
     */
    private static void onOneUtcDay(Check check) throws Exception {
        for (int attempt = 1; ; attempt++) {
            if (!date(Instant.now()).equals(seed.today)) {
                seedFor(Instant.now());
            }
            LocalDate day = seed.today;
            try {
                check.run();
                if (date(Instant.now()).equals(day)) {
                    return;
                }
            } catch (AssertionError e) {
                if (date(Instant.now()).equals(day) || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }

    @AfterAll
    static void stop() {
        if (clickHouse != null) {
            clickHouse.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Useful Queries

    @Test
    void when_last20TradesQueried_then_bothStoresListTheNewestFirst() throws Exception {
        String sql = """
                SELECT ts, asset, side, entry_price, exit_price, pnl, pnl_pct,
                exit_reason, leverage, vel_div_entry, bars_held, posture
                FROM dolphin.trade_events ORDER BY ts DESC LIMIT 20""";
        List<List<Object>> expected = seed.trades.stream()
                .sorted(Comparator.comparing(Trade::ts).reversed()).limit(20)
                .map(t -> row(t.ts, t.asset, "SHORT", t.entry, t.exit, t.pnl, (double) t.pnlPct, t.exitReason,
                        (double) t.leverage, (double) t.velDiv, (long) t.barsHeld, t.posture))
                .toList();

        assertBoth("last 20 trades", sql, sql, expected, Map.of());
    }

    @Test
    void when_todaysPnlQueried_then_bothStoresSumTodaysTradesOnly() throws Exception {
        onOneUtcDay(ReferenceQueriesTest::todaysPnl);
    }

    private static void todaysPnl() throws Exception {
        String ch = """
                SELECT count() as trades, sum(pnl) as total_pnl,
                countIf(pnl>0) as wins, round(countIf(pnl>0)/count()*100,1) as win_rate
                FROM dolphin.trade_events WHERE date = today()""";
        String duck = """
                SELECT count(*) AS trades, sum(pnl) AS total_pnl,
                count(*) FILTER (WHERE pnl > 0) AS wins,
                round_even(count(*) FILTER (WHERE pnl > 0) / count(*) * 100 * 10, 0) / 10 AS win_rate
                FROM dolphin.trade_events WHERE date = CAST(now() AT TIME ZONE 'UTC' AS DATE)""";
        List<Trade> today = seed.trades.stream().filter(t -> date(t.ts).equals(seed.today)).toList();
        assertTrue(today.size() >= 2 && today.size() < seed.trades.size(), "the seed has trades today and earlier");

        List<List<Object>> expected = List.of(row((long) today.size(), sum(today, Trade::pnl), wins(today),
                winRate(today)));

        assertBoth("today's P&L", ch, duck, expected, Map.of("total_pnl", SUM_ORDER));
    }

    @Test
    void when_exitReasonDistributionQueried_then_bothStoresCountAndRoundAlike() throws Exception {
        String ch = """
                SELECT exit_reason, count() as n, round(sum(pnl),2) as total_pnl,
                round(countIf(pnl>0)/count()*100,1) as win_rate
                FROM dolphin.trade_events GROUP BY exit_reason ORDER BY n DESC""";
        String duck = """
                SELECT exit_reason, count(*) AS n, round_even(sum(pnl) * 100, 0) / 100 AS total_pnl,
                round_even(count(*) FILTER (WHERE pnl > 0) / count(*) * 100 * 10, 0) / 10 AS win_rate
                FROM dolphin.trade_events GROUP BY exit_reason ORDER BY n DESC""";
        Map<String, List<Trade>> byReason = group(seed.trades, Trade::exitReason);
        assertEquals(byReason.size(), byReason.values().stream().map(List::size).distinct().count(),
                "every exit reason has its own count: ORDER BY n is a total order");

        List<List<Object>> expected = byReason.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<Trade>> e) -> e.getValue().size()).reversed())
                .map(e -> row(e.getKey(), (long) e.getValue().size(), chRound(sum(e.getValue(), Trade::pnl), 2),
                        winRate(e.getValue())))
                .toList();

        assertBoth("exit reasons", ch, duck, expected, Map.of());
    }

    /** The reference's text: the alias {@code pnl} shadows the column inside {@code countIf(pnl>0)}. */
    private static final String PER_ASSET_REFERENCE = """
            SELECT asset, count() as trades, round(sum(pnl),2) as pnl,
            round(countIf(pnl>0)/count()*100,1) as wr, round(avg(leverage),1) as avg_lev
            FROM dolphin.trade_events GROUP BY asset ORDER BY pnl DESC""";

    @Test
    void when_referencePerAssetQueryRunOnClickHouse_then_itFailsWithIllegalAggregation() {
        SQLException e = assertThrows(SQLException.class,
                () -> query(clickHouse.config(false), PER_ASSET_REFERENCE));

        assertTrue(e.getMessage().contains("Code: 184") && e.getMessage().contains("ILLEGAL_AGGREGATION"),
                e.getMessage());
    }

    @Test
    void when_referencePerAssetQueryRunOnDuckDb_then_itRunsAndHidesTheBug() throws Exception {
        // DuckDB binds `pnl` inside count_if to the column, the ORDER BY to the alias: a DuckDB-only check passes it
        Result r = query(duckDb, PER_ASSET_REFERENCE);

        assertEquals(List.of("asset", "trades", "pnl", "wr", "avg_lev"), r.columns);
        assertEquals(perAssetExpected().stream().map(x -> x.get(0)).toList(), r.rows.stream().map(x -> x.get(0)).toList());
    }

    @Test
    void when_correctedPerAssetQueryRun_then_bothStoresGiveTheJavaTotals() throws Exception {
        String ch = """
                SELECT asset, count() as trades, round(sum(pnl),2) AS total_pnl,
                round(countIf(pnl>0)/count()*100,1) as wr, round(avg(leverage),1) as avg_lev
                FROM dolphin.trade_events GROUP BY asset ORDER BY total_pnl DESC""";
        String duck = """
                SELECT asset, count(*) AS trades, round_even(sum(pnl) * 100, 0) / 100 AS total_pnl,
                round_even(count(*) FILTER (WHERE pnl > 0) / count(*) * 100 * 10, 0) / 10 AS wr,
                round_even(avg(leverage) * 10, 0) / 10 AS avg_lev
                FROM dolphin.trade_events GROUP BY asset ORDER BY total_pnl DESC""";

        assertBoth("per asset", ch, duck, perAssetExpected(), Map.of());
    }

    private static List<List<Object>> perAssetExpected() {
        List<List<Object>> rows = group(seed.trades, Trade::asset).entrySet().stream()
                .map(e -> row(e.getKey(), (long) e.getValue().size(), chRound(sum(e.getValue(), Trade::pnl), 2),
                        winRate(e.getValue()), chRound(e.getValue().stream().mapToDouble(t -> t.leverage).average()
                                .orElseThrow(), 1)))
                .sorted(Comparator.comparing((List<Object> x) -> (Double) x.get(2)).reversed())
                .toList();
        assertEquals(rows.size(), rows.stream().map(x -> x.get(2)).distinct().count(), "distinct totals per asset");
        return rows;
    }

    @Test
    void when_capitalCurveQueried_then_bothStoresStartAtMidnightSevenDaysAgo() throws Exception {
        onOneUtcDay(ReferenceQueriesTest::capitalCurve);
    }

    private static void capitalCurve() throws Exception {
        String ch = """
                SELECT ts, capital, roi_pct, dd_pct, posture, vel_div
                FROM dolphin.status_snapshots
                WHERE ts >= today() - INTERVAL 7 DAY
                ORDER BY ts""";
        String duck = """
                SELECT ts, capital, roi_pct, dd_pct, posture, vel_div
                FROM dolphin.status_snapshots
                WHERE ts >= CAST(now() AT TIME ZONE 'UTC' AS DATE) - INTERVAL 7 DAY
                ORDER BY ts""";
        Instant from = seed.today.minusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant();

        List<List<Object>> expected = seed.snapshots.stream().filter(s -> !s.ts.isBefore(from))
                .sorted(Comparator.comparing(Snapshot::ts))
                .map(s -> row(s.ts, s.capital, (double) s.roi, (double) s.dd, s.posture, (double) s.velDiv))
                .toList();
        assertTrue(expected.size() < seed.snapshots.size(), "the seed has snapshots before the window");
        assertTrue(expected.stream().anyMatch(x -> x.get(0).equals(from)), "one snapshot exactly at the window's start");

        assertBoth("capital curve", ch, duck, expected, Map.of());
    }

    @Test
    void when_scanLatencyDistributionQueried_then_bothStoresInterpolateTheLastHour() throws Exception {
        String ch = """
                SELECT quantile(0.5)(scan_to_fill_ms) as p50,
                quantile(0.95)(scan_to_fill_ms) as p95,
                quantile(0.99)(scan_to_fill_ms) as p99
                FROM dolphin.eigen_scans WHERE ts >= now() - INTERVAL 1 HOUR""";
        String duck = """
                SELECT quantile_cont(scan_to_fill_ms, 0.5) AS p50,
                quantile_cont(scan_to_fill_ms, 0.95) AS p95,
                quantile_cont(scan_to_fill_ms, 0.99) AS p99
                FROM dolphin.eigen_scans WHERE ts >= (now() AT TIME ZONE 'UTC') - INTERVAL 1 HOUR""";
        double[] lastHour = seed.lastHourLatencies();

        List<List<Object>> expected = List.of(row(quantile(lastHour, 0.5), quantile(lastHour, 0.95),
                quantile(lastHour, 0.99)));

        assertBoth("scan latency", ch, duck, expected, Map.of("p50", FLOAT_RESULT, "p95", FLOAT_RESULT,
                "p99", FLOAT_RESULT));
    }

    @Test
    void when_leverageDistributionQueried_then_bothStoresRoundInFloat32HalfToEven() throws Exception {
        String ch = """
                SELECT round(leverage,1) as lev, count() as n
                FROM dolphin.trade_events GROUP BY lev ORDER BY lev""";
        String duck = """
                SELECT round_even(leverage * 10::REAL, 0)::REAL / 10::REAL AS lev, count(*) AS n
                FROM dolphin.trade_events GROUP BY lev ORDER BY lev""";

        assertBoth("leverage", ch, duck, leverageRows(ReferenceQueriesTest::chRound1), Map.of());
    }

    @Test
    void when_referenceLeverageQueryRunOnDuckDbAsWritten_then_tiesRoundAwayFromZero() throws Exception {
        // the reference's text parses on DuckDB, and answers something else: 2.25 and 2.35 both become 2.3
        String sql = """
                SELECT round(leverage,1) as lev, count() as n
                FROM dolphin.trade_events GROUP BY lev ORDER BY lev""";
        List<List<Object>> halfAwayInDouble = leverageRows(l -> (float) (Math.round(l * 10.0) / 10.0));
        assertNotEquals(leverageRows(ReferenceQueriesTest::chRound1), halfAwayInDouble, "the seed holds ties");

        assertRows("leverage as written, DuckDB", halfAwayInDouble, query(duckDb, sql), Map.of());
    }

    private static List<List<Object>> leverageRows(Function<Float, Float> round) {
        return seed.trades.stream().collect(Collectors.groupingBy(t -> round.apply(t.leverage), TreeMap::new,
                        Collectors.counting()))
                .entrySet().stream().map(e -> row((double) e.getKey(), e.getValue())).toList();
    }

    @Test
    void when_scanRatePerHourQueried_then_bothStoresCountTheLast24Hours() throws Exception {
        String ch = """
                SELECT toStartOfHour(ts) as hour, count() as scans
                FROM dolphin.eigen_scans
                WHERE ts >= now() - INTERVAL 24 HOUR
                GROUP BY hour ORDER BY hour""";
        String duck = """
                SELECT date_trunc('hour', ts) AS hour, count(*) AS scans
                FROM dolphin.eigen_scans
                WHERE ts >= (now() AT TIME ZONE 'UTC') - INTERVAL 24 HOUR
                GROUP BY hour ORDER BY hour""";
        Instant from = seed.now.minus(Duration.ofHours(24));

        List<List<Object>> expected = seed.scans.stream().filter(s -> !s.ts.isBefore(from))
                .collect(Collectors.groupingBy(s -> s.ts.truncatedTo(ChronoUnit.HOURS), TreeMap::new,
                        Collectors.counting()))
                .entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList();
        assertTrue(expected.size() >= 3, "scans in several hours");

        assertBoth("scan rate", ch, duck, expected, Map.of());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Views

    @Test
    void when_tradeSummary30dSelected_then_bothStoresGiveTheLast30DaysPerStrategy() throws Exception {
        Instant from = seed.now.minus(Duration.ofDays(30));
        List<List<Object>> expected = group(seed.trades.stream().filter(t -> !t.ts.isBefore(from)).toList(),
                Trade::strategy).entrySet().stream()
                .map(e -> {
                    List<Trade> ts = e.getValue();
                    double[] pct = ts.stream().mapToDouble(t -> t.pnlPct).toArray();
                    return row(e.getKey(), (long) ts.size(), wins(ts), winRate(ts), chRound(sum(ts, Trade::pnl), 2),
                            Arrays.stream(pct).average().orElseThrow(), quantile(pct, 0.5),
                            ts.stream().mapToDouble(t -> t.drawdown).max().orElseThrow());
                })
                .toList();
        assertEquals(2, expected.size(), "both strategies traded in the last 30 days");
        assertTrue(seed.trades.stream().anyMatch(t -> t.ts.isBefore(from)), "and earlier");

        assertView("v_trade_summary_30d", "strategy", expected,
                Map.of("avg_pnl_pct", SUM_ORDER, "median_pnl_pct", FLOAT_RESULT));
    }

    @Test
    void when_currentPostureSelected_then_bothStoresGiveTheLatestTransition() throws Exception {
        PostureEvent last = seed.postures.stream().max(Comparator.comparing(PostureEvent::ts)).orElseThrow();

        assertView("v_current_posture", "ts", List.of(row(last.posture, (double) last.rm, last.trigger, last.ts)),
                Map.of());
    }

    @Test
    void when_processHealthSelected_then_bothStoresGiveEachProcessesLastState() throws Exception {
        List<List<Object>> expected = group(seed.processes, ProcessState::process).values().stream()
                .map(rows -> rows.stream().max(Comparator.comparing(ProcessState::ts)).orElseThrow())
                .map(p -> row(p.process, p.group, p.state, p.pid, p.uptime, p.ts))
                .sorted(Comparator.comparing((List<Object> x) -> (String) x.get(1))
                        .thenComparing(x -> (String) x.get(0)))
                .toList();

        assertView("v_process_health", "group_name, process_name", expected, Map.of());
    }

    @Test
    void when_scanLatency1hSelected_then_bothStoresGiveTheLastHoursPercentiles() throws Exception {
        double[] lastHour = seed.lastHourLatencies();
        List<Object> expected = row(quantile(lastHour, 0.5), quantile(lastHour, 0.95), quantile(lastHour, 0.99),
                (long) lastHour.length);
        Map<String, DoubleUnaryOperator> tol = Map.of("p50_ms", FLOAT_RESULT, "p95_ms", FLOAT_RESULT,
                "p99_ms", FLOAT_RESULT);
        List<Result> both = new ArrayList<>();

        for (WarmStoreConfig store : List.of(clickHouse.config(false), duckDb)) {
            Instant before = Instant.now();
            Result r = query(store, "SELECT * FROM dolphin.v_scan_latency_1h");
            Instant after = Instant.now();
            // window_start is the store's now() at the query, less an hour (ClickHouse's now() has whole seconds)
            Instant windowStart = (Instant) r.rows.get(0).get(4);
            assertFalse(windowStart.isBefore(before.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1)))
                    || windowStart.isAfter(after.minus(Duration.ofHours(1))), store.dialect() + " window_start "
                    + windowStart + " not in [" + before + ", " + after + "] - 1h");
            Result withoutStart = r.without("window_start");
            assertRows("v_scan_latency_1h, " + store.dialect(), List.of(expected), withoutStart, tol);
            both.add(withoutStart);
        }
        assertStoresAgree("v_scan_latency_1h", both.get(0), both.get(1), tol);
    }

    @Test
    void when_noScanInTheLastHour_then_clickHouseSaysNanWhereDuckDbSaysNull() throws Exception {
        // dolphin_green has no scans: the same "no value", spelt NaN by ClickHouse's quantile and NULL by DuckDB's
        Result ch = query(clickHouse.config(false), "SELECT * FROM dolphin_green.v_scan_latency_1h");
        Result duck = query(duckDb, "SELECT * FROM dolphin_green.v_scan_latency_1h");

        assertTrue(Double.isNaN((Double) ch.rows.get(0).get(0)), "ClickHouse p50_ms " + ch.rows);
        assertNull(duck.rows.get(0).get(0), "DuckDB p50_ms");
        assertEquals(0L, ch.rows.get(0).get(3));
        assertEquals(0L, duck.rows.get(0).get(3));
    }

    @Test
    void when_systemStats1hSelected_then_bothStoresGiveFiveMinuteBucketsOfTheLastHour() throws Exception {
        Instant from = seed.now.minus(Duration.ofHours(1));
        List<List<Object>> expected = seed.stats.stream().filter(s -> !s.ts.isBefore(from))
                .collect(Collectors.groupingBy(s -> Instant.ofEpochSecond(s.ts.getEpochSecond() / 300 * 300),
                        TreeMap::new, Collectors.toList()))
                .entrySet().stream().map(e -> row(e.getKey(),
                        e.getValue().stream().mapToDouble(s -> s.memPct).average().orElseThrow(),
                        e.getValue().stream().mapToDouble(s -> s.load1m).average().orElseThrow(),
                        e.getValue().stream().mapToDouble(s -> s.rx).max().orElseThrow(),
                        e.getValue().stream().mapToDouble(s -> s.tx).max().orElseThrow()))
                .toList();
        assertTrue(expected.size() >= 11, "the hour spans 12 or 13 buckets: " + expected.size());
        assertTrue(seed.stats.stream().anyMatch(s -> s.ts.isBefore(from)), "the seed has older stats");

        assertView("v_system_stats_1h", null, expected, Map.of("mem_pct_avg", SUM_ORDER, "load_avg", SUM_ORDER));
    }

    @Test
    void when_scanCausalChainSelected_then_bothStoresJoinScansToTradesByScanUuid() throws Exception {
        List<List<Object>> expected = new ArrayList<>();
        for (Scan s : seed.scans) {
            for (Trade t : seed.trades) {
                if (!s.uuid.isEmpty() && s.uuid.equals(t.scanUuid)) {
                    expected.add(row(s.uuid, s.ts, s.number, (double) s.velDiv, (double) s.scanToFill,
                            (double) s.stepBar, t.ts, t.asset, "SHORT", t.entry, t.exit, t.pnl, t.exitReason,
                            t.posture));
                }
            }
        }
        expected.sort(Comparator.comparing((List<Object> x) -> (String) x.get(0))
                .thenComparing(x -> (Instant) x.get(6)));
        assertTrue(seed.trades.stream().filter(t -> t.scanUuid.isEmpty()).count() > 1
                && seed.scans.stream().anyMatch(s -> s.uuid.isEmpty()), "untraced trades and an untraced scan");

        assertView("v_scan_causal_chain", "scan_uuid, trade_ts", expected, Map.of());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Comparison

    /** {@code SELECT *} of the view on both stores, ordered by {@code orderBy} (a view without an order has none). */
    private static void assertView(String view, String orderBy, List<List<Object>> expected,
                                   Map<String, DoubleUnaryOperator> tol) throws Exception {
        String sql = "SELECT * FROM dolphin." + view + (orderBy == null ? "" : " ORDER BY " + orderBy);
        assertBoth(view, sql, sql, expected, tol);
    }

    private static void assertBoth(String what, String clickHouseSql, String duckDbSql, List<List<Object>> expected,
                                   Map<String, DoubleUnaryOperator> tol) throws Exception {
        assertFalse(expected.isEmpty(), what + ": the seed gives rows");
        Result ch = query(clickHouse.config(false), clickHouseSql);
        Result duck = query(duckDb, duckDbSql);
        assertRows(what + ", ClickHouse", expected, ch, tol);
        assertRows(what + ", DuckDB", expected, duck, tol);
        assertStoresAgree(what, ch, duck, tol);
    }

    /** Each store within the tolerance of the Java value, so within twice of each other. */
    private static void assertStoresAgree(String what, Result ch, Result duck, Map<String, DoubleUnaryOperator> tol) {
        assertEquals(ch.columns, duck.columns, what + ": the same columns");
        Map<String, DoubleUnaryOperator> twice = new LinkedHashMap<>();
        tol.forEach((k, v) -> twice.put(k, e -> 2 * v.applyAsDouble(e)));
        assertRows(what + ", ClickHouse vs DuckDB", ch.rows, duck, twice);
    }

    private static void assertRows(String what, List<List<Object>> expected, Result actual,
                                   Map<String, DoubleUnaryOperator> tol) {
        assertEquals(expected.size(), actual.rows.size(), what + ": rows " + actual.rows);
        for (int r = 0; r < expected.size(); r++) {
            List<Object> e = expected.get(r);
            List<Object> a = actual.rows.get(r);
            assertEquals(e.size(), a.size(), what + ": columns of row " + r + " " + a);
            for (int c = 0; c < e.size(); c++) {
                String col = actual.columns.get(c);
                String where = what + ": row " + r + " column " + col + " (expected " + e + ", got " + a + ")";
                if (e.get(c) instanceof Double d && a.get(c) instanceof Double x) {
                    double allowed = tol.getOrDefault(col, v -> 0).applyAsDouble(d);
                    assertTrue(Math.abs(d - x) <= allowed, where + ": |" + d + " - " + x + "| > " + allowed);
                } else {
                    assertEquals(e.get(c), a.get(c), where);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Java computations

    /** ClickHouse's {@code round(x, s)} of a Float64: scale, round half to even, unscale, in double. */
    private static double chRound(double x, int scale) {
        double f = Math.pow(10, scale);
        return Math.rint(x * f) / f;
    }

    /** ClickHouse's {@code round(x, 1)} of a Float32: the same in float arithmetic. */
    private static float chRound1(float x) {
        return (float) Math.rint(x * 10f) / 10f;
    }

    /** Linear interpolation between closest ranks (R-7): ClickHouse's quantile below 8192 values, quantile_cont. */
    private static double quantile(double[] values, double level) {
        double[] v = values.clone();
        Arrays.sort(v);
        double h = level * (v.length - 1);
        int lo = (int) Math.floor(h);
        return lo + 1 >= v.length ? v[lo] : v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
    }

    private static double sum(List<Trade> trades, Function<Trade, Double> f) {
        return trades.stream().mapToDouble(f::apply).sum();
    }

    private static long wins(List<Trade> trades) {
        return trades.stream().filter(t -> t.pnl > 0).count();
    }

    private static double winRate(List<Trade> trades) {
        return chRound((double) wins(trades) / trades.size() * 100, 1);
    }

    private static <T> Map<String, List<T>> group(List<T> rows, Function<T, String> key) {
        return rows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    }

    private static LocalDate date(Instant ts) {
        return ts.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stores

    /** Rows with every value as String, Long, Double, Instant (a UTC time), LocalDate or null. */
    private record Result(List<String> columns, List<List<Object>> rows) {
        Result without(String column) {
            int i = columns.indexOf(column);
            List<String> cols = new ArrayList<>(columns);
            cols.remove(i);
            return new Result(cols, rows.stream().map(r -> {
                List<Object> x = new ArrayList<>(r);
                x.remove(i);
                return (List<Object>) x;
            }).toList());
        }
    }

    private static Result query(WarmStoreConfig store, String sql) throws SQLException {
        try (Connection c = store.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnLabel(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(value(rs, i, md.getColumnTypeName(i), store.dialect()));
                }
                rows.add(row);
            }
            return new Result(columns, rows);
        }
    }

    private static Object value(ResultSet rs, int i, String type, Dialect dialect) throws SQLException {
        String t = type.replaceFirst("^Nullable\\(", "").replaceFirst("^LowCardinality\\(", "");
        if (t.startsWith("DateTime") || t.startsWith("TIMESTAMP")) {
            if (dialect == Dialect.CLICKHOUSE) {
                ZonedDateTime z = rs.getObject(i, ZonedDateTime.class);
                return z == null ? null : z.toInstant();
            }
            LocalDateTime utc = rs.getObject(i, LocalDateTime.class); // DuckDB TIMESTAMP: the UTC wall clock
            return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
        }
        if (t.equalsIgnoreCase("Date")) {
            return rs.getObject(i, LocalDate.class);
        }
        Object o = rs.getObject(i);
        if (o instanceof Float || o instanceof Double || o instanceof BigDecimal) {
            return ((Number) o).doubleValue();
        }
        if (o instanceof BigInteger b) {
            return b.longValueExact();
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        return o == null ? null : o.toString();
    }

    private static void execute(WarmStoreConfig store, String sql) throws SQLException {
        try (Connection c = store.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The seed: the same rows for both stores, times relative to now, in UTC

    private record Trade(Instant ts, String strategy, String asset, String exitReason, double pnl, float pnlPct,
                         float leverage, float drawdown, float velDiv, String posture, String scanUuid, double entry,
                         double exit, int barsHeld) {
    }

    private record Scan(Instant ts, long number, float velDiv, float scanToFill, float stepBar, String uuid) {
    }

    private record Snapshot(Instant ts, double capital, float roi, float dd, String posture, float velDiv) {
    }

    private record PostureEvent(Instant ts, String posture, float rm, String prev, String trigger) {
    }

    private record ProcessState(Instant ts, String process, String group, String state, long pid, long uptime) {
    }

    private record Stat(Instant ts, float memPct, float load1m, float rx, float tx) {
    }

    private static final class Seed {
        final Instant now;
        final LocalDate today;
        final List<Trade> trades = new ArrayList<>();
        final List<Scan> scans = new ArrayList<>();
        final List<Snapshot> snapshots = new ArrayList<>();
        final List<PostureEvent> postures = new ArrayList<>();
        final List<ProcessState> processes = new ArrayList<>();
        final List<Stat> stats = new ArrayList<>();

        Seed(Instant now) {
            this.now = now;
            this.today = date(now);
            Instant midnight = today.atStartOfDay(ZoneOffset.UTC).toInstant();

            // Scans: 11 in the last hour (one untraced), 4 more within 24 hours, 3 older
            float[] latency = {12.5f, 8.25f, 31.75f, 9.1f, 15.5f, 120.25f, 11.0f, 10.5f, 45.3f, 9.75f, 13.25f};
            for (int i = 0; i < latency.length; i++) {
                scan(now.minus(Duration.ofMinutes(55 - 5L * i)), 1000 + i, latency[i], i == 5 ? "" : uuid(i));
            }
            scan(now.minus(Duration.ofHours(2)), 990, 14.0f, uuid(20));
            scan(now.minus(Duration.ofHours(3)), 980, 16.5f, uuid(21));
            scan(now.minus(Duration.ofMinutes(190)), 979, 17.25f, uuid(22));
            scan(now.minus(Duration.ofHours(23)), 900, 18.0f, uuid(23));
            scan(now.minus(Duration.ofDays(2)).minus(Duration.ofMinutes(5)), 500, 22.0f, uuid(30));
            scan(now.minus(Duration.ofDays(5)).minus(Duration.ofMinutes(5)), 300, 25.5f, uuid(31));
            scan(now.minus(Duration.ofDays(40)), 100, 30.0f, uuid(32));

            // Trades: 12 over 3 assets, both strategies, 4 today, 5 earlier in the 30 days, 3 older; pnl in eighths,
            // so sums are exact and some land on a rounding tie (-1.625, 19.375, 12.625); leverages 2.25 and 2.35
            // are ties of round(leverage, 1) in ClickHouse's Float32 arithmetic
            trade(sinceMidnight(1), "blue", "ENJUSDT", "FIXED_TP", 8.125, 0.0095f, 2.25f, 0.8f, uuid(8));
            trade(sinceMidnight(2), "green", "LTCUSDT", "MAX_HOLD", -3.5, -0.0041f, 2.35f, 1.6f, uuid(9));
            trade(sinceMidnight(3), "blue", "BTCUSDT", "FIXED_TP", 9.5, 0.0095f, 3.0f, 0.4f, uuid(10));
            trade(sinceMidnight(4), "green", "ENJUSDT", "MAX_HOLD", -1.25, -0.0013f, 2.0f, 2.1f, uuid(10));
            trade(now.minus(Duration.ofDays(2)), "blue", "LTCUSDT", "MAX_HOLD", -4.75, -0.0052f, 2.5f, 3.3f, uuid(30));
            trade(now.minus(Duration.ofDays(5)), "green", "BTCUSDT", "FIXED_TP", 7.375, 0.0095f, 3.0f, 1.2f, uuid(30));
            trade(now.minus(Duration.ofDays(9)), "blue", "ENJUSDT", "HIBERNATE_HALT", -6.0, -0.0066f, 2.25f, 4.7f,
                    uuid(99));
            trade(now.minus(Duration.ofDays(15)), "green", "LTCUSDT", "FIXED_TP", 10.0, 0.0095f, 2.35f, 0.9f, "");
            trade(now.minus(Duration.ofDays(29)), "blue", "BTCUSDT", "MAX_HOLD", 0.625, 0.0007f, 1.5f, 2.8f, "");
            trade(now.minus(Duration.ofDays(35)), "green", "ENJUSDT", "SUBDAY_ACB_NORMALIZATION", -2.5, -0.0027f,
                    2.5f, 5.5f, "");
            trade(now.minus(Duration.ofDays(40)), "blue", "LTCUSDT", "HIBERNATE_HALT", -7.25, -0.008f, 2.0f, 6.1f, "");
            trade(now.minus(Duration.ofDays(60)), "green", "BTCUSDT", "MAX_HOLD", 1.875, 0.0021f, 3.5f, 1.0f, "");

            // Status snapshots (DateTime64(3)): around and exactly at "today() - 7 days"
            Instant weekStart = midnight.minus(Duration.ofDays(7));
            snapshot(now.minus(Duration.ofHours(1)), 25_120.5, 0.48f, 1.2f, "APEX", -0.012f);
            snapshot(now.minus(Duration.ofDays(1)), 25_060.25, 0.24f, 1.9f, "TURTLE", 0.004f);
            snapshot(now.minus(Duration.ofDays(3)), 24_990.0, -0.04f, 2.6f, "APEX", -0.021f);
            snapshot(weekStart, 24_950.75, -0.2f, 3.1f, "TURTLE", 0.017f);
            snapshot(weekStart.minusMillis(1), 24_950.5, -0.2f, 3.1f, "TURTLE", 0.016f);
            snapshot(now.minus(Duration.ofDays(10)), 24_800.0, -0.8f, 4.4f, "HIBERNATE", 0.031f);
            snapshot(now.minus(Duration.ofDays(30)), 25_000.0, 0.0f, 0.0f, "APEX", -0.002f);

            String trigger = "{\"cat1\":0.82,\"cat2\":0.41,\"cat3\":0.9,\"cat4\":0.67}";
            postures.add(new PostureEvent(now.minus(Duration.ofDays(3)), "APEX", 0.91f, "TURTLE", trigger));
            postures.add(new PostureEvent(now.minus(Duration.ofDays(1)), "TURTLE", 0.62f, "APEX", trigger));
            postures.add(new PostureEvent(now.minus(Duration.ofHours(2)), "HIBERNATE", 0.21f, "TURTLE",
                    "{\"cat1\":0.2,\"cat2\":0.3,\"cat3\":0.1,\"cat4\":0.5}"));
            postures.add(new PostureEvent(now.minus(Duration.ofMinutes(10)), "TURTLE", 0.58f, "HIBERNATE",
                    "{\"cat1\":0.7,\"cat2\":0.55,\"cat3\":0.6,\"cat4\":0.61}"));

            process(now.minus(Duration.ofHours(2)), "obf_ingest", "dolphin_data", "RUNNING", 101, 3600);
            process(now.minus(Duration.ofMinutes(1)), "obf_ingest", "dolphin_data", "RUNNING", 101, 10_800);
            process(now.minus(Duration.ofHours(3)), "warm_sink", "dolphin_data", "RUNNING", 102, 500);
            process(now.minus(Duration.ofMinutes(30)), "warm_sink", "dolphin_data", "EXITED", 0, 0);
            process(now.minus(Duration.ofDays(1)), "trader", "dolphin", "STOPPED", 0, 0);
            process(now.minus(Duration.ofMinutes(5)), "trader", "dolphin", "RUNNING", 205, 300);
            process(now.minus(Duration.ofMinutes(10)), "acb", "dolphin", "RUNNING", 206, 7200);

            // System stats (DateTime64(3)): every 4 minutes of the last hour, and two older
            for (int i = 0; i < 14; i++) {
                stat(now.minus(Duration.ofMinutes(58 - 4L * i)), 40f + i * 0.7f, 1.5f + (i % 5) * 0.35f,
                        2f + (i % 3) * 1.25f, 0.5f + (i % 4) * 0.3f);
            }
            stat(now.minus(Duration.ofMinutes(65)), 90f, 9f, 99f, 99f);
            stat(now.minus(Duration.ofHours(3)), 91f, 9.5f, 98f, 97f);
        }

        private static String uuid(int i) {
            return String.format(Locale.ROOT, "01938a7e-5c00-7000-8000-%012d", i);
        }

        private void scan(Instant ts, long number, float scanToFill, String uuid) {
            scans.add(new Scan(ts, number, -0.01f * (number % 7), scanToFill, scanToFill / 4, uuid));
        }

        /** The k-th of four moments of today before now (k = 1..4): today's trades are today even just past midnight. */
        private Instant sinceMidnight(int k) {
            Instant midnight = today.atStartOfDay(ZoneOffset.UTC).toInstant();
            return midnight.plus(Duration.between(midnight, now).multipliedBy(k).dividedBy(5)).plusNanos(k * 1_000L)
                    .truncatedTo(ChronoUnit.MICROS);
        }

        private void trade(Instant ts, String strategy, String asset, String reason, double pnl, float pnlPct,
                           float leverage, float dd, String uuid) {
            int i = trades.size();
            trades.add(new Trade(ts, strategy, asset, reason, pnl, pnlPct, leverage, dd, -0.02f - 0.001f * i,
                    i % 3 == 0 ? "TURTLE" : "APEX", uuid, 100.0 + i, 100.0 + i - pnl / 10, 10 + 10 * i));
        }

        private void snapshot(Instant ts, double capital, float roi, float dd, String posture, float velDiv) {
            snapshots.add(new Snapshot(ts.truncatedTo(ChronoUnit.MILLIS), capital, roi, dd, posture, velDiv));
        }

        private void process(Instant ts, String name, String group, String state, long pid, long uptime) {
            processes.add(new ProcessState(ts, name, group, state, pid, uptime));
        }

        private void stat(Instant ts, float memPct, float load, float rx, float tx) {
            stats.add(new Stat(ts.truncatedTo(ChronoUnit.MILLIS), memPct, load, rx, tx));
        }

        double[] lastHourLatencies() {
            Instant from = now.minus(Duration.ofHours(1));
            return scans.stream().filter(s -> !s.ts.isBefore(from)).mapToDouble(s -> s.scanToFill).toArray();
        }

        static final List<String> TABLES = List.of("trade_events", "eigen_scans", "status_snapshots", "posture_events",
                "supervisord_state", "system_stats");

        /** INSERTs both dialects accept: literals only, times as UTC text. */
        List<String> inserts() {
            List<String> out = new ArrayList<>();
            out.add(insert("trade_events", trades, t -> List.of(MICROS.format(t.ts), date(t.ts).toString(),
                    t.strategy, t.asset, "SHORT", t.entry, t.exit, 250.0, t.pnl, t.pnlPct, t.exitReason, t.velDiv,
                    1.25f, 0.75f, t.posture, t.leverage, 1, 25_000.0, 25_000.0 + t.pnl, 25_500.0, t.drawdown, 0,
                    t.scanUuid, t.barsHeld)));
            out.add(insert("eigen_scans", scans, s -> List.of(MICROS.format(s.ts), s.number, s.velDiv, 0.01f, 0.02f,
                    0.3f, s.scanToFill, s.stepBar, s.uuid)));
            out.add(insert("status_snapshots", snapshots, s -> List.of(MILLIS.format(s.ts), s.capital, s.roi, s.dd,
                    42, s.posture, 0.7f, s.velDiv, 1, "TRADING", "GREEN", 1.25f, 0.1f)));
            out.add(insert("posture_events", postures, p -> List.of(MICROS.format(p.ts), p.posture, p.rm, p.prev,
                    p.trigger, "")));
            out.add(insert("supervisord_state", processes, p -> List.of(MICROS.format(p.ts), p.process, p.group,
                    p.state, p.pid, p.uptime, p.state.equals("EXITED") ? 1 : 0, "supervisord")));
            out.add(insert("system_stats", stats, s -> List.of(MILLIS.format(s.ts), 12.5f, 18.25f, s.memPct,
                    s.load1m, s.load1m, s.load1m, s.rx, s.tx, "eth0")));
            return out;
        }

        private static <T> String insert(String table, List<T> rows, Function<T, List<?>> values) {
            return "INSERT INTO dolphin." + table + " VALUES " + rows.stream()
                    .map(r -> values.apply(r).stream().map(Seed::literal).collect(Collectors.joining(", ", "(", ")")))
                    .collect(Collectors.joining(", "));
        }

        /**
         * A float as the exact binary fraction {@code m / 2^k} it is: both dialects divide two exact doubles, then narrow
         * to Float32/REAL without loss. Decimal text is read differently: DuckDB types a plain 0.026999999 as DECIMAL and
         * casts it to REAL through a float of its digits (-0.0270000007, not the nearest float -0.0269999988);
         * ClickHouse's default fast float parser (precise_float_parsing = 0) reads 47E-1 as a float ulp above 4.7f.
         */
        private static String exactFraction(float f) {
            if (f == 0 || Math.getExponent(f) >= 23) {
                return Long.toString((long) f);
            }
            if (Math.getExponent(f) < -38) {
                throw new IllegalArgumentException("too small for a long fraction: " + f);
            }
            int k = 23 - Math.getExponent(f);
            long m = (long) Math.scalb(f, k);
            while (k > 0 && m % 2 == 0) {
                m /= 2;
                k--;
            }
            return k == 0 ? Long.toString(m) : "(" + m + " / " + (1L << k) + ")";
        }

        private static String literal(Object v) {
            if (v instanceof String s) {
                return "'" + s.replace("'", "''") + "'";
            }
            if (v instanceof Float f) {
                return exactFraction(f);
            }
            if (v instanceof Double d) {
                return BigDecimal.valueOf(d).toPlainString(); // short decimals: both read them to the nearest double
            }
            return v.toString();
        }
    }
}
