package io.dolphin.datalayer.scanbridge;

import io.dolphin.datalayer.common.Json;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates the columns of a complete scan file and builds the {@code latest_eigen_scan} record (docs/scan-bridge.md, "Input").
 *
 * <p>Scan-level values come from a column (the same value on every row) or, when there is no such column, from the
 * schema metadata (text). Per-asset columns are {@code asset} and {@code price}. A column this class does not know is
 * carried under {@code result}: as {@code result.<name>} when it holds one value on every row (a scan-level column),
 * else inside each {@code result.assets[i]}. Non-finite numbers in unknown columns become JSON null; in known
 * columns they reject the file, because the trader would act on them.
 */
final class ScanAssembler {

    enum Expect { INTEGER, NUMBER, TIMESTAMP, STRING, NUMBER_LIST }

    private static final Map<String, Expect> SCAN_LEVEL = orderedOf(
            "scan_number", Expect.INTEGER, "timestamp", Expect.TIMESTAMP,
            "vel_div", Expect.NUMBER, "w50_velocity", Expect.NUMBER, "w750_velocity", Expect.NUMBER,
            "instability_50", Expect.NUMBER, "regime", Expect.STRING, "sentiment", Expect.STRING,
            "bull_pct", Expect.NUMBER, "bear_pct", Expect.NUMBER,
            "eigenvalues", Expect.NUMBER_LIST, "uuid", Expect.STRING);
    private static final Set<String> OPTIONAL = Set.of("eigenvalues", "uuid");
    private static final Map<String, Expect> PER_ROW = orderedOf("asset", Expect.STRING, "price", Expect.NUMBER);

    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    /** 2000-01-01 .. 2100-01-01: anything else is milliseconds, or not a time at all. */
    private static final double MIN_EPOCH_SECONDS = 946_684_800d;
    private static final double MAX_EPOCH_SECONDS = 4_102_444_800d;
    private static final DateTimeFormatter RESULT_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final String targetAsset;

    ScanAssembler(String targetAsset) {
        this.targetAsset = Objects.requireNonNull(targetAsset, "targetAsset");
    }

    EigenScan assemble(ArrowScanDecoder.RawTable t, String sourceFile, Double fileMtime) throws ScanFileException {
        checkColumnsPresent(t);
        checkTypes(t);
        if (t.rows == 0) {
            throw ScanFileException.invalid("no rows: the file holds a schema but no asset rows");
        }
        Map<String, Object> scan = new LinkedHashMap<>();
        for (Map.Entry<String, Expect> e : SCAN_LEVEL.entrySet()) {
            scan.put(e.getKey(), scanValue(t, e.getKey(), e.getValue()));
        }
        long scanNumber = (Long) scan.get("scan_number");
        if (scanNumber < 0 || scanNumber > UINT32_MAX) {
            throw ScanFileException.invalid("scan_number " + scanNumber + " is out of range 0.." + UINT32_MAX);
        }
        double ts = (Double) scan.get("timestamp");
        if (ts < MIN_EPOCH_SECONDS || ts > MAX_EPOCH_SECONDS) {
            throw ScanFileException.invalid("timestamp " + ts + " is not epoch seconds between 2000 and 2100");
        }
        List<Map<String, Object>> assets = perRowValues(t);
        Map<String, Object> resultExtra = new LinkedHashMap<>();
        unknownColumns(t, assets, resultExtra);

        ScanResult result = new ScanResult(ScanResult.TYPE_SCAN, RESULT_TIMESTAMP.format(instant(ts)), targetAsset,
                (String) scan.get("regime"), (Double) scan.get("bull_pct"), (Double) scan.get("bear_pct"),
                (String) scan.get("sentiment"), t.rows, (Double) scan.get("vel_div"),
                (Double) scan.get("w50_velocity"), (Double) scan.get("w750_velocity"),
                (Double) scan.get("instability_50"), numberList(scan.get("eigenvalues")), assets, resultExtra);
        Map<String, Object> metaExtra = new LinkedHashMap<>();
        metaExtra.put("source_file", sourceFile);
        ScanMetadata metadata = new ScanMetadata(scanNumber, (String) scan.get("uuid"), metaExtra);
        return new EigenScan(scanNumber, ts, fileMtime, result, targetAsset, EigenScan.VERSION, metadata, Map.of());
    }

