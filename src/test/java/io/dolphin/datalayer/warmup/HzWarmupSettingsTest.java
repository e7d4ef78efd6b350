package io.dolphin.datalayer.warmup;

import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.JobDescriptors;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HzWarmupSettingsTest {

    @Test
    void when_shippedDescriptor_then_theSinksStore_readOnly() {
        JobDescriptor d = JobDescriptors.load(HzWarmupJob.DESCRIPTOR_ID, Map.of());
        assertEquals(HzWarmupJob.JOB_NAME, d.name());
        assertEquals(HzWarmupJob.class.getName(), d.className());

        assertEquals(new WarmStoreConfig(WarmStoreConfig.DEFAULT_URL, "", "", false),
                HzWarmupSettings.from(d.settings()).store());
    }

    @Test
    void when_environmentNamesAStore_then_used() {
        JobDescriptor d = JobDescriptors.load(HzWarmupJob.DESCRIPTOR_ID, Map.of("DOLPHIN_WARM_JDBC_URL",
                "jdbc:clickhouse://warm:8123", "DOLPHIN_WARM_USER", "dolphin"));

        WarmStoreConfig store = HzWarmupSettings.from(d.settings()).store();

        assertEquals("jdbc:clickhouse://warm:8123", store.url());
        assertEquals("dolphin", store.user());
    }
}
