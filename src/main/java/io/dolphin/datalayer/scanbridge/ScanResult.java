package io.dolphin.datalayer.scanbridge;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code result} object of {@code latest_eigen_scan}. Optional fields are null when the scan did not carry
 * them; they are then left out of the JSON.
 *
 * @param type         always {@code "scan"} for scans the bridge writes
 * @param timestamp    the scan time as text, {@code yyyy-MM-dd HH:mm:ss} in UTC
 * @param asset        the asset the trader trades on this scan (the target asset)
 * @param totalSymbols how many assets the scan covered (rows of the scan file)
 * @param eigenvalues  the scan's eigenvalues, when the scanner wrote them
 * @param assets       one object per scanned asset ({@code asset}, {@code price} and per-asset extra columns)
 * @param extra        further fields (unknown scan-level columns), kept in order
 */
public record ScanResult(String type, String timestamp, String asset, String regime, Double bullPct, Double bearPct,
                         String sentiment, Integer totalSymbols, Double velDiv, Double w50Velocity,
                         Double w750Velocity, Double instability50, List<Double> eigenvalues,
                         List<Map<String, Object>> assets, Map<String, Object> extra) implements Serializable {

    public static final String TYPE_SCAN = "scan";

    public ScanResult {
        eigenvalues = eigenvalues == null ? null : List.copyOf(eigenvalues);
        assets = assets == null ? null : assets.stream().map(ScanResult::frozen).toList();
        extra = frozen(extra);
    }

    /** Insertion order matters for readable JSON, which Map.copyOf would lose; values may be null. */
    private static Map<String, Object> frozen(Map<String, Object> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