    private static void checkColumnsPresent(ArrowScanDecoder.RawTable t) throws ScanFileException {
        List<String> missing = new ArrayList<>();
        for (String name : SCAN_LEVEL.keySet()) {
            if (!OPTIONAL.contains(name) && !t.columns.containsKey(name) && !t.metadata.containsKey(name)) {
                missing.add(name);
            }
        }
        for (String name : PER_ROW.keySet()) {
            if (!t.columns.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw ScanFileException.invalid((missing.size() == 1 ? "required column '" + missing.get(0) + "' is"
                    : "required columns " + missing + " are") + " missing (columns present: " + t.columns.keySet()
                    + ")");
        }
    }

    private static void checkTypes(ArrowScanDecoder.RawTable t) throws ScanFileException {
        for (Field f : t.fields) {
            Expect expect = SCAN_LEVEL.containsKey(f.getName()) ? SCAN_LEVEL.get(f.getName()) : PER_ROW.get(f.getName());
            if (expect != null && !accepts(expect, f)) {
                throw ScanFileException.invalid("column '" + f.getName() + "' has type "
                        + ArrowColumns.describe(f.getType()) + ", expected " + describe(expect));
            }
        }
    }

    private static boolean accepts(Expect expect, Field f) {
        ArrowType type = f.getType();
        return switch (expect) {
            case INTEGER -> ArrowColumns.isInteger(type);
            case NUMBER -> ArrowColumns.isNumber(type);
            case TIMESTAMP -> type.getTypeID() == ArrowType.ArrowTypeID.Timestamp
                    || type.getTypeID() == ArrowType.ArrowTypeID.FloatingPoint;
            case STRING -> ArrowColumns.isString(type);
            case NUMBER_LIST -> ArrowColumns.isList(type) && f.getChildren().size() == 1
                    && ArrowColumns.isNumber(f.getChildren().get(0).getType());
        };
    }

    private static String describe(Expect expect) {
        return switch (expect) {
            case INTEGER -> "an integer (int64)";
            case NUMBER -> "a number (float64)";
            case TIMESTAMP -> "a timestamp or float64 epoch seconds";
            case STRING -> "a string (utf8)";
            case NUMBER_LIST -> "a list of numbers (list<float64>)";
        };
    }

    /** One value for the whole scan: a column equal on every row, else schema metadata, else null (optional). */
    private static Object scanValue(ArrowScanDecoder.RawTable t, String name, Expect expect) throws ScanFileException {
        List<Object> values = t.columns.get(name);
        if (values == null) {
            String text = t.metadata.get(name);
            return text == null ? null : parseMetadata(name, text, expect);
        }
        boolean optional = OPTIONAL.contains(name);
        Object first = values.get(0);
        for (int row = 0; row < values.size(); row++) {
            Object v = values.get(row);
            if (v == null && !optional) {
                throw ScanFileException.invalid("column '" + name + "' is null at row " + row);
            }
            checkFinite(name, v, row);
            if (!Objects.equals(v, first)) {
                throw ScanFileException.invalid("column '" + name + "' differs between rows: " + first + " at row 0, "
                        + v + " at row " + row + "; a scan-level column holds one value per scan");
            }
        }
        return expect == Expect.INTEGER || first == null ? first : asExpected(first, expect);
    }

    private static Object asExpected(Object v, Expect expect) {
        if ((expect == Expect.NUMBER || expect == Expect.TIMESTAMP) && v instanceof Long l) {
            return l.doubleValue();
        }
        return v;
    }

    private static void checkFinite(String column, Object v, int row) throws ScanFileException {
        if (v instanceof Double d && !Double.isFinite(d)) {
            throw ScanFileException.invalid("column '" + column + "' holds " + d + " at row " + row);
        }
        if (v instanceof List<?> list) {
            for (Object e : list) {
                if (e == null) {
                    throw ScanFileException.invalid("column '" + column + "' holds a null element at row " + row);
                }
                if (e instanceof Double d && !Double.isFinite(d)) {
                    throw ScanFileException.invalid("column '" + column + "' holds " + d + " at row " + row);
                }
            }
        }
    }

    private static Object parseMetadata(String name, String text, Expect expect) throws ScanFileException {
        String s = text.trim();
        try {
            Object v = switch (expect) {
                case INTEGER -> Long.parseLong(s);
                case NUMBER -> Double.parseDouble(s);
                case TIMESTAMP -> parseTimestamp(s);
                case STRING -> s;
                case NUMBER_LIST -> Json.instance().listFrom(s);
            };
            checkFinite(name, v, 0);
            return v;
        } catch (NumberFormatException | DateTimeParseException | java.io.IOException e) {
            throw ScanFileException.invalid("schema metadata '" + name + "' is not " + describe(expect) + ": '"
                    + abbreviate(s) + "'");
        }
    }

    private static double parseTimestamp(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            Instant i = Instant.parse(s.endsWith("Z") || s.contains("+") ? s : s.replace(' ', 'T') + "Z");
            return i.getEpochSecond() + i.getNano() / 1e9;
        }
    }

