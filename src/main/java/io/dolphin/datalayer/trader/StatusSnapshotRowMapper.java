package io.dolphin.datalayer.trader;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.TableRow;
import io.dolphin.datalayer.common.WarmTable;
import io.dolphin.datalayer.common.JsonObjectWriter;
import io.dolphin.datalayer.common.MalformedJsonException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code DOLPHIN_STATE_*["engine_snapshot"]} to {@code status_snapshots}, plus a {@code posture_events} row when
 * the posture differs from the snapshot it replaced. The previous posture comes from the journal event's old value:
 * the map itself is the state, so a replayed event yields the same transition and no job state can drift from it.
 */
public final class StatusSnapshotRowMapper implements RowMapper {

    private static final long serialVersionUID = 1L;
    private static final List<String> NUMBERS = List.of("roi_pct", "dd_pct", "rm", "boost", "cat5");
    private static final List<String> TRIGGER_FIELDS = List.of("cat1", "cat2", "cat3", "cat4");

    @Override
    public Ordered orderedRows(JournalEvent event, boolean green) {
        // Not EngineSnapshotCodec: a row also reads fields the reference shape lacks (rm, cat1-cat5, phase, trigger, ...).
        JsonFields f = JsonFields.parseLenient("engine_snapshot", event.value());
        long ts = timestamp(f, event);
        RowBuilder row = new RowBuilder(WarmTable.STATUS_SNAPSHOTS, green)
                .set("ts", ts)
                .set("capital", f.requireDouble("capital"))
                .set("trades_executed", f.optLong("trades_executed"))
                .set("posture", f.optString("posture"))
                .set("vel_div", f.optDouble("last_vel_div") != null ? f.optDouble("last_vel_div") : f.optDouble("vel_div"))
                .set("vol_ok", f.optBoolean("vol_ok"))
                .set("phase", f.optString("phase"))
                .set("mhs_status", f.optString("mhs_status"));
        for (String column : NUMBERS) {
            row.set(column, f.optDouble(column));
        }
        List<TableRow> rows = new ArrayList<>(2);
        rows.add(row.build());
        String previous = previousPosture(event.oldValue());
        String posture = f.optString("posture");
        if (previous != null && posture != null && !posture.equals(previous)) {
            rows.add(new RowBuilder(WarmTable.POSTURE_EVENTS, green)
                    .set("ts", ts)
                    .set("posture", posture)
                    .set("rm", f.optDouble("rm"))
                    .set("prev_posture", previous)
                    .set("trigger", trigger(f))
                    .set("scan_uuid", f.optString("scan_uuid"))
                    .build());
        }
        return new Ordered(rows, null);
    }

    private static long timestamp(JsonFields f, JournalEvent event) {
        Long ts = f.optTimeMicros("timestamp");
        if (ts == null) {
            ts = f.optTimeMicros("ts");
        }
        return ts != null ? ts : event.readTimeMs() * 1_000L;
    }

    /** The Cat1-Cat4 values behind the transition: the snapshot's own {@code trigger}, else its cat fields. */
    private static String trigger(JsonFields f) {
        if (f.has("trigger")) {
            return f.optJsonText("trigger");
        }
        JsonObjectWriter w = new JsonObjectWriter();
        for (String cat : TRIGGER_FIELDS) {
            w.put(cat, f.optDouble(cat));
        }
        return w.toJson();
    }

    /** An unreadable old value has no posture: a transition is then not claimed. */
    private static String previousPosture(String oldValue) {
        if (oldValue == null) {
            return null;
        }
        try {
            return JsonFields.parseLenient("previous engine_snapshot", oldValue).optString("posture");
        } catch (MalformedJsonException e) {
            return null;
        }
    }
}
