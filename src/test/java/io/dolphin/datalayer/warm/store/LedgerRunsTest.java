package io.dolphin.datalayer.warm.store;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.warm.Batch;
import io.dolphin.datalayer.warm.SeqRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LedgerRunsTest {

    private static final Batch.RangeKey P = new Batch.RangeKey(7L, "DOLPHIN_FEATURES", 3);

    private static Batch batch(long... seqs) {
        Batch b = new Batch();
        for (long s : seqs) {
            b.add(new JournalEvent(7L, "DOLPHIN_FEATURES", 3, s, "k", "{}", null, false, false, 0L), List.of(), null);
        }
        return b;
    }

    @Test
    void when_firstBatch_then_oneRunRow() {
        LedgerRuns ledger = new LedgerRuns();
        assertEquals(List.of(new LedgerRuns.Row(P, new SeqRange(0, 4), null)), ledger.plan(batch(0, 1, 2, 3, 4)));
    }

    @Test
    void when_nextBatchContinuesTheRun_then_itReplacesTheRunRow() {
        LedgerRuns ledger = new LedgerRuns();
        ledger.apply(ledger.plan(batch(0, 1, 2)));
        List<LedgerRuns.Row> plan = ledger.plan(batch(3, 4));
        assertEquals(List.of(new LedgerRuns.Row(P, new SeqRange(0, 4), 0L)), plan);
        ledger.apply(plan);
        assertEquals(Map.of(P, 4L), ledger.committed());
    }

    @Test
    void when_eventsLostBetweenOrInsideBatches_then_eachGapStartsARun() {
        LedgerRuns ledger = new LedgerRuns();
        ledger.apply(ledger.plan(batch(0, 1, 2)));
        // 3..4 lost before this batch, 7 lost inside it
        assertEquals(List.of(new LedgerRuns.Row(P, new SeqRange(5, 6), null), new LedgerRuns.Row(P, new SeqRange(8, 9),
                null)), ledger.plan(batch(5, 6, 8, 9)));
    }

    @Test
    void when_aBatchIsReplayed_then_itsRowsAreTheSameRun() {
        LedgerRuns ledger = new LedgerRuns();
        ledger.apply(ledger.plan(batch(0, 1, 2)));
        ledger.apply(ledger.plan(batch(3, 4)));
        // a ClickHouse writer that died after the ledger re-sends the same batch
        assertEquals(List.of(new LedgerRuns.Row(P, new SeqRange(0, 4), 0L)), ledger.plan(batch(3, 4)));
    }

    @Test
    void when_outOfOrderEvents_then_theBatchRunsAreStillContiguous() {
        assertEquals(Map.of(P, List.of(new SeqRange(0, 5))), batch(2, 0, 1, 5, 3, 4).runs());
        assertEquals(Map.of(P, List.of(new SeqRange(0, 1), new SeqRange(4, 5))), batch(0, 5, 1, 4).runs());
    }
}
