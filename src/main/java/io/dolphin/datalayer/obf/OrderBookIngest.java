package io.dolphin.datalayer.obf;

import io.dolphin.datalayer.common.MalformedJsonException;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.common.Outcome;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static com.hazelcast.jet.Util.entry;

/**
 * Stage 2 of {@link ObfIngestJob}, one record at a time, in the order Kafka holds a symbol's records: check size and
 * key, parse, guard the symbol's order, compute features, encode the value. Its only state is one {@link OrderGuard}
 * per symbol, which lives in the job's snapshots.
 *
 * <p>Returns the {@code (asset_<SYMBOL>_ob, JSON)} entry to write, a dead letter, or null for a snapshot that is not
 * newer than the last one accepted for its symbol (counted in {@value #STALE_METRIC}, never written: the key and the
 * journal only ever move forward in exchange time).
 */
final class OrderBookIngest implements Serializable {

    /** Jet user metric: snapshots dropped because their symbol already had one at least as new. */
    public static final String STALE_METRIC = "staleSnapshots";

    private static final long serialVersionUID = 1L;
    /** Enough bytes of an oversized or broken payload to fill a dead letter and to see it was truncated. */
    private static final int PAYLOAD_BYTES = DeadLetter.MAX_PAYLOAD_CHARS * 4 + 4;

    private final String jobName;
    private final int maxMessageBytes;
    private final OrderBookFeatureCalculator calculator;
    private final OrderBookFeaturesCodec codec = new OrderBookFeaturesCodec();

    public OrderBookIngest(String jobName, int maxMessageBytes, OrderBookFeatureCalculator.Params params) {
        this.jobName = jobName;
        this.maxMessageBytes = maxMessageBytes;
        this.calculator = new OrderBookFeatureCalculator(params);
    }

    String jobName() {
        return jobName;
    }

    /** The last accepted exchange time of one symbol. Mutable on purpose: Jet keeps one per key and snapshots it. */
    public static final class OrderGuard implements Serializable {
        private static final long serialVersionUID = 1L;
        private long lastTs = Long.MIN_VALUE;
        /** Set while lastTs is the book the map held at a fresh submission and no book was accepted since. */
        private transient boolean fromMap;

        /** A guard starting at the book the map already holds: re-read books up to it are not written again. */
        static OrderGuard heldAt(long ts) {
            OrderGuard g = new OrderGuard();
            g.lastTs = ts;
            g.fromMap = true;
            return g;
        }

        public long lastTs() {
            return lastTs;
        }

        /** True when the last refusal was of a book the map held at submission (a re-read), not a stale one. */
        boolean refusedAsHeld() {
            return fromMap;
        }

        /** Back to the state a snapshot saved. */
        public void restore(long ts) {
            lastTs = ts;
        }
    }

    /** @param routingKey {@link ObfRecord#routingKey()}: the map key of the record's symbol, or the invalid key */
    public Outcome<Map.Entry<String, String>> apply(OrderGuard guard, String routingKey, ObfRecord record) {
        byte[] value = record.value();
        if (value == null) {
            return reject(record, "record has no value (a tombstone): the feed must send one snapshot per record");
        }
        if (value.length > maxMessageBytes) {
            return reject(record, "oversized message: " + value.length + " bytes > max-message-bytes "
                    + maxMessageBytes);
        }
        if (ObfRecord.INVALID_KEY.equals(routingKey)) {
            return reject(record, record.key() == null
                    ? "record has no key: the feed must key each snapshot by its symbol"
                    : "unknown symbol format in record key '" + abbreviate(record.key())
                    + "' (expected 2-30 upper-case letters and digits, e.g. BTCUSDT)");
        }
        OrderBookSnapshot book;
        try {
            book = OrderBookSnapshotCodec.decode(value);
        } catch (MalformedJsonException e) {
            return reject(record, e.getMessage());
        }
        if (!book.symbol().equals(record.key())) {
            return reject(record, "symbol '" + book.symbol() + "' in the message differs from its record key '"
                    + record.key() + "'");
        }
        if (book.ts() <= guard.lastTs) {
            return null;
        }
        guard.lastTs = book.ts();
        guard.fromMap = false;
        String json = codec.encode(calculator.compute(book));
        return Outcome.accepted(entry(routingKey, json));
    }

    private Outcome<Map.Entry<String, String>> reject(ObfRecord record, String reason) {
        byte[] v = record.value();
        String payload = v == null ? "" : new String(v, 0, Math.min(v.length, PAYLOAD_BYTES), StandardCharsets.UTF_8);
        return Outcome.rejected(DeadLetter.of(jobName, record.source(), reason, payload, System.currentTimeMillis()));
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
