package io.dolphin.datalayer.scanbridge;

import com.hazelcast.jet.Job;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.Json;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.sim.ScanTable;
import io.dolphin.datalayer.sim.ScanTable.Format;
import io.dolphin.datalayer.sim.ScannerFileWriter;
import io.dolphin.datalayer.sim.ScannerFileWriter.Mode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.dolphin.datalayer.scanbridge.ScanBridgeFixture.metric;
import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static io.dolphin.datalayer.support.ReferenceExamples.LATEST_EIGEN_SCAN;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job against real Arrow files on disk and a real member: what gets published, when, and in what order. */
class ScanBridgeJobTest {

    static final Instant TS = Instant.parse("2026-04-15T16:12:38.400Z");

    private static ScanBridgeFixture f;

    @TempDir
    Path root;

    @BeforeAll
    static void startMember() {
        f = new ScanBridgeFixture();
    }

    @AfterAll
    static void stopMember() {
        f.close();
    }

    @AfterEach
    void reset() {
        f.reset();
    }

    @Test
    void when_filesOfBothFormats_then_latestEigenScanHasTheReferenceShape() throws Exception {
        String journal = f.startJournalReader(100, 200);
        f.start(ScanBridgeFixture.settings(root));

        new ScannerFileWriter(Format.FILE, Mode.IN_PLACE, 50, 1).writeScan(root, 101, TS);
        assertEventually(() -> assertEquals(101, f.latestScanNumber()));
        Path second = new ScannerFileWriter(Format.STREAM, Mode.RENAME, 50, 1).writeScan(root, 102, TS.plusSeconds(11));
        assertEventually(() -> assertEquals(102, f.latestScanNumber()));

        Map<String, Object> scan = Json.parseObject(f.latestJson());
        Map<String, Object> reference = Json.parseObject(json(LATEST_EIGEN_SCAN));
        assertTrue(scan.keySet().containsAll(reference.keySet()), scan.keySet().toString());
        assertEquals(1776269569.4, ((Number) scan.get("timestamp")).doubleValue(), 1e-6);
        assertEquals(Files.getLastModifiedTime(second).toMillis() / 1e3, ((Number) scan.get("file_mtime")).doubleValue(),
                1e-3);
        Map<String, Object> result = sub(scan, "result");
        assertEquals(50, ((Number) result.get("total_symbols")).intValue());
        assertEquals("2026-04-15 16:12:49", result.get("timestamp"));
        Map<String, Object> meta = sub(scan, "_ng7_metadata");
        assertEquals(102, ((Number) meta.get("scan_number")).intValue());
        assertEquals("2026-04-15/" + second.getFileName(), meta.get("source_file"));
        assertEventually(() -> assertEquals(List.of(101L, 102L), f.journal(journal)));
    }

    @Test
    void when_newDayFolderAppearsWhileRunning_then_itsFilesArePublished() {
        String journal = f.startJournalReader(200, 300);
        f.start(ScanBridgeFixture.settings(root));
        ScannerFileWriter writer = new ScannerFileWriter();

        writer.writeScan(root, 201, Instant.parse("2026-04-15T23:59:50Z"));
        assertEventually(() -> assertEquals(201, f.latestScanNumber()));
        assertTrue(Files.notExists(root.resolve("2026-04-16")));
        writer.writeScan(root, 202, Instant.parse("2026-04-16T00:00:01Z"));
        assertEventually(() -> assertEquals(202, f.latestScanNumber()));
        writer.writeScan(root, 203, Instant.parse("2026-04-17T00:00:01Z"));
        assertEventually(() -> assertEquals(203, f.latestScanNumber()));

        assertEventually(() -> assertEquals(List.of(201L, 202L, 203L), f.journal(journal)));
    }

    @Test
    void when_fileFormatHalfWritten_then_publishedOnlyOnceComplete() throws Exception {
        byte[] whole = ScanTable.synthetic(310, TS, 50, 1).toBytes(Format.FILE);
        assertHalfFileWaitsThenPublishes(300, 310, whole, whole.length / 2);
    }

