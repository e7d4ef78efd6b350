package io.dolphin.datalayer.cli;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import io.dolphin.datalayer.bench.ChdbProcess;
import io.dolphin.datalayer.bench.CpuMeter;
import io.dolphin.datalayer.common.DolphinEnvironment;
import io.dolphin.datalayer.common.DolphinMember;
import io.dolphin.datalayer.common.JobDescriptors;
import io.dolphin.datalayer.sim.DemoSupervisord;
import io.dolphin.datalayer.sim.EmbeddedKafka;
import io.dolphin.datalayer.sim.FactorEndpoints;
import io.dolphin.datalayer.sim.OrderBookFeed;
import io.dolphin.datalayer.sim.ScanTable;
import io.dolphin.datalayer.sim.ScannerFileWriter;
import io.dolphin.datalayer.warm.store.SchemaApplier;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole system on one machine with embedded defaults: a member, a Kafka broker, synthetic factor endpoints,
 * a synthetic scanner and an order-book feed for 542 symbols at the production rate, every job submitted, and a
 * live status line.
 *
 * <p><b>Stopping.</b> Ctrl-C, SIGTERM and the end of {@code --duration} take the same path, in this order: the feeds
 * stop; the demo waits until obf-ingest and scan-bridge have taken in what the feeds wrote; the source jobs are
 * cancelled (nothing new reaches the maps); the warm sink drains (this run's warm rows stand still); the summary
 * prints; the member leaves; the broker stops and only then are its files removed; the engine (if the demo started
 * one) stops. Nothing else's JVM exit hook may run before that: the member and the engine are started without
 * theirs, and the broker's folder is the demo's own. On a signal the demo exits 0 once this has run.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run everything locally on embedded defaults (member, Kafka, feeds, warm store, all jobs).",
            "Ctrl-C or SIGTERM stops the feeds, lets the warm sink drain, prints the summary and exits 0."})
final class DemoCommand implements Runnable {

    private static final long STATUS_INTERVAL_MS = 5_000;
    /** A little over hz-config's metrics collection-frequency-seconds (5). */
    private static final long METRICS_PERIOD_NANOS = 6_000_000_000L;
    private static final long IDLE_SOURCE_COUNT = 100;
    /** Shorter, and the process's CPU counters (updated in ticks) say little. */
    private static final long MIN_CPU_SECONDS = 5;
    private static final List<String> SOURCE_JOBS = List.of("dolphin-exf-poller", "dolphin-acb", "dolphin-scan-bridge",
            "dolphin-obf-ingest");
    private static final String ENGINE = "clickhouse-engine";

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

    @Option(names = "--warm", paramLabel = "STORE", description = "Warm store: duckdb (default: <data>/dolphin-warm.duckdb,"
            + " or DOLPHIN_WARM_JDBC_URL with DOLPHIN_WARM_USER/PASSWORD when set) or " + ENGINE + " (the chDB"
            + " ClickHouse engine .ci/fetch-chdb got, started under <data>/clickhouse).")
    String warmChoice;

