package io.dolphin.datalayer.trader;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.WarmTable;
import io.dolphin.datalayer.common.MalformedJsonException;

import java.util.List;

/**
 * {@code DOLPHIN_TRADES_*[<trade id>]} to {@code trade_events}: the value is already one row of the table, with
 * {@code ts} in epoch microseconds (required) and {@code date} (derived from {@code ts} when absent). The strategy
 * defaults to the map's colour.
 */
public final class TradeEventRowMapper implements RowMapper {

    private static final long serialVersionUID = 1L;

    @Override
    public Ordered orderedRows(JournalEvent event, boolean green) {
        // Not TradeEventCodec (the reference shape: asset, side, prices, quantity, pnl required): a row needs ts only.
        JsonFields f = JsonFields.parseLenient("trade " + event.key(), event.value());
        Long ts = f.optTimeMicros("ts");
        if (ts == null) {
            throw new MalformedJsonException("trade " + event.key() + ": field 'ts' is missing");
        }
        String date = f.optString("date");
        String strategy = f.optString("strategy");
        RowBuilder row = new RowBuilder(WarmTable.TRADE_EVENTS, green)
                .set("ts", ts)
                .set("date", date != null ? RowBuilder.epochDays(date) : RowBuilder.epochDaysOfMicros(ts))
                .set("strategy", strategy != null ? strategy : green ? "green" : "blue");
        for (WarmTable.Column c : WarmTable.TRADE_EVENTS.columns()) {
            switch (c.name()) {
                case "ts", "date", "strategy" -> { }
                default -> row.set(c.name(), switch (c.type()) {
                    case STRING -> f.optString(c.name());
                    case FLOAT32, FLOAT64 -> f.optDouble(c.name());
                    default -> f.optLong(c.name());
                });
            }
        }
        return new Ordered(List.of(row.build()), ts);
    }
}
