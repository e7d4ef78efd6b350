package io.dolphin.datalayer.obf;

import io.dolphin.datalayer.common.FeatureKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.Serializable;

/**
 * One Kafka record of the order-book topic as the source hands it on: where it came from (for dead letters that a
 * replay overwrites instead of duplicating) and its raw bytes. Parsing happens after the records are partitioned by
 * symbol, so it spreads over every processor while each symbol's records stay in Kafka order.
 */
record ObfRecord(String topic, int partition, long offset, String key, byte[] value, String routingKey)
        implements Serializable {

    /** Grouping key of records whose key is missing or not a symbol: they all go to one place, to be rejected. */
    public static final String INVALID_KEY = "";

    /** With its routing key worked out once: the job hashes, groups and writes by it. */
    public ObfRecord(String topic, int partition, long offset, String key, byte[] value) {
        this(topic, partition, offset, key, value, routingKeyOf(key));
    }

    public static ObfRecord of(ConsumerRecord<String, byte[]> r) {
        return new ObfRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value());
    }

    /** {@code topic/partition@offset}: unique per record, stable across replays. */
    public String source() {
        return topic + "/" + partition + "@" + offset;
    }

    /**
     * The key this record is routed, guarded and written by: {@code asset_<SYMBOL>_ob}, the map key, so the record
     * reaches the member that owns the key's partition. Invalid keys share {@link #INVALID_KEY}, so a flood of
     * garbage keys cannot grow the per-symbol state without bound.
     */
    static String routingKeyOf(String key) {
        return FeatureKeys.isValidSymbol(key) ? FeatureKeys.orderBook(key) : INVALID_KEY;
    }

    @Override
    public String toString() {
        return "ObfRecord[" + source() + ", key=" + key + ", " + (value == null ? "null" : value.length + " bytes") + "]";
    }
}
