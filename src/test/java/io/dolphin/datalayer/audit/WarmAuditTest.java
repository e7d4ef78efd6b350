package io.dolphin.datalayer.audit;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.sim.EmbeddedKafka;
import io.dolphin.datalayer.sim.ScannerFileWriter;
import io.dolphin.datalayer.warm.MappedEvent;
import io.dolphin.datalayer.warm.WarmEventMapper;
import io.dolphin.datalayer.warm.WarmStoreWriter;
import io.dolphin.datalayer.warm.WriterPolicy;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import com.hazelcast.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bin/dolphin audit}'s findings on a DuckDB warm store: gaps, rows twice, scans and books without rows. */
class WarmAuditTest {

    private static final long T0 = 1_776_269_558_000L;

    @TempDir
    Path dir;

    private WarmStoreConfig store() {
        return new WarmStoreConfig("jdbc:duckdb:" + dir.resolve("w.duckdb"), "", "", true);
    }

    private static MappedEvent book(int partition, long seq, String symbol, long ts) {
        return WarmEventMapper.map(new JournalEvent(5L, "DOLPHIN_FEATURES", partition, seq, "asset_" + symbol + "_ob",
                "{\"best_bid\": 1.0, \"best_ask\": 1.1, \"spread_bps\": 9.5, \"depth_1pct_usd\": 10.0, \"depth_quality\":"
                        + " 0.5, \"fill_probability\": 0.5, \"imbalance\": 0.0, \"n_bid_levels\": 1, \"n_ask_levels\": 1,"
                        + " \"ts\": " + ts + "}", null, false, false, 1L));
    }

    private void write(long... seqs) {
        WarmStoreWriter w = new WarmStoreWriter(store().newStore(), new WriterPolicy(1_000, 60_000, 5_000, 1, 1, 1_000),
                System::currentTimeMillis, Logger.getLogger(WarmAuditTest.class), (o, r) -> { });
        w.tick();
        for (long s : seqs) {
            w.accept(book(3, s, "BTCUSDT", T0 + s));
        }
        assertTrue(w.flushAll());
        w.close();
    }

    private AuditReport audit(WarmAudit.Sources sources) throws Exception {
        AuditReport report = WarmAudit.run(store(), sources);
        report.lines().forEach(System.out::println);
        return report;
    }

    private static WarmAudit.Sources none() {
        return new WarmAudit.Sources(null, null, null, null);
    }

    @Test
    void when_everyEventStoredOnce_then_clean() throws Exception {
        write(0, 1, 2, 3, 4);
        AuditReport report = audit(none());
        assertTrue(report.clean(), report.summary());
    }

    @Test
    void when_journalSequencesNeverArrived_then_theGapIsReportedByPartition() throws Exception {
        write(0, 1, 2, 6, 7);
        AuditReport report = audit(none());
        assertEquals(3, report.missing());
        assertTrue(report.lines().stream().anyMatch(l -> l.contains("DOLPHIN_FEATURES partition 3")
                && l.contains("3..5")), report.lines().toString());
    }

    @Test
    void when_aRowIsStoredTwice_then_reported() throws Exception {
        write(0, 1, 2);
        try (Connection c = store().connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO dolphin.obf_universe SELECT * FROM dolphin.obf_universe LIMIT 1");
        }
        AuditReport report = audit(none());
        assertEquals(1, report.twice());
    }

    @Test
    void when_aScanFileHasNoRow_then_missing() throws Exception {
        Path scans = dir.resolve("scans");
        new ScannerFileWriter().writeScan(scans, 42, Instant.parse("2026-04-15T07:00:00Z"));
        write(0);
        AuditReport report = audit(new WarmAudit.Sources(scans, "BTCUSDT", null, null));
        assertEquals(1, report.missing(), report.lines().toString());
        assertTrue(report.lines().stream().anyMatch(l -> l.contains("42")), report.lines().toString());
    }

    @Test
    void when_aBookInKafkaHasNoRow_then_missingInItsPartition() throws Exception {
        write(0, 1, 2);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopic("books", 2);
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new StringSerializer())) {
                // stored: ts T0+0..2; not stored: T0+3; out of order (dropped by obf-ingest's guard): T0+1 again
                for (long s : new long[]{0, 1, 2, 3, 1}) {
                    producer.send(new ProducerRecord<>("books", 0, "BTCUSDT", "{\"symbol\": \"BTCUSDT\", \"ts\": "
                            + (T0 + s) + ", \"bids\": [[1.0, 2.0]], \"asks\": [[1.1, 2.0]]}")).get();
                }
                producer.send(new ProducerRecord<>("books", 0, "BTCUSDT", "not a book")).get();
            }
            AuditReport report = audit(new WarmAudit.Sources(null, null, kafka.bootstrapServers(), "books"));
            assertEquals(1, report.missing(), report.lines().toString());
            assertTrue(report.lines().stream().anyMatch(l -> l.contains("partition 0: offsets 0..6, 6 messages, 4 books"
                    + " to store, 1 unreadable (dead letters), 1 not newer")), report.lines().toString());
        }
    }
}
