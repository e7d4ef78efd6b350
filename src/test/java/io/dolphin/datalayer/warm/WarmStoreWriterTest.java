package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.TableRow;
import io.dolphin.datalayer.common.WarmTable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WarmStoreWriter}'s state machine, transition by transition (its class comment has the picture), against
 * {@link InMemoryWarmStore} and a clock the test moves. Every test asserts all the counters: those it does not name
 * must be zero.
 */
class WarmStoreWriterTest {

    private static final long EPOCH = 7;
    private static final String MAP = "DOLPHIN_FEATURES";
    /** Batches of 10 events or 1 s, at most 40 buffered, retries after 100 ms doubling to 400 ms, replays wait 5 s. */
    private static final WriterPolicy POLICY = new WriterPolicy(10, 1_000, 40, 100, 400, 5_000);

    private long now = 1_000_000;
    private final RecordingLogger log = new RecordingLogger();
    private final List<String> deadLetters = new ArrayList<>();

    // ---- connecting

    @Test
    void when_storeNotYetRead_then_canAcceptIsFalse_untilATickOpensIt() {
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike();
        store.failNextOpens(1);
        WarmStoreWriter w = writer(store);
        assertFalse(w.canAccept());

        w.tick();
        assertFalse(w.canAccept());
        assertFalse(w.counters().storeUp());

        tickAt(w, now + 100);
        assertTrue(w.canAccept());
        assertTrue(w.counters().storeUp());
        assertEquals(2, store.opens());
        assertCounters(w, Map.of("transientErrors", 1L));
    }

    // ---- accepting: the journal-position rule, writer replays, warm-up restores, removals

    @Test
    void when_eventAtOrBelowWhatTheStoreHolds_then_duplicateSkipped() {
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike().withCommitted(partition(0), 4);
        WarmStoreWriter w = opened(store);

        w.accept(event(0, 3));
        w.accept(event(0, 4));
        w.accept(event(0, 5));
        w.accept(event(0, 6));
        w.accept(event(0, 6));
        assertTrue(w.flushAll());

        assertEquals(List.of(acbRow(0, 5), acbRow(0, 6)), store.rows());
        assertEquals(6L, store.committed().get(partition(0)));
        assertCounters(w, Map.of("duplicatesSkipped", 3L, "rowsWritten", 2L, "eventsCommitted", 2L, "batches", 1L));
    }

    @Test
    void when_sequenceSkipsAhead_then_theGapIsCountedAsJournalLost_andLogged() {
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike().withCommitted(partition(0), 4);
        WarmStoreWriter w = opened(store);

        w.accept(event(0, 7));
        w.accept(event(0, 8));
        w.accept(event(0, 12));
        w.accept(event(1, 3));
        assertTrue(w.flushAll());

        assertEquals(4, store.rows().size());
        List<RecordingLogger.Line> severe = log.at(Level.SEVERE);
        assertEquals(3, severe.size());
        assertTrue(severe.get(0).message().startsWith("2 journal events of 7/DOLPHIN_FEATURES/0 (sequences 5..6)"),
                severe.get(0).message());
        assertTrue(severe.get(1).message().contains("(sequences 9..11)"), severe.get(1).message());
        assertTrue(severe.get(2).message().contains("7/DOLPHIN_FEATURES/1 (sequences 0..2)"), severe.get(2).message());
        assertCounters(w, Map.of("journalLost", 8L, "rowsWritten", 4L, "eventsCommitted", 4L, "batches", 1L));
    }

    @Test
    void when_valueOrderIsNotAboveTheStoredOne_then_writerReplaySkipped_butItsRangeCommitted() {
        Batch.MapKey book = new Batch.MapKey(MAP, "ob_BTC");
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike().withLastValue(book, "{\"o\": 100}", 100L);
        WarmStoreWriter w = opened(store);

        w.accept(event(0, 0, "ob_BTC", "{\"o\": 99}", 99L, false, acbRow(0, 0)));        // older: skipped
        w.accept(event(0, 1, "ob_BTC", "{\"o\": 100}", 100L, false, acbRow(0, 1)));      // same order, same text
        w.accept(event(0, 2, "ob_BTC", "{\"o\": 100, \"fix\": 1}", 100L, false, acbRow(0, 2))); // a correction
        w.accept(event(0, 3, "ob_BTC", "{\"o\": 101}", 101L, false, acbRow(0, 3)));      // newer
        w.accept(event(0, 4, "ob_BTC", "{\"o\": 100}", 100L, false, acbRow(0, 4)));      // older again
        w.accept(event(0, 5, "ob_BTC", "{\"x\": 1}", null, false, acbRow(0, 5)));        // no order: written
        assertTrue(w.flushAll());

        assertEquals(List.of(acbRow(0, 2), acbRow(0, 3), acbRow(0, 5)), store.rows());
        assertEquals(5L, store.committed().get(partition(0)));
        assertEquals("{\"x\": 1}", store.lastValues().get(book));
        assertCounters(w, Map.of("replaysSkipped", 3L, "rowsWritten", 3L, "eventsCommitted", 6L, "batches", 1L));
    }

