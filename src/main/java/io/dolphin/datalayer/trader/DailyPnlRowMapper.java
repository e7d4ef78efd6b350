package io.dolphin.datalayer.trader;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.WarmTable;
import io.dolphin.datalayer.common.Json;

import java.util.List;
import java.util.Map;

/**
 * {@code DOLPHIN_PNL_*[<yyyy-MM-dd>]} to {@code daily_pnl}: one row per update of a day's figures. The date is the
 * key, the strategy the map's colour; fields beyond the two capitals are kept as JSON in {@code extra}.
 */
public final class DailyPnlRowMapper implements RowMapper {

    private static final long serialVersionUID = 1L;

    @Override
    public Ordered orderedRows(JournalEvent event, boolean green) {
        // Not PnlEntryCodec (one of the capitals required): a row needs no field, its date is the key.
        JsonFields f = JsonFields.parseLenient("daily pnl " + event.key(), event.value());
        Long ts = f.optTimeMicros("ts");
        RowBuilder row = new RowBuilder(WarmTable.DAILY_PNL, green)
                .set("date", RowBuilder.epochDays(event.key()))
                .set("ts", ts != null ? ts : event.readTimeMs() * 1_000L)
                .set("strategy", green ? "green" : "blue")
                .set("portfolio_capital", f.optDouble("portfolio_capital"))
                .set("engine_capital", f.optDouble("engine_capital"));
        Map<String, Object> extra = f.rest();
        return new Ordered(List.of(row.set("extra", extra.isEmpty() ? "" : Json.write(extra)).build()), ts);
    }
}
