package io.dolphin.datalayer.trader;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.RowFields;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.WarmTable;
import java.util.List;

/**
 * {@code DOLPHIN_META_HEALTH["latest"]} to {@code meta_health}: every score optional; {@code service_status} and
 * {@code hz_key_status} are kept as JSON text whether the service wrote an object or a string.
 */
public final class MetaHealthRowMapper implements RowMapper {

    private static final long serialVersionUID = 1L;
    private static final List<String> SCORES = List.of("rm_meta", "m1_data_infra", "m1_trader", "m2_heartbeat",
            "m3_data_freshness", "m4_control_plane", "m5_coherence", "m6_test_integrity");

    @Override
    public Ordered orderedRows(JournalEvent event, boolean green) {
        RowFields f = RowFields.parse("meta_health", event.value());
        Long ts = f.timeMicros("ts") != null ? f.timeMicros("ts") : f.timeMicros("timestamp");
        RowBuilder row = new RowBuilder(WarmTable.META_HEALTH, green)
                .set("ts", ts != null ? ts : event.readTimeMs() * 1_000L)
                .set("status", f.string("status"))
                .set("service_status", f.jsonText("service_status"))
                .set("hz_key_status", f.jsonText("hz_key_status"));
        for (String column : SCORES) {
            row.set(column, f.number(column));
        }
        return new Ordered(List.of(row.build()), ts);
    }
}
