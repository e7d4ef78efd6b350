package io.dolphin.datalayer.obf;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import io.dolphin.datalayer.sim.EmbeddedKafka;
import io.dolphin.datalayer.sim.OrderBookFeed;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka offsets and the order guard live in Jet snapshots: a restart or the loss of a member in the middle of the
 * stream loses no snapshot (every key ends at the last one produced for it, the journal saw every one at least once)
 * and applies none out of order beyond the documented replay of the records after the last Jet snapshot.
 */
class ObfIngestFaultToleranceTest {

    /** 542 symbols × 16 rounds, after the first at 4,000/s: ~2 s of feed, with the fault in the middle. */
    private static final int ROUNDS = 16;
    private static final double RATE = 4_000;

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
    void when_jobRestartedMidStream_then_noSnapshotLostAndKeysEndAtLast() throws Exception {
        String topic = "obf.restart";
        kafka.createTopic(topic, 4);
        HazelcastInstance member = cluster.newMember(ObfTestSupport.memberConfig());
        Job job = ObfTestSupport.submit(member, ObfTestSupport.settings(kafka, topic));

        runFeedWithFault(topic, member, () -> job.restart());

        // restart() returns before the terminal snapshot and the new execution: every key can be at its last book
        // (written by the old execution) while the job is still COMPLETING
        assertEventually(() -> assertEquals(JobStatus.RUNNING, job.getStatus()));
    }

    @Test
    void when_memberTerminatedMidStream_then_noSnapshotLostAndKeysEndAtLast() throws Exception {
        String topic = "obf.member-loss";
        kafka.createTopic(topic, 4);
        HazelcastInstance survivor = cluster.newMember(ObfTestSupport.memberConfig());
        HazelcastInstance victim = cluster.newMember(ObfTestSupport.memberConfig());
        Job job = ObfTestSupport.submit(survivor, ObfTestSupport.settings(kafka, topic));
        assertEventually(() -> assertEquals(JobStatus.RUNNING, job.getStatus()));

        runFeedWithFault(topic, survivor, () -> victim.getLifecycleService().terminate());

        assertEquals(1, survivor.getCluster().getMembers().size());
        assertEventually(() -> assertEquals(JobStatus.RUNNING, job.getStatus()));
    }

    /**
     * Produces one round and waits until the job has written it (the job is live), then produces the rest at
     * {@link #RATE} on another thread, runs {@code fault} half way through, and checks every key and the journal on
     * {@code reader}.
     */
    private static void runFeedWithFault(String topic, HazelcastInstance reader, Runnable fault) throws Exception {
        int total = OrderBookFeed.PRODUCTION_SYMBOLS * ROUNDS;
        List<OrderBookFeed.Generator.Message> produced = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        try (OrderBookFeed feed = new OrderBookFeed(kafka.bootstrapServers(), topic)) {
            for (int i = 0; i < OrderBookFeed.PRODUCTION_SYMBOLS; i++) {
                produced.add(feed.sendNext());
            }
            feed.flush();
            assertEventually(() -> assertEquals(OrderBookFeed.PRODUCTION_SYMBOLS, journalEvents(reader)));
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                long start = System.nanoTime();
                for (int i = produced.size(); i < total && !stop.get(); i++) {
                    produced.add(feed.sendNext());
                    long due = start + (long) ((i - OrderBookFeed.PRODUCTION_SYMBOLS) / RATE * 1e9);
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                }
                feed.flush();
            });
            try {
                // Given the feed is half way (the job has run for ~1 s, snapshotting every 200 ms)
                assertEventually(() -> assertTrue(produced.size() >= total / 2, "half produced"));
                // When
                int producedAtFault = produced.size();
                fault.run();
                assertTrue(producedAtFault < total, "the fault came mid-stream: " + producedAtFault + " of " + total);
                producing.get(60, TimeUnit.SECONDS);
            } finally {
                stop.set(true);
            }
            // Then every key ends at the last snapshot produced for it
            ObfTestSupport.awaitEveryKeyIsLastProduced(reader, feed.lastProduced());
        }
        // and the journal saw every snapshot at least once (replays after the fault may repeat some)
        List<OrderBookFeed.Generator.Message> sent = List.copyOf(produced);
        Map<String, List<Long>> journal = ObfTestSupport.journalTimestamps(reader);
        Set<String> missing = new HashSet<>();
        for (OrderBookFeed.Generator.Message m : sent) {
            List<Long> seen = journal.get(m.symbol());
            if (seen == null || !seen.contains(m.ts())) {
                missing.add(m.symbol() + "@" + m.ts());
            }
        }
        assertTrue(missing.isEmpty(), missing.size() + " snapshots never reached the journal, e.g. "
                + missing.stream().limit(5).toList());
        long events = journal.values().stream().mapToLong(List::size).sum();
        System.out.printf("obf fault test: %d produced, %d journal events (%d repeated by the replay)%n",
                sent.size(), events, events - sent.size());
    }

    private static long journalEvents(HazelcastInstance member) throws Exception {
        return ObfTestSupport.journalTimestamps(member).values().stream().mapToLong(List::size).sum();
    }
}
