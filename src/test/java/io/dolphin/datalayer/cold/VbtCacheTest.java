package io.dolphin.datalayer.cold;

import io.dolphin.datalayer.scanbridge.ArrowScanDecoder;
import io.dolphin.datalayer.sim.ScanTable;
import io.dolphin.datalayer.sim.ScannerFileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backtest cache from real scan files (the synthetic scanner's Arrow files, read with scan-bridge's decoder): one
 * row per scan by scan number, the velocities under the reference's names, one price column per asset; read back
 * with Arrow's Parquet reader.
 */
class VbtCacheTest {

    @TempDir
    Path dir;

    @Test
    void when_dayOfScansExported_then_oneRowPerScanWithVelocitiesAndOnePriceColumnPerAsset() throws Exception {
        Path scans = dir.resolve("scans");
        ScannerFileWriter writer = new ScannerFileWriter(ScanTable.Format.FILE, ScannerFileWriter.Mode.RENAME, 3, 1);
        Instant t0 = Instant.parse("2026-11-29T23:59:50Z");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ScanTable t = ScanTable.synthetic(100 - i, t0.plusSeconds(i * 3), 3, 1);
            if (i == 1) {
                t = t.with("w150_velocity", ScanTable.FLOAT64, Collections.nCopies(3, 0.0125));
            }
            files.add(writer.write(ScannerFileWriter.fileFor(scans, 100 - i, t0.plusSeconds(i * 3)), t));
        }
        Files.writeString(scans.resolve("2026-11-29").resolve("broken.arrow"), "not arrow");

        List<String> log = new ArrayList<>();
        try (ColdSource none = new ColdExportDuckDbTest.FailingSource(null, null, false) {
            @Override
            public List<ColdTable> tables() {
                return List.of();
            }
        }) {
            ExportReport r = new ColdExport(none, dir.resolve("cold"), scans, "BTCUSDT", ColdExportDuckDbTest.NOW, log::add)
                    .run(ExportRequest.closedDays(ColdExportDuckDbTest.GRACE));
            assertTrue(r.ok(), r.errors().toString());
            assertEquals(List.of("vbt_cache/2026-11-29.parquet"), r.written());
        }
        assertTrue(log.stream().anyMatch(l -> l.contains("1 scan file(s) unreadable")), log.toString());

        Path file = dir.resolve("cold/vbt_cache/2026-11-29.parquet");
        List<String> names = ParquetReadBack.arrowColumns(file).stream().map(ParquetReadBack.Column::name).toList();
        List<String> symbols;
        try (ArrowScanDecoder decoder = new ArrowScanDecoder("BTCUSDT")) {
            symbols = decoder.decode(Files.readAllBytes(files.get(0)), "f", null).result().assets().stream()
                    .map(a -> (String) a.get("asset")).toList();
        }
        List<String> expected = new ArrayList<>(List.of("timestamp", "scan_number", "vel_div", "v50_vel", "v150_vel",
                "v750_vel"));
        expected.addAll(symbols.stream().sorted().toList());
        assertEquals(expected, names);

        List<List<String>> rows = ParquetReadBack.arrowRows(file);
        assertEquals(3, rows.size());
        assertEquals(List.of("98", "99", "100"), rows.stream().map(r -> r.get(1)).toList(), "by scan number");
        assertEquals(Long.toString(t0.plusSeconds(6).getEpochSecond() * 1_000_000L), rows.get(0).get(0));
        assertEquals(List.of("null", "0.0125", "null"), rows.stream().map(r -> r.get(4)).toList());
        assertEquals(3, ColdManifest.load(dir.resolve("cold")).get("vbt_cache/2026-11-29.parquet").rows());
    }
}