    @Override
    public void run() {
        AtomicBoolean stopRequested = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(1);
        AtomicBoolean bySignal = new AtomicBoolean();
        // First, before anything starts: a signal during start-up takes the same orderly path
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopped.getCount() == 0) {
                return; // the demo had finished on its own: the JVM is leaving with the demo's code
            }
            bySignal.set(true);
            stopRequested.set(true);
            try {
                stopped.await(3, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.flush();
            // the JVM would leave with 128 + the signal; the stop ran to its end, so say how it went
            Runtime.getRuntime().halt(exitCode.get());
        }, "dolphin-demo-stop"));
        DemoRuntime rt = new DemoRuntime();
        try {
            runUntilStopped(rt, stopRequested);
            exitCode.set(0);
        } catch (Exception e) {
            if (!bySignal.get()) {
                throw new IllegalStateException("demo failed: " + e.getMessage(), e);
            }
            System.err.println("dolphin demo: " + e.getMessage());
        } finally {
            rt.close();
            DolphinEnvironment.clearOverrides();
            stopped.countDown();
        }
    }

    private void runUntilStopped(DemoRuntime rt, AtomicBoolean stopRequested) throws Exception {
        Path root = scanRoot != null ? scanRoot : data.resolve("scans");
        Files.createDirectories(root);
        say("starting a member on port " + port);
        rt.member = DolphinMember.start(port, false);
        String memberAddress = "127.0.0.1:" + rt.member.getCluster().getLocalMember().getAddress().getPort();
        WarmStoreConfig warm = warmStore(rt);
        say("warm store " + warm.url() + ": " + applySchema(warm));
        say("starting Kafka on 127.0.0.1:" + kafkaPort);
        rt.kafka = EmbeddedKafka.start(kafkaPort);
        rt.kafka.createTopic("dolphin.obf.raw", 4);
        say("Kafka's files are in " + rt.kafka.logDir() + " (removed after it stops)");
        say("serving synthetic factor endpoints on 127.0.0.1:" + httpPort);
        rt.factors = FactorEndpoints.start(httpPort);
        DolphinEnvironment.override(demoEnvironment(rt, root, memberAddress, warm));
        String supervisorOff = watchSupervisord(rt);
        DemoStatus status = new DemoStatus(rt.member, warm);
        if (supervisorOff != null) {
            status.off("supervisor-watch", supervisorOff);
        }
        if (!noFeed) {
            rt.startFeeds(root, Duration.ofMillis(scanIntervalMs), obfRate);
            say("feeding: a scan every " + scanIntervalMs + " ms into " + root + ", " + obfRate
                    + " order books/s for " + OrderBookFeed.PRODUCTION_SYMBOLS + " symbols");
        }
        if (!stopRequested.get()) {
            List<String> submit = new ArrayList<>(List.of("submit", "--cluster", memberAddress));
            if (supervisorOff != null) {
                JobDescriptors.KNOWN_IDS.stream().filter(id -> !"supervisor-watch".equals(id)).forEach(submit::add);
            }
            int submitted = DolphinCli.run(submit.toArray(String[]::new));
            if (submitted != 0) {
                throw new IllegalStateException("job submission failed (exit " + submitted + ")");
            }
        }
        say("running; connect with `bin/dolphin sql`, hz-cli or any client on " + memberAddress + ". Ctrl-C stops.");
        StatusPrinter printer = new StatusPrinter(System.console() != null);
        long started = System.nanoTime();
        CpuMeter cpu = new CpuMeter(); // start-up is over: every job is submitted
        long end = durationSeconds == null ? Long.MAX_VALUE : started + durationSeconds * 1_000_000_000L;
        RecentCpu recent = new RecentCpu(Duration.ofSeconds(60));
        while (!stopRequested.get() && System.nanoTime() < end) {
            waitUpTo(end, STATUS_INTERVAL_MS, stopRequested);
            recent.sample(System.nanoTime(), CpuMeter.processCpuNanos());
            if (!stopRequested.get()) {
                printer.print(status.line());
            }
        }
        printer.end();
        String cpuLine = cpuLine(cpu, started, recent);
        Map<String, String> states = status.jobStates();
        say("stopping: the feeds, then the source jobs; then the warm sink drains");
        List<String> notes = new ArrayList<>();
        rt.stopFeeds();
        notes.add("feeds stopped" + (noFeed ? " (none ran)" : ""));
        long drainStart = System.nanoTime();
        boolean caughtUp = awaitIngested(status, Duration.ofSeconds(30));
        notes.add((caughtUp ? "obf-ingest and scan-bridge took in every order book and scan the feeds wrote ("
                + millisSince(drainStart) + " ms; the scanner wrote " + rt.scans + " files)"
                : "obf-ingest or scan-bridge still reading after 30 s"));
        // a cancelled job's metrics may come back empty: what flowed is taken while the jobs still run
        Map<String, Long> flows = status.totals();
        notes.add("cancelled " + cancelSources(rt.member));
        long sinkStart = System.nanoTime();
        boolean drained = awaitStill(status::warmRowsThisRun, Duration.ofSeconds(60), Duration.ofMillis(2_500));
        notes.add(drained ? "the warm sink drained (" + millisSince(sinkStart) + " ms)"
                : "the warm sink was still writing after 60 s: the counts below are not final");
        status.totals().forEach((flow, n) -> flows.merge(flow, n, Math::max));
        System.out.println(status.summary(states, flows, notes, cpuLine));
        System.out.println(DemoColdExport.exportToday(warm, data.toAbsolutePath().resolve("cold"), root));
    }

    /**
     * Until obf-ingest's count of order books and scan-bridge's of scans stand still between two metric collections,
     * the feeds being stopped: they have read what the feeds wrote (a fresh submission starts at the topic's end, so
     * the feed's own count is no target). Metrics are collected every few seconds. The idle Kafka source's count still
     * creeps (~5/s, measured: it counts something besides records), hence a tolerance far below the feed's ~5,400 per
     * collection.
     */
    private static boolean awaitIngested(DemoStatus status, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        long[] books = status.progress("order books");
        long scans = status.progress("scans")[0];
        long comparedAt = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(250);
            long[] now = status.progress("order books");
            if (now[1] == books[1] && System.nanoTime() - comparedAt < METRICS_PERIOD_NANOS) {
                continue; // no new collection yet
            }
            comparedAt = System.nanoTime();
            long scansNow = status.progress("scans")[0];
            if (now[0] - books[0] <= IDLE_SOURCE_COUNT && scansNow == scans) {
                return true;
            }
            books = now;
            scans = scansNow;
        }
        return false;
    }

    private static String cancelSources(HazelcastInstance member) {
        List<String> cancelled = new ArrayList<>();
        List<Job> jobs = new ArrayList<>();
        for (String name : SOURCE_JOBS) {
            Job job = member.getJet().getJob(name);
            if (job != null && !job.getStatus().isTerminal()) {
                job.cancel();
                jobs.add(job);
                cancelled.add(name);
            }
        }
        for (Job job : jobs) {
            try {
                job.join();
            } catch (CancellationException expected) {
                // what cancel() ends a job with
            } catch (RuntimeException e) {
                // cancelled while failing: its state is what matters, and the summary shows it as the stop began
            }
        }
        return cancelled.isEmpty() ? "no source job" : String.join(", ", cancelled);
    }

    /**
     * Waits until {@code value} has not changed for {@code still} (read every 500 ms), or {@code timeout} passes.
     * @return whether it stood still
     */
    private static boolean awaitStill(java.util.function.LongSupplier value, Duration timeout, Duration still)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        long last = value.getAsLong();
        long since = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(500);
            long now = value.getAsLong();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since >= still.toNanos()) {
                return true;
            }
        }
        return false;
    }

    private static String cpuLine(CpuMeter cpu, long started, RecentCpu recent) {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        if (seconds < MIN_CPU_SECONDS) {
            return "CPU: not measured (ran " + seconds + " s after start-up; it takes " + MIN_CPU_SECONDS + ")";
        }
        // The first minute still compiles (the JIT's threads are a tenth of it): the last minute is the steady state.
        String steady = recent.cores().isPresent() && seconds >= 2 * recent.window().toSeconds()
                ? String.format(", %.2f over the last %d s", recent.cores().getAsDouble(), recent.window().toSeconds())
                : "";
        return String.format("CPU of the demo process after start-up: %.2f cores of %d over %d s%s (member, broker,"
                + " feeds and warm store in one JVM)", cpu.cores(), CpuMeter.availableCores(), seconds, steady);
    }

    /** The warm store of this run; starts the ClickHouse engine when asked to. */
    private WarmStoreConfig warmStore(DemoRuntime rt) throws java.io.IOException {
        if (warmChoice == null || warmChoice.equals("duckdb")) {
            SubmitPreflight.warmStore(warmUrl(), envOr("DOLPHIN_WARM_USER"), envOr("DOLPHIN_WARM_PASSWORD"));
            return new WarmStoreConfig(warmUrl(), envOr("DOLPHIN_WARM_USER"), envOr("DOLPHIN_WARM_PASSWORD"), false);
        }
        if (!warmChoice.equals(ENGINE)) {
            throw new IllegalArgumentException("--warm must be duckdb or " + ENGINE + ", got '" + warmChoice + "'");
        }
        if (ChdbProcess.engine().isEmpty()) {
            throw new IllegalArgumentException("--warm " + ENGINE + ": no libchdb.so (run .ci/fetch-chdb, or set"
                    + " DOLPHIN_CHDB_LIB)");
        }
        Path dir = data.toAbsolutePath().resolve("clickhouse");
        say("starting the ClickHouse engine (chDB) in " + dir);
        // as production's server profile should be (docs/warm-sink.md): deduplication only when an insert asks
        rt.engine = ChdbProcess.start(dir, Map.of("insert_deduplicate", "0",
                "deduplicate_insert", "backward_compatible_choice"), false);
        return new WarmStoreConfig(rt.engine.jdbcUrl(), rt.engine.user(), rt.engine.password(), false);
    }

    /** Before any job: hz-warmup reads the store first, and a wrong URL or a store that is down shows here. */
    private static String applySchema(WarmStoreConfig warm) throws java.sql.SQLException {
        try (java.sql.Connection c = warm.connect()) {
            return SchemaApplier.apply(c, warm.dialect()) + " schema statements applied";
        }
    }

    private Map<String, String> demoEnvironment(DemoRuntime rt, Path root, String memberAddress, WarmStoreConfig warm) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DOLPHIN_CLUSTER", memberAddress);
        env.put("DOLPHIN_SCAN_ROOT", root.toAbsolutePath().toString());
        env.put("DOLPHIN_KAFKA_BOOTSTRAP", rt.kafka.bootstrapServers());
        env.put("DOLPHIN_EXF_BASE_URL", rt.factors.baseUrl());
        env.put("DOLPHIN_WARM_JDBC_URL", warm.url());
        env.put("DOLPHIN_WARM_USER", warm.user());
        env.put("DOLPHIN_WARM_PASSWORD", warm.password());
        env.put("DOLPHIN_COLD_ROOT", data.toAbsolutePath().resolve("cold").toString());
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

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000L;
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

    /** On a terminal one line rewritten in place; otherwise one line per interval (a log, a pipe). */
    static final class StatusPrinter {
        private final boolean inPlace;
        private boolean open;

        StatusPrinter(boolean inPlace) {
            this.inPlace = inPlace;
        }

        void print(String line) {
            if (inPlace) {
                System.out.print("\r" + line + "\u001b[K"); // ESC[K clears what a longer previous line left
                System.out.flush();
                open = true;
            } else {
                System.out.println(line);
            }
        }

        void end() {
            if (open) {
                System.out.println();
                open = false;
            }
        }
    }

    /** Everything the demo started, closed in reverse order: the broker's files go only once it has stopped. */
    private static final class DemoRuntime {
        HazelcastInstance member;
        EmbeddedKafka kafka;
        FactorEndpoints factors;
        ChdbProcess engine;
        ScannerFileWriter scanner;
        OrderBookFeed feed;
        Thread feedThread;
        long scans;
        final AtomicBoolean feedStop = new AtomicBoolean();
        DemoSupervisord supervisord;

        void startFeeds(Path root, Duration scanInterval, double obfRate) {
            scanner = new ScannerFileWriter(ScanTable.Format.FILE, ScannerFileWriter.Mode.IN_PLACE, 50,
                    System.currentTimeMillis() / 1000);
            scanner.start(root, scanInterval);
            feed = new OrderBookFeed(kafka.bootstrapServers(), "dolphin.obf.raw");
            feedThread = new Thread(() -> feed.produceInTicks(obfRate, Duration.ofDays(365), feedStop::get,
                    Duration.ofMillis(10)),
                    "dolphin-demo-obf-feed");
            feedThread.setDaemon(true);
            feedThread.start();
        }

        void stopFeeds() throws InterruptedException {
            feedStop.set(true);
            if (scanner != null) {
                scanner.stop();
                scans = scanner.filesWritten();
            }
            if (feedThread != null) {
                feedThread.join(10_000);
            }
            if (feed != null) {
                feed.close(); // flushes what the producer still holds
                feed = null;
            }
        }

        void close() {
            try {
                stopFeeds();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (member != null) {
                member.shutdown();
                say("member stopped");
            }
            if (factors != null) {
                factors.close();
            }
            if (kafka != null) {
                kafka.close();
                say("Kafka stopped; its files are removed");
            }
            if (engine != null) {
                engine.stop();
                say("ClickHouse engine stopped");
            }
            if (supervisord != null) {
                try {
                    supervisord.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
