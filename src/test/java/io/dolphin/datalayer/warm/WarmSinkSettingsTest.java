package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.JobDescriptors;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarmSinkSettingsTest {

    @Test
    void when_shippedDescriptor_then_embeddedDuckDbEveryJournaledMapAndTheDocumentedPolicy() {
        JobDescriptor d = JobDescriptors.load(WarmSinkJob.DESCRIPTOR_ID, Map.of());
        assertEquals(WarmSinkJob.JOB_NAME, d.name());
        assertEquals(WarmSinkJob.class.getName(), d.className());

        WarmSinkSettings s = WarmSinkSettings.from(d.settings());

        assertEquals(new WarmStoreConfig(WarmStoreConfig.DEFAULT_URL, "", "", true), s.store());
        assertEquals(new WriterPolicy(100_000, 1_000, 400_000, 200, 5_000, 10_000), s.policy());
        assertEquals(DolphinMaps.JOURNALED.size(), s.maps().size());
        assertTrue(DolphinMaps.JOURNALED.containsAll(s.maps()));
    }

    @Test
    void when_mapIsNotJournaled_then_rejectedWithTheKnownOnes() {
        JobDescriptor d = JobDescriptors.load(WarmSinkJob.DESCRIPTOR_ID, Map.of("DOLPHIN_WARM_SINK_MAPS",
                "[DOLPHIN_FEATURES, DOLPHIN_NOPE]"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WarmSinkSettings.from(d.settings()));

        assertTrue(e.getMessage().contains("'DOLPHIN_NOPE' is not a journaled Dolphin map"), e.getMessage());
    }

    @Test
    void when_retryInitialAboveMax_then_rejectedAtSubmission() {
        JobDescriptor d = JobDescriptors.load(WarmSinkJob.DESCRIPTOR_ID, Map.of("DOLPHIN_WARM_RETRY_INITIAL_MS",
                "10000"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WarmSinkSettings.from(d.settings()));

        assertTrue(e.getMessage().contains("retryInitialMs <= retryMaxMs"), e.getMessage());
    }
}
