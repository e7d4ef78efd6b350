package io.dolphin.datalayer.scanbridge;

import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordScanTest {

    @Test
    void when_scanNotYetRecorded_then_recorded() {
        Map.Entry<String, String> entry = new AbstractMap.SimpleEntry<>("907", null);
        assertTrue(new RecordScan("{\"scan_number\": 907}").process(entry));
        assertEquals("{\"scan_number\": 907}", entry.getValue());
    }

    @Test
    void when_replayedAfterARestart_then_theEntryIsLeftAsItIs() {
        Map.Entry<String, String> entry = new AbstractMap.SimpleEntry<>("907", "{\"scan_number\": 907}");
        assertFalse(new RecordScan("{\"scan_number\": 907, \"replayed\": true}").process(entry));
        assertEquals("{\"scan_number\": 907}", entry.getValue());
    }
}
