package io.dolphin.datalayer.cold;

import io.dolphin.datalayer.warm.store.Dialect;
import io.dolphin.datalayer.warm.store.SchemaApplier;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cold export against a real DuckDB warm store, in a JVM whose default zone is 14 hours east of UTC (and at a
 * moment when the zone's date is already the next day): a zone leaking into a bound or a value would move rows
 * between files or change their times.
 */
class ColdExportDuckDbTest {

    static final LocalDate DAY1 = LocalDate.of(2026, 11, 29);
    static final LocalDate DAY2 = LocalDate.of(2026, 11, 30);
    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    /** 01:00 UTC, past the 10-minute grace: DAY1 and DAY2 are closed, TODAY is open. */
    static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T01:00:00Z"), ZoneOffset.UTC);
    static final Duration GRACE = Duration.ofMinutes(10);

    private static TimeZone saved;

    @TempDir
    Path dir;
    WarmStoreConfig store;
    Path cold;
    final List<String> log = new ArrayList<>();

    @BeforeAll
    static void eastOfUtc() {
        saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
    }

    @AfterAll
    static void restoreZone() {
        TimeZone.setDefault(saved);
    }

    @BeforeEach
    void seed() throws SQLException {
        store = new WarmStoreConfig("jdbc:duckdb:" + dir.resolve("warm.duckdb"), "", "", true);
        cold = dir.resolve("cold");
        try (Connection c = store.connect(); Statement st = c.createStatement()) {
            SchemaApplier.apply(c, Dialect.DUCKDB);
            seedRows(st);
        }
    }

    static void seedRows(Statement st) throws SQLException {
        // the edges of each day: midnight itself belongs to the day it starts, the last millisecond to the one it ends
        st.execute("INSERT INTO dolphin.obf_universe VALUES"
                + " ('2026-11-29 00:00:00.000', 'BTCUSDT', 1.18, 50000.5, 0.85, 0.95, 0.03, 84500.0, 84501.0, 5, 255),"
                + " ('2026-11-29 23:59:59.999', 'ETHUSDT', 2.5, 1.0e9, 0.1, 0.2, -0.3, 3000.25, 3000.75, 0, 7),"
                + " ('2026-11-30 00:00:00.000', 'BTCUSDT', 1.5, 60000.0, 0.5, 0.6, 0.7, 84400.0, 84402.0, 3, 4),"
                + " ('2026-12-01 00:30:00.000', 'BTCUSDT', 1.5, 60000.0, 0.5, 0.6, 0.7, 84400.0, 84402.0, 3, 4)");
        st.execute("INSERT INTO dolphin.trade_events VALUES ('2026-11-30 12:34:56.123456', '2026-11-30', 'blue',"
                + " 'ENJUSDT', 'SHORT', 0.1234, 0.1200, 1000.0, 3.0, 0.00355, 'FIXED_TP', -0.0319, 1.25, 0.8, 'APEX',"
                + " 9.0, -1, 25000.0, 25003.0, 25003.0, 0.0, 1, '0190a4c2-7e1f-7000-8000-000000000001', 65535)");
        st.execute("INSERT INTO dolphin_green.acb_state VALUES ('2026-11-29 08:00:00.000001', 1.4581, 0.8, 1.5),"
                + " ('2026-11-30 08:00:00', 1.0, 1.0, 0.0)");
        st.execute("INSERT INTO dolphin.daily_pnl VALUES ('2026-11-30', '2026-11-30 23:00:00', 'blue', 20654.01,"
                + " 20654.01, '{\"x\": 1}')");
    }

    ExportReport export(ExportRequest request) {
        try (ColdSource source = ColdSources.of(store)) {
            return new ColdExport(source, cold, null, NOW, log::add).run(request);
        }
    }

    @Test
    void when_closedDaysExported_then_bothReadersGiveTheWarmRowsRowForRowAndTypeForType() throws Exception {
        ExportReport report = export(ExportRequest.closedDays(GRACE));

        assertTrue(report.ok(), report.errors().toString());
        assertEquals(List.of("dolphin/daily_pnl/2026-11-30.parquet", "dolphin/obf_universe/2026-11-29.parquet",
                "dolphin/obf_universe/2026-11-30.parquet", "dolphin/trade_events/2026-11-30.parquet",
                "dolphin_green/acb_state/2026-11-29.parquet", "dolphin_green/acb_state/2026-11-30.parquet"),
                report.written(), "closed days only, one file per table and day with rows");
        assertFalse(Files.exists(cold.resolve("dolphin/obf_universe/2026-12-01.parquet")), "today is open");
        try (Connection c = store.connect()) {
            for (String rel : report.written()) {
                Path file = cold.resolve(rel);
                String[] p = rel.split("/");
                LocalDate day = LocalDate.parse(p[2].replace(".parquet", ""));
                String table = p[0] + "." + p[1];
                String where = "ts >= TIMESTAMP '" + day + "' AND ts < TIMESTAMP '" + day.plusDays(1) + "'";
                List<List<String>> warm = ParquetReadBack.canonicalRows(c, table, where);
                assertFalse(warm.isEmpty());
                assertEquals(warm, ParquetReadBack.duckRows(file), rel + " through DuckDB's read_parquet");
                assertEquals(warm, ParquetReadBack.arrowRows(file), rel + " through Arrow's Parquet reader");

                List<ParquetReadBack.Column> warmTypes = ParquetReadBack.describe(c, "SELECT * FROM " + table);
                // the file keeps TIMESTAMP_MS as Parquet TIMESTAMP(MILLIS) (Arrow below says so); DuckDB's reader
                // widens every Parquet timestamp to its TIMESTAMP (µs) on the way in
                assertEquals(warmTypes.stream().map(t -> t.type().equals("TIMESTAMP_MS")
                                ? new ParquetReadBack.Column(t.name(), "TIMESTAMP") : t).toList(),
                        ParquetReadBack.duckColumns(file), rel + ": DuckDB reads the warm types back");
                assertEquals(arrowTypes(warmTypes), ParquetReadBack.arrowColumns(file), rel + ": Arrow's types");
            }
        }
        ColdManifest.Entry e = ColdManifest.load(cold).get("dolphin/obf_universe/2026-11-29.parquet");
        assertEquals(2, e.rows());
        assertEquals("2026-11-29T00:00:00Z", e.minTs());
        assertEquals("2026-11-29T23:59:59.999Z", e.maxTs());
        assertEquals(Files.size(cold.resolve("dolphin/obf_universe/2026-11-29.parquet")), e.bytes());
        assertEquals(ParquetFacts.sha256(cold.resolve("dolphin/obf_universe/2026-11-29.parquet")), e.sha256());
        assertFalse(e.partial());
        assertEquals("2026-12-01T01:00:00Z", e.exportedAt());
    }

    /** The warm store's type as Arrow reads its Parquet counterpart. */
    private static List<ParquetReadBack.Column> arrowTypes(List<ParquetReadBack.Column> warm) {
        Map<String, String> arrow = Map.ofEntries(Map.entry("TIMESTAMP", "Timestamp(MICROSECOND, null)"),
                Map.entry("TIMESTAMP_MS", "Timestamp(MILLISECOND, null)"), Map.entry("DATE", "Date(DAY)"),
                Map.entry("FLOAT", "FloatingPoint(SINGLE)"), Map.entry("DOUBLE", "FloatingPoint(DOUBLE)"),
                Map.entry("VARCHAR", "Utf8"), Map.entry("UTINYINT", "Int(8, false)"), Map.entry("TINYINT", "Int(8, true)"),
                Map.entry("USMALLINT", "Int(16, false)"), Map.entry("SMALLINT", "Int(16, true)"),
                Map.entry("UINTEGER", "Int(32, false)"), Map.entry("INTEGER", "Int(32, true)"),
                Map.entry("BIGINT", "Int(64, true)"));
        return warm.stream().map(c -> new ParquetReadBack.Column(c.name(),
                java.util.Objects.requireNonNull(arrow.get(c.type()), c.type()))).toList();
    }

    @Test
    void when_exportedAgain_then_noFileChanges() throws Exception {
        export(ExportRequest.closedDays(GRACE));
        Map<String, String> before = checksumsAndTimes(cold);

        ExportReport again = export(ExportRequest.closedDays(GRACE));

        assertTrue(again.ok(), again.errors().toString());
        assertEquals(0, again.filesWritten());
        assertEquals(6, again.filesSkipped());
        assertEquals(before, checksumsAndTimes(cold), "same files, same bytes, not even rewritten");
    }

    static Map<String, String> checksumsAndTimes(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.endsWith(ColdRoot.LOCK)).toList()) {
                out.put(root.relativize(f).toString(), ParquetFacts.sha256(f) + " " + Files.getLastModifiedTime(f));
            }
        }
        return out;
    }

    @Test
    void when_currentDayRequested_then_exportedAsPartialAndClosedLater() throws Exception {
        ExportReport today = export(new ExportRequest(TODAY, "obf_universe", GRACE));
        assertEquals(List.of("dolphin/obf_universe/2026-12-01.parquet"), today.written());
        assertTrue(ColdManifest.load(cold).get("dolphin/obf_universe/2026-12-01.parquet").partial());

        Clock tomorrow = Clock.fixed(Instant.parse("2026-12-02T00:10:00Z"), ZoneOffset.UTC);
        try (ColdSource source = ColdSources.of(store)) {
            ExportReport closed = new ColdExport(source, cold, null, tomorrow, log::add)
                    .run(new ExportRequest(null, "obf_universe", GRACE));
            assertTrue(closed.ok(), closed.errors().toString());
            assertEquals(List.of("dolphin/obf_universe/2026-11-29.parquet", "dolphin/obf_universe/2026-11-30.parquet"),
                    closed.written(), "the partial day with the same rows is not written again");
        }
        assertFalse(ColdManifest.load(cold).get("dolphin/obf_universe/2026-12-01.parquet").partial(), "now closed");
    }

    @Test
    void when_writeDiesMidFile_then_noFinalFileAndTheNextRunExportsIt() throws Exception {
        try (ColdSource real = ColdSources.of(store)) {
            ColdSource dying = new FailingSource(real, "dolphin.obf_universe", true);
            ExportReport broken = new ColdExport(dying, cold, null, NOW, log::add).run(ExportRequest.closedDays(GRACE));
            assertEquals(2, broken.errors().size(), broken.errors().toString());
            assertTrue(broken.errors().get(0).startsWith("dolphin/obf_universe/2026-11-29.parquet: not exported: "),
                    broken.errors().get(0));
        }
        assertFalse(Files.exists(cold.resolve("dolphin/obf_universe/2026-11-29.parquet")));
        assertEquals(List.of(), leftovers(cold), "the half-written temporary file is deleted");
        assertTrue(Files.exists(cold.resolve("dolphin/trade_events/2026-11-30.parquet")), "the other files are written");

        ExportReport resumed = export(ExportRequest.closedDays(GRACE));
        assertEquals(List.of("dolphin/obf_universe/2026-11-29.parquet", "dolphin/obf_universe/2026-11-30.parquet"),
                resumed.written());
        assertEquals(4, resumed.filesSkipped());
        assertTrue(ColdSources.verify(store, cold, log::add).ok());
    }

    @Test
    void when_leftoverTempFileExists_then_theNextRunRemovesItAndNeverPublishesIt() throws Exception {
        Path partial = cold.resolve("dolphin/obf_universe/.2026-11-29.parquet.1234" + ColdRoot.TMP_SUFFIX);
        Files.createDirectories(partial.getParent());
        Files.write(partial, new byte[]{'P', 'A', 'R', '1', 0, 0});

        ExportReport report = export(ExportRequest.closedDays(GRACE));

        assertEquals(1, report.leftoversRemoved());
        assertEquals(List.of(), leftovers(cold));
        assertEquals(2, ParquetFacts.of(cold.resolve("dolphin/obf_universe/2026-11-29.parquet"), true).rows());
    }

    @Test
    void when_publishedByRename_then_aReaderSeesTheWholeFileOrNone() throws Exception {
        try (ColdRoot root = ColdRoot.open(cold)) {
            Path target = root.resolve("dolphin/t/2026-11-29.parquet");
            Path tmp = root.tempFor(target);
            assertTrue(ColdRoot.isTemp(tmp));
            assertEquals(target.getParent(), tmp.getParent(), "same folder: the rename is atomic");
            Files.write(tmp, new byte[]{1, 2, 3});
            assertFalse(Files.exists(target));
            ColdRoot.publish(tmp, target);
            assertFalse(Files.exists(tmp));
            assertEquals(3, Files.size(target));
            Path again = root.tempFor(target);
            Files.write(again, new byte[]{4, 5, 6, 7});
            ColdRoot.publish(again, target);
            assertEquals(4, Files.size(target), "replaced whole");
        }
    }

    @Test
    void when_aFileTakesLong_then_itsGrowingSizeIsLogged() throws Exception {
        Path tmp = dir.resolve(".slow.parquet.x.tmp");
        Files.write(tmp, new byte[2_000_000]);
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ColdExport.FileWatch watch = new ColdExport.FileWatch(tmp, "dolphin/t/2026-11-29.parquet", lines::add, 20)) {
            io.dolphin.datalayer.support.Eventually.assertEventually(10, () -> assertFalse(lines.isEmpty()));
        }
        assertTrue(lines.get(0).startsWith("cold: writing dolphin/t/2026-11-29.parquet: 2.0 MB so far, "), lines.get(0));
    }

    @Test
    void when_tableMissing_then_oneLineErrorCountedAndNothingWritten() {
        ExportReport report = export(new ExportRequest(null, "no_such_table", GRACE));

        assertEquals(1, report.errors().size());
        assertEquals("table no_such_table not found in dolphin or dolphin_green of " + store.url(), report.errors().get(0));
        assertEquals(0, report.filesWritten());
    }

    @Test
    void when_tableDroppedAfterListing_then_itsFilesFailWithOneLineEachAndTheRestIsWritten() throws Exception {
        try (ColdSource real = ColdSources.of(store)) {
            ColdSource dropping = new FailingSource(real, "dolphin_green.acb_state", false) {
                @Override
                public Map<LocalDate, Long> rowsPerDay(ColdTable table, LocalDate onlyDay) throws SQLException {
                    if (table.qualified().equals("dolphin_green.acb_state")) {
                        try (Connection c = store.connect(); Statement st = c.createStatement()) {
                            st.execute("DROP TABLE dolphin_green.acb_state");
                        }
                    }
                    return super.rowsPerDay(table, onlyDay);
                }
            };
            ExportReport report = new ColdExport(dropping, cold, null, NOW, log::add).run(ExportRequest.closedDays(GRACE));
            assertEquals(1, report.errors().size(), report.errors().toString());
            assertTrue(report.errors().get(0).startsWith("dolphin_green.acb_state: cannot count its rows per day: Catalog Error"),
                    report.errors().get(0));
            assertEquals(4, report.filesWritten());
        }
    }

    @Test
    void when_storeGoesDownMidExport_then_eachFileFailsWithOneLineAndNothingIsHalfWritten() throws Exception {
        try (ColdSource real = ColdSources.of(store)) {
            ColdSource down = new FailingSource(real, null, false) {
                int files;

                @Override
                public void writeDay(ColdTable table, LocalDate day, Path target) throws SQLException, IOException {
                    if (++files > 2) {
                        Files.write(target, new byte[]{'P', 'A', 'R', '1'});
                        throw new SQLTransientConnectionException("connection to the warm store lost");
                    }
                    super.writeDay(table, day, target);
                }
            };
            ExportReport report = new ColdExport(down, cold, null, NOW, log::add).run(ExportRequest.closedDays(GRACE));
            assertEquals(2, report.filesWritten());
            assertEquals(4, report.errors().size());
            report.errors().forEach(line -> {
                assertTrue(line.endsWith(": not exported: connection to the warm store lost"), line);
                assertFalse(line.contains("\n"));
            });
        }
        assertEquals(List.of(), leftovers(cold));
        ColdManifest m = ColdManifest.load(cold);
        assertEquals(2, m.entries().size(), "the manifest names only complete files");
        for (String rel : m.entries().keySet()) {
            assertNotNull(ParquetFacts.of(cold.resolve(rel), true));
        }
    }

    @Test
    void when_coldRootIsAFile_then_oneClearErrorAndNothingWritten() throws Exception {
        Path notADir = dir.resolve("cold-file");
        Files.writeString(notADir, "x");
        try (ColdSource source = ColdSources.of(store)) {
            ExportReport report = new ColdExport(source, notADir, null, NOW, log::add).run(ExportRequest.closedDays(GRACE));
            assertEquals(1, report.errors().size());
            assertTrue(report.errors().get(0).startsWith("the cold root " + notADir + " is not writable: "),
                    report.errors().get(0));
            assertFalse(report.errors().get(0).contains("\n"));
        }
        assertEquals("x", Files.readString(notADir));
    }

    @Test
    void when_fileTampered_then_verifySaysWhich() throws Exception {
        export(ExportRequest.closedDays(GRACE));
        VerifyReport clean = ColdSources.verify(store, cold, log::add);
        assertTrue(clean.ok(), clean.problems().toString());
        assertEquals(6, clean.filesChecked());

        Path f = cold.resolve("dolphin/trade_events/2026-11-30.parquet");
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 1;
        Files.write(f, b);
        try (Connection c = store.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM dolphin_green.acb_state WHERE ts < TIMESTAMP '2026-11-30'");
        }
        VerifyReport bad = ColdSources.verify(store, cold, log::add);
        assertEquals(2, bad.problems().size(), bad.problems().toString());
        assertTrue(bad.problems().get(0).startsWith("dolphin/trade_events/2026-11-30.parquet: "), bad.problems().get(0));
        assertEquals("dolphin_green/acb_state/2026-11-29.parquet: the warm store holds 0 rows of 2026-11-29, the file 1",
                bad.problems().get(1));
    }

    static List<Path> leftovers(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(ColdRoot::isTemp).toList();
        }
    }

    /** A real source whose writes of one table die halfway (a few bytes written, then an error). */
    static class FailingSource implements ColdSource {
        private final ColdSource real;
        private final String failing;
        private final boolean halfWrite;

        FailingSource(ColdSource real, String failing, boolean halfWrite) {
            this.real = real;
            this.failing = failing;
            this.halfWrite = halfWrite;
        }

        @Override
        public List<ColdTable> tables() throws SQLException {
            return real.tables();
        }

        @Override
        public Map<LocalDate, Long> rowsPerDay(ColdTable table, LocalDate onlyDay) throws SQLException {
            return real.rowsPerDay(table, onlyDay);
        }

        @Override
        public void writeDay(ColdTable table, LocalDate day, Path target) throws SQLException, IOException {
            if (halfWrite && table.qualified().equals(failing)) {
                real.writeDay(table, day, target);
                byte[] whole = Files.readAllBytes(target);
                Files.write(target, java.util.Arrays.copyOf(whole, whole.length / 2));
                throw new IOException("the writer died halfway through " + target.getFileName());
            }
            real.writeDay(table, day, target);
        }

        @Override
        public String describe() {
            return real.describe();
        }

        @Override
        public void close() {
            if (real != null) {
                real.close();
            }
        }
    }
}
