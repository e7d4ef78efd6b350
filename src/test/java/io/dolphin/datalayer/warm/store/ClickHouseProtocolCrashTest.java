package io.dolphin.datalayer.warm.store;

import com.hazelcast.logging.Logger;
import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.warm.MappedEvent;
import io.dolphin.datalayer.warm.WarmEventMapper;
import io.dolphin.datalayer.warm.WarmStoreWriter;
import io.dolphin.datalayer.warm.WriterPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer dies between each pair of steps of the ClickHouse protocol (after the BEFORE intent, after each table's
 * insert, after the last values, after the ledger) and a new one starts on the same store and is fed the same journal
 * events again, as a restarted job re-reads from its snapshot: every event is in the tables exactly once.
 */
class ClickHouseProtocolCrashTest {

    private static final int EVENTS_PER_PARTITION = 20;

    @TempDir
    static Path dir;
    private static ClickHouseTarget clickHouse;

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

    /** A writer stopping dead: no close, no flush, no further statement, like a SIGKILLed member. */
    private static final class Killed extends RuntimeException {
        Killed(String step) {
            super("killed after " + step);
        }
    }

    @Test
    void when_writerKilledAfterEachProtocolStep_then_restartedWriterStoresEveryEventOnce() throws Exception {
        List<String> steps = protocolSteps();
        assertEquals(6, steps.size(), "BEFORE, three tables, last values, ledger: " + steps);
        for (int kill = 0; kill < steps.size(); kill++) {
            clickHouse.resetSchema();
            int killAt = kill;
            AtomicInteger done = new AtomicInteger();
            WarmStoreWriter first = writer(new ClickHouseStore(clickHouse.config(false), step -> {
                if (done.getAndIncrement() == killAt) {
                    throw new Killed(step);
                }
            }));
            first.tick();
            events().forEach(first::accept);
            Killed killed = assertThrows(Killed.class, first::flushAll);

            WarmStoreWriter second = writer(new ClickHouseStore(clickHouse.config(false)));
            second.tick();
            events().forEach(second::accept);
            assertTrue(flushed(second), "second writer flushed after " + killed.getMessage());
            second.close();

            String after = killed.getMessage();
            assertEquals(EVENTS_PER_PARTITION, count("count()", "dolphin.obf_universe"), after);
            assertEquals(EVENTS_PER_PARTITION, count("uniqExact(ts)", "dolphin.obf_universe"), after);
            assertEquals(EVENTS_PER_PARTITION, count("count()", "dolphin.acb_state"), after);
            assertEquals(EVENTS_PER_PARTITION, count("uniqExact(ts)", "dolphin.acb_state"), after);
            assertEquals(EVENTS_PER_PARTITION, count("count()", "dolphin_green.trade_events"), after);
            assertEquals(EVENTS_PER_PARTITION, count("uniqExact(ts)", "dolphin_green.trade_events"), after);
            assertEquals(3 * (EVENTS_PER_PARTITION - 1), count("sum(hi - lo)", "(SELECT DISTINCT epoch, map,"
                    + " partition, lo, hi FROM dolphin._ingest_runs FINAL)"), after + ": the ledger covers every event");
        }
    }

    /** The steps one batch of these events goes through, from a writer that is never killed. */
    private static List<String> protocolSteps() throws Exception {
        clickHouse.resetSchema();
        List<String> seen = new ArrayList<>();
        WarmStoreWriter w = writer(new ClickHouseStore(clickHouse.config(false), seen::add));
        w.tick();
        events().forEach(w::accept);
        assertTrue(flushed(w));
        w.close();
        return seen;
    }

    /** Ticks until nothing is buffered: a pending replay is written by tick(), the rest by flushAll(). */
    private static boolean flushed(WarmStoreWriter w) {
        for (int i = 0; i < 100; i++) {
            w.tick();
            if (w.heldDuringReplay().isEmpty() && w.flushAll()) {
                return true;
            }
        }
        return false;
    }

    private static WarmStoreWriter writer(ClickHouseStore store) {
        return new WarmStoreWriter(store, new WriterPolicy(10_000, 60_000, 20_000, 1, 1, 60_000),
                System::currentTimeMillis, Logger.getLogger(ClickHouseProtocolCrashTest.class), (o, r) -> {
                    throw new AssertionError("no row is refused here: " + r);
                });
    }

    /** One partition each of order books, ACB values and green trades. */
    private static List<MappedEvent> events() {
        List<MappedEvent> out = new ArrayList<>();
        long t0 = 1_776_269_558_000_000L;
        for (int i = 0; i < EVENTS_PER_PARTITION; i++) {
            long ts = t0 + i * 500_000L;
            out.add(map(new JournalEvent(9L, "DOLPHIN_FEATURES", 1, i, "asset_BTCUSDT_ob", "{\"best_bid\": 84500.0,"
                    + " \"best_ask\": 84501.0, \"spread_bps\": 1.18, \"depth_1pct_usd\": 50000.0, \"depth_quality\":"
                    + " 0.85, \"fill_probability\": 0.95, \"imbalance\": 0.03, \"n_bid_levels\": 5, \"n_ask_levels\": 5,"
                    + " \"ts\": " + ts / 1000 + "}", null, i == 0, false, 1L)));
            out.add(map(new JournalEvent(9L, "DOLPHIN_FEATURES", 2, i, "acb_boost", "{\"boost\": 1.4, \"beta\": 0.8,"
                    + " \"signals\": 0.8, \"ts\": " + ts / 1000 + "}", null, i == 0, false, 1L)));
            out.add(map(new JournalEvent(9L, "DOLPHIN_TRADES_GREEN", 3, i, "trade-" + i, "{\"ts\": " + ts
                    + ", \"date\": \"2026-04-15\", \"strategy\": \"green\", \"asset\": \"BTCUSDT\", \"side\": \"SHORT\","
                    + " \"pnl\": 3.0, \"bars_held\": 45}", null, true, false, 1L)));
        }
        return out;
    }

    private static MappedEvent map(JournalEvent e) {
        MappedEvent m = WarmEventMapper.map(e);
        if (m.isRejected()) {
            throw new AssertionError(m.rejection());
        }
        return m;
    }

    private static long count(String what, String table) throws Exception {
        try (Connection c = clickHouse.config(false).connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + what + " FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
