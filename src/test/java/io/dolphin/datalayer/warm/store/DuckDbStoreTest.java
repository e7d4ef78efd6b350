package io.dolphin.datalayer.warm.store;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.warm.MappedEvent;
import io.dolphin.datalayer.warm.WarmEventMapper;
import io.dolphin.datalayer.warm.WarmStoreWriter;
import io.dolphin.datalayer.warm.WriterPolicy;
import com.hazelcast.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuckDbStoreTest {

    @TempDir
    Path dir;

    private long clock = 1_000;

    private static MappedEvent acb(int partition, long seq, double boost) {
        JournalEvent e = new JournalEvent(7L, "DOLPHIN_FEATURES", partition, seq, "acb_boost",
                "{\"boost\": " + boost + ", \"beta\": 0.8, \"ts\": " + (1_776_269_558_000L + seq) + "}", null, false, false,
                1_000L);
        return WarmEventMapper.map(e);
    }

    private WarmStoreConfig store() {
        return new WarmStoreConfig("jdbc:duckdb:" + dir.resolve("w.duckdb"), "", "", true);
    }

    /** A writer, still open, that has stored ACB values at these sequences of partition 3. */
    private WarmStoreWriter stored(WarmStoreConfig config, long... seqs) {
        WarmStoreWriter w = writer(config, new ArrayList<>());
        w.tick();
        for (long seq : seqs) {
            w.accept(acb(3, seq, 1.0 + seq));
        }
        assertTrue(w.flushAll());
        return w;
    }

    private static long[] upTo(int n) {
        return LongStream.range(0, n).toArray();
    }

    @Test
    void when_batchWritten_then_ledgerAndLastValuesCommittedWithTheRows_andReplayIsSkipped() {
        // Given
        WarmStoreConfig config = store();

        // When
        stored(config, upTo(10)).close();
        WarmStoreWriter again = stored(config, upTo(12));

        // Then
        WarmDb db = new WarmDb(dir.resolve("w.duckdb"));
        assertEquals(12, db.scalar("SELECT count(*) FROM dolphin.acb_state"));
        assertEquals(11, db.scalar("SELECT max(hi) FROM dolphin._ingest_runs WHERE epoch = 7 AND \"partition\" = 3"));
        assertEquals(10, again.counters().duplicatesSkipped());
        assertEquals(1, db.scalar("SELECT count(*) FROM dolphin.hz_last_values WHERE key = 'acb_boost'"));
        again.close();
    }

    @Test
    void when_journalReusesSequencesForNewerValues_then_theyAreWrittenAndReReadsStillSkipped() {
        // Given: seq 0..9 stored (the dead owner's journal)
        WarmStoreConfig config = store();
        stored(config, upTo(10)).close();

        // When: after a restart the promoted backup's journal holds only 0..4 of them, and the values written since
        // got sequences 5..9 again (their ts is after everything stored)
        WarmStoreWriter again = writer(config, new ArrayList<>());
        again.tick();
        for (long seq = 0; seq < 5; seq++) {
            again.accept(acb(3, seq, 1.0 + seq));
        }
        for (long seq = 5; seq < 10; seq++) {
            again.accept(acbAt(3, seq, 20.0 + seq, 1_776_269_600_000L + seq));
        }
        assertTrue(again.flushAll());

        // Then
        WarmDb db = new WarmDb(dir.resolve("w.duckdb"));
        assertEquals(15, db.scalar("SELECT count(*) FROM dolphin.acb_state"));
        assertEquals(15, db.scalar("SELECT count(DISTINCT ts) FROM dolphin.acb_state"));
        assertEquals(5, again.counters().duplicatesSkipped());
        assertEquals(5, again.counters().reusedSequences());
        assertEquals(0, again.counters().journalLost());
        again.close();
    }

    private static MappedEvent acbAt(int partition, long seq, double boost, long tsMs) {
        JournalEvent e = new JournalEvent(7L, "DOLPHIN_FEATURES", partition, seq, "acb_boost",
                "{\"boost\": " + boost + ", \"beta\": 0.8, \"ts\": " + tsMs + "}", null, false, false, 1_000L);
        return WarmEventMapper.map(e);
    }

    @Test
    void when_storeRefusesOneRow_then_onlyThatRowIsDeadLettered() throws Exception {
        // Given: acb_state refuses a boost of 100 or more (a real constraint, checked by DuckDB)
        Path file = dir.resolve("w.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA dolphin");
            st.execute("CREATE TABLE dolphin.acb_state (ts TIMESTAMP NOT NULL, boost REAL NOT NULL CHECK (boost < 100),"
                    + " beta REAL NOT NULL, signals REAL NOT NULL)");
            SchemaApplier.apply(c, Dialect.DUCKDB);
        }
        List<String> dead = new ArrayList<>();
        WarmStoreWriter writer = writer(new WarmStoreConfig("jdbc:duckdb:" + file, "", "", false), dead);
        writer.tick();

        // When
        for (long seq = 0; seq < 20; seq++) {
            writer.accept(acb(1, seq, seq == 13 ? 500.0 : 1.0));
        }
        for (int i = 0; i < 3 && !writer.flushAll(); i++) {
            writer.tick();
        }

        // Then
        assertTrue(writer.flushAll());
        assertEquals(List.of("DOLPHIN_FEATURES[acb_boost] p1@13"), dead);
        WarmDb db = new WarmDb(file);
        assertEquals(19, db.scalar("SELECT count(*) FROM dolphin.acb_state"));
        assertEquals(19, db.scalar("SELECT max(hi) FROM dolphin._ingest_runs WHERE \"partition\" = 1"));
        assertEquals(1, writer.counters().badRows());
        writer.close();
    }

    private WarmStoreWriter writer(WarmStoreConfig config, List<String> dead) {
        return new WarmStoreWriter(config.newStore(), new WriterPolicy(1_000, 100, 10_000, 10, 100, 1_000),
                () -> clock, Logger.getLogger(DuckDbStoreTest.class), (origin, reason) -> dead.add(origin.describe()));
    }

    @Test
    void when_journalLostEventsInsideABatch_then_theLedgerShowsTheGap() {
        WarmStoreWriter writer = stored(store(), 0, 1, 2, 5, 6);
        for (long seq = 7; seq < 10; seq++) {
            writer.accept(acb(3, seq, 1.0 + seq));
        }
        assertTrue(writer.flushAll());
        writer.close();

        WarmDb db = new WarmDb(dir.resolve("w.duckdb"));
        assertEquals(Map.of("0", "2", "5", "9"), db.strings("SELECT CAST(lo AS VARCHAR), CAST(hi AS VARCHAR)"
                + " FROM dolphin._ingest_runs WHERE \"partition\" = 3 ORDER BY lo"));
        assertEquals(2, writer.counters().journalLost());
    }
}
