package io.dolphin.datalayer.scanbridge;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code DOLPHIN_FEATURES["latest_eigen_scan"]}: one eigenscan as the trader reads it.
 *
 * <pre>
 * {"scan_number": 134276, "timestamp": 1776269558.4, "file_mtime": 1776269558.4,
 *  "result": {...}, "target_asset": "BTCUSDT", "version": "NG7",
 *  "_ng7_metadata": {"scan_number": 134276, "uuid": "..."}}
 * </pre>
 *
 * @param scanNumber the scanner's monotonic scan counter; orders scans
 * @param timestamp  when the scan was taken, epoch seconds
 * @param fileMtime  last-modified time of the scan file, epoch seconds; null when not known
 * @param extra      top-level fields this model does not name, kept for the round trip
 */
public record EigenScan(long scanNumber, double timestamp, Double fileMtime, ScanResult result, String targetAsset,
                        String version, ScanMetadata metadata, Map<String, Object> extra) implements Serializable {

    /** What the reference writes in {@code version}; the trader checks it. */
    public static final String VERSION = "NG7";

    public EigenScan {
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }
}
