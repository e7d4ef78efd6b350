package io.dolphin.datalayer.obf;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.metrics.Measurement;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.sim.EmbeddedKafka;
import io.dolphin.datalayer.sim.OrderBookFeed;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dolphin.datalayer.obf.ObfIngestJobTest.Books.book;
import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job against a real in-process Kafka broker (one per class) and a real member. */
class ObfIngestJobTest {

    private static EmbeddedKafka kafka;
    private final TestCluster cluster = new TestCluster();

    @BeforeAll
    static void startKafka() {
        ObfTestSupport.init();
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void when_feedRunsForWholeUniverse_then_everyKeyIsItsLastSnapshotAndJournalSawEachOnceInOrder() throws Exception {
        // Given
        String topic = "obf.happy";
        kafka.createTopic(topic, 4);
        HazelcastInstance member = cluster.newMember(ObfTestSupport.memberConfig());
        Job job = ObfTestSupport.submit(member, ObfTestSupport.settings(kafka, topic));
        Map<String, List<Long>> produced = new HashMap<>();

        // When: four snapshots of each of the 542 symbols
        try (OrderBookFeed feed = new OrderBookFeed(kafka.bootstrapServers(), topic)) {
            for (int i = 0; i < OrderBookFeed.PRODUCTION_SYMBOLS * 4; i++) {
                var m = feed.sendNext();
                produced.computeIfAbsent(m.symbol(), s -> new java.util.ArrayList<>()).add(m.ts());
            }
            feed.flush();

            // Then every key holds the features of its last snapshot
            ObfTestSupport.awaitEveryKeyIsLastProduced(member, feed.lastProduced());
        }
        // and the journal saw every snapshot exactly once, in each symbol's order
        assertEquals(produced, ObfTestSupport.journalTimestamps(member));
        assertEquals(JobStatus.RUNNING, job.getStatus());
        assertTrue(ObfTestSupport.deadLetters(member).isEmpty(), "the feed's snapshots are all valid");
        // and the writers published how old the books were when the map had them (every 5 s, per processor)
        assertEventually(() -> assertTrue(ObfTestSupport.metric(job, BookAgeMeter.SAMPLES_METRIC) > 0));
        long maxAge = job.getMetrics().get(BookAgeMeter.MAX_METRIC).stream()
                .mapToLong(Measurement::value).max().orElseThrow();
        assertTrue(maxAge < 60_000, "books stamped when sent reach the map within seconds: " + maxAge + " ms");
    }

    @Test
    void when_lateOlderSnapshotArrives_then_neverOverwritesNewerKeyAndIsCounted() throws Exception {
        // Given a key at ts 2000
        String topic = "obf.order";
        kafka.createTopic(topic, 4);
        HazelcastInstance member = cluster.newMember(ObfTestSupport.memberConfig());
        Job job = ObfTestSupport.submit(member, ObfTestSupport.settings(kafka, topic));
        IMap<String, String> features = member.getMap(DolphinMaps.FEATURES);

        try (OrderBookFeed feed = new OrderBookFeed(kafka.bootstrapServers(), topic)) {
            // When snapshots arrive as 2000, then late 1000, 1500 and a repeated 2000, then 3000
            for (long ts : new long[]{2000, 1000, 1500, 2000, 3000}) {
                feed.send("BTCUSDT", book("BTCUSDT", ts, 100 + ts / 1000.0));
            }
            feed.flush();

            // Then the key ends at 3000, and the journal shows it only ever moved forward
            assertEventually(() -> assertEquals(3000L, ObfTestSupport.tsOf(features.get("asset_BTCUSDT_ob"))));
        }
        assertEquals(Map.of("BTCUSDT", List.of(2000L, 3000L)), ObfTestSupport.journalTimestamps(member));
        assertEventually(() -> assertEquals(3, ObfTestSupport.metric(job, OrderBookIngest.STALE_METRIC)));
        assertTrue(ObfTestSupport.deadLetters(member).isEmpty(), "late snapshots are not bad records");
    }

    /** Hand-written order books for tests that need exact control. */
    static final class Books {
        private Books() {
        }

        static String book(String symbol, long ts, double bestBid) {
            return "{\"symbol\":\"" + symbol + "\",\"ts\":" + ts + ",\"bids\":[[" + bestBid + ",1.5],[" + (bestBid - 1)
                    + ",2]],\"asks\":[[" + (bestBid + 0.5) + ",1],[" + (bestBid + 1) + ",3]]}";
        }
    }
}
