package io.dolphin.datalayer.obf;

import io.dolphin.datalayer.common.JobSubmission;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.kafka.KafkaSources;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.jet.pipeline.StreamStage;
import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.DeadLetters;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.logging.Logger;

import java.util.Map;


/**
 * {@code dolphin-obf-ingest}: raw order-book snapshots from Kafka into {@code DOLPHIN_FEATURES["asset_<SYMBOL>_ob"]};
 * every accepted snapshot is one map update, so one event in the map's journal, which feeds {@code obf_universe}.
 *
 * <pre>
 *  Kafka topic (key = symbol)
 *     │ 1-read-kafka            offsets in Jet snapshots; raw bytes + topic/partition@offset + map key
 *     ▼   partitioned by map key (to the member owning the key; one processor per key: Kafka order kept)
 *  2-features-to-map          size/key checks, parse, per-symbol order guard (state in snapshots), features,
 *     │                        JSON, then one putAllAsync at a time per processor into DOLPHIN_FEATURES
 *     ▼ rejected records only
 *  3-dead-letters             DOLPHIN_DEAD_LETTERS (+ metric deadLetters)
 * </pre>
 *
 * <p><b>Order.</b> Kafka keeps a symbol's records in order within its partition; the partitioned edge keeps that
 * order to the one processor that handles the symbol's key, and {@link OrderBookWriterP} has at most one write in
 * flight. Stage 2 drops any snapshot whose {@code ts} is not newer than the last one accepted for its symbol (a
 * late or repeated record from the producer) and counts it.
 *
 * <p><b>Restarts.</b> The job requires {@code EXACTLY_ONCE}: the order guard's state must match the Kafka offsets
 * stored in the same snapshot, or a restart could drop a snapshot the guard had seen but the map had not. After a
 * restart from a snapshot the guard is restored and Kafka is re-read from the snapshot's offsets; records after it
 * that had reached the map before the failure are written again (same values: the key ends where it was, and the
 * journal sees those events twice; the warm sink deduplicates on (symbol, ts)). A fresh submission (no snapshot:
 * the first start, or the cluster started again after every member died) resumes from the books the map holds —
 * after a full restart, what hz-warmup restored from the warm store — minus {@code cold-start-overlap-ms}, each
 * symbol's guard starting at its held book ({@link ColdStart}); with no book held it reads from
 * {@code auto-offset-reset} (default {@code latest}). See docs/obf-ingest.md.
 */
public final class ObfIngestJob {

    public static final String DESCRIPTOR_ID = "obf-ingest";

    private ObfIngestJob() {
    }

    public static Pipeline pipeline(ObfIngestSettings settings) {
        return pipeline(settings, kafkaSource(settings));
    }

    /** @param source stage 1; tests and the benchmark pass the same Kafka source against their own broker */
    public static Pipeline pipeline(ObfIngestSettings settings, StreamSource<ObfRecord> source) {
        return pipeline(settings, source, ColdStart.NONE);
    }

    static Pipeline pipeline(ObfIngestSettings settings, StreamSource<ObfRecord> source, ColdStart coldStart) {
        Pipeline p = Pipeline.create();
        Map<String, Long> held = coldStart.storedTs();
        OrderBookIngest ingest = new OrderBookIngest(settings.jobName(), settings.maxMessageBytes(),
                settings.features());
        StreamStage<DeadLetter> rejected = p.readFrom(source)
                .withoutTimestamps()
                .setName("1-read-kafka")
                .groupingKey(ObfRecord::routingKey)
                .customTransform("2-features-to-map", () -> new OrderBookWriterP(ingest, DolphinMaps.FEATURES, held));
        DeadLetters.write(rejected, "3-dead-letters");
        return p;
    }

    public static StreamSource<ObfRecord> kafkaSource(ObfIngestSettings settings) {
        return kafkaSource(settings, ColdStart.NONE);
    }

    /** Stage 1; with {@code coldStart}'s offsets where Jet has no snapshot to restore them from. */
    static StreamSource<ObfRecord> kafkaSource(ObfIngestSettings settings, ColdStart coldStart) {
        return KafkaSources.<String, byte[], ObfRecord>kafka(settings.consumerProperties(),
                (ConsumerRecord<String, byte[]> r) -> ObfRecord.of(r), coldStart.topics(settings.topic()));
    }

    /** The order guard is only sound when its state and the Kafka offsets are snapshotted together. */
    public static void requireExactlyOnce(JobDescriptor d) {
        if (d.guarantee() != ProcessingGuarantee.EXACTLY_ONCE) {
            throw new IllegalArgumentException(d.name() + " needs guarantee EXACTLY_ONCE (got " + d.guarantee()
                    + "): its per-symbol order guard must be snapshotted together with the Kafka offsets, or a "
                    + "restart could skip a snapshot. Fix jobs/" + d.id() + ".yaml.");
        }
    }

    public static void main(String[] args) {
        JobSubmission.submitFromMain(DESCRIPTOR_ID, d -> {
            requireExactlyOnce(d);
            ObfIngestSettings settings = ObfIngestSettings.from(d);
            // submitFromMain has already refused a job that is running: this is a fresh submission
            HazelcastInstance hz = Hazelcast.bootstrappedInstance();
            ColdStart coldStart = ColdStart.plan(hz.getMap(DolphinMaps.FEATURES), settings,
                    d.settings().longValue("cold-start-overlap-ms"), Logger.getLogger(ObfIngestJob.class));
            return pipeline(settings, kafkaSource(settings, coldStart), coldStart);
        });
    }
}
