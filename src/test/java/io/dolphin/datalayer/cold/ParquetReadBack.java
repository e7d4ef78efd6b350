package io.dolphin.datalayer.cold;

import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Parquet file back with two readers that share no code with the writer's side of the test: DuckDB's
 * {@code read_parquet} (an in-memory database of its own) and Arrow's Parquet reader in Java ({@code arrow-dataset},
 * JNI over Arrow C++'s Parquet). Values come back canonical, so rows from either reader and from the warm store
 * compare as equal text: a time as epoch microseconds, a date as days since 1970-01-01, a REAL as its float, integers
 * as whole numbers.
 */
final class ParquetReadBack {

    private ParquetReadBack() {
    }

    /** One column's name and type as the reader reports it. */
    record Column(String name, String type) {
    }

    // ---- Arrow ----------------------------------------------------------------------------------------------

    static List<Column> arrowColumns(Path file) throws Exception {
        List<Column> out = new ArrayList<>();
        try (BufferAllocator al = new RootAllocator();
             FileSystemDatasetFactory f = new FileSystemDatasetFactory(al, NativeMemoryPool.getDefault(),
                     FileFormat.PARQUET, file.toUri().toString())) {
            for (Field field : f.inspect().getFields()) {
                out.add(new Column(field.getName(), field.getType().toString()));
            }
        }
        return out;
    }

    static List<List<String>> arrowRows(Path file) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (BufferAllocator al = new RootAllocator();
             FileSystemDatasetFactory f = new FileSystemDatasetFactory(al, NativeMemoryPool.getDefault(),
                     FileFormat.PARQUET, file.toUri().toString());
             Dataset ds = f.finish(); Scanner sc = ds.newScan(new ScanOptions(4096));
             ArrowReader reader = sc.scanBatches()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int r = 0; r < root.getRowCount(); r++) {
                    List<String> row = new ArrayList<>();
                    for (FieldVector v : root.getFieldVectors()) {
                        row.add(arrowValue(v, r));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static String arrowValue(FieldVector v, int r) {
        if (v.isNull(r)) {
            return "null";
        }
        if (v instanceof TimeStampVector ts) {
            TimeUnit unit = ((ArrowType.Timestamp) v.getField().getType()).getUnit();
            long raw = ts.get(r);
            return Long.toString(switch (unit) {
                case SECOND -> raw * 1_000_000L;
                case MILLISECOND -> raw * 1_000L;
                case MICROSECOND -> raw;
                case NANOSECOND -> Math.floorDiv(raw, 1_000L);
            });
        }
        if (v instanceof DateDayVector d) {
            return Integer.toString(d.get(r));
        }
        if (v instanceof Float4Vector f) {
            return Float.toString(f.get(r));
        }
        if (v instanceof Float8Vector f) {
            return Double.toString(f.get(r));
        }
        if (v instanceof UInt1Vector u) {
            return Integer.toString(u.getObjectNoOverflow(r) & 0xFF);
        }
        if (v instanceof UInt2Vector u) {
            return Integer.toString(u.get(r));
        }
        if (v instanceof UInt4Vector u) {
            return Long.toString(u.getObjectNoOverflow(r));
        }
        if (v instanceof BaseIntVector i) {
            return Long.toString(i.getValueAsLong(r));
        }
        if (v instanceof VarCharVector s) {
            return new String(s.get(r), java.nio.charset.StandardCharsets.UTF_8);
        }
        return String.valueOf(v.getObject(r));
    }

    // ---- DuckDB's read_parquet ------------------------------------------------------------------------------

    static List<Column> duckColumns(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            return describe(c, "SELECT * FROM read_parquet('" + DuckDbColdSource.quoted(file) + "')");
        }
    }

    static List<List<String>> duckRows(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            return canonicalRows(c, "read_parquet('" + DuckDbColdSource.quoted(file) + "')", null);
        }
    }

    /** The rows of {@code from} (a table or table function) in DuckDB, canonical, in their own order. */
    static List<List<String>> canonicalRows(Connection c, String from, String where) throws SQLException {
        List<Column> cols = describe(c, "SELECT * FROM " + from);
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < cols.size(); i++) {
            String n = "\"" + cols.get(i).name() + "\"";
            String t = cols.get(i).type().toUpperCase(Locale.ROOT);
            sql.append(i == 0 ? "" : ", ").append(t.startsWith("TIMESTAMP") ? "epoch_us(" + n + ")"
                    : t.equals("DATE") ? "date_diff('day', DATE '1970-01-01', " + n + ")" : n);
        }
        sql.append(" FROM ").append(from).append(where == null ? "" : " WHERE " + where);
        return rows(c, sql.toString());
    }

    static List<Column> describe(Connection c, String select) throws SQLException {
        List<Column> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE " + select)) {
            while (rs.next()) {
                out.add(new Column(rs.getString("column_name"), rs.getString("column_type")));
            }
        }
        return out;
    }

    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(canonical(rs.getObject(i)));
                }
                out.add(row);
            }
        }
        return out;
    }

    static String canonical(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof Float f) {
            return Float.toString(f);
        }
        if (o instanceof Double d) {
            return Double.toString(d);
        }
        if (o instanceof Number n) {
            return new java.math.BigDecimal(n.toString()).toBigInteger().toString();
        }
        return o.toString();
    }
}
