package io.dolphin.datalayer.telemetry;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.map.listener.MapListener;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dolphin-host-stats on two members of one host (this JVM), reading the real /proc, through the warm sink into
 * DuckDB under a zone far from UTC: one sample per host and interval, values as the files say, rows at the times
 * the values carry; a member whose files are unreadable dead-letters the reason and keeps running.
 */
class HostStatsJobTest {

    private static TimeZone zone;

    @TempDir
    Path dir;

    private final TestCluster cluster = new TestCluster();

    @BeforeAll
    static void farFromUtc() {
        zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
    }

    @AfterAll
    static void restoreZone() {
        TimeZone.setDefault(zone);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    static JobConfig jobConfig(String name) {
        return new JobConfig().setName(name).setProcessingGuarantee(ProcessingGuarantee.AT_LEAST_ONCE)
                .setSnapshotIntervalMillis(1_000);
    }

    @Test
    void when_twoMembersOnOneHost_then_oneSamplePerIntervalAsProcSays() throws Exception {
        // Given
        HazelcastInstance[] members = cluster.newMembers(2);
        WarmDb db = new WarmDb(dir.resolve("warm.duckdb"));
        WarmSinkJobTest.submit(members[0], db);
        IMap<String, String> stats = members[0].getMap(DolphinMaps.SYSTEM_STATS);
        List<String> written = new CopyOnWriteArrayList<>();
        stats.addEntryListener((MapListener) new Recorder(written), true);

        // When
        members[0].getJet().newJob(HostStatsJob.pipeline(new HostStatsSettings(500, "", "/proc", 60_000)),
                jobConfig(HostStatsJob.JOB_NAME));

        // Then
        String host = HostStatsSource.hostName();
        assertEventually(() -> assertTrue(written.size() >= 6, written.toString()));
        assertEquals(List.of(host), List.copyOf(stats.keySet()));
        List<Long> instants = new ArrayList<>();
        for (String json : List.copyOf(written)) {
            instants.add(Math.round(JsonFields.parse("s", json).requireDouble("ts") * 1000));
        }
        assertEquals(instants.stream().distinct().sorted().toList(), instants, "one sample per interval: " + instants);
        assertTrue(instants.stream().allMatch(t -> t % 500 == 0), "stamped with their instants: " + instants);
        SystemStats s = new SystemStatsCodec().decode(stats.get(host));
        Map<String, Long> mem = HostSamplerTest.meminfo(Files.readAllLines(Path.of("/proc/meminfo")));
        assertEquals(mem.get("MemTotal") / 1048576.0, s.memTotalGb(), 1e-9);
        assertEquals(mem.get("MemAvailable") / 1048576.0, s.memAvailableGb(), 0.05 * s.memTotalGb());
        assertEquals(Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[2]), s.load15m(), 0.5);
        assertTrue(s.intervalMs() >= 400 && s.intervalMs() <= 1_500, "rates over the interval: " + s.intervalMs());
        assertTrue(s.netRxMbS() >= 0 && s.netTxMbS() >= 0);

        String last = written.get(written.size() - 1);
        long lastTsMs = Math.round(JsonFields.parse("s", last).requireDouble("ts") * 1000);
        assertEventually(() -> assertEquals(1, db.scalar("SELECT count(*) FROM dolphin.system_stats WHERE epoch_ms(ts) = "
                + lastTsMs), "the row at the value's own time, whatever the JVM's zone"));
        assertEquals(db.scalar("SELECT count(DISTINCT ts) FROM dolphin.system_stats"),
                db.scalar("SELECT count(*) FROM dolphin.system_stats"));
        assertTrue(db.scalar("SELECT count(*) FROM dolphin.v_system_stats_1h") >= 1, "v_system_stats_1h shows them");
    }

    @Test
    void when_procUnreadable_then_deadLetterAndStillRunning() throws Exception {
        // Given
        HazelcastInstance member = cluster.newMember();
        Path broken = dir.resolve("proc");
        HostSamplerTest.write(broken, 1048576, 1048576, "0.1 0.2 0.3", 0, 0, 0);
        Files.writeString(broken.resolve("loadavg"), "0.1\n");

        // When
        Job job = member.getJet().newJob(HostStatsJob.pipeline(new HostStatsSettings(200, "", broken.toString(),
                60_000)), jobConfig(HostStatsJob.JOB_NAME));

        // Then
        String key = HostStatsJob.JOB_NAME + "|" + HostStatsSource.hostName() + " /proc/loadavg";
        IMap<String, String> deadLetters = member.getMap(DolphinMaps.DEAD_LETTERS);
        assertEventually(() -> {
            String letter = deadLetters.get(key);
            assertTrue(letter != null, deadLetters.keySet().toString());
            String reason = JsonFields.parse("d", letter).requireString("reason");
            assertTrue(reason.contains("loadavg: expected three load averages"), reason);
        });
        HostSamplerTest.write(broken, 1048576, 524288, "0.1 0.2 0.3", 0, 0, 0);
        assertEventually(() -> {
            String sample = member.<String, String>getMap(DolphinMaps.SYSTEM_STATS).get(HostStatsSource.hostName());
            assertTrue(sample != null, "no sample once the file is whole again");
            assertEquals(50.0, new SystemStatsCodec().decode(sample).memPct(), 1e-9);
        });
        assertEquals(JobStatus.RUNNING, job.getStatus());
    }

    /** Every value written to the map, in order. */
    private record Recorder(List<String> values) implements EntryAddedListener<String, String>,
            EntryUpdatedListener<String, String> {
        @Override
        public void entryAdded(com.hazelcast.core.EntryEvent<String, String> e) {
            values.add(e.getValue());
        }

        @Override
        public void entryUpdated(com.hazelcast.core.EntryEvent<String, String> e) {
            values.add(e.getValue());
        }
    }
}
