package io.dolphin.datalayer.acb;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.RowFields;
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
        RowFields f = RowFields.parse("acb_boost", event.value());
        Long ts = f.timeMicros("ts");
        return new Ordered(List.of(new RowBuilder(WarmTable.ACB_STATE, green)
                .set("ts", ts != null ? ts : event.readTimeMs() * 1_000L)
                .set("boost", f.requireNumber("boost"))
                .set("beta", f.requireNumber("beta"))
                .set("signals", f.number("signals"))
                .build()), ts);
    }
}
