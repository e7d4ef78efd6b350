package io.dolphin.datalayer.scanbridge;

import io.dolphin.datalayer.common.JsonCodec;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.JsonObjectWriter;
import io.dolphin.datalayer.common.MalformedJsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code latest_eigen_scan} JSON text and back: the one reading of this shape, for the bridge (which writes it) and
 * the warm sink's {@link EigenScanRowMapper} (which stores every value any writer put into the key). Decoding accepts
 * values other writers produced (the Python scan bridge, hz-warmup): only {@code scan_number} and {@code timestamp}
 * are required, everything else is optional, and unknown fields survive the round trip. Where such values may keep
 * what the warm sink stores is told by {@link #measure} and {@link #traceId}.
 */
public final class EigenScanCodec implements JsonCodec<EigenScan> {

    public static final String CONTEXT = "latest_eigen_scan";
    private static final long serialVersionUID = 1L;

    @Override
    public EigenScan decode(String json) {
        JsonFields f = JsonFields.parse(CONTEXT, json);
        Map<String, Object> metadataFields = f.optObject("_ng7_metadata");
        ScanMetadata metadata = metadataFields == null ? null : decodeMetadata(metadataFields);
        // A value with its scan number only in _ng7_metadata has always been stored by the warm sink; it still is.
        long scanNumber = f.has("scan_number") || metadata == null || metadata.scanNumber() == ScanMetadata.NONE
                ? f.requireLong("scan_number") : metadata.scanNumber();
        double timestamp = f.requireDouble("timestamp");
        Double fileMtime = f.optDouble("file_mtime");
        Map<String, Object> result = f.optObject("result");
        String targetAsset = f.optString("target_asset");
        String version = f.optString("version");
        return new EigenScan(scanNumber, timestamp, fileMtime, result == null ? null : decodeResult(result),
                targetAsset, version, metadata, f.rest());
    }

    /**
     * A figure of the scan by its {@code eigen_scans} column name, wherever the writer put it: at the top level, else
     * under {@code result} (where the scanner writes the velocities), else under {@code _ng7_metadata} (where the
     * trader's latencies {@code scan_to_fill_ms} and {@code step_bar_ms} may sit); null when absent.
     *
     * @throws MalformedJsonException when the first place that holds it holds no number
     */
    static Double measure(EigenScan scan, String name) {
        Double top = JsonFields.of(CONTEXT, scan.extra()).optDouble(name);
        if (top != null) {
            return top;
        }
        Double inResult = scan.result() == null ? null : switch (name) {
            case "vel_div" -> scan.result().velDiv();
            case "w50_velocity" -> scan.result().w50Velocity();
            case "w750_velocity" -> scan.result().w750Velocity();
            case "instability_50" -> scan.result().instability50();
            default -> JsonFields.of(CONTEXT + ".result", scan.result().extra()).optDouble(name);
        };
        if (inResult != null || scan.metadata() == null) {
            return inResult;
        }
        return JsonFields.of(CONTEXT + "._ng7_metadata", scan.metadata().extra()).optDouble(name);
    }

    /** The trace id: {@code _ng7_metadata.uuid}, else a top-level {@code scan_uuid} or {@code uuid}; null if none. */
    static String traceId(EigenScan scan) {
        if (scan.metadata() != null && scan.metadata().uuid() != null) {
            return scan.metadata().uuid();
        }
        JsonFields top = JsonFields.of(CONTEXT, scan.extra());
        String scanUuid = top.optString("scan_uuid");
        return scanUuid != null ? scanUuid : top.optString("uuid");
    }

    @Override
    public String encode(EigenScan scan) {
        JsonObjectWriter w = new JsonObjectWriter()
                .put("scan_number", scan.scanNumber())
                .put("timestamp", scan.timestamp())
                .put("file_mtime", scan.fileMtime());
        if (scan.result() != null) {
            w.put("result", resultFields(scan.result()));
        }
        w.put("target_asset", scan.targetAsset()).put("version", scan.version());
        if (scan.metadata() != null) {
            w.put("_ng7_metadata", new JsonObjectWriter()
                    .put("scan_number", scan.metadata().scanNumber())
                    .put("uuid", scan.metadata().uuid())
                    .putAbsent(scan.metadata().extra())
                    .toMap());
        }
        return w.putAbsent(scan.extra()).toJson();
    }

    private static Map<String, Object> resultFields(ScanResult r) {
        return new JsonObjectWriter()
                .put("type", r.type())
                .put("timestamp", r.timestamp())
                .put("asset", r.asset())
                .put("regime", r.regime())
                .put("bull_pct", r.bullPct())
                .put("bear_pct", r.bearPct())
                .put("sentiment", r.sentiment())
                .put("total_symbols", r.totalSymbols())
                .put("vel_div", r.velDiv())
                .put("w50_velocity", r.w50Velocity())
                .put("w750_velocity", r.w750Velocity())
                .put("instability_50", r.instability50())
                .put("eigenvalues", r.eigenvalues())
                .put("assets", r.assets())
                .putAbsent(r.extra())
                .toMap();
    }

    private static ScanResult decodeResult(Map<String, Object> fields) {
        JsonFields f = JsonFields.of(CONTEXT + ".result", fields);
        String type = f.optString("type");
        String timestamp = f.optString("timestamp");
        String asset = f.optString("asset");
        String regime = f.optString("regime");
        Double bullPct = f.optDouble("bull_pct");
        Double bearPct = f.optDouble("bear_pct");
        String sentiment = f.optString("sentiment");
        Long totalSymbols = f.optLong("total_symbols");
        Double velDiv = f.optDouble("vel_div");
        Double w50 = f.optDouble("w50_velocity");
        Double w750 = f.optDouble("w750_velocity");
        Double instability = f.optDouble("instability_50");
        List<Double> eigenvalues = numbers(f.optList("eigenvalues"));
        List<Map<String, Object>> assets = objects(f.optList("assets"));
        return new ScanResult(type, timestamp, asset, regime, bullPct, bearPct, sentiment,
                totalSymbols == null ? null : Math.toIntExact(totalSymbols), velDiv, w50, w750, instability,
                eigenvalues, assets, f.rest());
    }

    private static ScanMetadata decodeMetadata(Map<String, Object> fields) {
        JsonFields f = JsonFields.of(CONTEXT + "._ng7_metadata", fields);
        Long scanNumber = f.optLong("scan_number");
        String uuid = f.optString("uuid");
        return new ScanMetadata(scanNumber == null ? ScanMetadata.NONE : scanNumber, uuid, f.rest());
    }

    private static List<Double> numbers(List<Object> values) {
        if (values == null) {
            return null;
        }
        List<Double> out = new ArrayList<>(values.size());
        for (Object v : values) {
            if (!(v instanceof Number n)) {
                throw new MalformedJsonException(CONTEXT + ": result.eigenvalues must hold numbers, got " + v);
            }
            out.add(n.doubleValue());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(List<Object> values) {
        if (values == null) {
            return null;
        }
        List<Map<String, Object>> out = new ArrayList<>(values.size());
        for (Object v : values) {
            if (!(v instanceof Map)) {
                throw new MalformedJsonException(CONTEXT + ": result.assets must hold objects, got " + v);
            }
            out.add(new LinkedHashMap<>((Map<String, Object>) v));
        }
        return out;
    }
}
