package io.dolphin.datalayer.trader;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.RowFields;
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
        RowFields f = RowFields.parse("engine_snapshot", event.value());
        long ts = timestamp(f, event);
        RowBuilder row = new RowBuilder(WarmTable.STATUS_SNAPSHOTS, green)
                .set("ts", ts)
                .set("capital", f.requireNumber("capital"))
                .set("trades_executed", f.integer("trades_executed"))
                .set("posture", f.string("posture"))
                .set("vel_div", f.number("last_vel_div") != null ? f.number("last_vel_div") : f.number("vel_div"))
                .set("vol_ok", f.bool("vol_ok"))
                .set("phase", f.string("phase"))
                .set("mhs_status", f.string("mhs_status"));
        for (String column : NUMBERS) {
            row.set(column, f.number(column));
        }
        List<TableRow> rows = new ArrayList<>(2);
        rows.add(row.build());
        String previous = previousPosture(event.oldValue());
        String posture = f.string("posture");
        if (previous != null && posture != null && !posture.equals(previous)) {
            rows.add(new RowBuilder(WarmTable.POSTURE_EVENTS, green)
                    .set("ts", ts)
                    .set("posture", posture)
                    .set("rm", f.number("rm"))
                    .set("prev_posture", previous)
                    .set("trigger", trigger(f))
                    .set("scan_uuid", f.string("scan_uuid"))
                    .build());
        }
        return new Ordered(rows, null);
    }

    private static long timestamp(RowFields f, JournalEvent event) {
        Long ts = f.timeMicros("timestamp");
        if (ts == null) {
            ts = f.timeMicros("ts");
        }
        return ts != null ? ts : event.readTimeMs() * 1_000L;
    }

    /** The Cat1-Cat4 values behind the transition: the snapshot's own {@code trigger}, else its cat fields. */
    private static String trigger(RowFields f) {
        if (f.has("trigger")) {
            return f.jsonText("trigger");
        }
        JsonObjectWriter w = new JsonObjectWriter();
        for (String cat : TRIGGER_FIELDS) {
            w.put(cat, f.number(cat));
        }
        return w.toJson();
    }

    /** An unreadable old value has no posture: a transition is then not claimed. */
    private static String previousPosture(String oldValue) {
        if (oldValue == null) {
            return null;
        }
        try {
            return RowFields.parse("previous engine_snapshot", oldValue).string("posture");
        } catch (MalformedJsonException e) {
            return null;
        }
    }
}
