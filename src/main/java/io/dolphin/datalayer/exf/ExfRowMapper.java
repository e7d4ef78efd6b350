package io.dolphin.datalayer.exf;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.WarmTable;

import java.util.List;

/**
 * {@code DOLPHIN_FEATURES["exf_latest"]} to {@code exf_data}, read by {@link ExternalFactorsCodec} like the poller
 * writes it: {@code funding_btc} is the funding rate and {@code taker} the taker ratio (a value that carries the
 * table's own names {@code funding_rate} / {@code taker_ratio} instead is stored too); {@code _ts} (epoch seconds) is
 * the event time when the poller wrote one, else the time the journal event was read. Every factor is optional: a
 * poller that lost one endpoint still publishes the others.
 */
public final class ExfRowMapper implements RowMapper {

    private static final long serialVersionUID = 1L;
    private static final ExternalFactorsCodec CODEC = new ExternalFactorsCodec();

    @Override
    public Ordered orderedRows(JournalEvent event, boolean green) {
        ExternalFactors f = CODEC.decode(event.value());
        Long ts = f.ts() == null ? null : RowBuilder.epochMicros(f.ts());
        return new Ordered(List.of(new RowBuilder(WarmTable.EXF_DATA, green)
                .set("ts", ts != null ? ts : event.readTimeMs() * 1_000L)
                .set("funding_rate", f.fundingBtc() != null ? f.fundingBtc() : byColumnName(f, "funding_rate"))
                .set("dvol", f.dvol())
                .set("fear_greed", f.fearGreed())
                .set("taker_ratio", f.taker() != null ? f.taker() : byColumnName(f, "taker_ratio"))
                .build()), ts);
    }

    /** A factor under the table's column name: a descriptor's factor if it has an age, else an unknown field. */
    private static Double byColumnName(ExternalFactors f, String column) {
        Double factor = f.get(column);
        return factor != null ? factor : JsonFields.of("exf_latest", f.extra()).optDouble(column);
    }
}
