package io.dolphin.datalayer.trader;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.JsonFields;
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
        // Not MetaHealthCodec (the reference shape: rm_meta and status required): a row needs no field at all.
        JsonFields f = JsonFields.parseLenient("meta_health", event.value());
        Long ts = f.optTimeMicros("ts") != null ? f.optTimeMicros("ts") : f.optTimeMicros("timestamp");
        RowBuilder row = new RowBuilder(WarmTable.META_HEALTH, green)
                .set("ts", ts != null ? ts : event.readTimeMs() * 1_000L)
                .set("status", f.optString("status"))
                .set("service_status", f.optJsonText("service_status"))
                .set("hz_key_status", f.optJsonText("hz_key_status"));
        for (String column : SCORES) {
            row.set(column, f.optDouble(column));
        }
        return new Ordered(List.of(row.build()), ts);
    }
}
