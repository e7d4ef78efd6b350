package io.dolphin.datalayer.sim;

import io.dolphin.datalayer.scanbridge.ArrowScanDecoder;
import io.dolphin.datalayer.scanbridge.EigenScan;
import io.dolphin.datalayer.sim.ScanTable.Format;
import io.dolphin.datalayer.sim.ScannerFileWriter.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScannerFileWriterTest {

    @TempDir
    Path root;

    @Test
    void when_writeScan_then_dateFolderAndReadableFileOfThatScan() throws Exception {
        Instant ts = Instant.parse("2026-04-15T16:12:38Z");
        Path file = new ScannerFileWriter(Format.STREAM, Mode.RENAME, 20, 1).writeScan(root, 134276, ts);

        assertEquals(root.resolve("2026-04-15").resolve("scan_00134276_161238.arrow"), file);
        try (ArrowScanDecoder decoder = new ArrowScanDecoder("BTCUSDT")) {
            EigenScan scan = decoder.decode(Files.readAllBytes(file), "x", null);
            assertEquals(134276, scan.scanNumber());
            assertEquals(20, scan.result().totalSymbols());
        }
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no .tmp left behind");
        }
    }

    @Test
    void when_started_then_writesConsecutiveScansUntilStopped() throws Exception {
        ScannerFileWriter writer = new ScannerFileWriter(Format.FILE, Mode.IN_PLACE, 10, 500);
        writer.start(root, Duration.ofMillis(20));
        assertEventually(() -> assertTrue(writer.filesWritten() >= 3));
        writer.stop();
        long written = writer.filesWritten();

        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertEquals(written, files.size());
        assertEquals(500 + written, writer.nextScanNumber());
        try (ArrowScanDecoder decoder = new ArrowScanDecoder("BTCUSDT")) {
            for (Path f : files) {
                decoder.decode(Files.readAllBytes(f), f.toString(), null);
            }
        }
    }

    @Test
    void when_sameScanTwice_then_sameContent() {
        Instant ts = Instant.parse("2026-04-15T16:12:38Z");
        byte[] a = ScanTable.synthetic(9, ts, 50, 3).toBytes(Format.FILE);
        byte[] b = ScanTable.synthetic(9, ts, 50, 3).toBytes(Format.FILE);
        assertTrue(java.util.Arrays.equals(a, b));
    }
}