    @Test
    void when_streamCutAtBatchBoundary_then_publishedOnlyOnceComplete() throws Exception {
        ScanTable table = ScanTable.synthetic(410, TS, 50, 1);
        byte[] whole = table.toBytes(Format.STREAM, 25);
        // The first batch ends exactly where a one-batch stream of the first 25 rows puts its end marker.
        int cut = table.firstRows(25).toBytes(Format.STREAM, 25).length - 8;
        assertHalfFileWaitsThenPublishes(400, 410, whole, cut);
    }

    /** Half of scan {@code base+10} on disk; a complete lower scan proves the source looked past it. */
    private void assertHalfFileWaitsThenPublishes(long base, long scanNumber, byte[] whole, int cut) throws Exception {
        String journal = f.startJournalReader(base, base + 100);
        // A long settle time: the half file must wait, not be given up on, while the test looks at it.
        Job job = f.start(ScanBridgeFixture.settings(root).withSettle(Duration.ofMinutes(5)));
        Path half = ScannerFileWriter.fileFor(root, scanNumber, TS);
        Files.createDirectories(half.getParent());
        Files.write(half, Arrays.copyOf(whole, cut));

        new ScannerFileWriter().writeScan(root, base + 5, TS.plusSeconds(1));
        assertEventually(() -> assertEquals(base + 5, f.latestScanNumber()));
        assertEventually(() -> assertEquals(1, metric(job, ScanFileSource.METRIC_WAITING)));

        Files.write(half, Arrays.copyOfRange(whole, cut, whole.length), StandardOpenOption.APPEND);
        assertEventually(() -> assertEquals(scanNumber, f.latestScanNumber()));
        assertEquals(50, ((Number) sub(Json.parseObject(f.latestJson()), "result").get("total_symbols")).intValue());
        assertEventually(() -> assertEquals(List.of(base + 5, scanNumber), f.journal(journal)));
        assertTrue(f.deadLetters().isEmpty(), f.deadLetters().toString());
    }

    @Test
    void when_deadLetteredHalfFileLaterCompleted_then_published() throws Exception {
        String journal = f.startJournalReader(500, 600);
        Job job = f.start(ScanBridgeFixture.settings(root));
        byte[] whole = ScanTable.synthetic(501, TS, 50, 1).toBytes(Format.FILE);
        Path file = ScannerFileWriter.fileFor(root, 501, TS);
        Files.createDirectories(file.getParent());
        Files.write(file, Arrays.copyOf(whole, 1000));
        assertEventually(() -> assertEquals(1, ScanBridgeFixture.deadLetterMetric(job)));

        Files.write(file, Arrays.copyOfRange(whole, 1000, whole.length), StandardOpenOption.APPEND);

        assertEventually(() -> assertEquals(501, f.latestScanNumber()));
        assertEventually(() -> assertEquals(List.of(501L), f.journal(journal)));
        DeadLetter d = f.deadLetters().get("file:" + file.toAbsolutePath());
        assertTrue(d.reason().startsWith("truncated Arrow IPC file"), d.reason());
    }

    @Test
    void when_lateFileHasLowerScanNumber_then_latestKeepsTheNewerScan() {
        String journal = f.startJournalReader(600, 700);
        Job job = f.start(ScanBridgeFixture.settings(root));
        ScannerFileWriter writer = new ScannerFileWriter();
        writer.writeScan(root, 610, TS);
        assertEventually(() -> assertEquals(610, f.latestScanNumber()));

        writer.writeScan(root, 607, TS.plusSeconds(1));

        assertEventually(() -> assertEquals(1, metric(job, ScanBridgeJob.METRIC_STALE)));
        assertEquals(610, f.latestScanNumber());
        assertEventually(() -> assertEquals(List.of(610L), f.journal(journal)));
    }

