package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.sim.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/dolphin broker}: the embedded Kafka broker (Kafka's own KRaft test kit, one combined node) as a process
 * of its own, so a demo or a test can kill every member and keep the feed. Not a production broker.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run the embedded Kafka broker (KRaft, one node) in the foreground until Ctrl-C or SIGTERM: for "
                + "demos and tests, not for production.")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092",
            description = "Port on 127.0.0.1 the broker listens on (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", description = "A new or empty folder for the broker's logs, kept when it stops "
            + "(default: a temporary folder removed when it stops).")
    Path data;

    @Option(names = "--topic", paramLabel = "NAME[:PARTITIONS]",
            description = "A topic to create at start, e.g. dolphin.obf.raw:6 (repeatable; partitions default 6).")
    List<String> topics = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        // the broker's own INFO lines (hundreds at start) would bury this command's; its warnings stay
        for (String logger : new String[]{"org.apache.kafka", "kafka", "state.change.logger"}) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger, "warn");
        }
        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(port, data);
        } catch (IllegalStateException e) {
            System.err.println("dolphin broker: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
                System.out.println("dolphin broker: stopped" + (data != null ? "; its logs stay in " + data : ""));
            } catch (RuntimeException e) {
                System.out.println("dolphin broker: stopping failed: " + e);
            } finally {
                System.out.flush();
                stopped.countDown();
            }
        }, "dolphin-broker-stop"));
        for (String topic : topics) {
            int colon = topic.lastIndexOf(':');
            String name = colon < 0 ? topic : topic.substring(0, colon);
            int partitions = colon < 0 ? 6 : Integer.parseInt(topic.substring(colon + 1));
            kafka.createTopic(name, partitions);
        }
        System.out.println("dolphin broker: ready at " + kafka.bootstrapServers() + ", logs in " + kafka.logDir()
                + (topics.isEmpty() ? "" : ", topics " + topics));
        stopped.await();
        return 0;
    }
}
