package io.dolphin.datalayer.obf;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.logging.Logger;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.sim.EmbeddedKafka;
import io.dolphin.datalayer.sim.OrderBookFeed;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster started again after every member died: the maps hold only what hz-warmup restored from the warm store,
 * Kafka holds the feed, including what was produced while no member ran. A fresh submission resumes from the books
 * the map holds: the journal then sees every book after each symbol's held one exactly once, and none at or before.
 */
class ObfColdStartTest {

    private static final int ROUNDS = 6;
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
    void when_freshSubmissionAfterEveryMemberDied_then_booksAfterTheHeldOnesReachTheJournalOnce_andNoneBefore()
            throws Exception {
        String topic = "obf.cold-start";
        kafka.createTopic(topic, 4);
        List<OrderBookFeed.Generator.Message> sent = new ArrayList<>();
        Map<String, Long> held = new HashMap<>();
        try (OrderBookFeed feed = new OrderBookFeed(kafka.bootstrapServers(), topic)) {
            // Given: the feed before the crash; the warm store holds each symbol up to round 2, 3 or 4 (the sink lags
            // differently per partition), and hz-warmup put exactly those books back into the new cluster's map
            HazelcastInstance member = cluster.newMember(ObfTestSupport.memberConfig());
            IMap<String, String> features = member.getMap(DolphinMaps.FEATURES);
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < OrderBookFeed.PRODUCTION_SYMBOLS; i++) {
                    OrderBookFeed.Generator.Message m = feed.sendNext();
                    sent.add(m);
                    if (round == 2 + i % 3) {
                        held.put(m.symbol(), m.ts());
                        features.set(FeatureKeys.orderBook(m.symbol()), ObfTestSupport.expectedValue(m.value()));
                    }
                }
                feed.flush();
            }
            Map<String, Long> journalBefore = countEvents(ObfTestSupport.journalTimestamps(member));

            // When: obf-ingest is submitted afresh, no snapshot to restore, and the feed goes on
            ObfIngestSettings settings = ObfTestSupport.settings(kafka, topic).withKafka(kafka.bootstrapServers(), topic,
                    "latest");
            ColdStart coldStart = ColdStart.plan(features, settings, 0, Logger.getLogger(getClass()));
            JobConfig config = ObfTestSupport.descriptor().jobConfig().setSnapshotIntervalMillis(200);
            Job job = member.getJet().newJob(ObfIngestJob.pipeline(settings,
                    ObfIngestJob.kafkaSource(settings, coldStart), coldStart), config);
            for (int i = 0; i < OrderBookFeed.PRODUCTION_SYMBOLS; i++) {
                sent.add(feed.sendNext());
            }
            feed.flush();

            // Then: every key ends at its last book; the journal has each book after the held one, once
            ObfTestSupport.awaitEveryKeyIsLastProduced(member, feed.lastProduced());
            assertEquals(OrderBookFeed.PRODUCTION_SYMBOLS, held.size());
            assertEquals(held, coldStart.storedTs().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                    e -> FeatureKeys.symbolOfOrderBook(e.getKey()), Map.Entry::getValue)));
            assertTrue(coldStart.offsets().values().stream().mapToLong(Long::longValue).sum() > 0,
                    "books older than every held one are not read again: " + coldStart.offsets());
            Map<String, List<Long>> journal = ObfTestSupport.journalTimestamps(member);
            List<String> wrong = new ArrayList<>();
            for (String symbol : held.keySet()) {
                List<Long> expected = sent.stream().filter(m -> m.symbol().equals(symbol) && m.ts() > held.get(symbol))
                        .map(OrderBookFeed.Generator.Message::ts).toList();
                List<Long> seen = journal.getOrDefault(symbol, List.of());
                List<Long> afterRestore = seen.subList(Math.toIntExact(journalBefore.getOrDefault(symbol, 0L)),
                        seen.size());
                if (!expected.equals(afterRestore)) {
                    wrong.add(symbol + ": held " + held.get(symbol) + ", expected " + expected + ", journal "
                            + afterRestore);
                }
            }
            assertTrue(wrong.isEmpty(), wrong.size() + " symbols lost or repeated a book, e.g. " + wrong.stream()
                    .limit(3).toList());
            long skipped = sent.stream().filter(m -> m.ts() <= held.get(m.symbol())).count();
            assertEventually(() -> assertTrue(ObfTestSupport.metric(job, ColdStart.SKIPPED_METRIC) > 0,
                    "re-read books counted as held"));
            long counted = ObfTestSupport.metric(job, ColdStart.SKIPPED_METRIC);
            assertTrue(counted <= skipped, counted + " counted as held, at most " + skipped + " were");
            assertEquals(0, ObfTestSupport.metric(job, OrderBookIngest.STALE_METRIC), "a re-read is not stale");
        }
    }

    private static Map<String, Long> countEvents(Map<String, List<Long>> journal) {
        Map<String, Long> out = new HashMap<>();
        journal.forEach((symbol, ts) -> out.put(symbol, (long) ts.size()));
        return out;
    }
}
