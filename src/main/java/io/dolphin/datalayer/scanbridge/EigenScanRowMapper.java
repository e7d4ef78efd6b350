package io.dolphin.datalayer.scanbridge;

import io.dolphin.datalayer.warm.JournalEvent;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.WarmTable;
import io.dolphin.datalayer.common.MalformedJsonException;

import java.util.List;

/**
 * {@code DOLPHIN_FEATURES["latest_eigen_scan"]} to {@code eigen_scans}: {@code timestamp} (epoch seconds) and
 * {@code scan_number} are required; the velocities are read at the top level or, as the scanner writes them, under
 * {@code result} (the trader's latencies also under {@code _ng7_metadata}); the trace id is {@code _ng7_metadata.uuid}.
 */
public final class EigenScanRowMapper implements RowMapper {

    private static final long serialVersionUID = 1L;

    @Override
    public Ordered orderedRows(JournalEvent event, boolean green) {
        JsonFields f = JsonFields.parseLenient("latest_eigen_scan", event.value());
        JsonFields result = f.object("result");
        JsonFields meta = f.object("_ng7_metadata");
        Long ts = f.optTimeMicros("timestamp");
        if (ts == null) {
            throw new MalformedJsonException("latest_eigen_scan: field 'timestamp' is missing");
        }
        long scanNumber = f.has("scan_number") ? f.requireLong("scan_number") : meta.requireLong("scan_number");
        String uuid = meta.optString("uuid") != null ? meta.optString("uuid")
                : f.optString("scan_uuid") != null ? f.optString("scan_uuid") : f.optString("uuid");
        RowBuilder row = new RowBuilder(WarmTable.EIGEN_SCANS, green)
                .set("ts", ts)
                .set("scan_number", scanNumber)
                .set("scan_uuid", uuid);
        for (String column : List.of("vel_div", "w50_velocity", "w750_velocity", "instability_50", "scan_to_fill_ms",
                "step_bar_ms")) {
            Double v = f.optDouble(column) != null ? f.optDouble(column) : result.optDouble(column);
            row.set(column, v != null ? v : meta.optDouble(column));
        }
        return new Ordered(List.of(row.build()), scanNumber);
    }
}
