package io.dolphin.datalayer.warm.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.DolphinMaps;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scripted run of every route: round r writes 20 order books, the factors, ACB, a scan, a blue engine snapshot
 * (posture changes every 5 rounds), a PnL day, meta health, a blue and a green trade and a capital checkpoint.
 * Every row it causes has its own timestamp, so "exactly once" is checkable as count == distinct count == expected.
 */
public final class WarmScript {

    public static final int SYMBOLS = 20;
    static final long BASE_MS = 1_776_269_558_000L;

    private WarmScript() {
    }

    public static void writeRounds(HazelcastInstance hz, int from, int to) {
        IMap<String, String> features = hz.getMap(DolphinMaps.FEATURES);
        for (int r = from; r < to; r++) {
            Map<String, String> books = new LinkedHashMap<>();
            for (int s = 0; s < SYMBOLS; s++) {
                books.put("asset_SYM" + s + "USDT_ob", "{\"best_bid\": " + (100.0 + r) + ", \"best_ask\": " + (101.0 + r)
                        + ", \"spread_bps\": 1.5, \"depth_1pct_usd\": 50000.0, \"n_bid_levels\": 5, \"n_ask_levels\": 7,"
                        + " \"ts\": " + (BASE_MS + r * 1000L + s) + "}");
            }
            features.putAll(books);
            long sec = BASE_MS / 1000 + r;
            features.set("exf_latest", "{\"funding_btc\": -5.0e-05, \"dvol\": 52.3, \"taker\": 0.53, \"_ts\": " + sec + "}");
            features.set("acb_boost", "{\"boost\": 1.4, \"beta\": 0.8, \"signals\": 0.8, \"ts\": " + (BASE_MS + r * 1000L) + "}");
            String scan = "{\"scan_number\": " + (1000 + r) + ", \"timestamp\": " + sec + ".25,"
                    + " \"result\": {\"vel_div\": -0.03}, \"_ng7_metadata\": {\"uuid\": \"u-" + r + "\"}}";
            // as the scan bridge writes a scan: once into the history (its eigen_scans row), then the hot key
            hz.<String, String>getMap(DolphinMaps.EIGEN_SCANS).putIfAbsent(String.valueOf(1000 + r), scan);
            features.set("latest_eigen_scan", scan);
            hz.<String, String>getMap(DolphinMaps.STATE_BLUE).set("engine_snapshot", "{\"capital\": " + (25000 + r)
                    + ", \"posture\": \"" + posture(r) + "\", \"trades_executed\": " + r + ", \"vol_ok\": true,"
                    + " \"timestamp\": " + sec + "}");
            hz.<String, String>getMap(DolphinMaps.STATE_BLUE).set("capital_checkpoint",
                    "{\"capital\": " + (25000 + r) + ", \"ts\": " + sec + "}");
            hz.<String, String>getMap(DolphinMaps.PNL_BLUE).set("2026-04-15",
                    "{\"portfolio_capital\": " + (20000 + r) + ", \"engine_capital\": 20000.0, \"ts\": " + sec + "}");
            hz.<String, String>getMap(DolphinMaps.META_HEALTH).set("latest",
                    "{\"rm_meta\": 0.94, \"status\": \"GREEN\", \"ts\": " + sec + "}");
            hz.<String, String>getMap(DolphinMaps.TRADES_BLUE).set("b-" + r, trade(r, "blue"));
            hz.<String, String>getMap(DolphinMaps.TRADES_GREEN).set("g-" + r, trade(r, "green"));
        }
    }

    static String posture(int r) {
        return (r / 5) % 2 == 0 ? "APEX" : "TURTLE";
    }

    static String trade(int r, String strategy) {
        return "{\"ts\": " + (BASE_MS * 1000 + r * 1_000_000L) + ", \"date\": \"2026-04-15\", \"strategy\": \"" + strategy
                + "\", \"asset\": \"BTCUSDT\", \"side\": \"SHORT\", \"entry_price\": 84500.0, \"exit_price\": 84200.0,"
                + " \"pnl\": 3.0, \"bars_held\": 45}";
    }

    /** Rows per {@code schema.table} that rounds {@code [0, rounds)} cause. */
    public static Map<String, Long> expectedRows(int rounds) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("dolphin.obf_universe", (long) SYMBOLS * rounds);
        m.put("dolphin.exf_data", (long) rounds);
        m.put("dolphin.acb_state", (long) rounds);
        m.put("dolphin.eigen_scans", (long) rounds);
        m.put("dolphin.status_snapshots", (long) rounds);
        m.put("dolphin.posture_events", (long) Math.max(0, (rounds - 1) / 5));
        m.put("dolphin.daily_pnl", (long) rounds);
        m.put("dolphin.meta_health", (long) rounds);
        m.put("dolphin.trade_events", (long) rounds);
        m.put("dolphin_green.trade_events", (long) rounds);
        return m;
    }

    /** The columns that make each row of a table unique in this script. */
    public static String identity(String table) {
        return table.endsWith("obf_universe") ? "symbol, ts" : "ts";
    }
}
