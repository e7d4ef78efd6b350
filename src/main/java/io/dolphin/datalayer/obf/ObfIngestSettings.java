package io.dolphin.datalayer.obf;

import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.JobSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The settings of {@code jobs/obf-ingest.yaml}, resolved against the environment.
 *
 * @param jobName          the Jet job name, which dead letters carry
 * @param kafkaProperties  further consumer properties (security, timeouts); their values may come from the
 *                         environment, never from committed files
 * @param maxMessageBytes  larger records are dead-lettered unparsed
 */
public record ObfIngestSettings(String jobName, String bootstrapServers, String topic, String groupId,
                                String autoOffsetReset, int maxMessageBytes, Map<String, String> kafkaProperties,
                                OrderBookFeatureCalculator.Params features) implements Serializable {

    private static final Set<String> OFFSET_RESETS = Set.of("earliest", "latest");

    public ObfIngestSettings {
        if (!OFFSET_RESETS.contains(autoOffsetReset)) {
            throw new IllegalArgumentException(jobName + ": auto-offset-reset must be 'earliest' or 'latest', got '"
                    + autoOffsetReset + "'");
        }
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException(jobName + ": max-message-bytes must be positive, got " + maxMessageBytes);
        }
        kafkaProperties = Map.copyOf(kafkaProperties);
    }

    public static ObfIngestSettings from(JobDescriptor d) {
        JobSettings s = d.settings();
        Map<String, String> extra = new LinkedHashMap<>();
        s.map("kafka-properties").forEach((k, v) -> extra.put(k, String.valueOf(v)));
        return new ObfIngestSettings(d.name(), s.string("bootstrap-servers"), s.string("topic"), s.string("group-id"),
                s.string("auto-offset-reset"), s.intValue("max-message-bytes"), extra,
                new OrderBookFeatureCalculator.Params(s.doubleValue("depth-reference-usd"),
                        s.doubleValue("spread-limit-bps"), s.doubleValue("fill-order-usd"),
                        s.doubleValue("fill-band-bps")));
    }

    /** The same settings against another broker and topic (tests, demo, benchmark). */
    public ObfIngestSettings withKafka(String servers, String newTopic, String newOffsetReset) {
        return new ObfIngestSettings(jobName, servers, newTopic, groupId, newOffsetReset, maxMessageBytes,
                kafkaProperties, features);
    }

    /**
     * Defaults that kafka-properties may override. Jet's Kafka source polls without waiting, so with Kafka's own
     * defaults every few books became a fetch of their own: at production rate (1,100 books/s) the broker and the
     * source's consumers were a third of the demo's CPU. A fetch that waits for 4 KB (~10 books) or 10 ms costs at most
     * 10 ms of latency at low rates and nothing measurable at 11k/s (docs/obf-ingest.md, "CPU"). No auto commit: the
     * offsets live in Jet snapshots, and a commit on close waited for the group coordinator during a restart.
     */
    static final Map<String, String> CONSUMER_DEFAULTS = Map.of(
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "4096",
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");

    /**
     * Consumer properties for Jet's Kafka source. Keys arrive as text (the symbol), values as bytes: the job checks
     * their size and parses them itself.
     */
    public Properties consumerProperties() {
        Properties p = new Properties();
        p.putAll(CONSUMER_DEFAULTS);
        p.putAll(kafkaProperties);
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.setProperty(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        p.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    @Override
    public String toString() {
        // kafka-properties may hold credentials taken from the environment: names only.
        return "ObfIngestSettings[" + jobName + ", bootstrap=" + bootstrapServers + ", topic=" + topic + ", group="
                + groupId + ", offsetReset=" + autoOffsetReset + ", maxMessageBytes=" + maxMessageBytes
                + ", kafkaProperties=" + kafkaProperties.keySet() + ", features=" + features + "]";
    }
}
