package io.dolphin.datalayer.obf;

import io.dolphin.datalayer.common.MalformedJsonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.dolphin.datalayer.common.FeatureKeys;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Raw order-book messages (docs/obf-ingest.md, "Input") to {@link OrderBookSnapshot} and back:
 * {@code {"symbol":"BTCUSDT","ts":1776269558412,"bids":[[price,qty],...],"asks":[[price,qty],...]}}.
 *
 * <p>Decoding uses jackson-core's streaming parser straight into primitive arrays rather than jackson-jr's
 * databinding into maps and lists: parsing is most of the ingest job's cost, and the streaming path measured
 * ~20% faster on our build machine (docs/obf-ingest.md). It accepts a book only if it is one a trader could act on;
 * everything else is a {@link MalformedJsonException} whose message is the dead-letter reason:
 * <ul>
 *   <li>not JSON, not an object, or text after the object;</li>
 *   <li>{@code symbol} missing or not an exchange symbol ({@code [A-Z0-9]{2,30}});</li>
 *   <li>{@code ts} missing, not a whole number, or not positive (epoch milliseconds);</li>
 *   <li>a side missing or empty; a level that is not {@code [price, qty]};</li>
 *   <li>a price that is not a positive finite number; a quantity that is not a positive finite number
 *       (negative or zero quantities);</li>
 *   <li>a side not sorted best first (bids strictly descending, asks strictly ascending);</li>
 *   <li>a crossed or locked book (best bid ≥ best ask).</li>
 * </ul>
 * Numbers may also arrive as numeric strings ({@code "84500.1"}), as several exchanges quote them. Unknown fields are
 * skipped: the hot value holds features, not the raw book.
 */
public final class OrderBookSnapshotCodec {

