package io.dolphin.datalayer.sim;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The content of one scanner file: typed columns of equal length and schema metadata, written with arrow-vector
 * as an Arrow IPC file or stream (docs/scan-bridge.md, "Input"). Immutable: every {@code with...} returns a changed copy, so a test
 * can start from {@link #synthetic} and break exactly one thing.
 */
public final class ScanTable {

    /** The two Arrow IPC framings the bridge accepts. */
    public enum Format { FILE, STREAM }

    public static final ArrowType INT64 = new ArrowType.Int(64, true);
    public static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    public static final ArrowType FLOAT32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    public static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
    public static final ArrowType TIMESTAMP_US_UTC = new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
    /** {@code list<float64>}: a column of this type holds {@code List<Double>} per row. */
    public static final ArrowType LIST_FLOAT64 = ArrowType.List.INSTANCE;

    private static final List<String> MAJORS = List.of("BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT",
            "ADAUSDT", "DOGEUSDT", "TRXUSDT", "LINKUSDT", "AVAXUSDT", "DOTUSDT", "LTCUSDT", "ENJUSDT");

    private record Column(ArrowType type, List<Object> values) {
    }

    private final Map<String, Column> columns;
    private final Map<String, String> metadata;
    private final int rows;

    private ScanTable(Map<String, Column> columns, Map<String, String> metadata, int rows) {
        this.columns = Collections.unmodifiableMap(columns);
        this.metadata = Collections.unmodifiableMap(metadata);
        this.rows = rows;
    }

    /** An empty table with {@code rows} rows; add columns with {@link #with}. */
    public static ScanTable ofRows(int rows) {
        return new ScanTable(new LinkedHashMap<>(), new LinkedHashMap<>(), rows);
    }

    /**
     * A plausible scan: every scan-file column (docs/scan-bridge.md, "Input"), one row per asset, values drawn from a generator seeded with
     * {@code seed} and the scan number (the same arguments give the same table).
     */
    public static ScanTable synthetic(long scanNumber, Instant timestamp, int assets, long seed) {
        Random r = new Random(seed * 31 + scanNumber);
        double w50 = round(r.nextGaussian() * 0.02, 6);
        double w750 = round(r.nextGaussian() * 0.02, 6);
        double bull = round(r.nextDouble() * 100, 2);
        List<String> symbols = symbols(assets);
        List<Object> prices = new ArrayList<>();
        for (int i = 0; i < assets; i++) {
            prices.add(round(i == 0 ? 84_500 + r.nextGaussian() * 100 : 1 + r.nextDouble() * 500, 4));
        }
        List<Double> eigenvalues = new ArrayList<>();
        double ev = 20 + r.nextDouble() * 10;
        for (int i = 0; i < 5; i++) {
            eigenvalues.add(round(ev, 6));
            ev *= 0.3 + r.nextDouble() * 0.3;
        }
        long micros = timestamp.getEpochSecond() * 1_000_000L + timestamp.getNano() / 1_000L;
        return ofRows(assets)
                .with("scan_number", INT64, repeat(scanNumber, assets))
                .with("timestamp", TIMESTAMP_US_UTC, repeat(micros, assets))
                .with("vel_div", FLOAT64, repeat(round(w50 - w750, 6), assets))
                .with("w50_velocity", FLOAT64, repeat(w50, assets))
                .with("w750_velocity", FLOAT64, repeat(w750, assets))
                .with("instability_50", FLOAT64, repeat(round(r.nextDouble(), 6), assets))
                .with("regime", UTF8, repeat(bull >= 50 ? "BULL" : "BEAR", assets))
                .with("sentiment", UTF8, repeat(bull >= 50 ? "BULLISH" : "BEARISH", assets))
                .with("bull_pct", FLOAT64, repeat(bull, assets))
                .with("bear_pct", FLOAT64, repeat(round(100 - bull, 2), assets))
                .with("asset", UTF8, new ArrayList<>(symbols))
                .with("price", FLOAT64, prices)
                .with("eigenvalues", LIST_FLOAT64, repeat(eigenvalues, assets))
                .with("uuid", UTF8, repeat(uuidV7(timestamp.toEpochMilli(), r).toString(), assets));
    }

    /** Adds a column, or replaces the one of that name in place; {@code values} may hold nulls. */
    public ScanTable with(String name, ArrowType type, List<?> values) {
        if (values.size() != rows) {
            throw new IllegalArgumentException("column " + name + " has " + values.size() + " values, table has "
                    + rows + " rows");
        }
        Map<String, Column> copy = new LinkedHashMap<>(columns);
        copy.put(name, new Column(type, new ArrayList<>(values)));
        return new ScanTable(copy, metadata, rows);
    }

    /** Sets one cell; the column keeps its type. */
    public ScanTable withValue(String name, int row, Object value) {
        Column c = require(name);
        List<Object> values = new ArrayList<>(c.values());
        values.set(row, value);
        return with(name, c.type(), values);
    }

    public ScanTable without(String name) {
        require(name);
        Map<String, Column> copy = new LinkedHashMap<>(columns);
        copy.remove(name);
        return new ScanTable(copy, metadata, rows);
    }

    public ScanTable withMetadata(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(metadata);
        copy.put(key, value);
        return new ScanTable(columns, copy, rows);
    }

    /** The first {@code n} rows (0 gives a file with a schema and no rows). */
    public ScanTable firstRows(int n) {
        Map<String, Column> copy = new LinkedHashMap<>();
        columns.forEach((k, c) -> copy.put(k, new Column(c.type(), new ArrayList<>(c.values().subList(0, n)))));
        return new ScanTable(copy, metadata, n);
    }

    public int rows() {
        return rows;
    }

    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    public byte[] toBytes(Format format) {
        return toBytes(format, Math.max(rows, 1));
    }

    /** The file's bytes with the rows split into record batches of at most {@code rowsPerBatch}. */
    public byte[] toBytes(Format format, int rowsPerBatch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeTo(Channels.newChannel(out), format, rowsPerBatch);
        return out.toByteArray();
    }

    /** Writes through {@code channel} as the scanner does: many small writes, trailer or end marker last. */
    public void writeTo(WritableByteChannel channel, Format format, int rowsPerBatch) {
        Schema schema = schema();
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
             ArrowWriter writer = format == Format.FILE ? new ArrowFileWriter(root, null, channel)
                     : new ArrowStreamWriter(root, null, channel)) {
            writer.start();
            for (int from = 0; from < rows || from == 0; from += rowsPerBatch) {
                int n = Math.min(rowsPerBatch, rows - from);
                fill(root, from, n);
                writer.writeBatch();
                if (rows == 0) {
                    break;
                }
            }
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Arrow " + format, e);
        }
    }

    private Schema schema() {
        List<Field> fields = new ArrayList<>();
        columns.forEach((name, c) -> fields.add(field(name, c.type())));
        return new Schema(fields, metadata.isEmpty() ? null : metadata);
    }

    private static Field field(String name, ArrowType type) {
        if (type instanceof ArrowType.List) {
            Field item = new Field("item", FieldType.nullable(FLOAT64), null);
            return new Field(name, FieldType.nullable(type), List.of(item));
        }
        return new Field(name, FieldType.nullable(type), null);
    }

    private void fill(VectorSchemaRoot root, int from, int n) {
        for (FieldVector v : root.getFieldVectors()) {
            v.allocateNew();
            List<Object> values = columns.get(v.getName()).values();
            for (int i = 0; i < n; i++) {
                Object value = values.get(from + i);
                if (value == null) {
                    v.setNull(i);
                } else {
                    set(v, i, value);
                }
            }
            v.setValueCount(n);
        }
        root.setRowCount(n);
    }

    private static void set(FieldVector v, int i, Object value) {
        if (v instanceof BigIntVector b) {
            b.setSafe(i, ((Number) value).longValue());
        } else if (v instanceof IntVector iv) {
            iv.setSafe(i, ((Number) value).intValue());
        } else if (v instanceof Float8Vector f) {
            f.setSafe(i, ((Number) value).doubleValue());
        } else if (v instanceof Float4Vector f) {
            f.setSafe(i, ((Number) value).floatValue());
        } else if (v instanceof TimeStampVector t) {
            t.setSafe(i, ((Number) value).longValue());
        } else if (v instanceof VarCharVector s) {
            s.setSafe(i, value.toString().getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof BitVector b) {
            b.setSafe(i, Boolean.TRUE.equals(value) ? 1 : 0);
        } else if (v instanceof ListVector l) {
            setList(l, i, (List<?>) value);
        } else {
            throw new IllegalArgumentException("ScanTable cannot write " + v.getField());
        }
    }

    private static void setList(ListVector l, int i, List<?> values) {
        if (values == null) {
            l.setNull(i);
            return;
        }
        int offset = l.startNewValue(i);
        Float8Vector items = (Float8Vector) l.getDataVector();
        for (int k = 0; k < values.size(); k++) {
            items.setSafe(offset + k, ((Number) values.get(k)).doubleValue());
        }
        l.endValue(i, values.size());
    }

    private Column require(String name) {
        Column c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column " + name + " in " + columns.keySet());
        }
        return c;
    }

    private static List<String> symbols(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i < MAJORS.size() ? MAJORS.get(i) : "A" + i + "USDT");
        }
        return out;
    }

    private static List<Object> repeat(Object value, int n) {
        return new ArrayList<>(Collections.nCopies(n, value));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** RFC 9562 version 7: 48 bits of Unix milliseconds, then random bits. */
    static UUID uuidV7(long epochMillis, Random r) {
        long msb = (epochMillis << 16) | 0x7000L | (r.nextInt() & 0x0FFFL);
        long lsb = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
