package io.dolphin.datalayer.obf;

import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.common.Outcome;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stage 2 of the job without Jet: what it makes of one record, given the symbol's guard. */
class OrderBookIngestTest {

    private final OrderBookIngest ingest =
            new OrderBookIngest("dolphin-obf-ingest", 1024, OrderBookFeatureCalculator.Params.DEFAULTS);
    private final OrderBookIngest.OrderGuard guard = new OrderBookIngest.OrderGuard();

    @Test
    void when_goodSnapshot_then_keyedFeatureJsonAndGuardAdvanced() {
        Outcome<Map.Entry<String, String>> out = apply("BTCUSDT", book("BTCUSDT", 1000));

        assertTrue(out.isAccepted());
        assertEquals("asset_BTCUSDT_ob", out.value().getKey());
        assertEquals(1000L, new OrderBookFeaturesCodec().decode(out.value().getValue()).ts());
        assertEquals(1000, guard.lastTs());
    }

    @Test
    void when_olderOrEqualSnapshotAfterNewer_then_droppedAndGuardKept() {
        apply("BTCUSDT", book("BTCUSDT", 2000));

        assertNull(apply("BTCUSDT", book("BTCUSDT", 1999)));
        assertNull(apply("BTCUSDT", book("BTCUSDT", 2000)));
        assertEquals(2000, guard.lastTs());
        assertTrue(apply("BTCUSDT", book("BTCUSDT", 2001)).isAccepted());
    }

    @Test
    void when_oversized_then_rejectedUnparsedWithSizes() {
        String big = book("BTCUSDT", 1).replace("}", ",\"pad\":\"" + "x".repeat(2000) + "\"}");

        DeadLetter d = rejected("BTCUSDT", big);

        assertTrue(d.reason().startsWith("oversized message: "), d.reason());
        assertTrue(d.reason().endsWith("bytes > max-message-bytes 1024"), d.reason());
        assertEquals(Long.MIN_VALUE, guard.lastTs());
    }

    @Test
    void when_oversizedBeyondDeadLetterLimit_then_payloadTruncatedAndFlagged() {
        OrderBookIngest lenient = new OrderBookIngest("dolphin-obf-ingest", Integer.MAX_VALUE,
                OrderBookFeatureCalculator.Params.DEFAULTS);
        String huge = "y".repeat(DeadLetter.MAX_PAYLOAD_CHARS * 5);

        DeadLetter d = lenient.apply(guard, "asset_BTCUSDT_ob", record("BTCUSDT", huge)).deadLetter();

        assertTrue(d.payloadTruncated());
        assertEquals(DeadLetter.MAX_PAYLOAD_CHARS, d.payload().length());
    }

    @Test
    void when_noKey_then_rejectedSayingSo() {
        DeadLetter d = ingest.apply(guard, ObfRecord.INVALID_KEY, record(null, book("BTCUSDT", 1))).deadLetter();
        assertEquals("record has no key: the feed must key each snapshot by its symbol", d.reason());
    }

    @Test
    void when_keyNotASymbol_then_unknownSymbolFormat() {
        ObfRecord r = record("btc/usdt", book("BTCUSDT", 1));

        DeadLetter d = ingest.apply(guard, r.routingKey(), r).deadLetter();

        assertTrue(d.reason().startsWith("unknown symbol format in record key 'btc/usdt'"), d.reason());
    }

    @Test
    void when_keyAndMessageSymbolDiffer_then_rejected() {
        DeadLetter d = rejected("ETHUSDT", book("BTCUSDT", 1));
        assertEquals("symbol 'BTCUSDT' in the message differs from its record key 'ETHUSDT'", d.reason());
    }

    @Test
    void when_tombstone_then_rejected() {
        DeadLetter d = ingest.apply(guard, "asset_BTCUSDT_ob", new ObfRecord("t", 0, 1, "BTCUSDT", null)).deadLetter();
        assertTrue(d.reason().startsWith("record has no value"), d.reason());
    }

    @Test
    void when_rejected_then_deadLetterIdentifiesRecordSoReplaysOverwrite() {
        DeadLetter d = rejected("BTCUSDT", "not json");

        assertEquals("dolphin-obf-ingest", d.job());
        assertEquals("dolphin.obf.raw/3@42", d.source());
        assertEquals("dolphin-obf-ingest|dolphin.obf.raw/3@42", d.key());
        assertEquals("not json", d.payload());
        assertFalse(d.payloadTruncated());
    }

    @Test
    void when_record_then_routedByItsMapKey_and_invalidKeysShareOne() {
        assertEquals("asset_BTCUSDT_ob", record("BTCUSDT", "{}").routingKey());
        assertEquals(ObfRecord.INVALID_KEY, record("btc/usdt", "{}").routingKey());
        assertEquals(ObfRecord.INVALID_KEY, new ObfRecord("t", 0, 1, null, new byte[0]).routingKey());
    }

    private Outcome<Map.Entry<String, String>> apply(String key, String value) {
        ObfRecord r = record(key, value);
        return ingest.apply(guard, r.routingKey(), r);
    }

    private DeadLetter rejected(String key, String value) {
        Outcome<Map.Entry<String, String>> out = apply(key, value);
        assertFalse(out.isAccepted(), "expected a rejection");
        return out.deadLetter();
    }

    private static ObfRecord record(String key, String value) {
        return new ObfRecord("dolphin.obf.raw", 3, 42, key, value.getBytes(StandardCharsets.UTF_8));
    }

    static String book(String symbol, long ts) {
        return "{\"symbol\":\"" + symbol + "\",\"ts\":" + ts + ",\"bids\":[[100,1]],\"asks\":[[101,1]]}";
    }
}