    @Test
    void when_keyComesBackAddedWithTheStoredValue_then_restoredSkipped() {
        Batch.MapKey capital = new Batch.MapKey(MAP, "capital");
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike().withLastValue(capital, "{\"c\": 1}", null);
        WarmStoreWriter w = opened(store);

        w.accept(event(0, 0, "capital", "{\"c\": 1}", null, true, acbRow(0, 0)));  // hz-warmup's restore
        w.accept(event(0, 1, "capital", "{\"c\": 2}", null, true, acbRow(0, 1)));  // added, but a new value
        w.accept(event(0, 2, "capital", "{\"c\": 2}", null, false, acbRow(0, 2))); // updated to the same text
        assertTrue(w.flushAll());

        assertEquals(List.of(acbRow(0, 1), acbRow(0, 2)), store.rows());
        assertEquals(2L, store.committed().get(partition(0)));
        assertCounters(w, Map.of("restoredSkipped", 1L, "rowsWritten", 2L, "eventsCommitted", 3L, "batches", 1L));
    }

    @Test
    void when_keyRemoved_then_itsLastValueAndOrderAreDropped_andNoRowIsWritten() {
        Batch.MapKey book = new Batch.MapKey(MAP, "ob_BTC");
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike().withLastValue(book, "{\"o\": 100}", 100L);
        WarmStoreWriter w = opened(store);

        w.accept(removal(0, 0, "ob_BTC"));
        assertTrue(w.flushAll());
        assertFalse(store.lastValues().containsKey(book));
        assertEquals(0L, store.committed().get(partition(0)));
        assertEquals(List.of(), store.rows());

        // the key's order went with it: a lower order is a new value now, not a replay
        w.accept(event(0, 1, "ob_BTC", "{\"o\": 50}", 50L, false, acbRow(0, 1)));
        assertTrue(w.flushAll());
        assertEquals(List.of(acbRow(0, 1)), store.rows());
        assertCounters(w, Map.of("rowsWritten", 1L, "eventsCommitted", 2L, "batches", 2L));
    }

    // ---- when a batch is due

    @Test
    void when_batchReachesMaxEvents_then_itIsWrittenWithoutWaitingForTheDelay() {
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike();
        WarmStoreWriter w = opened(store);
        for (long seq = 0; seq < 9; seq++) {
            w.accept(event(0, seq));
        }

        w.tick();
        assertEquals(0, store.writeAttempts());

        w.accept(event(0, 9));
        w.tick();
        assertEquals(1, store.writeAttempts());
        assertCounters(w, Map.of("rowsWritten", 10L, "eventsCommitted", 10L, "batches", 1L));
    }

    @Test
    void when_oldestEventIsMaxDelayOld_then_theBatchIsWritten() {
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike();
        WarmStoreWriter w = opened(store);
        long readAt = now;
        w.accept(event(0, 0));

        tickAt(w, readAt + 999);
        assertEquals(0, store.writeAttempts());

        tickAt(w, readAt + 1_000);
        assertEquals(1, store.writeAttempts());
        assertCounters(w, Map.of("rowsWritten", 1L, "eventsCommitted", 1L, "batches", 1L));
    }

    @Test
    void when_maxBufferedEventsWait_then_canAcceptIsFalse_untilTheStoreTakesThem() {
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike();
        WarmStoreWriter w = opened(store);
        store.failNextWrites(1);
        long seq = 0;
        for (; seq < 10; seq++) {
            w.accept(event(0, seq));
        }
        w.tick(); // the batch goes in flight and fails: the store is down

        // the batch in flight is not counted: 40 more wait in the buffer
        for (; w.canAccept(); seq++) {
            w.accept(event(0, seq));
        }
        assertEquals(50, seq);
        w.tick(); // still backing off: only the gauges move
        assertEquals(50, w.counters().bufferedEvents());

        tickAt(w, now + 100); // reconnects and writes the batch in flight; the full buffer waits for the next tick
        assertFalse(w.canAccept());
        w.tick();
        assertTrue(w.canAccept());
        assertEquals(0, w.counters().bufferedEvents());
        assertCounters(w, Map.of("transientErrors", 1L, "rowsWritten", 50L, "eventsCommitted", 50L, "batches", 2L));
    }

    // ---- transient failures: back off, reconnect, retry

