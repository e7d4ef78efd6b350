package io.dolphin.datalayer.telemetry;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.WarmTable;

import java.util.List;

/**
 * {@code DOLPHIN_SERVICE_LIFECYCLE[group:name|EVENT|ts|pid]} to {@code service_lifecycle}: one row per transition.
 * The key names the transition, and the watcher derives the same text for it however often it derives it, so a
 * watcher restarted between writing it and its next snapshot adds no second row (same key, same order, same text).
 */
public final class ServiceLifecycleRowMapper implements RowMapper {

    private static final long serialVersionUID = 1L;

    @Override
    public Ordered orderedRows(JournalEvent event, boolean green) {
        JsonFields f = ProcessCodec.parse("DOLPHIN_SERVICE_LIFECYCLE[" + event.key() + "]", event.value());
        long ts = RowBuilder.epochMicros(f.requireDouble("ts"));
        return new Ordered(List.of(new RowBuilder(WarmTable.SERVICE_LIFECYCLE, green)
                .set("ts", ts)
                .set("service", f.requireString("service"))
                .set("event", f.requireString("event"))
                .set("reason", f.optString("reason"))
                .set("exit_code", f.optLong("exit_code"))
                .set("signal_num", f.optLong("signal_num"))
                .set("pid", f.optLong("pid"))
                .build()), ts);
    }
}
