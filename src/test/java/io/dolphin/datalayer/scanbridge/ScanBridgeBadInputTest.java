package io.dolphin.datalayer.scanbridge;

import com.hazelcast.jet.Job;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.sim.ScanTable;
import io.dolphin.datalayer.sim.ScanTable.Format;
import io.dolphin.datalayer.sim.ScannerFileWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.dolphin.datalayer.scanbridge.ScanBridgeFixture.deadLetterMetric;
import static io.dolphin.datalayer.scanbridge.ScanBridgeFixture.metric;
import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end-to-end guarantee for a bad scan file, on a member: between two good files, the bad one is dead-lettered
 * once with its reason and counted, the job keeps running, both good ones are published and journaled. Which files
 * are bad, and why, is {@link ScanDirectoryTest}'s subject; this one takes the slowest kind (a truncated file, given
 * up on only after the settle time and several listings).
 */
class ScanBridgeBadInputTest {

    private static final Instant TS = Instant.parse("2026-04-15T16:12:38.400Z");

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
    void when_truncatedFile_then_deadLetteredAfterSettleAndGoodFilesPublished() {
        byte[] whole = ScanTable.synthetic(1002, TS, 50, 1).toBytes(Format.FILE);
        assertBadFileHandled(1000, Arrays.copyOf(whole, whole.length * 3 / 5), "truncated Arrow IPC file");
    }

    /** Good scan base+1, the bad file as scan base+2, good scan base+3. */
    private void assertBadFileHandled(long base, byte[] badContent, String reason) {
        String journal = f.startJournalReader(base, base + 100);
        Job job = f.start(ScanBridgeFixture.settings(root));
        ScannerFileWriter writer = new ScannerFileWriter();
        writer.writeScan(root, base + 1, TS);
        assertEventually(() -> assertEquals(base + 1, f.latestScanNumber()));

        Path bad = writeRaw(ScannerFileWriter.fileFor(root, base + 2, TS.plusSeconds(11)), badContent);
        writer.writeScan(root, base + 3, TS.plusSeconds(22));

        assertEventually(() -> assertEquals(base + 3, f.latestScanNumber()));
        String source = "file:" + bad.toAbsolutePath();
        assertEventually(() -> assertNotNull(f.deadLetters().get(source), "dead letter for " + source));
        DeadLetter d = f.deadLetters().get(source);
        assertTrue(d.reason().contains(reason), "reason: " + d.reason());
        assertEquals(ScanBridgeJob.JOB_NAME, d.job());
        assertTrue(d.payload().startsWith("2026-04-15/" + bad.getFileName() + ": " + badContent.length + " bytes"),
                d.payload());
        assertEventually(() -> assertEquals(1, deadLetterMetric(job)));

        // Several more listings of the folder later: still one dead letter, not one per poll.
        long listings = metric(job, ScanFileSource.METRIC_LISTINGS);
        assertEventually(() -> assertTrue(metric(job, ScanFileSource.METRIC_LISTINGS) >= listings + 5));
        assertEquals(1, deadLetterMetric(job));
        Map<String, DeadLetter> all = f.deadLetters();
        assertEquals(1, all.size(), all.toString());
        assertEquals(d.tsMillis(), all.get(source).tsMillis(), "the dead letter was not written again");
        assertEventually(() -> assertEquals(List.of(base + 1, base + 3), f.journal(journal)));
        assertTrue(f.member.getJet().getJob(job.getId()).getStatus() == com.hazelcast.jet.core.JobStatus.RUNNING);
    }

    private static Path writeRaw(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
