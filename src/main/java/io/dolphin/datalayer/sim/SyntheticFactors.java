package io.dolphin.datalayer.sim;

import io.dolphin.datalayer.common.Json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic answers in the shapes of the public APIs behind the default factor endpoints (Binance USD-M futures
 * market data, Deribit's volatility index, alternative.me's fear &amp; greed). Numbers are sent as text where those
 * APIs send text. Each series is a mean-reverting random walk around a level like the reference's example.
 */
final class SyntheticFactors {

    private final SplittableRandom random;
    private final Map<String, Double> walks = new HashMap<>();

    SyntheticFactors(long seed) {
        this.random = new SplittableRandom(seed);
    }

    synchronized FactorEndpoints.Reply reply(String path, String query) {
        Map<String, String> q = params(query);
        String symbol = q.getOrDefault("symbol", q.getOrDefault("pair", q.getOrDefault("currency", "")));
        boolean btc = symbol.startsWith("BTC");
        boolean eth = symbol.startsWith("ETH");
        long now = System.currentTimeMillis();
        if ("/fng/".equals(path)) {
            return FactorEndpoints.Reply.json(Json.write(fearGreed(now)));
        }
        if (!btc && !eth) {
            return FactorEndpoints.Reply.status(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
        }
        Object body = switch (path) {
            case "/fapi/v1/premiumIndex" -> premiumIndex(symbol, btc, now);
            case "/fapi/v1/openInterest" -> Map.of("openInterest", text(walk("oi" + symbol, btc ? 97583.527
                    : 2246343.627, btc ? 40 : 900, 3)), "symbol", symbol, "time", now);
            case "/futures/data/globalLongShortAccountRatio" -> List.of(longShort(symbol, btc, now));
            case "/futures/data/takerlongshortRatio" -> List.of(taker(symbol, now));
            case "/futures/data/basis" -> List.of(basis(symbol, now));
            case "/fapi/v1/depth" -> depth(now);
            case "/api/v2/public/get_volatility_index_data" -> dvol(btc, now);
            default -> null;
        };
        if (body == null) {
            return FactorEndpoints.Reply.status(404, "{\"code\":-5000,\"msg\":\"Path " + path + " not found\"}");
        }
        return FactorEndpoints.Reply.json(Json.write(body));
    }

    private Map<String, Object> premiumIndex(String symbol, boolean btc, long now) {
        double index = walk("index" + symbol, btc ? 84500 : 1590, btc ? 15 : 1.2, 2);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", symbol);
        m.put("markPrice", text(index * (1 + walk("premium" + symbol, 0, 0.0001, 6))));
        m.put("indexPrice", text(index));
        m.put("estimatedSettlePrice", text(index));
        m.put("lastFundingRate", text(walk("funding" + symbol, btc ? -5.085e-05 : 1.648e-05, 2e-6, 8)));
        m.put("interestRate", "0.00010000");
        m.put("nextFundingTime", (now / 28_800_000L + 1) * 28_800_000L);
        m.put("time", now);
        return m;
    }

    private Map<String, Object> longShort(String symbol, boolean btc, long now) {
        double ratio = walk("ls" + symbol, btc ? 0.8218 : 1.4067, 0.01, 4);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", symbol);
        m.put("longShortRatio", text(ratio));
        m.put("longAccount", text(ratio / (1 + ratio)));
        m.put("shortAccount", text(1 / (1 + ratio)));
        m.put("timestamp", Long.toString(now / 300_000L * 300_000L));
        return m;
    }

    private Map<String, Object> taker(String symbol, long now) {
        double ratio = walk("taker" + symbol, 1.0, 0.08, 4);
        double sell = 300 + random.nextDouble() * 200;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("buySellRatio", text(ratio));
        m.put("buyVol", text(sell * ratio));
        m.put("sellVol", text(sell));
        m.put("timestamp", Long.toString(now / 300_000L * 300_000L));
        return m;
    }

    private Map<String, Object> basis(String pair, long now) {
        double index = walk("index" + pair, 84500, 15, 2);
        double rate = walk("basis" + pair, -0.0007784355, 0.00002, 10);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("indexPrice", text(index));
        m.put("contractType", "PERPETUAL");
        m.put("basisRate", text(rate));
        m.put("futuresPrice", text(index * (1 + rate)));
        m.put("annualizedBasisRate", "");
        m.put("basis", text(index * rate));
        m.put("pair", pair);
        m.put("timestamp", now / 300_000L * 300_000L);
        return m;
    }

    private Map<String, Object> depth(long now) {
        double mid = walk("indexBTCUSDT", 84500, 15, 2);
        double tilt = Math.max(-0.9, Math.min(0.9, walk("tilt", 0, 0.05, 3)));
        List<List<String>> bids = new ArrayList<>();
        List<List<String>> asks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bids.add(List.of(text(mid - 0.1 * (i + 1)), text((0.5 + random.nextDouble() * 3) * (1 + tilt))));
            asks.add(List.of(text(mid + 0.1 * (i + 1)), text((0.5 + random.nextDouble() * 3) * (1 - tilt))));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lastUpdateId", now);
        m.put("E", now);
        m.put("T", now);
        m.put("bids", bids);
        m.put("asks", asks);
        return m;
    }

    private Map<String, Object> dvol(boolean btc, long now) {
        List<List<Object>> candles = new ArrayList<>();
        long minute = now / 60_000L * 60_000L;
        double level = walk("dvol" + btc, btc ? 52.34 : 68.1, 0.15, 2);
        for (int i = 59; i >= 0; i--) {
            double close = i == 0 ? level : level + (random.nextDouble() - 0.5) * 0.6;
            candles.add(List.of(minute - i * 60_000L, close - 0.05, close + 0.1, close - 0.12, close));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", candles);
        result.put("continuation", null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jsonrpc", "2.0");
        m.put("result", result);
        m.put("usIn", now * 1000);
        m.put("usOut", now * 1000 + 180);
        m.put("usDiff", 180);
        m.put("testnet", false);
        return m;
    }

    private Map<String, Object> fearGreed(long now) {
        long value = Math.round(Math.max(0, Math.min(100, walk("fng", 45, 0.3, 2))));
        String label = value < 25 ? "Extreme Fear" : value < 46 ? "Fear" : value < 55 ? "Neutral"
                : value < 76 ? "Greed" : "Extreme Greed";
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("value", Long.toString(value));
        entry.put("value_classification", label);
        entry.put("timestamp", Long.toString(now / 86_400_000L * 86_400L));
        entry.put("time_until_update", Long.toString(86_400L - (now / 1000) % 86_400L));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("error", null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "Fear and Greed Index");
        m.put("data", List.of(entry));
        m.put("metadata", metadata);
        return m;
    }

    /** One step of an Ornstein-Uhlenbeck-like walk towards {@code level}, rounded to {@code decimals}. */
    private double walk(String series, double level, double step, int decimals) {
        double v = walks.getOrDefault(series, level);
        v += 0.1 * (level - v) + step * (random.nextDouble() * 2 - 1);
        walks.put(series, v);
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    private static String text(double v) {
        return String.format(Locale.ROOT, "%.8f", v);
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new HashMap<>();
        if (query == null) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }
}
