package io.dolphin.datalayer.obf;

import io.dolphin.datalayer.common.Json;
import io.dolphin.datalayer.common.JsonCodec;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.MalformedJsonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * {@code asset_<SYMBOL>_ob} values: the reference's fields in the reference's order, then {@code ts} (epoch ms of
 * the snapshot), then any unknown fields read earlier. Encoding writes through jackson-core's generator (the layer
 * jackson-jr itself writes with, so numbers look the same as in every other Dolphin value) without building a map
 * first: the ingest job encodes every snapshot.
 */
public final class OrderBookFeaturesCodec implements JsonCodec<OrderBookFeatures> {

    private static final long serialVersionUID = 1L;
    /** Jackson's fast double parser and writer: number text is most of each message, in and out. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    // Field names quoted and escaped once: every snapshot the ingest job accepts is encoded here.
    private static final SerializedString BEST_BID = new SerializedString("best_bid");
    private static final SerializedString BEST_ASK = new SerializedString("best_ask");
    private static final SerializedString SPREAD_BPS = new SerializedString("spread_bps");
    private static final SerializedString DEPTH_1PCT_USD = new SerializedString("depth_1pct_usd");
    private static final SerializedString DEPTH_QUALITY = new SerializedString("depth_quality");
    private static final SerializedString FILL_PROBABILITY = new SerializedString("fill_probability");
    private static final SerializedString IMBALANCE = new SerializedString("imbalance");
    private static final SerializedString N_BID_LEVELS = new SerializedString("n_bid_levels");
    private static final SerializedString N_ASK_LEVELS = new SerializedString("n_ask_levels");
    private static final SerializedString TS = new SerializedString("ts");
    /** Known fields win over an extra of the same name, as {@link JsonObjectWriter#putAbsent} does. */
    private static final Set<String> KNOWN = Set.of("best_bid", "best_ask", "spread_bps", "depth_1pct_usd",
            "depth_quality", "fill_probability", "imbalance", "n_bid_levels", "n_ask_levels", "ts");

    @Override
    public OrderBookFeatures decode(String json) {
        JsonFields f = JsonFields.parse("asset_ob", json);
        return new OrderBookFeatures(
                f.requireDouble("best_bid"),
                f.requireDouble("best_ask"),
                f.requireDouble("spread_bps"),
                f.requireDouble("depth_1pct_usd"),
                f.requireDouble("depth_quality"),
                f.requireDouble("fill_probability"),
                f.requireDouble("imbalance"),
                toInt(f, "n_bid_levels"),
                toInt(f, "n_ask_levels"),
                f.optLong("ts"),
                f.rest());
    }

    @Override
    public String encode(OrderBookFeatures v) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            number(g, BEST_BID, v.bestBid());
            number(g, BEST_ASK, v.bestAsk());
            number(g, SPREAD_BPS, v.spreadBps());
            number(g, DEPTH_1PCT_USD, v.depth1pctUsd());
            number(g, DEPTH_QUALITY, v.depthQuality());
            number(g, FILL_PROBABILITY, v.fillProbability());
            number(g, IMBALANCE, v.imbalance());
            g.writeFieldName(N_BID_LEVELS);
            g.writeNumber(v.nBidLevels());
            g.writeFieldName(N_ASK_LEVELS);
            g.writeNumber(v.nAskLevels());
            if (v.ts() != null) {
                g.writeFieldName(TS);
                g.writeNumber(v.ts());
            }
            for (Map.Entry<String, Object> e : v.extra().entrySet()) {
                if (KNOWN.contains(e.getKey())) {
                    continue;
                }
                g.writeFieldName(e.getKey());
                if (e.getValue() == null) {
                    g.writeNull();
                } else {
                    g.writeRawValue(Json.write(e.getValue()));
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void number(JsonGenerator g, SerializedString name, double value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    private static int toInt(JsonFields f, String name) {
        long v = f.requireLong(name);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new MalformedJsonException("asset_ob: field '" + name + "' out of range: " + v);
        }
        return (int) v;
    }
}
