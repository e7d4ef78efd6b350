package io.dolphin.datalayer.exf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LagHistoryTest {

    private static final long LAG = 10_000;

    @Test
    void when_nothingRecorded_then_nothingLagged() {
        assertNull(new LagHistory().at(50_000, LAG));
    }

    @Test
    void when_historyReachesBackALag_then_valueAtNowMinusLagAgedExactlyTheLag() {
        LagHistory h = new LagHistory();
        for (long t = 0; t <= 10_000; t += 1000) {
            h.add(1.0, t);
        }
        for (long t = 11_000; t <= 15_000; t += 1000) {
            h.add(2.0, t);
        }
        LagHistory.Lagged l = h.at(15_000, LAG);
        assertEquals(1.0, l.value());
        assertEquals(5_000, l.asOfMs());
        assertFalse(l.warming());
        // once now - lag passes the change, the lagged value follows it
        assertEquals(2.0, h.at(21_000, LAG).value());
        assertEquals(11_000, h.at(21_000, LAG).asOfMs());
    }

    @Test
    void when_historyShorterThanLag_then_oldestValueAndWarming() {
        LagHistory h = new LagHistory();
        h.add(3.0, 1_000);
        h.add(4.0, 2_000);
        LagHistory.Lagged l = h.at(5_000, LAG);
        assertEquals(3.0, l.value());
        assertEquals(1_000, l.asOfMs());
        assertTrue(l.warming());
    }

    @Test
    void when_fetchesStoppedAroundNowMinusLag_then_ageCountsFromTheLastFetchBeforeIt() {
        LagHistory h = new LagHistory();
        h.add(1.0, 0);
        h.add(1.0, 2_000);
        h.add(7.0, 9_000);
        LagHistory.Lagged l = h.at(16_000, LAG);
        assertEquals(1.0, l.value());
        assertEquals(2_000, l.asOfMs());
        assertFalse(l.warming());
    }

    @Test
    void when_equalValuesRepeat_then_oneRunAndOldRunsPruned() {
        LagHistory h = new LagHistory();
        for (long t = 0; t < 100_000; t += 500) {
            h.add(t < 50_000 ? 1.0 : 2.0, t);
        }
        assertEquals(2, h.size());
        h.at(200_000, LAG);
        assertEquals(1, h.size());
    }

    @Test
    void when_olderFetchArrivesLate_then_ignored() {
        LagHistory h = new LagHistory();
        h.add(1.0, 5_000);
        h.add(9.0, 4_000);
        assertEquals(1.0, h.at(20_000, LAG).value());
        assertEquals(1, h.size());
    }
}
