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
 * {@code latest_eigen_scan} JSON text and back. Decoding accepts values other writers produced (the Python scan
 * bridge, hz-warmup): only {@code scan_number} and {@code timestamp} are required, everything else is optional and
 * unknown fields survive the round trip.
 */
public final class EigenScanCodec implements JsonCodec<EigenScan> {

    public static final String CONTEXT = "latest_eigen_scan";
    private static final long serialVersionUID = 1L;

    @Override
    public EigenScan decode(String json) {
        JsonFields f = JsonFields.parse(CONTEXT, json);
        long scanNumber = f.requireLong("scan_number");
        double timestamp = f.requireDouble("timestamp");
        Double fileMtime = f.optDouble("file_mtime");
        Map<String, Object> result = f.optObject("result");
        String targetAsset = f.optString("target_asset");
        String version = f.optString("version");
        Map<String, Object> metadata = f.optObject("_ng7_metadata");
        return new EigenScan(scanNumber, timestamp, fileMtime, result == null ? null : decodeResult(result),
                targetAsset, version, metadata == null ? null : decodeMetadata(metadata), f.rest());
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
        return new ScanMetadata(scanNumber == null ? -1 : scanNumber, uuid, f.rest());
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
