package io.dolphin.datalayer.acb;

import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.common.Outcome;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parse stage and the source's event-time function on each kind of bad exf_latest value. */
class AcbParseTest {

    private static final long NOW = 1_776_269_600_000L;
    private final AcbSettings settings = AcbSettings.defaults();

    @Test
    void when_stampedValue_then_acceptedAtItsStamp() {
        Outcome<ExfSample> o = AcbJob.parse("{\"dvol\": 60, \"_ts\": 1776269590.5}", settings, NOW);
        assertTrue(o.isAccepted());
        assertEquals(1_776_269_590_500L, o.value().tsMillis());
    }

    @Test
    void when_unstampedValue_then_acceptedAtReadTime() {
        Outcome<ExfSample> o = AcbJob.parse("{\"dvol\": 60}", settings, NOW);
        assertEquals(NOW, o.value().tsMillis());
        assertFalse(o.value().writerStamped());
    }

    @Test
    void when_eachKindOfBadValue_then_deadLetterWithReasonAndNoWatermarkEffect() {
        assertRejected("{\"dvol\": 60", "not valid JSON");
        assertRejected("\"text\"", "expected a JSON object");
        assertRejected("{\"taker\": true}", "field 'taker' must be a number");
        assertRejected("{\"basis\": -0.07}", "none of the ACB factors");
        assertRejected("{\"dvol\": 60, \"_ts\": \"2026-04-15\"}", "field '_ts' must be a number");
        assertRejected("{\"dvol\": 60, \"_ts\": 1776269590500}", "milliseconds?");
        assertRejected("{\"dvol\": 60, \"_ts\": 1776273200.0}", "ahead of this member's clock");
        assertRejected(null, "value is null");
    }

    @Test
    void when_slightlyAheadOfClock_then_accepted() {
        assertTrue(AcbJob.parse("{\"dvol\": 60, \"_ts\": 1776269630.0}", settings, NOW).isAccepted());
    }

    @Test
    void when_differentBadPayloads_then_differentDeadLetterKeysAndSamePayloadSameKey() {
        DeadLetter a = AcbJob.parse("bad-a", settings, NOW).deadLetter();
        DeadLetter b = AcbJob.parse("bad-b", settings, NOW).deadLetter();
        DeadLetter a2 = AcbJob.parse("bad-a", settings, NOW + 5_000).deadLetter();
        assertNotEquals(a.key(), b.key());
        assertEquals(a.key(), a2.key());
        assertTrue(a.source().startsWith("DOLPHIN_FEATURES[exf_latest]#"), a.source());
        assertEquals("dolphin-acb", a.job());
    }

    private void assertRejected(String json, String reason) {
        Outcome<ExfSample> o = AcbJob.parse(json, settings, NOW);
        assertFalse(o.isAccepted(), json);
        assertTrue(o.deadLetter().reason().contains(reason), o.deadLetter().reason());
        assertEquals(json == null ? "" : json, o.deadLetter().payload());
        assertEquals(Long.MIN_VALUE, AcbJob.eventTimeMillis(json, settings, NOW), "must not move the watermark");
    }
}
