package io.dolphin.datalayer.telemetry;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.support.TestCluster;
import io.dolphin.datalayer.warm.WarmSinkJobTest;
import io.dolphin.datalayer.warm.store.WarmDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * dolphin-supervisor-watch against a real supervisord, through the real warm sink into DuckDB, with the JVM's
 * default zone far from UTC: a restart, a stop, a SIGKILL and an exit on its own each give their
 * {@code service_lifecycle} row exactly once, also across a job suspended over a transition (missed?) and a member
 * lost after transitions the last snapshot does not know (repeated?).
 */
class SupervisorWatchJobTest {

    private static TimeZone zone;

    @TempDir
    Path dir;

    private final TestCluster cluster = new TestCluster();
    private Supervisord supervisord;

    @BeforeAll
    static void farFromUtc() {
        zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
    }

    @AfterAll
    static void restoreZone() {
        TimeZone.setDefault(zone);
    }

    @AfterEach
    void stop() {
        cluster.close();
        if (supervisord != null) {
            supervisord.close();
        }
    }

    static SupervisorWatchSettings settings(String url, long timeoutMs, long deadLetterIntervalMs) {
        return new SupervisorWatchSettings(url, "", "", 200, timeoutMs, 16_384, deadLetterIntervalMs);
    }

    /** No periodic snapshot during the test: the only one is the suspension's, so the restore point is known. */
    static JobConfig jobConfig() {
        return new JobConfig().setName(SupervisorWatchJob.JOB_NAME)
                .setProcessingGuarantee(ProcessingGuarantee.AT_LEAST_ONCE).setSnapshotIntervalMillis(3_600_000);
    }