    @Test
    void when_lateFile_then_recordedInTheScanHistoryLikeEveryScan_andLatestStaysNewer() {
        Job job = f.start(ScanBridgeFixture.settings(root));
        ScannerFileWriter writer = new ScannerFileWriter();
        writer.writeScan(root, 910, TS);
        assertEventually(() -> assertEquals(910, f.latestScanNumber()));

        writer.writeScan(root, 907, TS.plusSeconds(1));

        assertEventually(() -> assertEquals(1, metric(job, ScanBridgeJob.METRIC_STALE)));
        IMap<String, String> history = f.member.getMap(DolphinMaps.EIGEN_SCANS);
        assertEventually(() -> assertTrue(history.containsKey("907"), history.keySet().toString()));
        assertEquals(907, new EigenScanCodec().decode(history.get("907")).scanNumber());
        assertEquals(910, new EigenScanCodec().decode(history.get("910")).scanNumber());
        assertEquals(910, f.latestScanNumber());
    }

    @Test
    void when_aScanAlreadyRecordedIsReadAgain_then_itCountsAsAlreadyRecorded_notLate_andChangesNothing() {
        String journal = f.startJournalReader(960, 1000);
        Job job = f.start(ScanBridgeFixture.settings(root));
        ScannerFileWriter writer = new ScannerFileWriter();
        writer.writeScan(root, 980, TS);
        assertEventually(() -> assertEquals(980, f.latestScanNumber()));
        // as after a whole-cluster restart: hz-warmup put scan 970 back into the history, its file is read again
        IMap<String, String> history = f.member.getMap(DolphinMaps.EIGEN_SCANS);
        String restored = history.get("980").replace("980", "970");
        history.set("970", restored);

        writer.writeScan(root, 970, TS.minusSeconds(110));

        assertEventually(() -> assertEquals(1, metric(job, ScanBridgeJob.METRIC_ALREADY_RECORDED)));
        assertEquals(0, metric(job, ScanBridgeJob.METRIC_STALE), "a re-read is not a late scan");
        assertEquals(980, f.latestScanNumber());
        assertEquals(List.of(980L), f.journal(journal), "latest_eigen_scan never went back");
        assertEquals(restored, history.get("970"), "the history keeps the scan as it was: no second event, no row");
    }

    @Test
    void when_manyScansInARow_then_eachReachesTheJournalOnceInOrder() {
        String journal = f.startJournalReader(700, 800);
        f.start(ScanBridgeFixture.settings(root));
        ScannerFileWriter writer = new ScannerFileWriter(Format.FILE, Mode.IN_PLACE, 50, 701);

        for (int i = 0; i < 30; i++) {
            writer.writeScan(root, 701 + i, TS.plusSeconds(11L * i));
        }

        List<Long> expected = java.util.stream.LongStream.rangeClosed(701, 730).boxed().toList();
        assertEventually(() -> assertEquals(expected, f.journal(journal)));
        assertEquals(730, f.latestScanNumber());
    }

    @Test
    void when_scannerWritesTmpThenRenames_then_tmpNeverReadAndScanPublished() throws Exception {
        String journal = f.startJournalReader(800, 900);
        Job job = f.start(ScanBridgeFixture.settings(root));
        Path tmp = root.resolve("2026-04-15").resolve("scan_00000801_161238.arrow.tmp");
        Files.createDirectories(tmp.getParent());
        Files.write(tmp, new byte[]{1, 2, 3});

        new ScannerFileWriter(Format.STREAM, Mode.RENAME, 50, 1).writeScan(root, 802, TS);

        assertEventually(() -> assertEquals(802, f.latestScanNumber()));
        long listings = metric(job, ScanFileSource.METRIC_LISTINGS);
        assertEventually(() -> assertTrue(metric(job, ScanFileSource.METRIC_LISTINGS) >= listings + 3));
        assertTrue(f.deadLetters().isEmpty(), f.deadLetters().toString());
        assertEquals(List.of(802L), f.journal(journal));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> sub(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }
}
