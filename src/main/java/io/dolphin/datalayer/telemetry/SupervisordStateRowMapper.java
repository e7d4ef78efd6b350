package io.dolphin.datalayer.telemetry;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.WarmTable;

import java.util.List;

/**
 * {@code DOLPHIN_PROCESSES[group:name]} to {@code supervisord_state}: one row per answer of supervisord, at the time
 * it answered. A value written while supervisord does not answer ({@code stale}) repeats the last answer with its
 * age and adds no row: the state it shows was already stored.
 */
public final class SupervisordStateRowMapper implements RowMapper {

    private static final long serialVersionUID = 1L;

    @Override
    public Ordered orderedRows(JournalEvent event, boolean green) {
        JsonFields f = ProcessCodec.parse("DOLPHIN_PROCESSES[" + event.key() + "]", event.value());
        long ts = RowBuilder.epochMicros(f.requireDouble("ts"));
        if (Boolean.TRUE.equals(f.optBoolean("stale"))) {
            return new Ordered(List.of(), ts);
        }
        return new Ordered(List.of(new RowBuilder(WarmTable.SUPERVISORD_STATE, green)
                .set("ts", ts)
                .set("process_name", f.requireString("name"))
                .set("group_name", f.requireString("group"))
                .set("state", f.requireString("state"))
                .set("pid", f.optLong("pid"))
                .set("uptime_s", f.optLong("uptime_s"))
                .set("exit_status", f.optLong("exit_status"))
                .set("source", f.optString("source"))
                .build()), ts);
    }
}
