package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.common.DolphinMember;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import com.hazelcast.core.HazelcastInstance;
import io.dolphin.datalayer.common.DolphinEnvironment;
import io.dolphin.datalayer.common.JobDescriptors;
import io.dolphin.datalayer.sim.DemoSupervisord;
import io.dolphin.datalayer.sim.EmbeddedKafka;
import io.dolphin.datalayer.sim.FactorEndpoints;
import io.dolphin.datalayer.sim.OrderBookFeed;
import io.dolphin.datalayer.sim.ScannerFileWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole system on one machine with embedded defaults: a member, a Kafka broker, synthetic factor endpoints,
 * a synthetic scanner and an order-book feed for 542 symbols at the production rate, every job submitted, and a
 * live status line. Ctrl-C (or the end of {@code --duration}) stops the feeds first, lets the warm sink drain,
 * then leaves the cluster, so the warm store is consistent when the demo exits.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run everything locally on embedded defaults (member, Kafka, feeds, DuckDB warm store, all jobs).")
final class DemoCommand implements Runnable {

    @Option(names = "--data", defaultValue = "data", description = "Folder for the DuckDB warm store and scans (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--scan-root", description = "Where the synthetic scanner writes Arrow files (default <data>/scans).")
    Path scanRoot;

    @Option(names = "--port", defaultValue = "5701", description = "Member port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Embedded Kafka broker port (default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--http-port", defaultValue = "8480", description = "Synthetic factor endpoints port (default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--no-feed", description = "No synthetic scanner or order-book feed: an outside producer is the only source.")
    boolean noFeed;

    @Option(names = "--obf-rate", defaultValue = "1084",
            description = "Order-book snapshots per second (default ${DEFAULT-VALUE}: 542 symbols every 500 ms).")
    double obfRate;

    @Option(names = "--scan-interval-ms", defaultValue = "3000", description = "Synthetic scan cadence (default ${DEFAULT-VALUE}).")
    long scanIntervalMs;

