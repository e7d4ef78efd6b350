package io.dolphin.datalayer.exf;

import io.dolphin.datalayer.common.JsonPath;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Takes one number out of a parsed JSON response. Declared per field in {@code jobs/exf-poller.yaml}:
 * <ul>
 *   <li>{@code funding_btc: "$.lastFundingRate"} — the value at a {@link JsonPath}; a JSON number or numeric text
 *   (exchanges send {@code "-0.00005085"} as a string);</li>
 *   <li>{@code basis: {path: "$[-1].basisRate", scale: 100}} — the same, multiplied by {@code scale};</li>
 *   <li>{@code imbalance_btc: {book-imbalance: {bids: "$.bids", asks: "$.asks", levels: 20}}} —
 *   {@code (Σ bid qty − Σ ask qty) / (Σ bid qty + Σ ask qty)} over the best {@code levels} levels of an order book
 *   given as {@code [[price, qty], ...]}, best first; in [-1, 1], negative when asks outweigh bids.</li>
 * </ul>
 */
sealed interface FieldExtractor extends Serializable {

    /**
     * @param document what jackson-jr made of the body (map, list, ...)
     * @throws ExtractionException with {@link FailureKind#FIELD_MISSING} or {@link FailureKind#NOT_NUMERIC}
     */
    double extract(Object document);

    /** Reads the descriptor's form (text, or a mapping as above). */
    @SuppressWarnings("unchecked")
    static FieldExtractor parse(String field, Object spec) {
        if (spec instanceof String path) {
            return new AtPath(JsonPath.parse(path), 1.0);
        }
        if (spec instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            if (map.containsKey("path")) {
                Object scale = map.getOrDefault("scale", 1.0);
                if (!(scale instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    throw new IllegalArgumentException("field '" + field + "': scale must be a number, got " + scale);
                }
                return new AtPath(JsonPath.parse(String.valueOf(map.get("path"))), n.doubleValue());
            }
            if (map.get("book-imbalance") instanceof Map<?, ?> book) {
                Object levels = book.get("levels");
                return new BookImbalance(JsonPath.parse(String.valueOf(book.get("bids"))),
                        JsonPath.parse(String.valueOf(book.get("asks"))),
                        levels == null ? Integer.MAX_VALUE : ((Number) levels).intValue());
            }
        }
        throw new IllegalArgumentException("field '" + field + "': expected a JSON path such as \"$.price\", "
                + "{path: ..., scale: ...} or {book-imbalance: {bids: ..., asks: ...}}, got " + spec);
    }

    /** A number, or text that is one; anything else is not numeric. */
    static double number(Object value, String where) {
        if (value == null) {
            throw new ExtractionException(FailureKind.FIELD_MISSING, where + " is missing");
        }
        double d;
        if (value instanceof Number n) {
            d = n.doubleValue();
        } else if (value instanceof String s) {
            try {
                d = Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                throw notNumeric(where, value);
            }
        } else {
            throw notNumeric(where, value);
        }
        if (!Double.isFinite(d)) {
            throw notNumeric(where, value);
        }
        return d;
    }

    private static ExtractionException notNumeric(String where, Object value) {
        String shown = String.valueOf(value);
        shown = shown.length() > 60 ? shown.substring(0, 57) + "..." : shown;
        String quoted = value instanceof String ? "\"" + shown + "\"" : shown;
        return new ExtractionException(FailureKind.NOT_NUMERIC, where + " is not a number: " + quoted);
    }

    /** The value at a path, times a scale. */
    record AtPath(JsonPath path, double scale) implements FieldExtractor {
        @Override
        public double extract(Object document) {
            return number(path.read(document), "'" + path + "'") * scale;
        }
    }

    /** Quantity imbalance of the best {@code levels} levels of a book. */
    record BookImbalance(JsonPath bids, JsonPath asks, int levels) implements FieldExtractor {
        @Override
        public double extract(Object document) {
            double bid = side(bids.read(document), bids);
            double ask = side(asks.read(document), asks);
            if (bid + ask <= 0) {
                throw new ExtractionException(FailureKind.FIELD_MISSING, "order book '" + bids + "'/'" + asks
                        + "' has no quantity");
            }
            return (bid - ask) / (bid + ask);
        }

        private double side(Object levelsNode, JsonPath path) {
            if (levelsNode == null) {
                throw new ExtractionException(FailureKind.FIELD_MISSING, "'" + path + "' is missing");
            }
            if (!(levelsNode instanceof List<?> list)) {
                throw notNumeric("'" + path + "' (a list of [price, qty])", levelsNode);
            }
            double sum = 0;
            for (int i = 0; i < list.size() && i < levels; i++) {
                if (!(list.get(i) instanceof List<?> level) || level.size() < 2) {
                    throw notNumeric("'" + path + "[" + i + "]' (a [price, qty] pair)", list.get(i));
                }
                sum += number(level.get(1), "'" + path + "[" + i + "][1]'");
            }
            return sum;
        }
    }
}
