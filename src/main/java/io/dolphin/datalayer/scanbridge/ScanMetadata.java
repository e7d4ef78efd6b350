package io.dolphin.datalayer.scanbridge;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code _ng7_metadata} object: the scan number again and the scan's UUIDv7 trace id, which the trader
 * copies into {@code trade_events.scan_uuid} and the warm sink into {@code eigen_scans.scan_uuid}.
 *
 * @param scanNumber {@link #NONE} when absent
 * @param uuid  null when the scanner did not write one
 * @param extra further fields, e.g. {@code source_file} written by the bridge
 */
record ScanMetadata(long scanNumber, String uuid, Map<String, Object> extra) implements Serializable {

    /** {@code scanNumber} of a metadata object that carries none. */
    static final long NONE = -1;

    public ScanMetadata {
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }
}