    @Test
    void when_restartStopKillAndExit_then_eachTransitionOnceAcrossJobRestarts() throws Exception {
        assumeTrue(Supervisord.installed(), "supervisord is not installed (Debian package 'supervisor')");
        // Given
        supervisord = Supervisord.start(dir.resolve("supervisord"));
        long alpha1 = supervisord.pid("alpha");
        long bravo = supervisord.pid("bravo");
        long charlie = supervisord.pid("charlie");
        Instant alpha1Started = ProcessHandle.of(alpha1).orElseThrow().info().startInstant().orElseThrow();
        HazelcastInstance[] members = cluster.newMembers(2);
        WarmDb db = new WarmDb(dir.resolve("warm.duckdb"));
        WarmSinkJobTest.submit(members[0], db);
        Job job = members[0].getJet().newJob(SupervisorWatchJob.pipeline(settings(supervisord.url(), 2_000, 60_000)),
                jobConfig());
        IMap<String, String> lifecycle = members[0].getMap(DolphinMaps.SERVICE_LIFECYCLE);
        List<String> rewritten = new CopyOnWriteArrayList<>();
        lifecycle.addEntryListener((EntryUpdatedListener<String, String>) e -> rewritten.add(e.getKey().split("\\|")[0]
                + " " + e.getKey().split("\\|")[1] + (e.getOldValue().equals(e.getValue()) ? " same" : " changed")), true);
        assertEventually(() -> assertEquals(3, lifecycle.size(), lifecycle.toString()));

        // When: alpha restarted while the job runs
        supervisord.restart("alpha");
        long alpha2 = supervisord.pid("alpha");
        assertEventually(() -> assertEquals(5, lifecycle.size(), lifecycle.toString()));

        // ... bravo killed while the job is suspended (its snapshot knows bravo running)
        job.suspend();
        assertEventually(() -> assertEquals(JobStatus.SUSPENDED, job.getStatus()));
        supervisord.signal("bravo", "KILL");
        assertEventually(() -> assertEquals("EXITED", supervisord.state("bravo")));
        job.resume();
        assertEventually(() -> assertEquals(6, lifecycle.size(), lifecycle.toString()));

        // ... charlie exits on its own, then a member is lost: the job restarts from the suspension's snapshot, which
        // knows bravo and charlie running, and derives both exits again
        supervisord.letCharlieExit();
        assertEventually(() -> assertEquals(7, lifecycle.size(), lifecycle.toString()));
        members[1].getLifecycleService().terminate();
        assertEventually(() -> assertEquals(JobStatus.RUNNING, job.getStatus()));
        supervisord.stop("alpha");

        // Then
        Map<String, String> expected = new TreeMap<>(Map.of(
                "alpha START NORMAL_START 0 0 " + alpha1, "1",
                "alpha EXIT SIGTERM -1 15 " + alpha1, "1",
                "alpha START NORMAL_START 0 0 " + alpha2, "1",
                "alpha EXIT SIGTERM -1 15 " + alpha2, "1",
                "bravo START NORMAL_START 0 0 " + bravo, "1",
                "bravo EXIT SIGKILL -1 9 " + bravo, "1",
                "charlie START NORMAL_START 0 0 " + charlie, "1",
                "charlie EXIT NORMAL_EXIT 0 0 " + charlie, "1"));
        assertEventually(() -> assertEquals(expected, new TreeMap<>(db.strings("SELECT service || ' ' || event || ' ' "
                + "|| reason || ' ' || exit_code || ' ' || signal_num || ' ' || pid, count(*) "
                + "FROM dolphin.service_lifecycle GROUP BY ALL"))));
        assertEquals(8, lifecycle.size());
        // the restored execution's first answer may come after alpha's stop was stored by the one before
        assertEventually(() -> assertEquals(List.of(Supervisord.GROUP + ":bravo EXIT same",
                Supervisord.GROUP + ":charlie EXIT same"), rewritten.stream().sorted().toList(),
                "the restored job derived both exits again, identically"));
        assertEventually(() -> assertEquals(Map.of("alpha", "STOPPED 0", "bravo", "EXITED 0", "charlie", "EXITED 0"),
                db.strings("SELECT process_name, state || ' ' || pid FROM dolphin.v_process_health "
                        + "WHERE group_name = '" + Supervisord.GROUP + "'")));
        assertEquals(0, db.scalar("SELECT count(*) - count(DISTINCT (process_name, ts)) FROM dolphin.supervisord_state"),
                "one row per process and answer");
        // supervisord's start time of alpha's first run, stored as UTC whatever the JVM's zone
        String alpha1Key = lifecycle.keySet().stream().filter(k -> k.contains("|START|") && k.endsWith("|" + alpha1))
                .findFirst().orElseThrow();
        long startSeconds = JsonFields.parse("t", lifecycle.get(alpha1Key)).requireLong("ts");
        assertTrue(Math.abs(startSeconds - alpha1Started.getEpochSecond()) <= 1, startSeconds + " vs " + alpha1Started);
        assertEquals(startSeconds * 1000, db.scalar("SELECT epoch_ms(ts) FROM dolphin.service_lifecycle "
                + "WHERE event = 'START' AND pid = " + alpha1));
        assertEquals(startSeconds * 1000, db.scalar("SELECT epoch_ms(CAST(ts AS TIMESTAMP)) FROM dolphin.service_lifecycle "
                + "WHERE event = 'START' AND pid = " + alpha1));
        String states = members[0].<String, String>getMap(DolphinMaps.PROCESSES).values().stream()
                .map(v -> JsonFields.parse("p", v).requireString("state")).sorted().collect(Collectors.joining(","));
        assertEquals("EXITED,EXITED,STOPPED", states);

        // When supervisord itself goes away, the job runs on with the last states, stale and ageing
        supervisord.close();
        assertEventually(() -> {
            JsonFields alpha = JsonFields.parse("alpha", members[0].<String, String>getMap(DolphinMaps.PROCESSES)
                    .get(Supervisord.GROUP + ":alpha"));
            assertEquals("STOPPED", alpha.requireString("state"));
            assertEquals(Boolean.TRUE, alpha.optBoolean("stale"));
            assertTrue(alpha.requireDouble("age_s") > 0, alpha.toString());
            assertTrue(members[0].getMap(DolphinMaps.DEAD_LETTERS).containsKey(SupervisorWatchJob.JOB_NAME + "|"
                    + supervisord.url() + " io-error"));
        });
        assertEquals(JobStatus.RUNNING, job.getStatus());
    }
}
