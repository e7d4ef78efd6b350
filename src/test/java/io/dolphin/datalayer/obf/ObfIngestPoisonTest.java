package io.dolphin.datalayer.obf;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.DeadLetters;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.sim.EmbeddedKafka;
import io.dolphin.datalayer.sim.OrderBookFeed;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.dolphin.datalayer.obf.ObfIngestJobTest.Books.book;
import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kind of poison record, sent to one running job between good records: it lands in the dead-letter map with its
 * reason, the metric counts it, the job keeps running and the good record after it is applied.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObfIngestPoisonTest {

    private static final String TOPIC = "obf.poison";

    private EmbeddedKafka kafka;
    private TestCluster cluster;
    private HazelcastInstance member;
    private Job job;
    private OrderBookFeed feed;

    @BeforeAll
    void start() {
        ObfTestSupport.init();
        kafka = EmbeddedKafka.start();
        kafka.createTopic(TOPIC, 4);
        cluster = new TestCluster();
        member = cluster.newMember(ObfTestSupport.memberConfig());
        job = ObfTestSupport.submit(member, ObfTestSupport.settings(kafka, TOPIC));
        feed = new OrderBookFeed(kafka.bootstrapServers(), TOPIC);
    }

    @AfterAll
    void stop() {
        feed.close();
        cluster.close();
        kafka.close();
    }

    @Test
    void when_notJson_then_deadLettered() {
        assertPoison("NJUSDT", "{\"symbol\":\"NJUSDT\", \"ts\": oops", "order book: not valid JSON");
    }

    @Test
    void when_crossedBook_then_deadLettered() {
        String crossed = "{\"symbol\":\"CROSSUSDT\",\"ts\":5,\"bids\":[[101,1]],\"asks\":[[100,1]]}";
        assertPoison("CROSSUSDT", crossed, "order book CROSSUSDT@5: crossed book: best bid 101.0 >= best ask 100.0");
    }

    @Test
    void when_negativeQuantity_then_deadLettered() {
        String negative = "{\"symbol\":\"NEGUSDT\",\"ts\":5,\"bids\":[[100,1],[99,-2]],\"asks\":[[101,1]]}";
        assertPoison("NEGUSDT", negative, "order book: bids[1] negative quantity -2.0");
    }

    @Test
    void when_emptySide_then_deadLettered() {
        String empty = "{\"symbol\":\"EMPTYUSDT\",\"ts\":5,\"bids\":[[100,1]],\"asks\":[]}";
        assertPoison("EMPTYUSDT", empty, "order book EMPTYUSDT@5: empty side: no asks");
    }

    @Test
    void when_unknownSymbolFormatInKey_then_deadLettered() {
        assertPoison("eth-usdt", book("ETHUSDT", 5, 100), "unknown symbol format in record key 'eth-usdt'");
    }

    @Test
    void when_unknownSymbolFormatInMessage_then_deadLettered() {
        String lower = book("ETHUSDT", 5, 100).replace("ETHUSDT", "eth/usdt");
        assertPoison("SYMUSDT", lower, "order book: unknown symbol format 'eth/usdt'");
    }

    @Test
    void when_oversizedMessage_then_deadLetteredUnparsedAndTruncated() {
        // Over the shipped max-message-bytes (256 KiB), under Kafka's 1 MB limit.
        String huge = book("BIGUSDT", 5, 100).replace("}", ",\"pad\":\"" + "x".repeat(300_000) + "\"}");
        DeadLetter d = assertPoison("BIGUSDT", huge, "oversized message: 300");
        assertTrue(d.reason().endsWith("bytes > max-message-bytes 262144"), d.reason());
        assertTrue(d.payloadTruncated());
    }

    @Test
    void when_keyMissing_then_deadLettered() {
        assertPoison(null, book("NOKEYUSDT", 5, 100), "record has no key");
    }

    @Test
    void when_keyAndSymbolDiffer_then_deadLettered() {
        assertPoison("KEYAUSDT", book("KEYBUSDT", 5, 100), "symbol 'KEYBUSDT' in the message differs from its record key");
    }

    /**
     * Sends {@code payload} under {@code key}, then a good snapshot of a canary symbol under the same key when it is
     * a valid symbol (same partition, so processed after the poison), and checks the four promises.
     */
    private DeadLetter assertPoison(String key, String payload, String reason) {
        String canary = key != null && key.matches("[A-Z0-9]{2,25}") ? key : "CANARY" + Math.abs(reason.hashCode() % 1000)
                + "USDT";
        String canaryKey = key != null && key.matches("[A-Z0-9]{2,25}") ? key : canary;
        long ts = System.currentTimeMillis();

        // When the poison record and then a good one arrive
        feed.send(key, payload.getBytes(StandardCharsets.UTF_8));
        feed.send(canaryKey, book(canary, ts, 100));
        feed.flush();

        // Then the dead letter says why, with the payload
        DeadLetter[] found = new DeadLetter[1];
        assertEventually(() -> {
            List<DeadLetter> matching = ObfTestSupport.deadLetters(member).stream()
                    .filter(d -> d.reason().contains(reason)).toList();
            assertEquals(1, matching.size(), "dead letters with reason '" + reason + "': " + matching);
            found[0] = matching.get(0);
        });
        DeadLetter d = found[0];
        assertTrue(d.source().startsWith(TOPIC + "/"), d.source());
        assertTrue(payload.startsWith(d.payload()), "payload kept (possibly truncated)");
        // the good record after it was applied, the job runs on, and the metric counted every dead letter
        IMap<String, String> features = member.getMap(DolphinMaps.FEATURES);
        assertEventually(() -> assertEquals(ts, ObfTestSupport.tsOf(features.get("asset_" + canary + "_ob"))));
        assertEquals(JobStatus.RUNNING, job.getStatus());
        assertEventually(() -> assertEquals(ObfTestSupport.deadLetters(member).size(),
                ObfTestSupport.metric(job, DeadLetters.METRIC)));
        return d;
    }
}