    @Option(names = "--duration", description = "Run this many seconds, print a summary and exit 0 (default: until Ctrl-C).")
    Long durationSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Path root = scanRoot != null ? scanRoot : data.resolve("scans");
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        try (DemoRuntime rt = new DemoRuntime()) {
            Files.createDirectories(root);
            say("starting a member on port " + port);
            rt.member = DolphinMember.start(port);
            String memberAddress = "127.0.0.1:" + rt.member.getCluster().getLocalMember().getAddress().getPort();
            say("starting Kafka on 127.0.0.1:" + kafkaPort);
            rt.kafka = EmbeddedKafka.start(kafkaPort);
            rt.kafka.createTopic("dolphin.obf.raw", 4);
            say("serving synthetic factor endpoints on 127.0.0.1:" + httpPort);
            rt.factors = FactorEndpoints.start(httpPort);
            DolphinEnvironment.override(demoEnvironment(rt, root, memberAddress));
            String supervisorOff = watchSupervisord(rt);
            if (!noFeed) {
                rt.startFeeds(root, Duration.ofMillis(scanIntervalMs), obfRate, stopping);
                say("feeding: a scan every " + scanIntervalMs + " ms into " + root + ", " + obfRate
                        + " order books/s for " + OrderBookFeed.PRODUCTION_SYMBOLS + " symbols");
            }
            List<String> submit = new ArrayList<>(List.of("submit", "--cluster", memberAddress));
            if (supervisorOff != null) {
                JobDescriptors.KNOWN_IDS.stream().filter(id -> !"supervisor-watch".equals(id)).forEach(submit::add);
            }
            int submitted = DolphinCli.run(submit.toArray(String[]::new));
            if (submitted != 0) {
                throw new IllegalStateException("job submission failed (exit " + submitted + ")");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopping.set(true);
                try {
                    stopped.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "dolphin-demo-stop"));
            DemoStatus status = new DemoStatus(rt.member, new WarmStoreConfig(warmUrl(),
                    envOr("DOLPHIN_WARM_USER"), envOr("DOLPHIN_WARM_PASSWORD"), false));
            if (supervisorOff != null) {
                status.off("supervisor-watch", supervisorOff);
            }
            say("running; connect with `bin/dolphin sql`, hz-cli or any client on " + memberAddress + ". Ctrl-C stops.");
            long end = durationSeconds == null ? Long.MAX_VALUE : System.nanoTime() + durationSeconds * 1_000_000_000L;
            while (!stopping.get() && System.nanoTime() < end) {
                System.out.println(status.line());
                waitUpTo(end, 5_000, stopping);
            }
            stopping.set(true);
            say("stopping the feeds, letting the warm sink drain");
            rt.stopFeeds();
            status.awaitWarmStoreQuiet(Duration.ofSeconds(30));
            System.out.println(status.summary());
        } catch (Exception e) {
            throw new IllegalStateException("demo failed: " + e.getMessage(), e);
        } finally {
            DolphinEnvironment.clearOverrides();
            stopped.countDown();
        }
    }

    private Map<String, String> demoEnvironment(DemoRuntime rt, Path root, String memberAddress) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DOLPHIN_CLUSTER", memberAddress);
        env.put("DOLPHIN_SCAN_ROOT", root.toAbsolutePath().toString());
        env.put("DOLPHIN_KAFKA_BOOTSTRAP", rt.kafka.bootstrapServers());
        env.put("DOLPHIN_EXF_BASE_URL", rt.factors.baseUrl());
        env.put("DOLPHIN_WARM_JDBC_URL", warmUrl());
        return env;
    }

    /**
     * dolphin-supervisor-watch watches DOLPHIN_SUPERVISOR_URL when it is set, else a supervisord the demo starts when
     * one is installed; returns why it is off otherwise, null when it runs.
     */
    private String watchSupervisord(DemoRuntime rt) throws IOException {
        if (!envOr("DOLPHIN_SUPERVISOR_URL").isBlank()) {
            say("watching supervisord at " + envOr("DOLPHIN_SUPERVISOR_URL"));
            return null;
        }
        rt.supervisord = DemoSupervisord.startIfInstalled(data.resolve("supervisord")).orElse(null);
        if (rt.supervisord == null) {
            return "no supervisord (install Debian's supervisor, or set DOLPHIN_SUPERVISOR_URL)";
        }
        DolphinEnvironment.override(Map.of("DOLPHIN_SUPERVISOR_URL", rt.supervisord.url()));
        say("started a supervisord of the demo's own (group dolphin_demo) at " + rt.supervisord.url());
        return null;
    }

    private static String envOr(String name) {
        String value = DolphinEnvironment.current().get(name);
        return value == null ? "" : value;
    }

    private String warmUrl() {
        String configured = DolphinEnvironment.current().get("DOLPHIN_WARM_JDBC_URL");
        return configured != null ? configured : "jdbc:duckdb:" + data.toAbsolutePath().resolve("dolphin-warm.duckdb");
    }

    private static void waitUpTo(long endNanos, long millis, AtomicBoolean stopping) {
        long until = Math.min(endNanos, System.nanoTime() + millis * 1_000_000L);
        while (!stopping.get() && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.max(1, Math.min(200, (until - System.nanoTime()) / 1_000_000L)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void say(String s) {
        System.out.println("demo: " + s);
    }

    /** Everything the demo started, closed in reverse order. */
    private static final class DemoRuntime implements AutoCloseable {
        HazelcastInstance member;
        EmbeddedKafka kafka;
        FactorEndpoints factors;
        ScannerFileWriter scanner;
        OrderBookFeed feed;
        Thread feedThread;
        DemoSupervisord supervisord;

        void startFeeds(Path root, Duration scanInterval, double obfRate, AtomicBoolean stopping) {
            scanner = new ScannerFileWriter(io.dolphin.datalayer.sim.ScanTable.Format.FILE,
                    ScannerFileWriter.Mode.IN_PLACE, 50, System.currentTimeMillis() / 1000);
            scanner.start(root, scanInterval);
            feed = new OrderBookFeed(kafka.bootstrapServers(), "dolphin.obf.raw");
            feedThread = new Thread(() -> feed.produceAtRate(obfRate, Duration.ofDays(365), stopping::get),
                    "dolphin-demo-obf-feed");
            feedThread.setDaemon(true);
            feedThread.start();
        }

        void stopFeeds() throws InterruptedException {
            if (scanner != null) {
                scanner.stop();
            }
            if (feedThread != null) {
                feedThread.join(10_000);
            }
        }

        @Override
        public void close() throws Exception {
            stopFeeds();
            if (feed != null) {
                feed.close();
            }
            if (member != null) {
                member.shutdown();
            }
            if (factors != null) {
                factors.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            if (supervisord != null) {
                supervisord.close();
            }
        }
    }
}
