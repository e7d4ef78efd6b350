package io.dolphin.datalayer.acb;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.dolphin.datalayer.support.ReferenceExamples.ACB_BOOST;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcbBoostSinkTest {

    private static final long NOW = 1_776_270_000_000L;
    private static final long SKEW = 60_000;

    @Test
    void when_noValueOrOldServiceValueOrGarbage_then_written() {
        assertTrue(AcbBoostSink.isNewer(window(1776269550.0), null, NOW, SKEW));
        assertTrue(AcbBoostSink.isNewer(window(1776269550.0), json(ACB_BOOST), NOW, SKEW));
        assertTrue(AcbBoostSink.isNewer(window(1776269550.0), "not json", NOW, SKEW));
    }

    @Test
    void when_storedWindowSameOrLater_then_notWritten() {
        String stored = "{\"boost\":1.4,\"beta\":0.8,\"signals\":0.8,\"window_end\":1776269550.0}";
        assertFalse(AcbBoostSink.isNewer(window(1776269550.0), stored, NOW, SKEW));
        assertFalse(AcbBoostSink.isNewer(window(1776269520.0), stored, NOW, SKEW));
        assertTrue(AcbBoostSink.isNewer(window(1776269580.0), stored, NOW, SKEW));
    }

    @Test
    void when_storedWindowImplausiblyInFuture_then_overwritten() {
        String stored = "{\"boost\":1.4,\"beta\":0.8,\"signals\":0.8,\"window_end\":4102444800.0}";
        assertTrue(AcbBoostSink.isNewer(window(1776269550.0), stored, NOW, SKEW));
    }

    private static AcbBoost window(double end) {
        return new AcbBoost(1.5, 1.0, 0.0, 10L, end - 300, end, end - 1, Map.of(), "1", end, Map.of());
    }
}