    private static List<Map<String, Object>> perRowValues(ArrowScanDecoder.RawTable t) throws ScanFileException {
        List<Object> assets = t.columns.get("asset");
        List<Object> prices = t.columns.get("price");
        List<Map<String, Object>> rows = new ArrayList<>(t.rows);
        for (int row = 0; row < t.rows; row++) {
            if (assets.get(row) == null) {
                throw ScanFileException.invalid("column 'asset' is null at row " + row);
            }
            Object price = prices.get(row);
            if (price == null) {
                throw ScanFileException.invalid("column 'price' is null at row " + row + " (" + assets.get(row) + ")");
            }
            checkFinite("price", price, row);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("asset", assets.get(row));
            m.put("price", asExpected(price, Expect.NUMBER));
            rows.add(m);
        }
        return rows;
    }

    private static void unknownColumns(ArrowScanDecoder.RawTable t, List<Map<String, Object>> assets,
                                       Map<String, Object> resultExtra) {
        for (Map.Entry<String, List<Object>> c : t.columns.entrySet()) {
            String name = c.getKey();
            if (SCAN_LEVEL.containsKey(name) || PER_ROW.containsKey(name)) {
                continue;
            }
            List<Object> values = c.getValue().stream().map(ScanAssembler::finiteOrNull).toList();
            if (values.stream().allMatch(v -> Objects.equals(v, values.get(0)))) {
                resultExtra.put(name, values.get(0));
            } else {
                for (int row = 0; row < t.rows; row++) {
                    assets.get(row).putIfAbsent(name, values.get(row));
                }
            }
        }
    }

    private static Object finiteOrNull(Object v) {
        if (v instanceof Double d && !Double.isFinite(d)) {
            return null;
        }
        if (v instanceof List<?> list) {
            return list.stream().map(ScanAssembler::finiteOrNull).toList();
        }
        return v;
    }

    private static List<Double> numberList(Object v) {
        if (v == null) {
            return null;
        }
        List<Double> out = new ArrayList<>();
        for (Object e : (List<?>) v) {
            out.add(e == null ? null : ((Number) e).doubleValue());
        }
        return out;
    }

    private static Instant instant(double epochSeconds) {
        long micros = Math.round(epochSeconds * 1_000_000d);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static Map<String, Expect> orderedOf(Object... pairs) {
        Map<String, Expect> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Expect) pairs[i + 1]);
        }
        return m;
    }
}
