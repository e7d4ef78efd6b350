package io.dolphin.datalayer.warm.store;

import io.dolphin.datalayer.warm.Batch;
import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.warm.MappedEvent;
import io.dolphin.datalayer.warm.StoreState;
import io.dolphin.datalayer.warm.WarmEventMapper;
import io.dolphin.datalayer.warm.WarmStoreWriter;
import io.dolphin.datalayer.warm.WriterPolicy;
import com.hazelcast.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ClickHouse store's tokened protocol on a real ClickHouse engine ({@link ClickHouseTarget}: chDB in CI, or the
 * server {@code DOLPHIN_CLICKHOUSE_URL} names — whose dolphin and dolphin_green databases it then writes into).
 */
class ClickHouseStoreTest {

    @TempDir
    static Path dir;
    private static ClickHouseTarget clickHouse;
    private WarmStoreConfig config;

    @BeforeAll
    static void start() throws Exception {
        clickHouse = ClickHouseTarget.start(dir.resolve("clickhouse"));
    }

    @AfterAll
    static void stop() {
        if (clickHouse != null) {
            clickHouse.close();
        }
    }

    @BeforeEach
    void emptyStore() throws Exception {
        clickHouse.resetSchema();
        config = clickHouse.config(true);
    }

    @Test
    void when_sameBatchWrittenTwice_then_tokenDeduplicatesIt_andLedgerSkipsTheReplay() throws Exception {
        long epoch = System.nanoTime();
        Batch batch = new Batch();
        for (long seq = 0; seq < 5; seq++) {
            MappedEvent m = WarmEventMapper.map(new JournalEvent(epoch, "DOLPHIN_FEATURES", 1, seq, "acb_boost",
                    "{\"boost\": 1.2, \"beta\": 0.8, \"ts\": " + (1_776_269_557L + seq) + "}", null, false, false, 1L));
            batch.add(m.event(), m.rows(), new Batch.LastValue(m.event().value(), 1L, epoch, seq, null));
        }
        try (ClickHouseStore store = new ClickHouseStore(config)) {
            store.open();
            store.write(batch);
            store.write(batch);
            // what the store sent, deduplicated or not: one insert per table and step, intents twice per batch
            assertEquals(new InsertCounts.Table(2, 10, store.inserts().snapshot().get("dolphin.acb_state").nanos()),
                    store.inserts().snapshot().get("dolphin.acb_state"));
            assertEquals(4, store.inserts().snapshot().get("dolphin._ingest_intent").inserts());
            assertEquals(2, store.inserts().snapshot().get("dolphin._ingest_runs").rows());
            StoreState state = store.open();
            assertEquals(4L, state.committed().get(new Batch.RangeKey(epoch, "DOLPHIN_FEATURES", 1)));
        }
        WarmStoreWriter writer = new WarmStoreWriter(config.newStore(), new WriterPolicy(10, 10, 100, 10, 100, 1000),
                System::currentTimeMillis, Logger.getLogger(ClickHouseStoreTest.class), (o, r) -> { });
        writer.tick();
        writer.accept(WarmEventMapper.map(new JournalEvent(epoch, "DOLPHIN_FEATURES", 1, 3, "acb_boost", "{}", null,
                false, false, 1L)));
        assertEquals(1, writer.counters().duplicatesSkipped());
        assertTrue(writer.flushAll());
        writer.close();
    }