    @Test
    void when_storeStaysUnreachable_then_reconnectAttemptsBackOffDoublingToTheMax_thenTheWriterWrites() {
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike();
        store.failNextOpens(5);
        WarmStoreWriter w = writer(store);
        w.tick();
        assertEquals(1, store.opens());

        long at = now;
        int opens = 1;
        for (long wait : new long[]{100, 200, 400, 400, 400}) {
            tickAt(w, at + wait - 1);
            assertEquals(opens, store.opens(), "no attempt before " + wait + " ms");
            tickAt(w, at + wait);
            assertEquals(++opens, store.opens(), "an attempt after " + wait + " ms");
            at += wait;
        }
        assertTrue(w.canAccept());
        assertTrue(w.counters().storeUp());

        // logged once, not once per attempt
        List<RecordingLogger.Line> warnings = log.at(Level.WARNING);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).message().contains("cannot connect to the warm store (1 failures so far)")
                && warnings.get(0).message().contains("retrying in 100 ms"), warnings.get(0).message());

        w.accept(event(0, 0));
        assertTrue(w.flushAll());
        assertCounters(w, Map.of("transientErrors", 5L, "rowsWritten", 1L, "eventsCommitted", 1L, "batches", 1L));
    }

    @Test
    void when_writeFailsTransiently_then_itIsRetriedOnAFreshConnectionAfterTheBackoff() {
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike();
        WarmStoreWriter w = opened(store);
        store.failNextWrites(2);
        w.accept(event(0, 0));

        assertFalse(w.flushAll());
        assertFalse(w.counters().storeUp());
        assertEquals(1, store.closes(), "a failed connection is dropped");

        tickAt(w, now + 99);
        assertEquals(1, store.writeAttempts());
        tickAt(w, now + 1);
        assertEquals(2, store.opens());
        assertEquals(2, store.writeAttempts());

        // the reconnect succeeded, which resets the backoff: the next retry is again 100 ms away, not 200
        tickAt(w, now + 99);
        assertEquals(2, store.writeAttempts());
        tickAt(w, now + 1);
        assertEquals(3, store.writeAttempts());
        assertTrue(w.counters().storeUp());
        assertEquals(List.of(acbRow(0, 0)), store.rows());
        assertCounters(w, Map.of("transientErrors", 2L, "rowsWritten", 1L, "eventsCommitted", 1L, "batches", 1L));
    }

    @Test
    void when_reconnectFindsTheInFlightBatchCommitted_then_itIsNotWrittenAgain() {
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike();
        WarmStoreWriter w = opened(store);
        store.commitNextWriteThenFail();
        w.accept(event(0, 0));
        w.accept(event(0, 1));
        w.accept(event(0, 2));

        assertFalse(w.flushAll());
        now += 100;
        assertTrue(w.flushAll());

        assertEquals(1, store.writeAttempts());
        assertEquals(List.of(acbRow(0, 0), acbRow(0, 1), acbRow(0, 2)), store.rows());
        assertEquals(0, w.counters().bufferedEvents());
        // the writer never heard that the batch landed, so it is not in rowsWritten, eventsCommitted or batches
        assertCounters(w, Map.of("transientErrors", 1L));
    }

    // ---- permanent failures

    @Test
    void when_storeFailsPermanently_then_theJobFailsWithAMessageForTheOperator() {
        for (InMemoryWarmStore store : List.of(InMemoryWarmStore.duckDbLike(), InMemoryWarmStore.clickHouseLike())) {
            WarmStoreWriter w = opened(store);
            store.failPermanently("Table dolphin.acb_state does not exist");
            w.accept(event(0, 0));

            IllegalStateException e = assertThrows(IllegalStateException.class, w::flushAll);

            assertTrue(e.getMessage().startsWith("dolphin-warm-sink cannot write to the warm store and no retry can "
                    + "help: "), e.getMessage());
            assertTrue(e.getMessage().contains("Table dolphin.acb_state does not exist (check the schema: bin/dolphin "
                    + "schema apply, and DOLPHIN_WARM_JDBC_URL)"), e.getMessage());
            assertCounters(w, Map.of());

            WarmStoreWriter restarted = writer(store);
            IllegalStateException onOpen = assertThrows(IllegalStateException.class, restarted::tick);
            assertTrue(onOpen.getMessage().startsWith("dolphin-warm-sink cannot connect to the warm store and no retry"),
                    onOpen.getMessage());
        }
    }

    // ---- bad rows: bisection

    @Test
    void when_someRowsAreRefused_then_bisectionDeadLettersExactlyThoseRows_andWritesTheRest() {
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike();
        WarmStoreWriter w = opened(store);
        store.refuseRows(rows(WarmTable.ACB_STATE, id(0, 3), id(0, 7)));
        for (long seq = 0; seq < 10; seq++) {
            w.accept(event(0, seq, "k0", "{\"seq\": " + seq + "}", null, false, acbRow(0, seq), exfRow(0, seq)));
        }

        assertFalse(w.flushAll()); // the write is refused; the search takes the bad rows out
        assertTrue(w.flushAll());  // the rest is written

        assertEquals(List.of("DOLPHIN_FEATURES[k0] p0@3", "DOLPHIN_FEATURES[k0] p0@7"),
                deadLetters.stream().map(d -> d.substring(0, d.indexOf(" | "))).toList());
        assertTrue(deadLetters.get(0).contains("the warm store refused the row for dolphin.acb_state (Conversion Error: "),
                "the store's own reason, then the row: " + deadLetters.get(0));
        List<TableRow> kept = store.rows();
        assertEquals(18, kept.size());
        assertFalse(kept.contains(acbRow(0, 3)) || kept.contains(acbRow(0, 7)));
        assertTrue(kept.contains(exfRow(0, 3)) && kept.contains(exfRow(0, 7)));
        assertEquals(9L, store.committed().get(partition(0)));
        // halves, not row by row: 13 probes find the two bad acb_state rows among 10, 1 clears exf_data
        assertEquals(14, store.probes());
        assertCounters(w, Map.of("badRows", 2L, "rowsWritten", 18L, "eventsCommitted", 10L, "batches", 1L));
    }

    @Test
    void when_theOnlyRowOfATableIsRefused_then_itIsDeadLettered() {
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike();
        WarmStoreWriter w = opened(store);
        store.refuseRows(rows(WarmTable.ACB_STATE, id(0, 0)));
        w.accept(event(0, 0));

        assertFalse(w.flushAll());
        assertTrue(w.flushAll());

        assertEquals(1, deadLetters.size());
        assertEquals(List.of(), store.rows());
        assertEquals(0L, store.committed().get(partition(0)));
        assertCounters(w, Map.of("badRows", 1L, "eventsCommitted", 1L, "batches", 1L));
    }

    @Test
    void when_aTableRefusesEveryRow_then_noRowIsDeadLettered_andTheBatchIsRetriedAsTransient() {
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike();
        WarmStoreWriter w = opened(store);
        store.refuseRows(r -> r.table() == WarmTable.ACB_STATE);
        for (long seq = 0; seq < 3; seq++) {
            w.accept(event(0, seq));
        }

        assertFalse(w.flushAll());

        assertEquals(List.of(), deadLetters);
        assertEquals(3, w.counters().bufferedEvents());
        assertTrue(log.at(Level.WARNING).get(0).message().contains("cannot probe rows in the warm store")
                && log.at(Level.WARNING).get(0).message().contains("dolphin.acb_state refuses every row of the batch"),
                log.at(Level.WARNING).get(0).message());
        assertCounters(w, Map.of("transientErrors", 1L));

        store.refuseRows(r -> false); // the operator fixed the table
        now += 100;
        assertTrue(w.flushAll());
        assertEquals(3, store.rows().size());
        assertCounters(w, Map.of("transientErrors", 1L, "rowsWritten", 3L, "eventsCommitted", 3L, "batches", 1L));
    }

    @Test
    void when_theBatchIsRefusedButNoSingleRowIs_then_itIsRetriedAsTransient() {
        for (InMemoryWarmStore store : List.of(InMemoryWarmStore.duckDbLike(), InMemoryWarmStore.clickHouseLike())) {
            WarmStoreWriter w = opened(store);
            store.refuseNextBatches(1);
            w.accept(event(0, 0));
            w.accept(event(0, 1));

            assertFalse(w.flushAll());
            assertEquals(1, store.probes(), "both rows pass one probe together");
            now += 100;
            assertTrue(w.flushAll());

            assertEquals(List.of(acbRow(0, 0), acbRow(0, 1)), store.rows());
            assertEquals(List.of(), deadLetters);
            assertCounters(w, Map.of("transientErrors", 1L, "rowsWritten", 2L, "eventsCommitted", 2L, "batches", 1L));
        }
        assertTrue(log.at(Level.WARNING).get(0).message().contains("the batch was refused but no single row is"),
                log.at(Level.WARNING).get(0).message());
    }

    // ---- ClickHouse: a batch begun but not confirmed

    @Test
    void when_aBatchWasBegunButNotConfirmed_then_theRestartedWriterRepeatsItWithItsToken_andNothingIsDoubled() {
        InMemoryWarmStore store = InMemoryWarmStore.clickHouseLike();
        String token = crashMidBatch(store, 1);
        assertEquals(10 + 8, store.rows().size(), "batch A, and the first table of batch B");

        WarmStoreWriter w = opened(store); // the job restarted: the journal replays from the snapshot's offsets
        assertTrue(log.at(Level.INFO).stream().anyMatch(l -> l.message().contains(token)));
        long[][] replayed = {{0, 5}, {1, 0}, {0, 6}, {1, 1}, {2, 0}, {0, 7}, {1, 2}, {0, 8}, {0, 9}, {0, 10}, {0, 11}};
        for (long[] e : replayed) {
            w.accept(twoTables((int) e[0], e[1]));
        }
        assertEquals(11, w.heldDuringReplay().size(), "everything since the replay began waits for it");
        int attempts = store.writeAttempts();
        assertTrue(w.flushAll(), "a snapshot completes: the held events travel in it");
        assertEquals(attempts, store.writeAttempts());

        w.tick(); // every event of the intent's ranges is in: the batch is repeated with its token
        assertEquals(List.of(), w.heldDuringReplay());
        assertTrue(w.flushAll());

        List<InMemoryWarmStore.Write> writes = store.writes();
        assertEquals(3, writes.size());
        assertEquals(token, writes.get(1).token());
        assertEquals(Map.of(partition(0), new SeqRange(5, 9), partition(1), new SeqRange(0, 2)), writes.get(1).ranges());
        assertEquals(Map.of(partition(0), new SeqRange(10, 11), partition(2), new SeqRange(0, 0)), writes.get(2).ranges());
        assertNotEquals(token, writes.get(2).token());
        assertNull(store.pending());
        assertEquals(Map.of(partition(0), 11L, partition(1), 2L, partition(2), 0L), store.committed());
        assertEveryRowOnce(store, 16);
        assertCounters(w, Map.of("rowsWritten", 22L, "eventsCommitted", 11L, "batches", 2L));
    }

    @Test
    void when_aSnapshotHeldTheReplayedEvents_then_aRestoredWriterTakesThemBack() {
        InMemoryWarmStore store = InMemoryWarmStore.clickHouseLike();
        String token = crashMidBatch(store, 1);
        WarmStoreWriter w = opened(store);
        for (long[] e : new long[][]{{0, 5}, {0, 6}, {0, 7}, {2, 0}}) {
            w.accept(twoTables((int) e[0], e[1]));
        }
        w.tick();
        assertEquals(4, w.counters().bufferedEvents(), "3 in the replay, 1 waiting behind it");
        assertTrue(w.flushAll());
        List<MappedEvent> held = w.heldDuringReplay();
        assertEquals(4, held.size());

        WarmStoreWriter restored = writer(store); // restarted from that snapshot
        restored.restoreHeld(held);
        restored.tick();
        // the journal resumes after the snapshot's offsets, and may repeat the last event before them
        for (long[] e : new long[][]{{0, 7}, {0, 8}, {0, 9}, {1, 0}, {1, 1}, {1, 2}}) {
            restored.accept(twoTables((int) e[0], e[1]));
        }
        restored.tick();

        assertEquals(List.of(), restored.heldDuringReplay());
        assertEquals(token, store.writes().get(1).token());
        assertNull(store.pending());
        assertEquals(1, restored.counters().bufferedEvents(), "p2@0 waits for its batch to be due");
        assertTrue(restored.flushAll());
        assertEveryRowOnce(store, 14);
        assertCounters(restored, Map.of("duplicatesSkipped", 1L, "rowsWritten", 18L, "eventsCommitted", 9L,
                "batches", 2L));
    }

    @Test
    void when_theReplayedEventsDoNotAllArrive_then_thePartialBatchIsWrittenAfterTheReplayTimeout() {
        InMemoryWarmStore store = InMemoryWarmStore.clickHouseLike();
        String token = crashMidBatch(store, 0);
        WarmStoreWriter w = opened(store);
        long replayBegan = now;
        for (long[] e : new long[][]{{0, 5}, {0, 6}, {0, 7}, {1, 0}, {1, 1}, {1, 2}}) { // p0@8..9 were overwritten
            w.accept(twoTables((int) e[0], e[1]));
        }

        tickAt(w, replayBegan + 4_999);
        assertEquals(1, store.writes().size());
        assertEquals(6, w.heldDuringReplay().size());
        store.failNextWrites(1);
        tickAt(w, replayBegan + 5_000);
        // the partial batch is in flight now: a snapshot waits for it to be written instead of holding events
        assertEquals(List.of(), w.heldDuringReplay());
        assertFalse(w.flushAll());
        tickAt(w, now + 100);

        assertEquals(token, store.writes().get(1).token());
        assertEquals(6, store.writes().get(1).events());
        assertNull(store.pending());
        assertTrue(log.at(Level.WARNING).stream().anyMatch(l -> l.message().contains("without all its events after "
                + "5000 ms")));
        assertEquals(7L, store.committed().get(partition(0)));
        assertEveryRowOnce(store, 11);
        assertCounters(w, Map.of("transientErrors", 1L, "rowsWritten", 12L, "eventsCommitted", 6L, "batches", 1L));
    }

    @Test
    void when_aPartitionOfThePendingBatchGetsANewJournal_then_theBatchStopsWaitingForIt() {
        InMemoryWarmStore store = InMemoryWarmStore.clickHouseLike();
        String token = crashMidBatch(store, 0); // announced p0@5..9, p1@0..2
        WarmStoreWriter w = opened(store);
        long replayBegan = now;
        w.accept(event(0, 5, "kx", "{\"v\": 15}", 15L, false, acbRow(0, 5), exfRow(0, 5)));
        w.accept(event(0, 6, "kx", "{\"v\": 16}", 16L, false, acbRow(0, 6), exfRow(0, 6)));
        for (long seq = 0; seq < 3; seq++) {
            w.accept(twoTables(1, seq));
        }
        // p0's owner died: its promoted backup ended at 6, and a newer value now arrives at the reused position 6
        w.accept(event(0, 6, "kx", "{\"v\": 17}", 17L, false, acbRow(5, 17)));
        tickAt(w, replayBegan + 1); // no replay timeout to wait out

        assertEquals(token, store.writes().get(1).token(), "the pending batch is written, without p0@7..9");
        assertNull(store.pending());
        assertTrue(log.at(Level.WARNING).stream().anyMatch(l -> l.message().contains("was replaced while batch "
                + token)), log.at(Level.WARNING).toString());
    }

    @Test
    void when_theWholeClusterRestartedSinceTheBatchWasBegun_then_theWriterStopsWaitingForIt_andClosesIt() {
        InMemoryWarmStore store = InMemoryWarmStore.clickHouseLike();
        String token = crashMidBatch(store, 1);
        WarmStoreWriter w = opened(store);
        long replayBegan = now;
        // a new cluster: its journals start again at 0 under a new epoch; the intent's events can never come
        for (long seq = 0; seq < 3; seq++) {
            w.accept(new MappedEvent(new JournalEvent(EPOCH + 1, MAP, 0, seq, "k0", "{\"seq\": " + seq + "}", null,
                    false, false, now), List.of(acbRow(7, seq)), null, null));
        }
        tickAt(w, replayBegan + 1); // no replay timeout to wait out

        assertNull(store.pending(), "the dead batch is closed, so the next start does not wait for it either");
        assertEquals(List.of(), w.heldDuringReplay());
        assertTrue(log.at(Level.WARNING).stream().anyMatch(l -> l.message().contains(token)
                && l.message().contains("whole cluster restarted")), log.at(Level.WARNING).toString());
        assertTrue(w.flushAll());
        assertEquals(3, store.writes().get(store.writes().size() - 1).events(), "the new cluster's events are written");
        assertCounters(w, Map.of("rowsWritten", 3L, "eventsCommitted", 3L, "batches", 1L));
    }

    @Test
    void when_theDeadClustersBatchHadStoredRowsWithoutTheirLastValues_then_theSourcesReReadsOfThemAreNotStoredAgain() {
        InMemoryWarmStore store = InMemoryWarmStore.clickHouseLike();
        WarmStoreWriter w = opened(store);
        for (long seq = 0; seq < 5; seq++) { // batch A: books 100..104 of one symbol
            w.accept(book(EPOCH, seq, 100 + seq));
        }
        assertTrue(w.flushAll());
        for (long seq = 5; seq < 10; seq++) { // batch B: books 105..109, its table insert lands, then every member dies
            w.accept(book(EPOCH, seq, 100 + seq));
        }
        store.crashNextWriteAfterInserts(1);
        assertFalse(w.flushAll());
        assertEquals(10, store.rows().size());
        // what the store's tables answer: the symbol's newest row is 109, though its last value says 104
        store.answerOrdersStoredSince(Map.of(new Batch.MapKey(MAP, "asset_BTCUSDT_ob"), 109L));

        // a new cluster: hz-warmup restored 104, obf-ingest re-reads from there; new journal epoch
        WarmStoreWriter restarted = opened(store);
        for (long seq = 0; seq < 8; seq++) {
            restarted.accept(book(EPOCH + 1, seq, 105 + seq));
        }
        tickAt(restarted, now + 1);
        assertTrue(restarted.flushAll());

        List<Long> stored = store.rows().stream().map(r -> (Long) r.values()[0]).sorted().toList();
        assertEquals(java.util.stream.LongStream.rangeClosed(100, 112).boxed().toList(), stored,
                "every book once: 105..109 from the dead batch, 110..112 from the new cluster");
        assertNull(store.pending());
        assertCounters(restarted, Map.of("replaysSkipped", 5L, "rowsWritten", 3L, "eventsCommitted", 8L,
                "batches", 1L));
    }

    @Test
    void when_thePendingBatchTimesOutAndItsLastEventsArriveLate_then_thoseItsInsertsStoredAreNotStoredAgain() {
        InMemoryWarmStore store = InMemoryWarmStore.clickHouseLike();
        WarmStoreWriter w = opened(store);
        for (long seq = 0; seq < 5; seq++) { // batch A: books 100..104
            w.accept(book(EPOCH, seq, 100 + seq));
        }
        assertTrue(w.flushAll());
        for (long seq = 5; seq < 10; seq++) { // batch B: books 105..109; its table insert lands, then its member dies
            w.accept(book(EPOCH, seq, 100 + seq));
        }
        store.crashNextWriteAfterInserts(1);
        assertFalse(w.flushAll());
        store.answerOrdersStoredSince(Map.of(new Batch.MapKey(MAP, "asset_BTCUSDT_ob"), 109L));

        // the job restarts on the survivors; the replay of the journal is slow (a loaded member): 105..107 arrive
        WarmStoreWriter restarted = opened(store);
        long replayBegan = now;
        for (long seq = 5; seq < 8; seq++) {
            restarted.accept(book(EPOCH, seq, 100 + seq));
        }
        tickAt(restarted, replayBegan + 5_000);
        tickAt(restarted, now + 1);
        assertNull(store.pending(), "the partial batch was written under its token");
        // ... and only then 108, 109 and a new book 110
        for (long seq = 8; seq < 11; seq++) {
            restarted.accept(book(EPOCH, seq, 100 + seq));
        }
        assertTrue(restarted.flushAll());

        List<Long> stored = store.rows().stream().map(r -> (Long) r.values()[0]).sorted().toList();
        assertEquals(java.util.stream.LongStream.rangeClosed(100, 110).boxed().toList(), stored,
                "every book once: 108 and 109 were stored by the dead member's insert");
        // rowsWritten counts the rows sent: the repeated batch's three, which the store dropped by token, and 110
        assertCounters(restarted, Map.of("replaysSkipped", 2L, "rowsWritten", 4L, "eventsCommitted", 6L,
                "batches", 2L));
    }

    /** An order book event whose row is identified by, and ordered by, its exchange time. */
    private MappedEvent book(long epoch, long seq, long ts) {
        return new MappedEvent(new JournalEvent(epoch, MAP, 0, seq, "asset_BTCUSDT_ob", "{\"ts\": " + ts + "}", null,
                false, false, now), List.of(new TableRow(WarmTable.ACB_STATE, false, new Object[]{ts, 1.0, 0.8, 0.0})),
                null, ts);
    }

    // ---- flushAll: what a Jet snapshot waits for

    @Test
    void when_flushAll_then_everythingBufferedIsWrittenAtOnce_evenBeforeItIsDue() {
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike();
        WarmStoreWriter w = opened(store);
        w.accept(event(0, 0));
        w.accept(event(0, 1));

        assertTrue(w.flushAll());
        assertTrue(w.flushAll());

        assertEquals(1, store.writeAttempts(), "nothing left to write the second time");
        assertCounters(w, Map.of("rowsWritten", 2L, "eventsCommitted", 2L, "batches", 1L));
    }

    @Test
    void when_flushAllWhileTheStoreIsDown_then_falseUntilEverythingIsWritten() {
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike();
        store.failNextOpens(1);
        WarmStoreWriter w = writer(store);
        assertFalse(w.flushAll(), "the store was never read");
        now += 100;
        store.failNextWrites(1);
        w.tick();
        w.accept(event(0, 0));
        w.accept(event(0, 1));
        w.accept(event(0, 2));

        assertFalse(w.flushAll()); // fails: the batch stays in flight
        w.accept(event(0, 3));
        assertFalse(w.flushAll()); // still backing off: no attempt
        assertEquals(1, store.writeAttempts());
        now += 100;
        assertFalse(w.flushAll()); // writes the batch in flight; the newer event still waits
        assertTrue(w.flushAll());

        assertEquals(4, store.rows().size());
        assertCounters(w, Map.of("transientErrors", 2L, "rowsWritten", 4L, "eventsCommitted", 4L, "batches", 2L));
    }

    // ---- gauges

    @Test
    void when_aSnapshotWaitsForAStoreThatIsDown_then_theLagStillGrows() {
        // Jet calls flushAll again and again while the snapshot waits, and process()/tick() not at all
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike();
        WarmStoreWriter w = opened(store);
        long t0 = now;
        w.accept(event(0, 0));
        store.failNextWrites(1);
        store.failNextOpens(1_000);
        assertFalse(w.flushAll());
        for (long at = t0 + 1_000; at <= t0 + 30_000; at += 1_000) {
            now = at;
            assertFalse(w.flushAll());
        }
        assertGauges(w, 30_000, 1);
        assertFalse(w.counters().storeUp());
    }

    @Test
    void when_eventsWait_then_lagAndBufferedEventsGaugesFollowTheOldestOne() {
        InMemoryWarmStore store = InMemoryWarmStore.duckDbLike();
        WarmStoreWriter w = opened(store);
        long t0 = now;
        w.accept(event(0, 0));
        now = t0 + 30;
        w.accept(event(0, 1));

        tickAt(w, t0 + 50);
        assertGauges(w, 50, 2);

        store.failNextWrites(1);
        tickAt(w, t0 + 1_000); // due, fails: in flight
        assertGauges(w, 1_000, 2);
        assertFalse(w.counters().storeUp());

        now = t0 + 1_050;
        w.accept(event(0, 2));
        tickAt(w, t0 + 1_060); // still backing off
        assertGauges(w, 1_060, 3);

        tickAt(w, t0 + 1_100); // the batch in flight is written, the newer event waits
        assertGauges(w, 50, 1);
        assertTrue(w.counters().storeUp());
        assertCounters(w, Map.of("transientErrors", 1L, "rowsWritten", 2L, "eventsCommitted", 2L, "batches", 1L));
    }

    // ---- helpers

    private WarmStoreWriter writer(InMemoryWarmStore store) {
        return new WarmStoreWriter(store, POLICY, () -> now, log,
                (origin, reason) -> deadLetters.add(origin.describe() + " | " + reason));
    }

    private WarmStoreWriter opened(InMemoryWarmStore store) {
        WarmStoreWriter w = writer(store);
        w.tick();
        assertTrue(w.canAccept());
        return w;
    }

    private void tickAt(WarmStoreWriter w, long t) {
        now = t;
        w.tick();
    }

    /**
     * Writes batch A (p0@0..4), then crashes batch B (p0@5..9, p1@0..2, rows in two tables) after {@code tableInserts}
     * of its inserts: B's intent is left in BEFORE. The writer is dropped, as by a job restart.
     *
     * @return B's token
     */
    private String crashMidBatch(InMemoryWarmStore store, int tableInserts) {
        WarmStoreWriter w = opened(store);
        for (long seq = 0; seq < 5; seq++) {
            w.accept(twoTables(0, seq));
        }
        assertTrue(w.flushAll());
        for (long seq = 5; seq < 10; seq++) {
            w.accept(twoTables(0, seq));
        }
        for (long seq = 0; seq < 3; seq++) {
            w.accept(twoTables(1, seq));
        }
        store.crashNextWriteAfterInserts(tableInserts);
        assertFalse(w.flushAll());
        StoreState.Intent pending = store.pending();
        assertNotNull(pending);
        assertEquals(Map.of(partition(0), new SeqRange(5, 9), partition(1), new SeqRange(0, 2)), pending.ranges());
        return pending.token();
    }

    private static Batch.RangeKey partition(int p) {
        return new Batch.RangeKey(EPOCH, MAP, p);
    }

    private MappedEvent event(int partition, long seq) {
        return event(partition, seq, "k" + partition, "{\"seq\": " + seq + "}", null, false, acbRow(partition, seq));
    }

    private MappedEvent twoTables(int partition, long seq) {
        return event(partition, seq, "k" + partition, "{\"seq\": " + seq + "}", null, false, acbRow(partition, seq),
                exfRow(partition, seq));
    }

    private MappedEvent event(int partition, long seq, String key, String value, Long order, boolean added,
                              TableRow... rows) {
        return new MappedEvent(new JournalEvent(EPOCH, MAP, partition, seq, key, value, null, added, false, now),
                List.of(rows), null, order);
    }

    private MappedEvent removal(int partition, long seq, String key) {
        return new MappedEvent(new JournalEvent(EPOCH, MAP, partition, seq, key, null, null, false, true, now),
                List.of(), null);
    }

    /** Each row names its event: partition and sequence in its first column. */
    private static long id(int partition, long seq) {
        return partition * 1_000_000L + seq;
    }

    private static TableRow acbRow(int partition, long seq) {
        return new TableRow(WarmTable.ACB_STATE, false, new Object[]{id(partition, seq), 1.0, 0.8, 0.0});
    }

    private static TableRow exfRow(int partition, long seq) {
        return new TableRow(WarmTable.EXF_DATA, false, new Object[]{id(partition, seq), 0.0001, 55.0, 40.0, 1.0});
    }

    private static Predicate<TableRow> rows(WarmTable table, long... ids) {
        Set<Long> refused = new HashSet<>();
        for (long id : ids) {
            refused.add(id);
        }
        return r -> r.table() == table && refused.contains((Long) r.values()[0]);
    }

    /** Every event's acb_state and exf_data rows are in the store, and none twice. */
    private static void assertEveryRowOnce(InMemoryWarmStore store, int events) {
        List<TableRow> rows = store.rows();
        assertEquals(rows.size(), new HashSet<>(rows).size(), "a row stored twice: " + rows);
        assertEquals(2 * events, rows.size());
    }

    private static void assertGauges(WarmStoreWriter w, long lagMs, long bufferedEvents) {
        assertEquals(lagMs, w.counters().lagMs(), "lagMs");
        assertEquals(bufferedEvents, w.counters().bufferedEvents(), "bufferedEvents");
    }

    /** All counters: those not named in {@code expected} must be zero. */
    private static void assertCounters(WarmStoreWriter w, Map<String, Long> expected) {
        SinkCounters c = w.counters();
        Map<String, Long> actual = new TreeMap<>();
        actual.put("rowsWritten", c.rowsWritten());
        actual.put("eventsCommitted", c.eventsCommitted());
        actual.put("batches", c.batches());
        actual.put("duplicatesSkipped", c.duplicatesSkipped());
        actual.put("restoredSkipped", c.restoredSkipped());
        actual.put("replaysSkipped", c.replaysSkipped());
        actual.put("journalLost", c.journalLost());
        actual.put("transientErrors", c.transientErrors());
        actual.put("badRows", c.badRows());
        actual.values().removeIf(v -> v == 0);
        assertEquals(new TreeMap<>(expected), actual);
    }
}
