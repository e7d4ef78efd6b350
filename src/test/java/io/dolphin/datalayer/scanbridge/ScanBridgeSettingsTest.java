package io.dolphin.datalayer.scanbridge;

import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.JobDescriptors;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScanBridgeSettingsTest {

    @Test
    void when_shippedDescriptor_then_namesTheJobAndDefaults() {
        JobDescriptor d = JobDescriptors.load(ScanBridgeJob.DESCRIPTOR_ID, Map.of());
        ScanBridgeSettings s = ScanBridgeSettings.from(d.settings());

        assertEquals(ScanBridgeJob.JOB_NAME, d.name());
        assertEquals(ScanBridgeJob.class.getName(), d.className());
        assertEquals("./data/scans", s.scanRoot());
        assertEquals(Duration.ofMillis(250), s.pollInterval());
        assertTrue(s.watch());
        assertEquals(".arrow", s.fileSuffix());
        assertEquals("BTCUSDT", s.targetAsset());
    }

    @Test
    void when_dolphinScanRootSet_then_itWins() {
        JobDescriptor d = JobDescriptors.load(ScanBridgeJob.DESCRIPTOR_ID,
                Map.of("DOLPHIN_SCAN_ROOT", "/srv/ng8/arrow_scans", "DOLPHIN_SCAN_SETTLE_MS", "1500"));
        ScanBridgeSettings s = ScanBridgeSettings.from(d.settings());

        assertEquals("/srv/ng8/arrow_scans", s.scanRoot());
        assertEquals("/srv/ng8/arrow_scans", s.sourceOptions().root());
        assertEquals(Duration.ofMillis(1500), s.settle());
    }
}