    @Test
    void when_valueOutsideUInt8_then_theEngineWouldKeepAWrongNumber_soTheRowIsRefusedBeforeIt() throws Exception {
        // What the engine does with 300 in a UInt8 column: no error; whatever it keeps, it is not 300.
        try (Connection c = config.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO dolphin.trade_events (ts, date, open_positions_count) VALUES"
                    + " ('2026-04-15 07:00:00', '2026-04-15', 300)");
            try (ResultSet rs = st.executeQuery("SELECT open_positions_count FROM dolphin.trade_events")) {
                assertTrue(rs.next());
                assertNotEquals(300, rs.getInt(1));
            }
        }
        // So the row mapper is the guard: the trade goes to the dead letters with the column named, not to the store.
        MappedEvent m = WarmEventMapper.map(new JournalEvent(1L, "DOLPHIN_TRADES_BLUE", 0, 0, "t-1",
                "{\"ts\": 1776269557970000, \"date\": \"2026-04-15\", \"asset\": \"BTCUSDT\","
                        + " \"open_positions_count\": 300}", null, true, false, 1L));
        assertTrue(m.isRejected());
        assertTrue(m.rejection().contains("open_positions_count"), m.rejection());
    }

    @Test
    void when_timeOutsideDateTime64_then_theEngineWouldKeepAnotherTime_soTheRowIsRefusedBeforeIt() throws Exception {
        // What the engine does with a time past DateTime64's range: no error, the nearest bound kept instead
        try (Connection c = config.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO dolphin.acb_state (ts, boost) VALUES ('2400-01-01 00:00:00.000000', 1.5)");
            try (ResultSet rs = st.executeQuery("SELECT toString(ts) FROM dolphin.acb_state")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).startsWith("2299-12-31"), rs.getString(1));
            }
        }
        // so the row mapper refuses it, naming the column and the time, and neither store gets a wrong time
        long year2400Us = java.time.Instant.parse("2400-01-01T00:00:00Z").toEpochMilli() * 1_000L;
        MappedEvent m = WarmEventMapper.map(new JournalEvent(1L, "DOLPHIN_FEATURES", 0, 0, "acb_boost",
                "{\"boost\": 1.5, \"beta\": 0.8, \"ts\": " + year2400Us / 1_000_000.0 + "}", null, false, false, 1L));
        assertTrue(m.isRejected());
        assertTrue(m.rejection().contains("2400-01-01T00:00:00Z"), m.rejection());
    }

    @Test
    void when_theEngineRefusesOneRowOfABatch_then_thatRowIsDeadLetteredWithTheEnginesMessage_andTheRestLands()
            throws Exception {
        // an operator's own rule on the table: the engine refuses any insert block holding a row against it
        try (Connection c = config.connect(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE dolphin.acb_state ADD CONSTRAINT boost_sane CHECK boost < 100");
        }
        List<String> deadLetters = new ArrayList<>();
        WarmStoreWriter writer = new WarmStoreWriter(config.newStore(), new WriterPolicy(10, 10, 100, 10, 100, 1000),
                System::currentTimeMillis, Logger.getLogger(ClickHouseStoreTest.class),
                (origin, reason) -> deadLetters.add(origin.key() + "@" + origin.seq() + ": " + reason));
        long epoch = System.nanoTime();
        long tsSeconds = 1_776_269_557L;
        for (long seq = 0; seq < 10; seq++) {
            double boost = seq == 6 ? 1_000.0 : 1.0 + seq / 10.0;
            writer.accept(WarmEventMapper.map(new JournalEvent(epoch, "DOLPHIN_FEATURES", 1, seq, "acb_boost",
                    "{\"boost\": " + boost + ", \"beta\": 0.8, \"ts\": " + (tsSeconds + seq) + "}", null, false,
                    false, 1L)));
        }
        assertFalse(writer.flushAll()); // the insert is refused; the search takes the bad row out
        assertTrue(writer.flushAll());  // the rest is written
        writer.close();

        assertEquals(1, deadLetters.size(), deadLetters.toString());
        assertTrue(deadLetters.get(0).startsWith("acb_boost@6: the warm store refused the row for dolphin.acb_state"),
                deadLetters.get(0));
        assertTrue(deadLetters.get(0).contains("Code: 469") && deadLetters.get(0).contains("boost_sane"),
                "the engine's own message: " + deadLetters.get(0));
        assertEquals(1, writer.counters().badRows());
        try (Connection c = config.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(), max(boost), uniqExact(ts) FROM dolphin.acb_state")) {
            assertTrue(rs.next());
            assertEquals(9, rs.getLong(1), "the rest of the batch");
            assertEquals(1.9, rs.getDouble(2), 1e-6);
            assertEquals(9, rs.getLong(3));
        }
    }

    @Test
    void when_askedWhatTheTablesHoldSinceATime_then_theNewestBookPerSymbolAndEveryScanAreNamedByTheirMapKeys()
            throws Exception {
        try (Connection c = config.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO dolphin.obf_universe (ts, symbol) VALUES ('2026-04-15 06:59:59.000', 'BTCUSDT'),"
                    + " ('2026-04-15 07:00:01.250', 'BTCUSDT'), ('2026-04-15 07:00:02.500', 'BTCUSDT'),"
                    + " ('2026-04-15 07:00:03.000', 'ETHUSDT')");
            st.execute("INSERT INTO dolphin.eigen_scans (ts, scan_number) VALUES ('2026-04-15 06:00:00', 40),"
                    + " ('2026-04-15 07:00:05.000001', 41)");
        }
        long since = java.time.Instant.parse("2026-04-15T07:00:00Z").toEpochMilli() * 1_000L;
        try (ClickHouseStore store = new ClickHouseStore(config)) {
            store.open();
            assertEquals(java.util.Map.of(
                    new Batch.MapKey("DOLPHIN_FEATURES", "asset_BTCUSDT_ob"), since + 2_500_000L,
                    new Batch.MapKey("DOLPHIN_FEATURES", "asset_ETHUSDT_ob"), since + 3_000_000L,
                    new Batch.MapKey("DOLPHIN_EIGEN_SCANS", "41"), 41L), store.ordersStoredSince(since));
        }
    }

    @Test
    void when_anOutsideClientInsertsTheSameRowThrice_then_threeRowsStay() throws Exception {
        // the trader's own inserts carry no token: with the server profile's insert_deduplicate = 0 (docs/warm-sink.md)
        // ClickHouse keeps every one, though each table keeps a deduplication window for our tokened inserts
        try (Connection c = config.connect(); Statement st = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
                st.execute("INSERT INTO dolphin.system_stats (ts, mem_pct, net_iface) VALUES"
                        + " ('2026-04-15 07:00:00.000', 41.5, 'eth0')");
            }
            try (ResultSet rs = st.executeQuery("SELECT count() FROM dolphin.system_stats")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getLong(1));
            }
        }
    }
}
