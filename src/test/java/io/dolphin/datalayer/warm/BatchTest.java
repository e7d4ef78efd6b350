package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.common.JournalEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The batch token is stored in ClickHouse ({@code insert_deduplication_token}, {@code _ingest_intent}): a token that
 * changed across an upgrade would let a replay of a pending batch through as new rows. The values pinned here were
 * computed by the code that wrote the first tokens.
 */
class BatchTest {

    private static JournalEvent event(long epoch, String map, int partition, long seq) {
        return new JournalEvent(epoch, map, partition, seq, "k", "{}", null, false, false, 1_000L + seq);
    }

    private static Batch batchOf(JournalEvent... events) {
        Batch b = new Batch();
        for (JournalEvent e : events) {
            b.add(e, List.of(), null);
        }
        return b;
    }

    @Test
    void when_oneRange_then_tokenIsThePinnedDigest() {
        Batch b = batchOf(event(7, "DOLPHIN_FEATURES", 3, 10), event(7, "DOLPHIN_FEATURES", 3, 11),
                event(7, "DOLPHIN_FEATURES", 3, 12));

        // the first 16 bytes of SHA-256("7/DOLPHIN_FEATURES/3:10-12;")
        assertEquals("dolphin-warm-sink-4d8a175f07c018f2e3081e92d29ccecc", b.token());
    }

    @Test
    void when_severalRangesAddedInAnyOrder_then_tokenIsThePinnedDigest() {
        Batch b = batchOf(event(9, "DOLPHIN_PNL_BLUE", 0, 5), event(7, "DOLPHIN_FEATURES", 12, 40),
                event(7, "DOLPHIN_FEATURES", 2, 8), event(7, "DOLPHIN_FEATURES", 12, 31),
                event(7, "DOLPHIN_STATE_BLUE", 2, 0));
        Batch sameRangesOtherOrder = batchOf(event(7, "DOLPHIN_STATE_BLUE", 2, 0), event(7, "DOLPHIN_FEATURES", 12, 31),
                event(7, "DOLPHIN_FEATURES", 2, 8), event(9, "DOLPHIN_PNL_BLUE", 0, 5),
                event(7, "DOLPHIN_FEATURES", 12, 40));

        // ranges sorted by (epoch, map, partition), partitions as numbers:
        // SHA-256("7/DOLPHIN_FEATURES/2:8-8;7/DOLPHIN_FEATURES/12:31-40;7/DOLPHIN_STATE_BLUE/2:0-0;9/DOLPHIN_PNL_BLUE/0:5-5;")
        assertEquals("dolphin-warm-sink-fe969648bc92afdf1451aa08c85bd84a", b.token());
        assertEquals(b.token(), sameRangesOtherOrder.token());
    }

    @Test
    void when_rangeDiffers_then_tokenDiffers() {
        Batch b = batchOf(event(7, "DOLPHIN_FEATURES", 3, 10), event(7, "DOLPHIN_FEATURES", 3, 12));
        Batch wider = batchOf(event(7, "DOLPHIN_FEATURES", 3, 10), event(7, "DOLPHIN_FEATURES", 3, 13));

        assertNotEquals(b.token(), wider.token());
    }

    @Test
    void when_batchCarriesAFixedToken_then_itIsKeptWhateverTheRanges() {
        Batch b = new Batch("dolphin-warm-sink-0123456789abcdef0123456789abcdef");
        b.add(event(7, "DOLPHIN_FEATURES", 3, 10), List.of(), null);

        assertEquals("dolphin-warm-sink-0123456789abcdef0123456789abcdef", b.token());
    }
}