    /** Jackson's fast double parser and writer: number text is most of each message, in and out. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    private static final int INITIAL_LEVELS = 32;

    private OrderBookSnapshotCodec() {
    }

    public static OrderBookSnapshot decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws MalformedJsonException with the reason the message is not a usable order book */
    public static OrderBookSnapshot decode(byte[] json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return read(p);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException("order book: not valid JSON: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OrderBookSnapshot read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedJsonException("order book: expected a JSON object");
        }
        String symbol = null;
        long ts = 0;
        boolean hasTs = false;
        Side bids = null;
        Side asks = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                throw new MalformedJsonException("order book: not valid JSON: truncated object");
            }
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "symbol" -> symbol = readSymbol(p, value, symbol);
                case "ts" -> {
                    requireOnce(hasTs, field);
                    ts = readTs(p, value);
                    hasTs = true;
                }
                case "bids" -> bids = readSide(p, value, bids, "bids");
                case "asks" -> asks = readSide(p, value, asks, "asks");
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw new MalformedJsonException("order book: text after the JSON object");
        }
        if (symbol == null) {
            throw new MalformedJsonException("order book: field 'symbol' is missing");
        }
        if (!hasTs) {
            throw new MalformedJsonException("order book " + symbol + ": field 'ts' is missing");
        }
        // Every message is checked; the description is only built for the rare one that fails.
        if (bids == null || bids.size == 0 || asks == null || asks.size == 0 || firstOutOfOrder(bids, true) > 0
                || firstOutOfOrder(asks, false) > 0 || bids.prices[0] >= asks.prices[0]) {
            String what = "order book " + symbol + "@" + ts;
            requireSide(bids, "bids", what);
            requireSide(asks, "asks", what);
            checkOrder(bids, true, what);
            checkOrder(asks, false, what);
            throw new MalformedJsonException(what + ": crossed book: best bid " + bids.prices[0]
                    + " >= best ask " + asks.prices[0]);
        }
        return new OrderBookSnapshot(symbol, ts, bids.prices(), bids.qtys(), asks.prices(), asks.qtys());
    }

    private static String readSymbol(JsonParser p, JsonToken value, String previous) throws IOException {
        requireOnce(previous != null, "symbol");
        if (value != JsonToken.VALUE_STRING) {
            throw new MalformedJsonException("order book: field 'symbol' must be a string, got " + describe(p, value));
        }
        String symbol = p.getText();
        if (!FeatureKeys.isValidSymbol(symbol)) {
            throw new MalformedJsonException("order book: unknown symbol format '" + abbreviate(symbol)
                    + "' (expected 2-30 upper-case letters and digits, e.g. BTCUSDT)");
        }
        return symbol;
    }

    private static long readTs(JsonParser p, JsonToken value) throws IOException {
        long ts;
        if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            ts = p.getLongValue();
        } else if (value == JsonToken.VALUE_NUMBER_FLOAT && p.getDoubleValue() == Math.rint(p.getDoubleValue())
                && Math.abs(p.getDoubleValue()) < 1e15) {
            ts = (long) p.getDoubleValue();
        } else {
            throw new MalformedJsonException("order book: field 'ts' must be epoch milliseconds (a whole number), got "
                    + describe(p, value));
        }
        if (ts <= 0) {
            throw new MalformedJsonException("order book: field 'ts' must be positive epoch milliseconds, got " + ts);
        }
        return ts;
    }

    private static Side readSide(JsonParser p, JsonToken value, Side previous, String name) throws IOException {
        requireOnce(previous != null, name);
        if (value != JsonToken.START_ARRAY) {
            throw new MalformedJsonException("order book: field '" + name + "' must be an array of [price, qty], got "
                    + describe(p, value));
        }
        Side side = new Side();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            int level = side.size;
            if (t != JsonToken.START_ARRAY) {
                throw new MalformedJsonException("order book: " + name + "[" + level + "] must be [price, qty], got "
                        + describe(p, t));
            }
            double price = readNumber(p, p.nextToken(), name, level, "price");
            double qty = readNumber(p, p.nextToken(), name, level, "quantity");
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw new MalformedJsonException("order book: " + name + "[" + level + "] has more than [price, qty]");
            }
            if (!(price > 0) || Double.isInfinite(price)) {
                throw new MalformedJsonException("order book: " + name + "[" + level + "] price must be positive, got "
                        + price);
            }
            if (!(qty > 0) || Double.isInfinite(qty)) {
                throw new MalformedJsonException("order book: " + name + "[" + level + "] "
                        + (qty < 0 ? "negative quantity " : "quantity must be positive, got ") + qty);
            }
            side.add(price, qty);
        }
        return side;
    }

    private static double readNumber(JsonParser p, JsonToken t, String side, int level, String what)
            throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                double d = Double.parseDouble(p.getText().trim());
                if (!Double.isNaN(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // falls through to the reason below
            }
        }
        throw new MalformedJsonException("order book: " + side + "[" + level + "] " + what + " must be a number, got "
                + describe(p, t));
    }

    private static void requireSide(Side side, String name, String what) {
        if (side == null) {
            throw new MalformedJsonException(what + ": field '" + name + "' is missing");
        }
        if (side.size == 0) {
            throw new MalformedJsonException(what + ": empty side: no " + name);
        }
    }

    /** The first level whose price is not strictly worse than the one before it, or -1 if the side is sorted. */
    private static int firstOutOfOrder(Side side, boolean descending) {
        for (int i = 1; i < side.size; i++) {
            if (descending ? side.prices[i] >= side.prices[i - 1] : side.prices[i] <= side.prices[i - 1]) {
                return i;
            }
        }
        return -1;
    }

    private static void checkOrder(Side side, boolean descending, String what) {
        int i = firstOutOfOrder(side, descending);
        if (i > 0) {
            throw new MalformedJsonException(what + ": " + (descending ? "bids" : "asks") + " not sorted best first"
                    + " (strictly " + (descending ? "descending" : "ascending") + "): level " + i + " price "
                    + side.prices[i] + " after " + side.prices[i - 1]);
        }
    }

    private static void requireOnce(boolean seen, String field) {
        if (seen) {
            throw new MalformedJsonException("order book: field '" + field + "' appears twice");
        }
    }

    private static String describe(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_NULL -> "null";
            default -> abbreviate(p.getText());
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The message the feed sends for {@code book}; the simulator and tests produce with it. */
    public static String encode(OrderBookSnapshot book) {
        StringWriter out = new StringWriter(64 + 32 * (book.bidLevels() + book.askLevels()));
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("symbol", book.symbol());
            g.writeNumberField("ts", book.ts());
            writeSide(g, "bids", book.bidPrices(), book.bidQtys());
            writeSide(g, "asks", book.askPrices(), book.askQtys());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeSide(JsonGenerator g, String name, double[] prices, double[] qtys) throws IOException {
        g.writeArrayFieldStart(name);
        for (int i = 0; i < prices.length; i++) {
            g.writeStartArray();
            g.writeNumber(prices[i]);
            g.writeNumber(qtys[i]);
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /** A growable pair of primitive arrays. */
    private static final class Side {
        private double[] prices = new double[INITIAL_LEVELS];
        private double[] qtys = new double[INITIAL_LEVELS];
        private int size;

        void add(double price, double qty) {
            if (size == prices.length) {
                prices = Arrays.copyOf(prices, size * 2);
                qtys = Arrays.copyOf(qtys, size * 2);
            }
            prices[size] = price;
            qtys[size] = qty;
            size++;
        }

        double[] prices() {
            return Arrays.copyOf(prices, size);
        }

        double[] qtys() {
            return Arrays.copyOf(qtys, size);
        }
    }
}
