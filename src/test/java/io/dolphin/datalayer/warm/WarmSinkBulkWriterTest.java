package io.dolphin.datalayer.warm;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.warm.store.WarmDb;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.dolphin.datalayer.warm.WarmSinkJobTest.submit;
import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Writers that use {@code IMap.putAll} (obf-ingest's ordered sink does) at the deployed partition count: every event
 * lands once while the writer keeps writing. (In the demo, a reader that long-polled stalled on such partitions for
 * minutes; this test does not reproduce that stall — the old reader passed it, 6x slower — it guards the result.)
 */
class WarmSinkBulkWriterTest {

    private static final int SYMBOLS = 100;
    private static final int ROUNDS = 30;

    @TempDir
    Path dir;

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void when_valuesWrittenWithPutAll_then_everyEventLandsOnceWhileWritingContinues() {
        // Given: the deployed 271 partitions, so most order-book keys sit alone in their partition
        Config config = TestCluster.memberConfig();
        config.setProperty("hazelcast.partition.count", "271");
        HazelcastInstance member = cluster.newMember(config);
        WarmDb db = new WarmDb(dir.resolve("warm.duckdb"));
        submit(member, db);
        IMap<String, String> features = member.getMap(DolphinMaps.FEATURES);

        // When: rounds of putAll over all symbols; after half of them, the rows so far must already be there
        long ts = 1_776_269_558_000L;
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, String> batch = new LinkedHashMap<>();
            for (int s = 0; s < SYMBOLS; s++) {
                batch.put(FeatureKeys.orderBook("SYM" + s + "USDT"), "{\"best_bid\": 100.0, \"best_ask\": 100.5,"
                        + " \"n_bid_levels\": 5, \"n_ask_levels\": 5, \"ts\": " + (ts + round) + "}");
            }
            features.putAll(batch);
            if (round == ROUNDS / 2) {
                long expected = (long) SYMBOLS * (ROUNDS / 2 + 1);
                assertEventually(30, () -> assertEquals(expected, db.scalar("SELECT count(*) FROM dolphin.obf_universe")));
            }
        }

        // Then
        long all = (long) SYMBOLS * ROUNDS;
        assertEventually(60, () -> assertEquals(all, db.scalar("SELECT count(*) FROM dolphin.obf_universe")));
        assertEquals(all, db.scalar("SELECT count(*) FROM (SELECT DISTINCT symbol, ts FROM dolphin.obf_universe)"));
    }
}
