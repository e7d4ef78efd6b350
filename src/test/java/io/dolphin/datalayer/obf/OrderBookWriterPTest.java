package io.dolphin.datalayer.obf;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.core.test.TestInbox;
import com.hazelcast.jet.core.test.TestOutbox;
import com.hazelcast.jet.core.test.TestProcessorContext;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.common.DolphinMaps;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OrderBookWriterP} alone, driven by hand with Jet's {@link TestInbox}, {@link TestOutbox} and
 * {@link TestProcessorContext}; the map is a stand-in whose writes the test completes, so "one write in flight" and
 * "a snapshot waits for the write" are observable. The cluster tests (ObfIngestFaultToleranceTest) then prove the
 * same with a broker, a member and restarts.
 */
class OrderBookWriterPTest {

    private static final String BTC = "asset_BTCUSDT_ob";
    private static final String ETH = "asset_ETHUSDT_ob";

    private final FakeMap map = new FakeMap();
    private final RecordedMetrics metrics = new RecordedMetrics();
    private final TestOutbox outbox = new TestOutbox(new int[] {16}, 16);
    private long offset;

    private OrderBookWriterP newProcessor() {
        return newProcessor(Map.of());
    }

    private OrderBookWriterP newProcessor(Map<String, Long> heldAtSubmission) {
        return newProcessor("dolphin-obf-ingest", heldAtSubmission);
    }

    private OrderBookWriterP newProcessor(String jobName, Map<String, Long> heldAtSubmission) {
        OrderBookWriterP p = new OrderBookWriterP(
                new OrderBookIngest(jobName, 4096, OrderBookFeatureCalculator.Params.DEFAULTS),
                DolphinMaps.FEATURES, heldAtSubmission, metrics);
        try {
            p.init(outbox, new TestProcessorContext().setHazelcastInstance(map.instance()));
        } catch (Exception e) {
            throw new AssertionError("init failed", e);
        }
        return p;
    }

    private ObfRecord book(String symbol, long ts) {
        return record(symbol, bookJson(symbol, ts));
    }

    private static String bookJson(String symbol, long ts) {
        return "{\"symbol\":\"" + symbol + "\",\"ts\":" + ts
                + ",\"bids\":[[100.0,1.0],[99.0,2.0]],\"asks\":[[101.0,1.0],[102.0,3.0]]}";
    }

