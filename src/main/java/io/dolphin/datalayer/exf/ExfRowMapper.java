package io.dolphin.datalayer.exf;

import io.dolphin.datalayer.warm.JournalEvent;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.WarmTable;
import java.util.List;

/**
 * {@code DOLPHIN_FEATURES["exf_latest"]} to {@code exf_data}: {@code funding_btc} is the funding rate and
 * {@code taker} the taker ratio (their names in the table are the reference's); {@code _ts} (epoch seconds) is the
 * event time when the poller wrote one, else the time the journal event was read. Every factor is optional: a
 * poller that lost one endpoint still publishes the others.
 */
public final class ExfRowMapper implements RowMapper {

    private static final long serialVersionUID = 1L;

    @Override
    public Ordered orderedRows(JournalEvent event, boolean green) {
        JsonFields f = JsonFields.parseLenient("exf_latest", event.value());
        Long ts = f.optTimeMicros("_ts");
        return new Ordered(List.of(new RowBuilder(WarmTable.EXF_DATA, green)
                .set("ts", ts != null ? ts : event.readTimeMs() * 1_000L)
                .set("funding_rate", f.optDouble("funding_btc") != null ? f.optDouble("funding_btc") : f.optDouble("funding_rate"))
                .set("dvol", f.optDouble("dvol"))
                .set("fear_greed", f.optDouble("fear_greed"))
                .set("taker_ratio", f.optDouble("taker") != null ? f.optDouble("taker") : f.optDouble("taker_ratio"))
                .build()), ts);
    }
}
