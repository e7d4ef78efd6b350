package io.dolphin.datalayer.scanbridge;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.WarmTable;

import java.util.List;

/**
 * {@code DOLPHIN_FEATURES["latest_eigen_scan"]} to {@code eigen_scans}, read by {@link EigenScanCodec} like every
 * other reader of the key: {@code timestamp} (epoch seconds) and {@code scan_number} are required; the velocities
 * and latencies are taken wherever the writer put them ({@link EigenScanCodec#measure}), the trace id likewise
 * ({@link EigenScanCodec#traceId}).
 */
public final class EigenScanRowMapper implements RowMapper {

    private static final long serialVersionUID = 1L;
    private static final EigenScanCodec CODEC = new EigenScanCodec();
    private static final List<String> MEASURES = List.of("vel_div", "w50_velocity", "w750_velocity",
            "instability_50", "scan_to_fill_ms", "step_bar_ms");

    @Override
    public Ordered orderedRows(JournalEvent event, boolean green) {
        EigenScan scan = CODEC.decode(event.value());
        RowBuilder row = new RowBuilder(WarmTable.EIGEN_SCANS, green)
                .set("ts", RowBuilder.epochMicros(scan.timestamp()))
                .set("scan_number", scan.scanNumber())
                .set("scan_uuid", EigenScanCodec.traceId(scan));
        for (String column : MEASURES) {
            row.set(column, EigenScanCodec.measure(scan, column));
        }
        return new Ordered(List.of(row.build()), scan.scanNumber());
    }
}
