package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.support.BrokerProcess;
import io.dolphin.datalayer.support.ExternalMember;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/dolphin broker} in a JVM of its own: it takes records on its port, keeps its data folder, stops on
 * SIGTERM saying so, and refuses a folder it cannot use with one line.
 */
class BrokerCommandTest {

    @TempDir
    Path dir;

    @Test
    void when_brokerRunsAsAProcess_then_itServesItsTopic_andStopsOnSigtermKeepingItsData() throws Exception {
        int port = ExternalMember.freePort();
        Path data = dir.resolve("kafka");
        Path log = dir.resolve("broker.log");
        Process broker = BrokerProcess.launch(log, "--port", String.valueOf(port), "--data", data.toString(), "--topic", "books:2");
        try {
            BrokerProcess.awaitLine(log, "dolphin broker: ready at 127.0.0.1:" + port, broker);
            String bootstrap = "127.0.0.1:" + port;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("books", 1, "BTCUSDT", "{\"ts\": 1}")).get(30, TimeUnit.SECONDS);
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(), new StringDeserializer())) {
                TopicPartition p1 = new TopicPartition("books", 1);
                consumer.assign(List.of(p1));
                consumer.seekToBeginning(List.of(p1));
                List<ConsumerRecord<String, String>> got = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (got.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(got::add);
                }
                assertEquals(1, got.size());
                assertEquals("{\"ts\": 1}", got.get(0).value());
            }
        } finally {
            broker.destroy(); // SIGTERM
        }
        assertTrue(broker.waitFor(60, TimeUnit.SECONDS), "the broker did not stop on SIGTERM");
        List<String> out = Files.readAllLines(log);
        String tail = String.join("\n", out.subList(Math.max(0, out.size() - 40), out.size()));
        assertTrue(out.stream().anyMatch(l -> l.equals("dolphin broker: stopped; its logs stay in " + data)), tail);
        assertTrue(out.stream().noneMatch(l -> l.contains("FATAL") || l.contains("LogDirFailure")), tail);
        try (var files = Files.walk(data)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("books-1")), "the topic's log stays");
        }

        // a folder holding files is refused in one line, not reformatted
        Path againLog = dir.resolve("again.log");
        Process again = BrokerProcess.launch(againLog, "--port", String.valueOf(ExternalMember.freePort()), "--data", data.toString());
        assertTrue(again.waitFor(60, TimeUnit.SECONDS));
        String said = Files.readString(againLog);
        assertEquals(2, again.exitValue(), said);
        assertTrue(said.contains("dolphin broker: the embedded broker needs a new or empty data folder"), said);
    }
}
