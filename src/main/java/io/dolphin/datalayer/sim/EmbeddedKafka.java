package io.dolphin.datalayer.sim;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * A real Kafka broker (KRaft, one combined broker+controller node) running inside this JVM, from Kafka's own test
 * kit (docs/architecture.md, "Test infrastructure"). Tests, the demo and the benchmark use it; production points the job at a real cluster.
 *
 * <p>Two traps this class takes care of: with a single broker the internal offsets topic must have replication
 * factor 1 (else a consumer with a {@code group.id} silently reads nothing), and the broker's default 1 MB message
 * limit is kept so oversized messages are tested against the real limit.
 *
 * <p>The broker's log folder is this class's own: the test kit's default temporary folder is deleted by Kafka's own
 * JVM exit hook, which on Ctrl-C ran while the broker was still writing to it (every log dir "failed", the broker
 * halted). Here nothing deletes it before {@link #close()} has stopped the broker.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** The listener the demo's fixed port is served on, beside the test kit's own random-port listener. */
    private static final String FIXED_LISTENER = "FIXED";

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final Path logDir;

    private final boolean keepLogDir;

    private EmbeddedKafka(KafkaClusterTestKit cluster, String bootstrapServers, Path logDir, boolean keepLogDir) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
        this.keepLogDir = keepLogDir;
    }

    /** A broker on a random free port (tests, benchmark). Ready in about 2 s. */
    public static EmbeddedKafka start() {
        return start(0);
    }

    /**
     * @param fixedPort 0 for a random port only; otherwise the broker also listens on {@code 127.0.0.1:fixedPort}
     *                  and {@link #bootstrapServers()} names that port (the demo's {@code --kafka-port})
     */
    public static EmbeddedKafka start(int fixedPort) {
        return start(fixedPort, null);
    }

    /**
     * @param dataDir where the broker keeps its logs, kept after {@link #close()}; null for a temporary folder that
     *                close removes. It must be new or empty: the test kit formats it, and cannot reopen a folder
     *                it formatted before.
     */
    public static EmbeddedKafka start(int fixedPort, Path dataDir) {
        if (dataDir != null && isNonEmptyDir(dataDir)) {
            throw new IllegalStateException("the embedded broker needs a new or empty data folder, and " + dataDir
                    + " holds files: it cannot reopen a folder it formatted before");
        }
        KafkaClusterTestKit cluster = null;
        Path logDir = null;
        try {
            logDir = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("dolphin-kafka-");
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setBaseDirectory(logDir)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                    .setDeleteOnClose(false)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false");
            if (fixedPort > 0) {
                String broker = nodes.brokerListenerName().value();
                String controller = nodes.controllerListenerName().value();
                builder.setConfigProp("listeners", broker + "://localhost:0," + controller + "://localhost:0,"
                                + FIXED_LISTENER + "://127.0.0.1:" + fixedPort)
                        .setConfigProp("listener.security.protocol.map", broker + ":PLAINTEXT," + controller
                                + ":PLAINTEXT," + FIXED_LISTENER + ":PLAINTEXT");
            }
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            String bootstrap = fixedPort > 0 ? "127.0.0.1:" + fixedPort : cluster.bootstrapServers();
            return new EmbeddedKafka(cluster, bootstrap, logDir, dataDir != null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(cluster);
            deleteQuietly(dataDir == null ? logDir : null);
            throw new IllegalStateException("interrupted while starting the embedded Kafka broker", e);
        } catch (Exception e) {
            closeQuietly(cluster);
            deleteQuietly(dataDir == null ? logDir : null);
            throw new IllegalStateException("cannot start the embedded Kafka broker"
                    + (fixedPort > 0 ? " on port " + fixedPort + " (in use?)" : "") + ": " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates {@code topic} unless it exists; returns once the broker has it. */
    public void createTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    /** The broker's own folder (logs and metadata); removed by {@link #close()} once the broker has stopped. */
    public Path logDir() {
        return logDir;
    }

    /** Stops the broker, then removes its folder. */
    @Override
    public void close() {
        closeQuietly(cluster);
        if (!keepLogDir) {
            deleteTree(logDir);
        }
    }

    private static boolean isNonEmptyDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Files.exists(dir);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (UncheckedIOException e) {
            // the start failure is what the caller needs to see
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the Kafka broker's folder " + dir, e);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
