package io.dolphin.datalayer.obf;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.function.FunctionEx;
import com.hazelcast.function.PredicateEx;
import com.hazelcast.internal.journal.EventJournalInitialSubscriberState;
import com.hazelcast.internal.journal.EventJournalReader;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.core.metrics.Measurement;
import com.hazelcast.map.EventJournalMapEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.ringbuffer.ReadResultSet;
import io.dolphin.datalayer.common.DeadLetterCodec;
import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.JobDescriptors;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.sim.EmbeddedKafka;
import io.dolphin.datalayer.support.TestCluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the obf-ingest tests share: member config, submission against the test broker, journal and map readers. */
final class ObfTestSupport {

    static {
        // Kafka's own INFO logging drowns the test output; its warnings and errors stay visible (slf4j-simple).
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.common.test", "warn");
    }

    static final OrderBookFeaturesCodec FEATURES = new OrderBookFeaturesCodec();

    private ObfTestSupport() {
    }

    static void init() {
        // touching the class runs the static block before the broker starts
    }

    /** The deployed member config, with metrics collected every second so tests see counters soon. */
    static Config memberConfig() {
        Config config = TestCluster.memberConfig();
        config.getMetricsConfig().setCollectionFrequencySeconds(1);
        return config;
    }

    static JobDescriptor descriptor() {
        return JobDescriptors.load(ObfIngestJob.DESCRIPTOR_ID, Map.of());
    }

    static ObfIngestSettings settings(EmbeddedKafka kafka, String topic) {
        return ObfIngestSettings.from(descriptor()).withKafka(kafka.bootstrapServers(), topic, "earliest");
    }

    /** Submits the production pipeline with the shipped descriptor's JobConfig, snapshotting every 200 ms. */
    static Job submit(HazelcastInstance member, ObfIngestSettings settings) {
        JobDescriptor d = descriptor();
        ObfIngestJob.requireExactlyOnce(d);
        JobConfig config = d.jobConfig().setSnapshotIntervalMillis(200);
        return member.getJet().newJob(ObfIngestJob.pipeline(settings), config);
    }

    /** The value the job must hold for a snapshot message, computed independently of the job. */
    static String expectedValue(byte[] message) {
        OrderBookFeatureCalculator calc = new OrderBookFeatureCalculator(OrderBookFeatureCalculator.Params.DEFAULTS);
        return FEATURES.encode(calc.compute(OrderBookSnapshotCodec.decode(message)));
    }

    /** Waits until every symbol's key holds its last produced snapshot; on timeout says what the journal saw. */
    static void awaitEveryKeyIsLastProduced(HazelcastInstance member, Map<String, byte[]> lastProduced)
            throws Exception {
        IMap<String, String> features = member.getMap(DolphinMaps.FEATURES);
        try {
            assertEventually(() -> assertEveryKeyIsLastProduced(features, lastProduced));
        } catch (AssertionError e) {
            Map<String, List<Long>> journal = journalTimestamps(member);
            StringBuilder diagnosis = new StringBuilder(e.getMessage()).append("\njournal ts of wrong keys:");
            for (Map.Entry<String, byte[]> last : lastProduced.entrySet()) {
                String actual = features.get(FeatureKeys.orderBook(last.getKey()));
                if (!expectedValue(last.getValue()).equals(actual)) {
                    diagnosis.append("\n  ").append(last.getKey()).append(": last produced ")
                             .append(OrderBookSnapshotCodec.decode(last.getValue()).ts()).append(", journal ")
                             .append(journal.get(last.getKey()));
                }
            }
            throw new AssertionError(diagnosis.toString(), e);
        }
    }

    static void assertEveryKeyIsLastProduced(IMap<String, String> features, Map<String, byte[]> lastProduced) {
        Map<String, String> actual = features.getAll(new HashSet<>(keys(lastProduced)));
        for (Map.Entry<String, byte[]> e : lastProduced.entrySet()) {
            String key = FeatureKeys.orderBook(e.getKey());
            assertEquals(expectedValue(e.getValue()), actual.get(key), key);
        }
    }

    private static List<String> keys(Map<String, byte[]> lastProduced) {
        List<String> keys = new ArrayList<>();
        lastProduced.keySet().forEach(s -> keys.add(FeatureKeys.orderBook(s)));
        return keys;
    }

    /** Every order-book event in {@code DOLPHIN_FEATURES}' journal: symbol -> the ts of each new value, in order. */
    @SuppressWarnings("unchecked")
    static Map<String, List<Long>> journalTimestamps(HazelcastInstance member) throws Exception {
        EventJournalReader<EventJournalMapEvent<String, String>> reader =
                (EventJournalReader<EventJournalMapEvent<String, String>>) member.getMap(DolphinMaps.FEATURES);
        Map<String, List<Long>> out = new HashMap<>();
        int partitions = member.getPartitionService().getPartitions().size();
        for (int p = 0; p < partitions; p++) {
            EventJournalInitialSubscriberState state =
                    reader.subscribeToEventJournal(p).toCompletableFuture().get(30, TimeUnit.SECONDS);
            long seq = state.getOldestSequence();
            while (seq <= state.getNewestSequence()) {
                ReadResultSet<EventJournalMapEvent<String, String>> batch = reader.readFromEventJournal(seq, 0, 1000, p,
                        PredicateEx.alwaysTrue(), FunctionEx.identity()).toCompletableFuture().get(30, TimeUnit.SECONDS);
                if (batch.size() == 0) {
                    break;
                }
                for (EventJournalMapEvent<String, String> e : batch) {
                    if (FeatureKeys.isOrderBook(e.getKey()) && e.getNewValue() != null) {
                        out.computeIfAbsent(FeatureKeys.symbolOfOrderBook(e.getKey()), k -> new ArrayList<>())
                           .add(FEATURES.decode(e.getNewValue()).ts());
                    }
                }
                seq = batch.getNextSequenceToReadFrom();
            }
        }
        return out;
    }

    /** The ts of an order-book value, or null while the key is absent (so eventually-assertions keep waiting). */
    static Long tsOf(String value) {
        return value == null ? null : FEATURES.decode(value).ts();
    }

    static long metric(Job job, String name) {
        return job.getMetrics().get(name).stream().mapToLong(Measurement::value).sum();
    }

    /** Dead letters of this job, by their reason. */
    static List<DeadLetter> deadLetters(HazelcastInstance member) {
        DeadLetterCodec codec = new DeadLetterCodec();
        List<DeadLetter> out = new ArrayList<>();
        IMap<String, String> dead = member.getMap(DolphinMaps.DEAD_LETTERS);
        for (String v : dead.values()) {
            DeadLetter d = codec.decode(v);
            if (d.job().equals("dolphin-obf-ingest")) {
                out.add(d);
            }
        }
        return out;
    }
}
