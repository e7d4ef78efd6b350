package io.dolphin.datalayer.scanbridge;

import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.common.Outcome;
import io.dolphin.datalayer.sim.ScanTable;
import io.dolphin.datalayer.sim.ScanTable.Format;
import io.dolphin.datalayer.sim.ScannerFileWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scan root as the source sees it, without Jet or a member: every kind of bad file, files still being written,
 * the window of date folders, the per-poll limit and the snapshot state. Time is the {@code nowNanos} each poll is
 * given, so waiting for the settle time costs nothing.
 */
class ScanDirectoryTest {

    private static final Instant TS = Instant.parse("2026-04-15T16:12:38.400Z");
    private static final Duration SETTLE = Duration.ofMillis(400);
    private static final long SETTLE_NANOS = SETTLE.toNanos();
    private static final long T0 = 1_000_000_000L;

    @TempDir
    Path root;

    private final ArrowScanDecoder decoder = new ArrowScanDecoder("BTCUSDT");
    private final List<List<Path>> followed = new ArrayList<>();
    private final ScannerFileWriter writer = new ScannerFileWriter();

    @AfterEach
    void close() {
        // Fails the test if a decode leaked Arrow memory.
        decoder.close();
    }

    private ScanDirectory directory(int dateFolders, int maxFilesPerPoll) {
        return new ScanDirectory(new ScanSourceOptions(root.toString(), Duration.ofMillis(100), false, SETTLE, ".arrow",
                dateFolders, maxFilesPerPoll, "BTCUSDT", ScanBridgeJob.JOB_NAME), decoder, followed::add);
    }

    private ScanDirectory directory() {
        return directory(2, 256);
    }

    private static List<Outcome<EigenScan>> rescan(ScanDirectory d, long nowNanos) {
        return d.poll(nowNanos, true, List.of());
    }

    private static List<Long> scanNumbers(List<Outcome<EigenScan>> out) {
        return out.stream().filter(Outcome::isAccepted).map(o -> o.value().scanNumber()).toList();
    }

    private static List<DeadLetter> deadLetters(List<Outcome<EigenScan>> out) {
        return out.stream().filter(o -> !o.isAccepted()).map(Outcome::deadLetter).toList();
    }

    private Path badFile(long scanNumber, byte[] content) {
        return write(ScannerFileWriter.fileFor(root, scanNumber, TS.plusSeconds(11)), content);
    }

