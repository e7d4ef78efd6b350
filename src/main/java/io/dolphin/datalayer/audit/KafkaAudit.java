package io.dolphin.datalayer.audit;

import io.dolphin.datalayer.obf.OrderBookSnapshot;
import io.dolphin.datalayer.obf.OrderBookSnapshotCodec;
import io.dolphin.datalayer.warm.store.Dialect;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The order-book topic against {@code obf_universe}, per Kafka partition: every book obf-ingest must have written
 * (readable, and newer than the symbol's previous book in offset order — the job's order guard drops the rest) has
 * its row. Reads the topic from its first retained offset to its end as it is when the audit starts, without a
 * consumer group, so it commits nothing and disturbs no one.
 */
final class KafkaAudit {

    private static final Duration IDLE_LIMIT = Duration.ofSeconds(30);

    private KafkaAudit() {
    }

    static void run(String bootstrap, String topic, Connection c, Dialect dialect, AuditReport report)
            throws SQLException {
        report.section("Kafka topic " + topic + " at " + bootstrap + " vs dolphin.obf_universe");
        Set<String> stored = storedBooks(c, dialect);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            if (infos == null || infos.isEmpty()) {
                report.info("the topic does not exist: nothing to reconcile");
                return;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<Integer, PartitionCount> counts = new TreeMap<>();
            Map<String, Long> newest = new HashMap<>();
            long lastProgress = System.nanoTime();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > IDLE_LIMIT.toNanos()) {
                    report.missing(1, "the topic could not be read to its end within " + IDLE_LIMIT.toSeconds()
                            + " s of no progress: the reconciliation is incomplete");
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (r.offset() >= end.get(new TopicPartition(topic, r.partition()))) {
                        continue;
                    }
                    PartitionCount pc = counts.computeIfAbsent(r.partition(), x -> new PartitionCount());
                    pc.messages++;
                    OrderBookSnapshot book;
                    try {
                        book = OrderBookSnapshotCodec.decode(r.value());
                    } catch (RuntimeException e) {
                        pc.unreadable++;
                        continue;
                    }
                    Long before = newest.get(book.symbol());
                    if (before != null && book.ts() <= before) {
                        pc.outOfOrder++;
                        continue;
                    }
                    newest.put(book.symbol(), book.ts());
                    pc.expected++;
                    if (!stored.contains(book.symbol() + "@" + book.ts())) {
                        pc.missing++;
                        if (pc.example == null) {
                            pc.example = book.symbol() + " ts " + book.ts() + " (offset " + r.offset() + ")";
                        }
                    }
                }
            }
            for (TopicPartition tp : partitions) {
                PartitionCount pc = counts.getOrDefault(tp.partition(), new PartitionCount());
                String line = "partition " + tp.partition() + ": offsets " + begin.get(tp) + ".." + end.get(tp)
                        + ", " + pc.messages + " messages, " + pc.expected + " books to store, " + pc.unreadable
                        + " unreadable (dead letters), " + pc.outOfOrder + " not newer than the symbol's last";
                if (pc.missing > 0) {
                    report.missing(pc.missing, line + ": " + pc.missing + " books have no obf_universe row, e.g. "
                            + pc.example);
                } else {
                    report.info(line + ": every book stored");
                }
            }
        }
    }

    private static Set<String> storedBooks(Connection c, Dialect dialect) throws SQLException {
        String millis = dialect == Dialect.DUCKDB ? "epoch_ms(ts)" : "toUnixTimestamp64Milli(ts)";
        Set<String> out = new HashSet<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT symbol, " + millis + " FROM dolphin.obf_universe")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "@" + rs.getLong(2));
            }
        }
        return out;
    }

    private static final class PartitionCount {
        long messages;
        long unreadable;
        long outOfOrder;
        long expected;
        long missing;
        String example;
    }
}
