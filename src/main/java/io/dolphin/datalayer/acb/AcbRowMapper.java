package io.dolphin.datalayer.acb;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.WarmTable;
import java.util.List;

/**
 * {@code DOLPHIN_FEATURES["acb_boost"]} to {@code acb_state}: {@code boost} and {@code beta} are required,
 * {@code signals} optional; {@code ts} (any epoch unit) or the journal read time is the event time.
 */
public final class AcbRowMapper implements RowMapper {

    private static final long serialVersionUID = 1L;

    @Override
    public Ordered orderedRows(JournalEvent event, boolean green) {
        // Not AcbBoostCodec: it requires all three reference fields, a row needs boost and beta only.
        JsonFields f = JsonFields.parseLenient("acb_boost", event.value());
        Long ts = f.optTimeMicros("ts");
        return new Ordered(List.of(new RowBuilder(WarmTable.ACB_STATE, green)
                .set("ts", ts != null ? ts : event.readTimeMs() * 1_000L)
                .set("boost", f.requireDouble("boost"))
                .set("beta", f.requireDouble("beta"))
                .set("signals", f.optDouble("signals"))
                .build()), ts);
    }
}