    private static Path write(Path file, byte[] content, StandardOpenOption... options) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] scan(long scanNumber) {
        return ScanTable.synthetic(scanNumber, TS, 50, 1).toBytes(Format.FILE);
    }

    private static void assertDeadLetter(DeadLetter d, Path file, int size, String reason) {
        assertEquals(ScanBridgeJob.JOB_NAME, d.job());
        assertEquals("file:" + file.toAbsolutePath(), d.source());
        assertTrue(d.reason().contains(reason), "reason: " + d.reason());
        assertTrue(d.payload().startsWith("2026-04-15/" + file.getFileName() + ": " + size + " bytes"), d.payload());
    }

    /** Complete files whose content is no valid scan: nothing can change that, so they are dead-lettered at once. */
    static Stream<Arguments> invalidFiles() {
        ScanTable three = ScanTable.synthetic(2, TS, 3, 1);
        return Stream.of(
                Arguments.of("required column missing", ScanTable.synthetic(2, TS, 50, 1).without("w750_velocity")
                        .toBytes(Format.FILE), "required column 'w750_velocity' is missing"),
                Arguments.of("column of the wrong type", three.with("vel_div", ScanTable.UTF8,
                        List.of("-0.03", "-0.03", "-0.03")).toBytes(Format.STREAM),
                        "column 'vel_div' has type Utf8, expected a number"),
                Arguments.of("NaN", three.with("vel_div", ScanTable.FLOAT64, Collections.nCopies(3, Double.NaN))
                        .toBytes(Format.FILE), "column 'vel_div' holds NaN"),
                Arguments.of("infinity", three.with("instability_50", ScanTable.FLOAT64,
                        Collections.nCopies(3, Double.NEGATIVE_INFINITY)).toBytes(Format.FILE),
                        "column 'instability_50' holds -Infinity"),
                Arguments.of("no rows", ScanTable.synthetic(2, TS, 50, 1).firstRows(0).toBytes(Format.FILE),
                        "no rows"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void when_invalidContent_then_deadLetteredAtOnceBetweenGoodScans(String what, byte[] content, String reason) {
        writer.writeScan(root, 1, TS);
        Path bad = badFile(2, content);
        writer.writeScan(root, 3, TS.plusSeconds(22));
        ScanDirectory d = directory();

        List<Outcome<EigenScan>> out = rescan(d, T0);

        assertEquals(List.of(1L, 3L), scanNumbers(out), "scans first, in scan-number order");
        assertEquals(3, out.size(), out.toString());
        assertFalse(out.get(2).isAccepted(), "the dead letter after the scans");
        assertDeadLetter(out.get(2).deadLetter(), bad, content.length, reason);
        assertEquals(0, d.waitingCount());
    }

    /** Files nothing proves complete: the scanner may still be writing them. */
    static Stream<Arguments> incompleteFiles() {
        byte[] whole = scan(2);
        return Stream.of(
                Arguments.of("truncated", Arrays.copyOf(whole, whole.length * 3 / 5), "truncated Arrow IPC file"),
                Arguments.of("not Arrow at all", "scan_number,vel_div\n2,-0.03\n".getBytes(StandardCharsets.UTF_8),
                        "not an Arrow IPC file or stream"),
                Arguments.of("empty", new byte[0], "empty file (0 bytes)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompleteFiles")
    void when_notProvablyComplete_then_deadLetteredOnceUnchangedForTheSettleTime(String what, byte[] content,
                                                                               String reason) {
        Path bad = badFile(2, content);
        ScanDirectory d = directory();

        assertEquals(List.of(), rescan(d, T0));
        assertEquals(1, d.waitingCount());
        assertEquals(List.of(), rescan(d, T0 + SETTLE_NANOS - 1), "not yet unchanged for the settle time");

        List<Outcome<EigenScan>> out = rescan(d, T0 + SETTLE_NANOS);
        assertEquals(1, out.size(), out.toString());
        assertDeadLetter(out.get(0).deadLetter(), bad, content.length, reason);
        assertTrue(out.get(0).deadLetter().reason().endsWith("(unchanged for 400 ms)"), out.get(0).deadLetter().reason());
        assertEquals(0, d.waitingCount());
        assertEquals(List.of(), rescan(d, T0 + 10 * SETTLE_NANOS), "dead-lettered once, not once per listing");
    }

    @Test
    void when_fileTooLargeForAScan_then_notReadAndDeadLetteredAfterSettle() throws IOException {
        Path huge = ScannerFileWriter.fileFor(root, 2, TS);
        Files.createDirectories(huge.getParent());
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength((256L << 20) + 1); // sparse: no disk, no heap
        }
        ScanDirectory d = directory();

        assertEquals(List.of(), rescan(d, T0));
        List<Outcome<EigenScan>> out = rescan(d, T0 + SETTLE_NANOS);

        DeadLetter letter = out.get(0).deadLetter();
        assertTrue(letter.reason().contains("more than a scan file can have"), letter.reason());
        assertFalse(letter.payload().contains("first bytes"), "described by its size alone: " + letter.payload());
    }

    @Test
    void when_fileStillGrowing_then_waitsAndPublishesOnceComplete() {
        byte[] whole = scan(2);
        Path file = badFile(2, Arrays.copyOf(whole, 100));
        ScanDirectory d = directory();

        assertEquals(List.of(), rescan(d, T0));
        // Longer than the settle time since it was first seen, but it changed meanwhile: the wait starts again.
        write(file, Arrays.copyOfRange(whole, 100, 200), StandardOpenOption.APPEND);
        assertEquals(List.of(), rescan(d, T0 + 2 * SETTLE_NANOS));
        assertEquals(List.of(), rescan(d, T0 + 3 * SETTLE_NANOS - 1));
        write(file, Arrays.copyOfRange(whole, 200, whole.length), StandardOpenOption.APPEND);

        assertEquals(List.of(2L), scanNumbers(rescan(d, T0 + 3 * SETTLE_NANOS)));
        assertEquals(0, d.waitingCount());
        assertEquals(List.of(), rescan(d, T0 + 10 * SETTLE_NANOS), "published once");
    }

    @Test
    void when_deadLetteredFileRewritten_then_lookedAtAgainAndPublished() {
        Path file = badFile(2, "not yet".getBytes(StandardCharsets.UTF_8));
        ScanDirectory d = directory();
        rescan(d, T0);
        assertEquals(1, deadLetters(rescan(d, T0 + SETTLE_NANOS)).size());

        write(file, scan(2));

        assertEquals(List.of(2L), scanNumbers(rescan(d, T0 + 2 * SETTLE_NANOS)));
        assertEquals(1, d.processed().publishedCount());
        assertEquals(0, d.processed().deadLetteredCount(), "published wins over the earlier dead letter");
    }

    @Test
    void when_restoredFromSnapshot_then_publishedAndDeadLetteredFilesNotEmittedAgain() {
        writer.writeScan(root, 1, TS);
        Path bad = badFile(2, ScanTable.synthetic(2, TS, 50, 1).firstRows(0).toBytes(Format.FILE));
        ScanDirectory before = directory();
        assertEquals(2, rescan(before, T0).size());
        ProcessedFiles snapshot = before.processed().copy();
        writer.writeScan(root, 3, TS.plusSeconds(33));

        ScanDirectory after = directory();
        after.restore(snapshot);

        assertEquals(List.of(3L), scanNumbers(rescan(after, T0)), "only what the snapshot does not claim");
        assertEquals(List.of(), rescan(after, T0 + SETTLE_NANOS));
        // The dead letter is remembered with the file's fingerprint: a new version is read again.
        write(bad, scan(2));
        assertEquals(List.of(2L), scanNumbers(rescan(after, T0 + 2 * SETTLE_NANOS)));
    }

    @Test
    void when_snapshotsOfSeveralInstancesMerged_then_publishedAnywhereCountsAsPublished() {
        ProcessedFiles a = new ProcessedFiles();
        a.markDeadLettered("2026-04-15", "x.arrow", new ProcessedFiles.Fingerprint(1, 2));
        ProcessedFiles b = new ProcessedFiles();
        b.markPublished("2026-04-15", "x.arrow");
        b.markPublished("2026-04-16", "y.arrow");

        ProcessedFiles merged = new ProcessedFiles();
        merged.merge(a);
        merged.merge(b);

        assertTrue(merged.isPublished("2026-04-15", "x.arrow"));
        assertEquals(null, merged.deadLettered("2026-04-15", "x.arrow"));
        assertEquals(2, merged.publishedCount());
        assertEquals(0, merged.deadLetteredCount());
    }

    @Test
    void when_filesOutsideTheWindowOrNotScanFiles_then_ignored() throws IOException {
        writer.writeScan(root, 1, TS.minus(Duration.ofDays(2)));
        writer.writeScan(root, 2, TS.minus(Duration.ofDays(1)));
        Path today = writer.writeScan(root, 3, TS);
        write(today.resolveSibling("scan_00000004_161238.arrow.tmp"), scan(4));
        write(today.resolveSibling(".scan_00000005_161238.arrow"), scan(5));
        write(root.resolve("scan_00000006_161238.arrow"), scan(6));
        Files.createDirectories(root.resolve("not-a-date"));
        write(root.resolve("not-a-date").resolve("scan_00000007_161238.arrow"), scan(7));
        ScanDirectory d = directory(2, 256);

        assertEquals(List.of(2L, 3L), scanNumbers(rescan(d, T0)));
        List<Path> window = List.of(root.resolve("2026-04-14"), root.resolve("2026-04-15"));
        assertEquals(window, d.folders());
        assertEquals(window, followed.get(followed.size() - 1), "the watcher is told the folders it must follow");

        // A new day: the oldest followed folder leaves the window and its files are forgotten.
        writer.writeScan(root, 8, TS.plus(Duration.ofDays(1)));
        assertEquals(List.of(8L), scanNumbers(rescan(d, T0 + 1)));
        assertEquals(2, d.processed().publishedCount(), "2026-04-14 forgotten, 2026-04-15 and -16 kept");
    }

    @Test
    void when_moreFilesThanOnePollReads_then_backlogReadInLaterPolls() {
        for (long n = 1; n <= 5; n++) {
            writer.writeScan(root, n, TS.plusSeconds(n));
        }
        ScanDirectory d = directory(2, 2);

        List<Outcome<EigenScan>> first = rescan(d, T0);
        assertEquals(2, first.size());
        assertTrue(d.hasBacklog());
        assertEquals(2, d.poll(T0, false, List.of()).size(), "the backlog needs no new listing");
        assertEquals(1, d.poll(T0, false, List.of()).size());
        assertFalse(d.hasBacklog());
        assertEquals(5, d.processed().publishedCount());
    }

    @Test
    void when_eventNamesAFile_then_readWithoutListing() {
        ScanDirectory d = directory();
        writer.writeScan(root, 1, TS);
        assertEquals(List.of(1L), scanNumbers(rescan(d, T0)));
        Path next = writer.writeScan(root, 2, TS.plusSeconds(11));
        Path elsewhere = write(root.resolve("scan_00000009_161238.arrow"), scan(9));

        assertEquals(List.of(2L), scanNumbers(d.poll(T0 + 1, false, List.of(next, elsewhere))),
                "a file outside the followed folders is not read, even when an event names it");
    }

    @Test
    void when_rootMissing_then_nothingUntilItAppears() {
        root = root.resolve("later");
        ScanDirectory d = directory();

        assertEquals(List.of(), rescan(d, T0));
        assertEquals(List.of(), d.folders());

        writer.writeScan(root, 1, TS);
        assertEquals(List.of(1L), scanNumbers(rescan(d, T0 + 1)));
    }
}