    private ObfRecord record(String key, String value) {
        return new ObfRecord("books", 0, offset++, key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void process(OrderBookWriterP p, ObfRecord... records) {
        TestInbox inbox = new TestInbox(List.of(records));
        p.process(0, inbox);
        assertTrue(inbox.isEmpty(), "a batch this small is taken whole");
    }

    private List<DeadLetter> deadLetters() {
        List<DeadLetter> out = new ArrayList<>();
        outbox.drainQueueAndReset(0, out, false);
        return out;
    }

    @Test
    void when_symbolsRecordsOutOfOrder_then_olderOnesDroppedAndCountedStale() {
        OrderBookWriterP p = newProcessor();

        process(p, book("BTCUSDT", 1000), book("BTCUSDT", 3000), book("ETHUSDT", 1500), book("BTCUSDT", 2000),
                book("BTCUSDT", 3000), book("BTCUSDT", 4000));
        map.completeAll();
        assertTrue(p.complete());

        assertEquals(List.of(BTC + "@1000", BTC + "@3000", ETH + "@1500", BTC + "@4000"), map.writes());
        assertEquals(2, metrics.get(OrderBookIngest.STALE_METRIC), "an older and an equal ts");
        assertEquals(4, metrics.get(OrderBookWriterP.WRITTEN_METRIC));
        assertEquals(List.of(), deadLetters());
    }

    @Test
    void when_freshSubmissionReReadsBooksTheMapHolds_then_thoseAreSkippedAsHeld_andLaterOnesWritten() {
        // the map held BTC at 3000 when the job was submitted (after a full restart: what hz-warmup restored)
        OrderBookWriterP p = newProcessor(Map.of(BTC, 3000L));

        process(p, book("BTCUSDT", 2000), book("BTCUSDT", 3000), book("ETHUSDT", 1500), book("BTCUSDT", 4000),
                book("BTCUSDT", 3500));
        map.completeAll();
        assertTrue(p.complete());

        assertEquals(List.of(ETH + "@1500", BTC + "@4000"), map.writes(), "the key never goes back, nothing twice");
        assertEquals(2, metrics.get(ColdStart.SKIPPED_METRIC), "the re-read 2000 and 3000: held, not stale");
        assertEquals(1, metrics.get(OrderBookIngest.STALE_METRIC), "3500 after 4000 is stale as ever");
    }

    @Test
    void when_poisonRecords_then_deadLetteredAndTheRestWritten() {
        OrderBookWriterP p = newProcessor();

        process(p, book("BTCUSDT", 1000), record("BTCUSDT", "{\"symbol\":\"BTCUSDT\",\"ts\":"),
                record("BTCUSDT", "x".repeat(5000)), record("ETHUSDT", bookJson("BTCUSDT", 2000)),
                record(null, "{}"), book("BTCUSDT", 1500));
        map.completeAll();
        assertTrue(p.complete());

        List<DeadLetter> letters = deadLetters();
        assertEquals(List.of("books/0@1", "books/0@2", "books/0@3", "books/0@4"),
                letters.stream().map(DeadLetter::source).toList(), "source = topic/partition@offset: a replay overwrites");
        assertTrue(letters.get(0).reason().contains("not valid JSON"), letters.get(0).reason());
        assertTrue(letters.get(1).reason().contains("oversized message: 5000 bytes"), letters.get(1).reason());
        assertTrue(letters.get(2).reason().contains("differs from its record key 'ETHUSDT'"), letters.get(2).reason());
        assertTrue(letters.get(3).reason().contains("record has no key"), letters.get(3).reason());
        assertEquals("dolphin-obf-ingest", letters.get(0).job());
        assertEquals(List.of(BTC + "@1000", BTC + "@1500"), map.writes(), "a poison record moves no guard");
    }

    @Test
    void when_writeInFlight_then_nextBatchWaitsForIt() {
        OrderBookWriterP p = newProcessor();
        process(p, book("BTCUSDT", 1000));
        assertEquals(1, map.calls.size());

        process(p, book("BTCUSDT", 2000), book("BTCUSDT", 3000));
        assertTrue(p.tryProcess());
        assertEquals(1, map.calls.size(), "one putAllAsync in flight at a time: a key's updates stay in order");

        map.calls.get(0).future.complete(null);
        assertTrue(p.tryProcess());
        assertEquals(2, map.calls.size());
        assertEquals(List.of(BTC + "@2000", BTC + "@3000"), map.calls.get(1).entries(), "both updates of one key");
        assertEquals(1, metrics.get(OrderBookWriterP.WRITTEN_METRIC));
    }

    @Test
    void when_snapshotRequestedWithWriteInFlight_then_itWaitsForTheWrite() {
        OrderBookWriterP p = newProcessor();
        process(p, book("BTCUSDT", 1000));

        assertFalse(p.saveToSnapshot(), "the guard would claim a snapshot the map does not hold yet");
        assertFalse(p.complete());
        assertTrue(outbox.snapshotQueue().isEmpty());

        map.completeAll();
        assertTrue(p.saveToSnapshot());
        assertEquals(1, outbox.snapshotQueue().size());
    }

    @Test
    void when_snapshotSaved_then_guardsRestored() {
        OrderBookWriterP before = newProcessor();
        process(before, book("BTCUSDT", 2000), book("ETHUSDT", 5000));
        map.completeAll();
        assertTrue(before.saveToSnapshot());
        List<Map.Entry<Object, Object>> snapshot = new ArrayList<>();
        outbox.drainSnapshotQueueAndReset(snapshot, false);
        assertEquals(Map.of(BTC, 2000L, ETH, 5000L), toMap(snapshot));

        OrderBookWriterP after = newProcessor();
        TestInbox restore = new TestInbox(snapshot);
        after.restoreFromSnapshot(restore);
        assertTrue(after.finishSnapshotRestore());
        map.calls.clear();
        process(after, book("BTCUSDT", 1500), book("BTCUSDT", 2500), book("ETHUSDT", 5000), book("SOLUSDT", 1));
        map.completeAll();

        assertEquals(List.of(BTC + "@2500", "asset_SOLUSDT_ob@1"), map.writes(),
                "what the restored guards had accepted is not written again");
        assertEquals(2, metrics.get(OrderBookIngest.STALE_METRIC));
    }

    @Test
    void when_writeFails_then_processorFails() {
        OrderBookWriterP p = newProcessor();
        process(p, book("BTCUSDT", 1000));

        map.calls.get(0).future.completeExceptionally(new IllegalStateException("partition lost"));

        // The job fails and restarts from its last snapshot: the Kafka offsets and guards from before this write.
        CompletionException e = assertThrows(CompletionException.class, p::tryProcess);
        assertEquals("partition lost", e.getCause().getMessage());
    }

    @Test
    void when_writeAcknowledged_then_eachBooksAgeIsCountedAtTheAcknowledgement() {
        OrderBookWriterP p = newProcessor("ages-test", Map.of());
        long now = System.currentTimeMillis();
        process(p, book("BTCUSDT", now - 300), book("ETHUSDT", now - 200), book("BTCUSDT", now - 400));
        Recorder ages = BookAgeMeter.memberWide("ages-test");
        assertEquals(0, ages.getIntervalHistogram().getTotalCount(), "the write is not acknowledged yet");

        map.completeAll();
        long before = System.currentTimeMillis();
        assertTrue(p.tryProcess());
        long after = System.currentTimeMillis();

        Histogram written = ages.getIntervalHistogram();
        assertEquals(2, written.getTotalCount(), "BTC's older book after its newer one is stale, not written");
        assertTrue(written.getMinValue() >= before - now + 200 && written.getMinValue() <= after - now + 201,
                "ETH's age at the acknowledgement: " + written.getMinValue());
        assertTrue(written.getMaxValue() >= before - now + 300 && written.getMaxValue() <= after - now + 301,
                "BTC's: " + written.getMaxValue());
    }

    private static Map<String, Long> toMap(List<Map.Entry<Object, Object>> entries) {
        Map<String, Long> m = new HashMap<>();
        entries.forEach(e -> m.put((String) e.getKey(), (Long) e.getValue()));
        return m;
    }

    /** One putAllAsync: its entries as {@code key@ts}, and the future the test completes. */
    private record Call(List<String> entries, CompletableFuture<Void> future) {
    }

    /**
     * The map the processor writes to, reached through a stand-in member: only {@code getMap} and
     * {@code putAllAsync} are answered, which is all the processor may use.
     */
    private static final class FakeMap {
        final List<Call> calls = new ArrayList<>();

        HazelcastInstance instance() {
            IMap<?, ?> imap = proxy(IMap.class, (name, args) -> {
                if (!name.equals("putAllAsync")) {
                    throw new UnsupportedOperationException(name);
                }
                List<String> entries = new ArrayList<>();
                ((Map<?, ?>) args[0]).forEach((k, v) -> entries.add(k + "@" + ObfTestSupport.FEATURES
                        .decode((String) v).ts()));
                Call call = new Call(entries, new CompletableFuture<>());
                calls.add(call);
                return call.future;
            });
            return proxy(HazelcastInstance.class, (name, args) -> {
                if (!name.equals("getMap") || !DolphinMaps.FEATURES.equals(args[0])) {
                    throw new UnsupportedOperationException(name);
                }
                return imap;
            });
        }

        void completeAll() {
            calls.forEach(c -> c.future.complete(null));
        }

        List<String> writes() {
            return calls.stream().flatMap(c -> c.entries.stream()).toList();
        }

        private interface Handler {
            Object answer(String method, Object[] args);
        }

        private static <T> T proxy(Class<T> type, Handler handler) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    (self, method, args) -> method.getName().equals("toString") ? type.getSimpleName() + " stand-in"
                            : handler.answer(method.getName(), args)));
        }
    }
}
