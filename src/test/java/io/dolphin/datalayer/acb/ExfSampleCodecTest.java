package io.dolphin.datalayer.acb;

import io.dolphin.datalayer.common.MalformedJsonException;
import org.junit.jupiter.api.Test;

import static io.dolphin.datalayer.support.ReferenceExamples.EXF_LATEST;
import static io.dolphin.datalayer.support.ReferenceExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExfSampleCodecTest {

    private final ExfSampleCodec codec = new ExfSampleCodec("_ts");

    @Test
    void when_referenceExampleWithoutTimestamp_then_fallbackTimeAndAllFourFactors() {
        ExfSample s = codec.decode(json(EXF_LATEST), 1_776_269_558_412L);
        assertEquals(1_776_269_558_412L, s.tsMillis());
        assertFalse(s.writerStamped());
        assertEquals(-5.085e-05, s.fundingBtc());
        assertEquals(52.34, s.dvol());
        assertEquals(45.0, s.fearGreed());
        assertEquals(0.5317, s.taker());
        assertFalse(s.heartbeat());
    }

    @Test
    void when_writerStamp_then_eventTimeFromItInMillis() {
        ExfSample s = codec.decode("{\"dvol\": 60.5, \"_ts\": 1776269558.4125}", 0);
        assertTrue(s.writerStamped());
        assertEquals(1_776_269_558_413L, s.tsMillis());
        assertEquals(60.5, s.dvol());
        assertNull(s.taker());
    }

    @Test
    void when_otherFieldName_then_configurable() {
        ExfSample s = new ExfSampleCodec("timestamp").decode("{\"taker\": 0.8, \"timestamp\": 1776269558}", 0);
        assertEquals(1_776_269_558_000L, s.tsMillis());
    }

    @Test
    void when_encodedAndDecoded_then_same() {
        ExfSample s = ExfSample.of(1_776_269_558_500L, true, -1e-5, 55.0, null, 0.95);
        assertEquals(s, codec.decode(codec.encode(s), 0));
    }

    @Test
    void when_badValues_then_malformedWithReason() {
        assertReason("not json", "not valid JSON");
        assertReason("[1, 2]", "expected a JSON object");
        assertReason("{\"dvol\": \"high\"}", "field 'dvol' must be a number");
        assertReason("{\"oi_btc\": 97583.5}", "none of the ACB factors");
        assertReason("{\"dvol\": 60, \"_ts\": \"now\"}", "field '_ts' must be a number");
        assertReason("{\"dvol\": 60, \"_ts\": 1776269558412}", "milliseconds?");
        assertReason("{\"dvol\": 60, \"_ts\": 12345}", "must be epoch seconds");
    }

    private void assertReason(String json, String expected) {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> codec.decode(json, 0));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("exf_latest"), e.getMessage());
    }
}
