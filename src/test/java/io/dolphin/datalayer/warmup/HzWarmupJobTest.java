package io.dolphin.datalayer.warmup;

import io.dolphin.datalayer.warm.WarmSinkJobTest;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.core.JobStatus;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.warm.SinkCounters;
import io.dolphin.datalayer.warm.store.WarmDb;
import io.dolphin.datalayer.warm.store.WarmScript;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import io.dolphin.datalayer.support.HotMaps;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HzWarmupJobTest {

    @TempDir
    Path dir;

    private TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void when_fullClusterRestart_then_everyKeyRestoredExactly_andStreamingContinuesWithoutRepeats() throws Exception {
        // Given: a cluster whose maps went to the warm store, one removed key and one odd value included
        HazelcastInstance first = cluster.newMember();
        WarmDb db = new WarmDb(dir.resolve("warm.duckdb"));
        Job sink = WarmSinkJobTest.submit(first, db);
        WarmScript.writeRounds(first, 0, 30);
        first.<String, String>getMap(DolphinMaps.TRADES_BLUE).remove("b-3");
        first.<String, String>getMap(DolphinMaps.FEATURES).set("mc_forewarner_latest", "{\"status\":\"OK\",\"x\":[1,2.50]}");
        Map<String, Long> expected = WarmScript.expectedRows(30);
        assertEventually(() -> assertEquals(WarmDb.exactlyOnce(expected), db.counts(expected)));
        assertEventually(() -> assertEquals(0, WarmSinkJobTest.metric(sink, SinkCounters.BUFFERED_EVENTS)));
        assertEventually(() -> assertEquals(HotMaps.size(HotMaps.contents(first)), db.scalar("SELECT (SELECT count(*) FROM "
                + "dolphin.hz_last_values) + (SELECT count(*) FROM dolphin_green.hz_last_values)")));
        Map<String, Map<String, String>> before = HotMaps.contents(first);

        // When: every member goes, a new cluster starts empty and hz-warmup runs
        cluster.close();
        cluster = new TestCluster();
        HazelcastInstance second = cluster.newMember();
        assertEquals(0, HotMaps.contents(second).values().stream().mapToInt(Map::size).sum());
        Job warmup = second.getJet().newJob(HzWarmupJob.pipeline(new HzWarmupSettings(
                new WarmStoreConfig(db.url(), "", "", false))), new JobConfig().setName(HzWarmupJob.JOB_NAME)
                .setStoreMetricsAfterJobCompletion(true));
        warmup.join();

        // Then: every key of every map holds exactly its old text
        assertEquals(before, HotMaps.contents(second));
        assertTrue(before.get(DolphinMaps.FEATURES).size() > WarmScript.SYMBOLS);
        assertEquals(before.values().stream().mapToLong(Map::size).sum(),
                warmup.getMetrics().get(HotMapRestore.RESTORED).stream().mapToLong(m -> m.value()).sum());

        // And when streaming resumes, the restored values add no rows and new ones land exactly once
        Job resumed = WarmSinkJobTest.submit(second, db);
        WarmScript.writeRounds(second, 30, 50);
        Map<String, Long> after = WarmScript.expectedRows(50);
        after.put("dolphin.trade_events", 50L);
        assertEventually(() -> assertEquals(WarmDb.exactlyOnce(after), db.counts(after)));
        assertEventually(() -> assertTrue(WarmSinkJobTest.metric(resumed, SinkCounters.RESTORED_SKIPPED) > 0));
    }

    @Test
    void when_storeNeverWritten_then_warmupCompletesRestoringNothing() {
        // Given: the first deployment, a DuckDB file the sink has not created tables in
        HazelcastInstance member = cluster.newMember();
        WarmDb db = new WarmDb(dir.resolve("fresh.duckdb"));

        // When
        Job warmup = member.getJet().newJob(HzWarmupJob.pipeline(new HzWarmupSettings(
                new WarmStoreConfig(db.url(), "", "", false))), new JobConfig().setName(HzWarmupJob.JOB_NAME));
        warmup.join();

        // Then
        assertEquals(JobStatus.COMPLETED, warmup.getStatus());
        assertEquals(0, HotMaps.contents(member).values().stream().mapToInt(Map::size).sum());
    }
}
