package io.dolphin.datalayer.warm;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.DeadLetterCodec;
import io.dolphin.datalayer.common.DeadLetters;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.warm.store.DuckDbOutage;
import io.dolphin.datalayer.warm.store.WarmDb;
import io.dolphin.datalayer.warm.store.WarmScript;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class WarmSinkJobTest {

    @TempDir
    Path dir;

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    static WarmSinkSettings settings(String url) {
        return settings(new WarmStoreConfig(url, "", "", true));
    }

    static WarmSinkSettings settings(WarmStoreConfig store) {
        return new WarmSinkSettings(store, new WriterPolicy(5_000, 100, 20_000, 100, 1_000, 10_000),
                DolphinMaps.JOURNALED);
    }

    static JobConfig jobConfig() {
        return new JobConfig().setName(WarmSinkJob.JOB_NAME).setProcessingGuarantee(ProcessingGuarantee.AT_LEAST_ONCE)
                .setSnapshotIntervalMillis(300);
    }

    public static Job submit(HazelcastInstance member, WarmDb db) {
        return member.getJet().newJob(WarmSinkJob.pipeline(settings(db.config(true))), jobConfig());
    }

    static void assertExactlyOnce(WarmDb db, int rounds) {
        Map<String, Long> expected = WarmScript.expectedRows(rounds);
        assertEventually(60, () -> assertEquals(WarmDb.exactlyOnce(expected), db.counts(expected)));
    }

    @Test
    void when_scriptedRun_then_everyEventLandsExactlyOnce() throws Exception {
        // Given
        HazelcastInstance member = cluster.newMember();
        WarmDb db = new WarmDb(dir.resolve("warm.duckdb"));
        submit(member, db);

        // When
        WarmScript.writeRounds(member, 0, 60);

        // Then
        assertExactlyOnce(db, 60);
        assertEventually(() -> assertEquals(
                "{\"capital\": 25059, \"ts\": " + (1_776_269_558L + 59) + "}",
                db.strings("SELECT key, value FROM dolphin.hz_last_values WHERE map = 'DOLPHIN_STATE_BLUE'")
                        .get("capital_checkpoint")));
        assertEquals(0, db.scalar("SELECT count(*) FROM dolphin_green.obf_universe"));
    }

    @Test
    void when_jobRestartedMidRun_then_noLossNoDuplicate() throws Exception {
        // Given
        HazelcastInstance member = cluster.newMember();
        WarmDb db = new WarmDb(dir.resolve("warm.duckdb"));
        Job job = submit(member, db);
        WarmScript.writeRounds(member, 0, 40);
        assertEventually(() -> assertTrue(db.scalar("SELECT count(*) FROM dolphin.trade_events") > 10));

        // When
        job.restart();
        WarmScript.writeRounds(member, 40, 80);

        // Then
        assertExactlyOnce(db, 80);
    }

    @Test
    void when_jobCancelledAndSubmittedAgain_then_replayFromOldestAddsNothingTwice() throws Exception {
        // Given: a first job stored rounds 0..40
        HazelcastInstance member = cluster.newMember();
        WarmDb db = new WarmDb(dir.resolve("warm.duckdb"));
        Job first = submit(member, db);
        WarmScript.writeRounds(member, 0, 40);
        assertExactlyOnce(db, 40);
        first.cancel();
        assertEventually(() -> assertEquals(JobStatus.FAILED, first.getStatus()));

        // When: a new job without snapshot reads every journal from its oldest event again
        WarmScript.writeRounds(member, 40, 60);
        submit(member, db);

        // Then
        assertExactlyOnce(db, 60);
    }

    @Test
    void when_storeUnavailableFor30s_then_noLossNoDuplicate() throws Exception {
        try (DuckDbOutage outage = DuckDbOutage.install()) {
            // Given
            HazelcastInstance member = cluster.newMember();
            Path file = dir.resolve("warm.duckdb");
            WarmDb db = new WarmDb(file);
            Job job = submit(member, db);
            WarmScript.writeRounds(member, 0, 30);
            assertExactlyOnce(db, 30);

            // When: the store goes away for 30 s while the maps keep changing
            Process holder = outage.begin(file, 30);
            WarmScript.writeRounds(member, 30, 60);
            assertEventually(() -> assertTrue(metric(job, SinkCounters.TRANSIENT_ERRORS) > 0));
            assertEventually(() -> assertEquals(0, metric(job, SinkCounters.STORE_UP)));
            assertTrue(holder.waitFor(60, TimeUnit.SECONDS), "lock holder did not exit");
            WarmScript.writeRounds(member, 60, 70);

            // Then
            assertExactlyOnce(db, 70);
            assertEquals(0, metric(job, SinkCounters.JOURNAL_LOST));
        }
    }

    @Test
    void when_valuesCannotBecomeRows_then_deadLetteredAndTheRestLands() {
        // Given
        HazelcastInstance member = cluster.newMember();
        WarmDb db = new WarmDb(dir.resolve("warm.duckdb"));
        Job job = submit(member, db);
        IMap<String, String> features = member.getMap(DolphinMaps.FEATURES);

        // When: broken JSON, a book without its best ask, a scan without timestamp, between good rounds
        WarmScript.writeRounds(member, 0, 10);
        features.set("exf_latest", "{\"funding_btc\": -5.0e-05, \"dvol\": ");
        features.set("asset_BADUSDT_ob", "{\"best_bid\": 1.0, \"n_bid_levels\": 3}");
        member.<String, String>getMap(DolphinMaps.EIGEN_SCANS).set("5", "{\"scan_number\": 5}");
        WarmScript.writeRounds(member, 10, 20);

        // Then
        assertExactlyOnce(db, 20);
        IMap<String, String> dead = member.getMap(DolphinMaps.DEAD_LETTERS);
        assertEventually(() -> assertEquals(3, dead.size(), dead.keySet().toString()));
        Map<String, String> reasons = new java.util.HashMap<>();
        dead.values().forEach(v -> {
            DeadLetter d = new DeadLetterCodec().decode(v);
            reasons.put(d.source().substring(0, d.source().indexOf(']') + 1), d.reason());
        });
        assertTrue(reasons.get("DOLPHIN_FEATURES[exf_latest]").contains("not valid JSON"), reasons.toString());
        assertTrue(reasons.get("DOLPHIN_FEATURES[asset_BADUSDT_ob]").contains("best_ask"), reasons.toString());
        assertTrue(reasons.get("DOLPHIN_EIGEN_SCANS[5]").contains("timestamp"), reasons.toString());
        assertEventually(() -> assertEquals(3, job.getMetrics().get(DeadLetters.METRIC).stream()
                .mapToLong(m -> m.value()).sum()));
        // the map held the bad text, so hz-warmup must be able to give it back
        assertEventually(() -> assertEquals("{\"best_bid\": 1.0, \"n_bid_levels\": 3}",
                db.strings("SELECT key, value FROM dolphin.hz_last_values").get("asset_BADUSDT_ob")));
    }

    public static long metric(Job job, String name) {
        return job.getMetrics().get(name).stream().mapToLong(m -> m.value()).max().orElse(-1);
    }

    @Test
    void when_oneOfTwoMembersTerminated_then_noLossNoDuplicate() throws Exception {
        // Given
        HazelcastInstance[] members = cluster.newMembers(2);
        WarmDb db = new WarmDb(dir.resolve("warm.duckdb"));
        submit(members[0], db);
        WarmScript.writeRounds(members[0], 0, 40);
        assertEventually(() -> assertTrue(db.scalar("SELECT count(*) FROM dolphin.trade_events") > 10));

        // When
        members[1].getLifecycleService().terminate();
        WarmScript.writeRounds(members[0], 40, 80);

        // Then
        assertExactlyOnce(db, 80);
    }
}
