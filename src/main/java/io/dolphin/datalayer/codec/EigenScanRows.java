package io.dolphin.datalayer.codec;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code eigen_scans} row from one {@code latest_eigen_scan} value: the mapping the warm sink applies to every
 * journal event of that key. A pure function of the JSON text, so the warm sink, hz-warmup checks and tests share it.
 *
 * <p>Columns (reference, {@code dolphin.eigen_scans}) and the Java value each gets:
 * <pre>
 * ts              Instant  &lt;- timestamp (epoch seconds), rounded to the microsecond (DateTime64(6, UTC))
 * scan_number     Long     &lt;- scan_number (UInt32)
 * vel_div         Double   &lt;- result.vel_div            (Float32; null when absent)
 * w50_velocity    Double   &lt;- result.w50_velocity       (Float32; null when absent)
 * w750_velocity   Double   &lt;- result.w750_velocity      (Float32; null when absent)
 * instability_50  Double   &lt;- result.instability_50     (Float32; null when absent)
 * scan_to_fill_ms Double   &lt;- scan_to_fill_ms, looked up at the top level, in result, then in _ng7_metadata
 * step_bar_ms     Double   &lt;- step_bar_ms, looked up the same way
 * scan_uuid       String   &lt;- _ng7_metadata.uuid        ("" when absent, as the column is a plain String)
 * </pre>
 * The two latency columns are measured by the trader after the scan is published, so a value the bridge writes
 * leaves them null: the writer applies the table's default.
 */
public final class EigenScanRows {

    public static final String TABLE = "eigen_scans";
    public static final List<String> COLUMNS = List.of("ts", "scan_number", "vel_div", "w50_velocity",
            "w750_velocity", "instability_50", "scan_to_fill_ms", "step_bar_ms", "scan_uuid");

    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private EigenScanRows() {
    }

    /**
     * @return column name -> value, in {@link #COLUMNS} order (null values included, so every column is present)
     * @throws MalformedJsonException when the text is not a scan: no valid {@code scan_number} or {@code timestamp}
     */
    public static Map<String, Object> row(String latestEigenScanJson) {
        Map<String, Object> top = Json.parseObject(latestEigenScanJson);
        JsonFields f = JsonFields.of(EigenScanCodec.CONTEXT, top);
        long scanNumber = f.requireLong("scan_number");
        if (scanNumber < 0 || scanNumber > UINT32_MAX) {
            throw new MalformedJsonException(EigenScanCodec.CONTEXT + ": scan_number " + scanNumber
                    + " does not fit eigen_scans.scan_number (UInt32)");
        }
        double ts = f.requireDouble("timestamp");
        Map<String, Object> result = f.optObject("result");
        Map<String, Object> metadata = f.optObject("_ng7_metadata");
        JsonFields r = JsonFields.of(EigenScanCodec.CONTEXT + ".result", result == null ? Map.of() : result);
        JsonFields m = JsonFields.of(EigenScanCodec.CONTEXT + "._ng7_metadata", metadata == null ? Map.of() : metadata);

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ts", instantOfEpochSeconds(ts));
        row.put("scan_number", scanNumber);
        row.put("vel_div", r.optDouble("vel_div"));
        row.put("w50_velocity", r.optDouble("w50_velocity"));
        row.put("w750_velocity", r.optDouble("w750_velocity"));
        row.put("instability_50", r.optDouble("instability_50"));
        row.put("scan_to_fill_ms", firstOf("scan_to_fill_ms", f, r, m));
        row.put("step_bar_ms", firstOf("step_bar_ms", f, r, m));
        String uuid = m.optString("uuid");
        row.put("scan_uuid", uuid == null ? "" : uuid);
        return Collections.unmodifiableMap(row);
    }

    /** Epoch seconds to an Instant at microsecond precision, the precision of DateTime64(6). */
    public static Instant instantOfEpochSeconds(double epochSeconds) {
        long micros = Math.round(epochSeconds * 1_000_000d);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static Double firstOf(String name, JsonFields... places) {
        for (JsonFields place : places) {
            Double v = place.optDouble(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
