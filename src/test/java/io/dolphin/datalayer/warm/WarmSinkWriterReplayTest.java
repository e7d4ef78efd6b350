package io.dolphin.datalayer.warm;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.warm.store.WarmDb;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Replays by the writers of the maps: after a member loss obf-ingest (and any job restarting from a Jet snapshot)
 * writes values again that the journal, and so the warm sink, already saw. They are new journal events with new
 * sequences; the sink recognises them by the order the value carries ({@code ts}, {@code _ts}, {@code scan_number}).
 */
class WarmSinkWriterReplayTest {

    private static final int SYMBOLS = 5;
    private static final long BASE_MS = 1_776_269_558_000L;

    @TempDir
    Path dir;

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void when_writerRewritesAnOlderRunAfterNewerValues_then_noDuplicateRows() {
        // Given
        HazelcastInstance member = cluster.newMember();
        WarmDb db = new WarmDb(dir.resolve("warm.duckdb"));
        Job job = WarmSinkJobTest.submit(member, db);
        write(member, 0, 20);

        // When: the writer restarts from a snapshot taken at step 10 and writes 10..19 again, then goes on
        write(member, 10, 20);
        write(member, 20, 25);

        // Then
        assertEventually(60, () -> assertRowsOncePerStep(db, 25));
        // books, factors and ACB values replayed; a scan replay adds nothing to DOLPHIN_EIGEN_SCANS, so no event at all
        assertEventually(() -> assertEquals(SYMBOLS * 10 + 2 * 10,
                WarmSinkJobTest.metric(job, SinkCounters.REPLAYS_SKIPPED)));
        assertEquals(book(0, 24), db.strings("SELECT key, value FROM dolphin.hz_last_values "
                + "WHERE key = 'asset_SYM0USDT_ob'").get("asset_SYM0USDT_ob"), "hz-warmup must restore the newest value");
        assertEquals((BASE_MS + 24_000) * 1_000, db.scalar("SELECT value_order FROM dolphin.hz_last_values "
                + "WHERE key = 'asset_SYM0USDT_ob'"));
    }

    @Test
    void when_writerReplaysAcrossSinkRestart_then_noDuplicateRows() {
        // Given: a first sink stored steps 0..19 and was cancelled
        HazelcastInstance member = cluster.newMember();
        WarmDb db = new WarmDb(dir.resolve("warm.duckdb"));
        Job first = WarmSinkJobTest.submit(member, db);
        write(member, 0, 20);
        assertEventually(60, () -> assertRowsOncePerStep(db, 20));
        first.cancel();
        assertEventually(() -> assertEquals(JobStatus.FAILED, first.getStatus()));

        // When: a new sink (nothing in memory) meets the writer's replay of 10..19, then new values
        Job second = WarmSinkJobTest.submit(member, db);
        write(member, 10, 20);
        write(member, 20, 25);

        // Then: the order of each key came back from hz_last_values
        assertEventually(60, () -> assertRowsOncePerStep(db, 25));
        // books, factors and ACB values replayed; a scan replay adds nothing to DOLPHIN_EIGEN_SCANS, so no event at all
        assertEventually(() -> assertEquals(SYMBOLS * 10 + 2 * 10,
                WarmSinkJobTest.metric(second, SinkCounters.REPLAYS_SKIPPED)));
    }

    @Test
    void when_sameTimeButDifferentValue_then_keptAsCorrection() {
        // Given
        HazelcastInstance member = cluster.newMember();
        WarmDb db = new WarmDb(dir.resolve("warm.duckdb"));
        WarmSinkJobTest.submit(member, db);
        IMap<String, String> features = member.getMap(DolphinMaps.FEATURES);
        features.set(FeatureKeys.ACB_BOOST, acb(1, 1.0));

        // When: the same ts with another value (never a replay: a replay writes the same text)
        features.set(FeatureKeys.ACB_BOOST, acb(1, 1.5));
        features.set(FeatureKeys.ACB_BOOST, acb(1, 1.5));

        // Then
        assertEventually(60, () -> assertEquals(2, db.scalar("SELECT count(*) FROM dolphin.acb_state")));
    }

    @Test
    void when_valueCarriesNoTime_then_everyWriteIsARow() {
        // Given: the read-time fallback, documented as outside the replay rule
        HazelcastInstance member = cluster.newMember();
        WarmDb db = new WarmDb(dir.resolve("warm.duckdb"));
        WarmSinkJobTest.submit(member, db);
        IMap<String, String> features = member.getMap(DolphinMaps.FEATURES);

        // When
        features.set(FeatureKeys.ACB_BOOST, "{\"boost\": 1.0, \"beta\": 0.5}");
        features.set(FeatureKeys.ACB_BOOST, "{\"boost\": 1.2, \"beta\": 0.5}");
        features.set(FeatureKeys.ACB_BOOST, "{\"boost\": 1.0, \"beta\": 0.5}");

        // Then
        assertEventually(60, () -> assertEquals(3, db.scalar("SELECT count(*) FROM dolphin.acb_state")));
    }

    /** Steps [from, to): an order book per symbol, factors, ACB and a scan, each with the step's own time. */
    private static void write(HazelcastInstance member, int from, int to) {
        IMap<String, String> features = member.getMap(DolphinMaps.FEATURES);
        for (int step = from; step < to; step++) {
            for (int s = 0; s < SYMBOLS; s++) {
                features.set("asset_SYM" + s + "USDT_ob", book(s, step));
            }
            double seconds = (BASE_MS + step * 1_000L) / 1_000.0;
            features.set(FeatureKeys.EXF_LATEST, "{\"funding_btc\": 0.0001, \"dvol\": " + (50 + step)
                    + ", \"_ts\": " + seconds + "}");
            features.set(FeatureKeys.ACB_BOOST, acb(step, 1.0 + step / 100.0));
            String scan = "{\"scan_number\": " + (1000 + step) + ", \"timestamp\": " + seconds
                    + ", \"vel_div\": 0.1, \"_ng7_metadata\": {\"uuid\": \"scan-" + step + "\"}}";
            // as the scan bridge does: the scan's own entry once (a replay adds nothing), then the hot key
            member.<String, String>getMap(DolphinMaps.EIGEN_SCANS).putIfAbsent(String.valueOf(1000 + step), scan);
            features.set(FeatureKeys.LATEST_EIGEN_SCAN, scan);
        }
    }

    private static String book(int symbol, int step) {
        return "{\"best_bid\": " + (100.0 + step) + ", \"best_ask\": " + (101.0 + step) + ", \"spread_bps\": 1.5, "
                + "\"ts\": " + (BASE_MS + step * 1_000L) + ", \"symbol\": \"SYM" + symbol + "USDT\"}";
    }

    private static String acb(int step, double boost) {
        return "{\"boost\": " + boost + ", \"beta\": 0.5, \"ts\": " + (BASE_MS + step * 1_000L) / 1_000.0 + "}";
    }

    private static void assertRowsOncePerStep(WarmDb db, int steps) {
        assertEquals(SYMBOLS * steps + "/" + SYMBOLS * steps, db.scalar("SELECT count(*) FROM dolphin.obf_universe")
                + "/" + db.scalar("SELECT count(*) FROM (SELECT DISTINCT symbol, ts FROM dolphin.obf_universe)"));
        for (String table : new String[]{"exf_data", "acb_state", "eigen_scans"}) {
            assertEquals(steps + "/" + steps, db.scalar("SELECT count(*) FROM dolphin." + table) + "/"
                    + db.scalar("SELECT count(DISTINCT ts) FROM dolphin." + table), table);
        }
    }
}
