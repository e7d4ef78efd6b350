package io.dolphin.datalayer.obf;

import com.hazelcast.jet.config.ProcessingGuarantee;
import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.JobDescriptors;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObfIngestSettingsTest {

    @Test
    void when_shippedDescriptor_then_defaultsAndExactlyOnce() {
        JobDescriptor d = JobDescriptors.load(ObfIngestJob.DESCRIPTOR_ID, Map.of());
        ObfIngestSettings s = ObfIngestSettings.from(d);

        assertEquals("dolphin-obf-ingest", d.name());
        assertEquals(ProcessingGuarantee.EXACTLY_ONCE, d.guarantee());
        assertEquals("localhost:9092", s.bootstrapServers());
        assertEquals("dolphin.obf.raw", s.topic());
        assertEquals("latest", s.autoOffsetReset());
        assertEquals(100_000, s.features().depthReferenceUsd());
        ObfIngestJob.requireExactlyOnce(d);
    }

    @Test
    void when_environmentOverrides_then_kafkaPointsThere() {
        JobDescriptor d = JobDescriptors.load(ObfIngestJob.DESCRIPTOR_ID, Map.of(
                "DOLPHIN_KAFKA_BOOTSTRAP", "k1:9093,k2:9093", "DOLPHIN_OBF_TOPIC", "obf.test",
                "DOLPHIN_OBF_KAFKA_PROPERTIES", "{security.protocol: SSL, fetch.max.wait.ms: 50}"));

        Properties p = ObfIngestSettings.from(d).consumerProperties();

        assertEquals("k1:9093,k2:9093", p.getProperty("bootstrap.servers"));
        assertEquals("SSL", p.getProperty("security.protocol"));
        assertEquals("50", p.getProperty("fetch.max.wait.ms"));
        assertEquals("obf.test", ObfIngestSettings.from(d).topic());
        assertFalse(ObfIngestSettings.from(d).toString().contains("SSL"), "property values stay out of logs");
    }

    @Test
    void when_noKafkaProperties_then_fetchesWaitForABatch_andNothingIsCommitted() {
        Properties p = ObfIngestSettings.from(JobDescriptors.load(ObfIngestJob.DESCRIPTOR_ID, Map.of()))
                .consumerProperties();

        assertEquals("4096", p.getProperty("fetch.min.bytes"));
        assertEquals("10", p.getProperty("fetch.max.wait.ms"));
        assertEquals("false", p.getProperty("enable.auto.commit"));
    }

    @Test
    void when_badOffsetReset_then_errorSaysWhatIsAllowed() {
        JobDescriptor d = JobDescriptors.load(ObfIngestJob.DESCRIPTOR_ID, Map.of("DOLPHIN_OBF_OFFSET_RESET", "oldest"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ObfIngestSettings.from(d));
        assertTrue(e.getMessage().contains("'earliest' or 'latest'"), e.getMessage());
    }

    @Test
    void when_guaranteeNotExactlyOnce_then_submissionRefusedWithReason() {
        JobDescriptor d = JobDescriptors.load(ObfIngestJob.DESCRIPTOR_ID, Map.of());
        JobDescriptor weaker = new JobDescriptor(d.id(), d.name(), d.className(), d.description(), false,
                ProcessingGuarantee.AT_LEAST_ONCE, d.snapshotIntervalMillis(), d.declared(), d.settings());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ObfIngestJob.requireExactlyOnce(weaker));
        assertTrue(e.getMessage().contains("needs guarantee EXACTLY_ONCE"), e.getMessage());
    }
}
