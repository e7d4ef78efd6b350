package io.dolphin.datalayer.scanbridge;

import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.impl.AbstractJobProxy;
import io.dolphin.datalayer.sim.ScanTable.Format;
import io.dolphin.datalayer.sim.ScannerFileWriter;
import io.dolphin.datalayer.sim.ScannerFileWriter.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static io.dolphin.datalayer.scanbridge.ScanBridgeFixture.metric;
import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restarts in the middle of a directory that is still being written: the scan numbers published (as the warm
 * sink sees them, in the map's journal) have no gap and no repeat.
 */
class ScanBridgeRestartTest {

    private final ScanBridgeFixture f = new ScanBridgeFixture();
    private ScannerFileWriter scanner;

    @TempDir
    Path root;

    @AfterEach
    void stop() {
        if (scanner != null) {
            scanner.stop();
        }
        f.close();
    }

    private void awaitProgress(Job job, int scans) {
        assertEventually(() -> assertEquals(JobStatus.RUNNING, job.getStatus()));
        long from = f.latestScanNumber();
        assertEventually(() -> assertTrue(f.latestScanNumber() >= from + scans, "stuck at " + from));
    }

    @Test
    void when_jobRestartedAndSuspendedMidDirectory_then_publishedScansHaveNoGapAndNoRepeat() {
        String journal = f.startJournalReader(1, 1_000_000);
        // Three files per call keeps the source in the middle of the directory when a restart hits. No periodic
        // snapshots: the forceful restart then always goes back to the graceful restart's terminal snapshot.
        Job job = f.start(ScanBridgeFixture.settings(root).withMaxFilesPerPoll(3), TimeUnit.HOURS.toMillis(1));
        scanner = new ScannerFileWriter(Format.FILE, Mode.IN_PLACE, 50, 1);
        scanner.start(root, Duration.ofMillis(15));

        assertEventually(() -> assertTrue(f.latestScanNumber() >= 20, "published so far: " + f.latestScanNumber()));
        job.restart();
        awaitProgress(job, 20);
        // Forceful: no terminal snapshot, so files emitted after the last periodic snapshot are emitted again.
        ((AbstractJobProxy<?, ?>) job).restart(false);
        awaitProgress(job, 20);
        assertEventually(() -> assertTrue(metric(job, ScanBridgeJob.METRIC_REPLAYED) > 0, "replays reached the guard"));

        job.suspend();
        assertEventually(() -> assertEquals(JobStatus.SUSPENDED, job.getStatus()));
        long whileSuspended = f.latestScanNumber();
        assertEventually(() -> assertTrue(scanner.nextScanNumber() > whileSuspended + 30, "files piling up"));
        job.resume();
        awaitProgress(job, 30);

        scanner.stop();
        long last = scanner.nextScanNumber() - 1;
        assertEventually(() -> assertEquals(last, f.latestScanNumber()));
        List<Long> expected = LongStream.rangeClosed(1, last).boxed().toList();
        assertEventually(() -> assertEquals(expected, f.journal(journal)));
        assertTrue(f.deadLetters().isEmpty(), f.deadLetters().toString());
    }
}
