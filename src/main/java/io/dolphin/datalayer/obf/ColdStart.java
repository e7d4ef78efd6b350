package io.dolphin.datalayer.obf;

import com.hazelcast.jet.kafka.TopicsConfig;
import com.hazelcast.logging.ILogger;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.common.Json;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a fresh submission of obf-ingest starts reading, so that a cluster started again after every member died
 * loses nothing Kafka still holds: from the newest order book the hot map holds for the least recent symbol, minus an
 * overlap for producer clocks. After a full restart the hot map holds exactly what the warm store stored (hz-warmup
 * runs before obf-ingest is submitted), so this is the position the warm store proves it holds.
 *
 * <p>Re-read books are not written twice: each symbol's order guard starts at the book the map holds for it, so a
 * book at or before it is skipped (counted as {@value #SKIPPED_METRIC}) and the key never moves back in time. Jet
 * uses the initial offsets only when it has no snapshot to restore; a restart from a snapshot resumes from that.
 *
 * @param storedTs per {@code asset_<SYMBOL>_ob} key, the exchange time of the book the map held at submission
 * @param offsets  per Kafka partition, the first offset to read; empty when nothing is stored (then
 *                 {@code auto-offset-reset} decides, as on a first start)
 */
record ColdStart(Map<String, Long> storedTs, Map<Integer, Long> offsets, long fromMs) implements Serializable {

    /** Jet user metric: re-read books skipped because the map already held them (or newer) at submission. */
    static final String SKIPPED_METRIC = "alreadyStoredSnapshots";

    static final ColdStart NONE = new ColdStart(Map.of(), Map.of(), -1);

    ColdStart {
        storedTs = Map.copyOf(storedTs);
        offsets = Map.copyOf(offsets);
    }

    /**
     * Reads the order books of {@code features} and finds, per partition of the topic, the first offset at or after
     * the least recent one minus {@code overlapMs}; a negative overlap turns resuming off.
     */
    static ColdStart plan(IMap<String, String> features, ObfIngestSettings settings, long overlapMs, ILogger log) {
        if (overlapMs < 0) {
            log.info(settings.jobName() + ": cold-start-overlap-ms < 0, not resuming: reading from auto-offset-reset ("
                    + settings.autoOffsetReset() + ")");
            return NONE;
        }
        Map<String, Long> stored = new HashMap<>();
        for (Map.Entry<String, String> e : features.entrySet(Predicates.like("__key", "asset_%_ob"))) {
            if (FeatureKeys.isOrderBook(e.getKey()) && Json.parseObject(e.getValue()).get("ts") instanceof Number ts) {
                stored.put(e.getKey(), ts.longValue());
            }
        }
        if (stored.isEmpty()) {
            log.info(settings.jobName() + ": no order book held yet, so nothing to resume from: reading from "
                    + "auto-offset-reset (" + settings.autoOffsetReset() + ")");
            return NONE;
        }
        long oldest = stored.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long fromMs = oldest - overlapMs;
        Map<Integer, Long> offsets;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings.consumerProperties())) {
            offsets = firstOffsetsAt(consumer, settings.topic(), fromMs);
        } catch (RuntimeException e) {
            // Starting anyway would skip, without a trace, what the feed produced since the held books.
            throw new IllegalStateException(settings.jobName() + ": cannot ask Kafka (" + settings.bootstrapServers()
                    + ") from this process where topic " + settings.topic() + " reached " + Instant.ofEpochMilli(fromMs)
                    + ", so not submitting: " + e.getMessage() + ". The submitting process must reach Kafka; or set "
                    + "DOLPHIN_OBF_COLD_START_OVERLAP_MS=-1 to start from auto-offset-reset and accept the gap.", e);
        }
        log.info(settings.jobName() + ": fresh submission: resuming topic " + settings.topic() + " from "
                + Instant.ofEpochMilli(fromMs) + " (the least recent of " + stored.size() + " stored books, "
                + Instant.ofEpochMilli(oldest) + ", minus " + overlapMs + " ms), offsets per partition " + offsets
                + "; books at or before each symbol's stored one are skipped");
        return new ColdStart(stored, offsets, fromMs);
    }

    private static Map<Integer, Long> firstOffsetsAt(KafkaConsumer<String, byte[]> consumer, String topic, long fromMs) {
        Map<Integer, Long> offsets = new TreeMap<>();
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(new TopicPartition(p.topic(), p.partition()), fromMs));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
        Map<TopicPartition, Long> ends = consumer.endOffsets(query.keySet(), Duration.ofSeconds(30));
        for (TopicPartition tp : query.keySet()) {
            OffsetAndTimestamp at = found.get(tp);
            // nothing at or after the time: every record there is older, so start at the end
            offsets.put(tp.partition(), at != null ? at.offset() : ends.get(tp));
        }
        return offsets;
    }

    TopicsConfig topics(String topic) {
        TopicsConfig.TopicConfig config = new TopicsConfig.TopicConfig(topic);
        offsets.forEach(config::addPartitionInitialOffset);
        return new TopicsConfig().addTopicConfig(config);
    }
}
