package io.dolphin.datalayer.cold;

import io.dolphin.datalayer.warm.store.ClickHouseTarget;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cold export from ClickHouse (the chDB test engine behind ClickHouse's HTTP interface, or the server
 * {@code DOLPHIN_CLICKHOUSE_URL} names) in a JVM 14 hours east of UTC: the server writes each day's Parquet, both
 * independent readers give back the warm rows, value for value, and the types ClickHouse's Parquet writer chose. Then
 * the engine is killed between two files: the rest fail in one line each, nothing is half-written, the next run
 * resumes.
 */
class ColdExportClickHouseTest {

    @TempDir
    static Path dir;
    static ClickHouseTarget ch;
    static WarmStoreConfig store;
    private static TimeZone saved;
    final List<String> log = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
        ch = ClickHouseTarget.start(dir.resolve("ch"));
        ch.resetSchema();
        store = ch.config(false);
        try (Connection c = store.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO dolphin.obf_universe VALUES"
                    + " ('2026-11-29 00:00:00.000', 'BTCUSDT', 1.18, 50000.5, 0.85, 0.95, 0.03, 84500.0, 84501.0, 5, 255),"
                    + " ('2026-11-29 23:59:59.999', 'ETHUSDT', 2.5, 1.0e9, 0.1, 0.2, -0.3, 3000.25, 3000.75, 0, 7),"
                    + " ('2026-11-30 00:00:00.000', 'BTCUSDT', 1.5, 60000.0, 0.5, 0.6, 0.7, 84400.0, 84402.0, 3, 4)");
            st.execute("INSERT INTO dolphin.trade_events VALUES ('2026-11-30 12:34:56.123456', '2026-11-30', 'blue',"
                    + " 'ENJUSDT', 'SHORT', 0.1234, 0.1200, 1000.0, 3.0, 0.00355, 'FIXED_TP', -0.0319, 1.25, 0.8, 'APEX',"
                    + " 9.0, -1, 25000.0, 25003.0, 25003.0, 0.0, 1, '0190a4c2-7e1f-7000-8000-000000000001', 65535)");
            st.execute("INSERT INTO dolphin_green.acb_state VALUES ('2026-11-29 08:00:00.000001', 1.4581, 0.8, 1.5)");
        }
    }

    @AfterAll
    static void stop() {
        TimeZone.setDefault(saved);
        if (ch != null) {
            ch.close();
        }
    }

    @Test
    void when_exportedFromClickHouse_then_bothReadersGiveTheWarmRowsAndTheSecondRunChangesNothing() throws Exception {
        Path cold = dir.resolve("cold-ok");
        ExportReport report = export(cold);
        assertTrue(report.ok(), report.errors().toString());
        assertEquals(List.of("dolphin/obf_universe/2026-11-29.parquet", "dolphin/obf_universe/2026-11-30.parquet",
                "dolphin/trade_events/2026-11-30.parquet", "dolphin_green/acb_state/2026-11-29.parquet"), report.written());
        try (Connection c = store.connect()) {
            for (String rel : report.written()) {
                Path file = cold.resolve(rel);
                String[] p = rel.split("/");
                LocalDate day = LocalDate.parse(p[2].replace(".parquet", ""));
                Map<String, String> types = columnTypes(c, p[0], p[1]);
                List<List<String>> warm = warmRows(c, p[0] + "." + p[1], day, types);
                assertEquals(warm, ParquetReadBack.duckRows(file), rel + " through DuckDB's read_parquet");
                assertEquals(warm, ParquetReadBack.arrowRows(file), rel + " through Arrow's Parquet reader");
                assertEquals(expectedArrowTypes(types), ParquetReadBack.arrowColumns(file), rel + ": Arrow's types");
            }
        }
        ColdManifest.Entry e = ColdManifest.load(cold).get("dolphin/obf_universe/2026-11-29.parquet");
        assertEquals("2026-11-29T00:00:00Z", e.minTs());
        assertEquals("2026-11-29T23:59:59.999Z", e.maxTs());

        Map<String, String> before = ColdExportDuckDbTest.checksumsAndTimes(cold);
        ExportReport again = export(cold);
        assertEquals(0, again.filesWritten());
        assertEquals(before, ColdExportDuckDbTest.checksumsAndTimes(cold));
        assertTrue(ColdSources.verify(store, cold, log::add).ok());
    }

    /**
     * ClickHouse's Parquet writer: DateTime64 as a UTC-adjusted timestamp of its precision, Date as a Parquet DATE,
     * each integer with its width and sign, Float32 as float, (LowCardinality) String as UTF-8.
     */
    private static List<ParquetReadBack.Column> expectedArrowTypes(Map<String, String> types) {
        List<ParquetReadBack.Column> out = new ArrayList<>();
        types.forEach((name, type) -> {
            String t = type.replace("LowCardinality(", "").replace(")", "");
            String arrow = switch (t) {
                case "DateTime64(6, 'UTC'" -> "Timestamp(MICROSECOND, UTC)";
                case "DateTime64(3, 'UTC'" -> "Timestamp(MILLISECOND, UTC)";
                case "Date" -> "Date(DAY)";
                case "Float32" -> "FloatingPoint(SINGLE)";
                case "Float64" -> "FloatingPoint(DOUBLE)";
                case "String" -> "Utf8";
                case "UInt8" -> "Int(8, false)";
                case "Int8" -> "Int(8, true)";
                case "UInt16" -> "Int(16, false)";
                case "Int16" -> "Int(16, true)";
                case "UInt32" -> "Int(32, false)";
                default -> throw new AssertionError("no expectation for " + type);
            };
            out.add(new ParquetReadBack.Column(name, arrow));
        });
        return out;
    }

    @Test
    void when_engineKilledMidExport_then_eachRemainingFileFailsInOneLineAndNothingIsHalfWritten() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ch.isEmbeddedEngine(), "a real server is not ours to kill");
        Path cold = dir.resolve("cold-down");
        try (ColdSource real = ColdSources.of(store)) {
            ColdSource dying = new ColdExportDuckDbTest.FailingSource(real, null, false) {
                int files;

                @Override
                public void writeDay(ColdTable table, LocalDate day, Path target) throws SQLException, java.io.IOException {
                    if (files++ == 1) {
                        ch.engine().kill(); // SIGKILL: the store is gone between two files
                    }
                    super.writeDay(table, day, target);
                }
            };
            ExportReport report = new ColdExport(dying, cold, null, ColdExportDuckDbTest.NOW, log::add)
                    .run(ExportRequest.closedDays(ColdExportDuckDbTest.GRACE));
            assertEquals(1, report.filesWritten());
            assertEquals(3, report.errors().size(), report.errors().toString());
            for (String line : report.errors()) {
                assertTrue(line.matches("\\S+\\.parquet: not exported: ClickHouse at http://\\S+ did not answer: .*"), line);
                assertFalse(line.contains("\n"), line);
            }
        } finally {
            ch.engine().restart();
        }
        assertEquals(List.of(), ColdExportDuckDbTest.leftovers(cold));
        assertEquals(1, ColdManifest.load(cold).entries().size(), "the manifest names only the complete file");

        ExportReport resumed = export(cold);
        assertTrue(resumed.ok(), resumed.errors().toString());
        assertEquals(3, resumed.filesWritten());
        assertTrue(ColdSources.verify(store, cold, log::add).ok());
    }

    private ExportReport export(Path cold) {
        try (ColdSource source = ColdSources.of(store)) {
            return new ColdExport(source, cold, null, ColdExportDuckDbTest.NOW, log::add)
                    .run(ExportRequest.closedDays(ColdExportDuckDbTest.GRACE));
        }
    }

    private static Map<String, String> columnTypes(Connection c, String db, String table) throws SQLException {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name, type FROM system.columns"
                + " WHERE database = '" + db + "' AND table = '" + table + "' ORDER BY position")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** The warm rows of the day as the store itself renders them, canonical, in the file's order (every column). */
    private static List<List<String>> warmRows(Connection c, String table, LocalDate day, Map<String, String> types)
            throws SQLException {
        List<String> cols = new ArrayList<>();
        types.forEach((name, type) -> cols.add(type.startsWith("DateTime64") ? "toUnixTimestamp64Micro(" + name + ")"
                : type.equals("Date") ? "toInt32(" + name + ")" : name));
        return ParquetReadBack.rows(c, "SELECT " + String.join(", ", cols) + " FROM " + table
                + " WHERE toDate(ts, 'UTC') = '" + day + "' ORDER BY " + String.join(", ", types.keySet()));
    }
}
