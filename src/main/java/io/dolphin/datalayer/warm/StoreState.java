package io.dolphin.datalayer.warm;

import java.util.Map;

/**
 * What the warm store already holds, read when the writer (re)connects.
 *
 * @param committed  per journal partition, the highest sequence whose rows are in the tables
 * @param lastValues the raw value last written per map key (hz_last_values)
 * @param lastOrders the highest value-derived order stored per map key (hz_last_values.value_order), where known
 * @param pending    a batch whose write began but is not known to have finished (ClickHouse only), or null
 */
public record StoreState(Map<Batch.RangeKey, Long> committed, Map<Batch.MapKey, String> lastValues,
                         Map<Batch.MapKey, Long> lastOrders, Intent pending) {

    /** A batch announced in the store before its inserts: its token and journal ranges. */
    /** @param beganMicros when the batch was announced (epoch µs) */
    public record Intent(String token, Map<Batch.RangeKey, SeqRange> ranges, long beganMicros) {
    }
}
