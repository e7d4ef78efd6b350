package io.dolphin.datalayer.warm;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.support.HotMaps;
import io.dolphin.datalayer.support.TestCluster;
import io.dolphin.datalayer.warm.store.ClickHouseTarget;
import io.dolphin.datalayer.warm.store.WarmDb;
import io.dolphin.datalayer.warm.store.WarmScript;
import io.dolphin.datalayer.warmup.HzWarmupJob;
import io.dolphin.datalayer.warmup.HzWarmupSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm sink and hz-warmup with ClickHouse as the warm store, on a real ClickHouse engine ({@link ClickHouseTarget}):
 * every event exactly once, a 30 s outage of the engine's process, and a full cluster restart restoring every key.
 */
class WarmSinkClickHouseTest {

    @TempDir
    Path dir;
    private TestCluster cluster = new TestCluster();
    private ClickHouseTarget clickHouse;
    private WarmDb db;

    @BeforeEach
    void emptyClickHouse() throws Exception {
        clickHouse = ClickHouseTarget.start(dir.resolve("clickhouse"));
        clickHouse.resetSchema();
        db = new WarmDb(clickHouse.config(false));
    }

    @AfterEach
    void stop() {
        cluster.close();
        if (clickHouse != null) {
            clickHouse.close();
        }
    }

    private Job submit(HazelcastInstance member) {
        return member.getJet().newJob(WarmSinkJob.pipeline(WarmSinkJobTest.settings(clickHouse.config(true))),
                WarmSinkJobTest.jobConfig());
    }

    /**
     * The script's rows are dated 2026-04-15; status_snapshots keeps 180 days (the reference's TTL), so ClickHouse
     * drops those rows on insert once that is past: they are not expected here, and what the TTL does is checked alone.
     */
    private void assertExactlyOnce(int rounds) {
        Map<String, Long> expected = WarmScript.expectedRows(rounds);
        if (java.time.Instant.ofEpochSecond(1_776_269_558L).plus(java.time.Duration.ofDays(180))
                .isBefore(java.time.Instant.now())) {
            expected.remove("dolphin.status_snapshots");
        }
        assertEventually(60, () -> assertEquals(WarmDb.exactlyOnce(expected), db.counts(expected)));
    }

    @Test
    void when_clickHouseDownFor30s_then_noLossNoDuplicate_andTheLagShowsTheOutage() throws Exception {
        HazelcastInstance member = cluster.newMember();
        Job job = submit(member);
        WarmScript.writeRounds(member, 0, 20);
        assertExactlyOnce(20);

        // When: the engine's process is stopped for 30 s while the maps keep changing
        clickHouse.engine().kill();
        long down = System.nanoTime();
        WarmScript.writeRounds(member, 20, 30);
        assertEventually(() -> assertEquals(0, WarmSinkJobTest.metric(job, SinkCounters.STORE_UP)));
        // changes made while the store is known to be down wait in the sink: its lag grows with the outage
        WarmScript.writeRounds(member, 30, 40);
        assertEventually(40, () -> assertTrue(WarmSinkJobTest.metric(job, SinkCounters.LAG_MS) > 20_000,
                "lag " + WarmSinkJobTest.metric(job, SinkCounters.LAG_MS) + " ms"));
        // the outage is the scenario: it lasts 30 s, during which the sink must keep seeing the store down
        while (System.nanoTime() - down < TimeUnit.SECONDS.toNanos(30)) {
            assertTrue(WarmSinkJobTest.metric(job, SinkCounters.STORE_UP) <= 0, "the store came back by itself");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        clickHouse.engine().restart();
        WarmScript.writeRounds(member, 40, 50);

        // Then
        assertExactlyOnce(50);
        assertEquals(0, WarmSinkJobTest.metric(job, SinkCounters.JOURNAL_LOST));
        assertTrue(WarmSinkJobTest.metric(job, SinkCounters.TRANSIENT_ERRORS) > 0);
        assertEventually(() -> assertEquals(1, WarmSinkJobTest.metric(job, SinkCounters.STORE_UP)));
    }

    @Test
    void when_fullClusterRestart_then_hzWarmupRestoresEveryKeyByteIdenticalFromClickHouse() throws Exception {
        HazelcastInstance first = cluster.newMember();
        Job sink = submit(first);
        WarmScript.writeRounds(first, 0, 30);
        first.<String, String>getMap(DolphinMaps.TRADES_BLUE).remove("b-3");
        first.<String, String>getMap(DolphinMaps.FEATURES).set("mc_forewarner_latest", "{\"status\":\"OK\",\"x\":[1,2.50]}");
        assertExactlyOnce(30);
        assertEventually(() -> assertEquals(0, WarmSinkJobTest.metric(sink, SinkCounters.BUFFERED_EVENTS)));
        Map<String, Map<String, String>> before = HotMaps.contents(first);
        assertEventually(() -> assertEquals(HotMaps.size(before), db.scalar("SELECT (SELECT count() FROM dolphin.hz_last_values"
                + " FINAL WHERE is_deleted = 0) + (SELECT count() FROM dolphin_green.hz_last_values FINAL"
                + " WHERE is_deleted = 0)")));

        cluster.close();
        cluster = new TestCluster();
        HazelcastInstance second = cluster.newMember();
        Job warmup = second.getJet().newJob(HzWarmupJob.pipeline(new HzWarmupSettings(clickHouse.config(false))),
                new JobConfig().setName(HzWarmupJob.JOB_NAME));
        warmup.join();

        assertEquals(before, HotMaps.contents(second));
    }
}
