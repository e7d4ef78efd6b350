package io.dolphin.datalayer.sim;

import io.dolphin.datalayer.obf.OrderBookSnapshotCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The demo's broker: reachable on a fixed port; the feed's messages are valid books keyed by their symbol. */
class EmbeddedKafkaTest {

    @Test
    void when_startedOnFixedPort_then_feedRecordsReadableThere() throws Exception {
        int port = freePort();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(port);
             OrderBookFeed feed = new OrderBookFeed(kafka.bootstrapServers(), "obf.fixed", 5, 10, 1)) {
            assertEquals("127.0.0.1:" + port, kafka.bootstrapServers());
            kafka.createTopic("obf.fixed", 1);
            feed.produce(10);

            List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
                TopicPartition tp = new TopicPartition("obf.fixed", 0);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                assertEventually(() -> {
                    consumer.poll(Duration.ofMillis(100)).forEach(read::add);
                    assertEquals(10, read.size());
                });
            }
            for (ConsumerRecord<String, byte[]> r : read) {
                assertEquals(r.key(), OrderBookSnapshotCodec.decode(r.value()).symbol());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
