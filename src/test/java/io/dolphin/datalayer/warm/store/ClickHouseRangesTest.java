package io.dolphin.datalayer.warm.store;

import io.dolphin.datalayer.warm.Batch;
import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.warm.SeqRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ranges of a ClickHouse intent are stored as JSON text in {@code _ingest_intent} and read back by the next
 * writer, possibly of a newer version: the text format is a contract with every earlier release.
 */
class ClickHouseRangesTest {

    @Test
    void when_rangesEncoded_then_textIsTheStoredFormat_andDecodesToTheSameRanges() {
        Batch b = new Batch();
        for (long seq : new long[]{12, 10, 11}) {
            b.add(new JournalEvent(7, "DOLPHIN_FEATURES", 3, seq, "k", "{}", null, false, false, 1L), List.of(), null);
        }

        String json = ClickHouseStore.encodeRanges(b.ranges());

        assertEquals("{\"7/DOLPHIN_FEATURES/3\":[10,12]}", json);
        assertEquals(Map.of(new Batch.RangeKey(7, "DOLPHIN_FEATURES", 3), new SeqRange(10, 12)),
                ClickHouseStore.decodeRanges(json));
    }
}
