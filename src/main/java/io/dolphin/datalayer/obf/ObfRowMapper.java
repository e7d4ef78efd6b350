package io.dolphin.datalayer.obf;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.WarmTable;
import io.dolphin.datalayer.common.FeatureKeys;

import java.util.List;

/**
 * {@code DOLPHIN_FEATURES["asset_<SYMBOL>_ob"]} to {@code obf_universe}: the symbol comes from the key, {@code ts}
 * (epoch ms) or the journal read time is the event time; best bid and ask are required, the other features
 * optional. Level counts above 255 do not fit the reference's UInt8 column and are stored as 255 (a deep book is
 * a good record; the hot map keeps the true count).
 */
public final class ObfRowMapper implements RowMapper {

    private static final long serialVersionUID = 1L;
    private static final List<String> NUMBERS = List.of("spread_bps", "depth_1pct_usd", "depth_quality",
            "fill_probability", "imbalance");

    @Override
    public Ordered orderedRows(JournalEvent event, boolean green) {
        // Not OrderBookFeaturesCodec: it requires all nine features obf-ingest writes, a row only best bid and ask.
        JsonFields f = JsonFields.parseLenient(event.key(), event.value());
        Long ts = f.optTimeMicros("ts");
        RowBuilder row = new RowBuilder(WarmTable.OBF_UNIVERSE, green)
                .set("ts", ts != null ? ts : event.readTimeMs() * 1_000L)
                .set("symbol", FeatureKeys.symbolOfOrderBook(event.key()))
                .set("best_bid", f.requireDouble("best_bid"))
                .set("best_ask", f.requireDouble("best_ask"))
                .set("n_bid_levels", saturateUInt8(f.optLong("n_bid_levels")))
                .set("n_ask_levels", saturateUInt8(f.optLong("n_ask_levels")));
        for (String column : NUMBERS) {
            row.set(column, f.optDouble(column));
        }
        return new Ordered(List.of(row.build()), ts);
    }

    private static Long saturateUInt8(Long levels) {
        return levels == null ? null : Math.min(255L, levels);
    }
}
