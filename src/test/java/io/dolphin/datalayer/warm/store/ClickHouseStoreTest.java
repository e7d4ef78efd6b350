package io.dolphin.datalayer.warm.store;

import io.dolphin.datalayer.warm.Batch;
import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.warm.MappedEvent;
import io.dolphin.datalayer.warm.StoreState;
import io.dolphin.datalayer.warm.WarmEventMapper;
import io.dolphin.datalayer.warm.WarmStoreWriter;
import io.dolphin.datalayer.warm.WriterPolicy;
import com.hazelcast.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ClickHouse path against a real server (24.x): runs only when {@code DOLPHIN_CLICKHOUSE_URL} is set, e.g.
 * {@code jdbc:clickhouse://localhost:8123}, with {@code DOLPHIN_WARM_USER}/{@code DOLPHIN_WARM_PASSWORD}.
 * WARNING: it writes test rows into the databases dolphin and dolphin_green of that server.
 */
class ClickHouseStoreTest {

    private WarmStoreConfig config;

    @BeforeEach
    void needsServer() {
        String url = System.getenv("DOLPHIN_CLICKHOUSE_URL");
        assumeTrue(url != null && !url.isBlank(), "ClickHouse integration tests skipped: set DOLPHIN_CLICKHOUSE_URL "
                + "(e.g. jdbc:clickhouse://localhost:8123) to run them against a ClickHouse 24.x server");
        config = new WarmStoreConfig(url, System.getenv("DOLPHIN_WARM_USER"), System.getenv("DOLPHIN_WARM_PASSWORD"),
                true);
    }

    @Test
    void when_sameBatchWrittenTwice_then_tokenDeduplicatesIt_andLedgerSkipsTheReplay() throws Exception {
        long epoch = System.nanoTime();
        Batch batch = new Batch();
        for (long seq = 0; seq < 5; seq++) {
            MappedEvent m = WarmEventMapper.map(new JournalEvent(epoch, "DOLPHIN_FEATURES", 1, seq, "acb_boost",
                    "{\"boost\": 1.2, \"beta\": 0.8, \"ts\": " + (epoch / 1000 + seq) + "}", null, false, false, 1L));
            batch.add(m.event(), m.rows(), new Batch.LastValue(m.event().value(), 1L, epoch, seq, null));
        }
        try (ClickHouseStore store = new ClickHouseStore(config)) {
            store.open();
            store.write(batch);
            store.write(batch);
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
}
