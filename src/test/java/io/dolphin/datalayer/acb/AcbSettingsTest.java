package io.dolphin.datalayer.acb;

import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.pipeline.JournalInitialPosition;
import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.JobDescriptors;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcbSettingsTest {

    @Test
    void when_shippedDescriptor_then_referenceFormulaFiveMinuteWindowEvery30s() {
        JobDescriptor d = JobDescriptors.load(AcbJob.DESCRIPTOR_ID, Map.of());
        assertEquals(AcbJob.JOB_NAME, d.name());
        assertEquals(AcbJob.class.getName(), d.className());
        assertEquals(ProcessingGuarantee.EXACTLY_ONCE, d.guarantee());
        assertEquals(AcbSettings.defaults(), AcbSettings.from(d.settings()));
    }

    @Test
    void when_environmentOverrides_then_applied() {
        JobDescriptor d = JobDescriptors.load(AcbJob.DESCRIPTOR_ID, Map.of("DOLPHIN_ACB_DVOL_ABOVE", "60",
                "DOLPHIN_ACB_JOURNAL_START", "current", "DOLPHIN_ACB_EVENT_TIME_FIELD", "ts"));
        AcbSettings s = AcbSettings.from(d.settings());
        assertEquals(60.0, s.formula().thresholds().get(io.dolphin.datalayer.acb.AcbCondition.DVOL));
        assertEquals(JournalInitialPosition.START_FROM_CURRENT, s.journalStart());
        assertEquals("ts", s.eventTimeField());
    }

    @Test
    void when_sizeNotMultipleOfSlide_then_rejected() {
        JobDescriptor d = JobDescriptors.load(AcbJob.DESCRIPTOR_ID, Map.of("DOLPHIN_ACB_WINDOW_SLIDE_MS", "70000"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AcbSettings.from(d.settings()));
        assertTrue(e.getMessage().contains("multiple"), e.getMessage());
    }

    @Test
    void when_badJournalStart_then_errorNamesVariable() {
        JobDescriptor d = JobDescriptors.load(AcbJob.DESCRIPTOR_ID, Map.of("DOLPHIN_ACB_JOURNAL_START", "latest"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AcbSettings.from(d.settings()));
        assertTrue(e.getMessage().contains("DOLPHIN_ACB_JOURNAL_START"), e.getMessage());
    }
}
