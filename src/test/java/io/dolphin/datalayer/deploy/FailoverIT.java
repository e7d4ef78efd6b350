package io.dolphin.datalayer.deploy;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.metrics.Measurement;
import com.hazelcast.jet.core.metrics.MetricTags;
import com.hazelcast.jet.impl.JobExecutionRecord;
import com.hazelcast.jet.impl.JobRepository;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.cli.DolphinCli;
import io.dolphin.datalayer.common.ClusterSafe;
import io.dolphin.datalayer.common.Json;
import io.dolphin.datalayer.obf.OrderBookFeaturesCodec;
import io.dolphin.datalayer.obf.OrderBookSnapshotCodec;
import io.dolphin.datalayer.common.DolphinEnvironment;
import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.JobDescriptors;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.warm.WarmSinkJob;
import io.dolphin.datalayer.obf.OrderBookFeatureCalculator;
import io.dolphin.datalayer.sim.EmbeddedKafka;
import io.dolphin.datalayer.sim.FactorEndpoints;
import io.dolphin.datalayer.sim.OrderBookFeed;
import io.dolphin.datalayer.sim.ScannerFileWriter;
import io.dolphin.datalayer.warm.jet.MapJournalSource;
import io.dolphin.datalayer.warm.SinkCounters;
import io.dolphin.datalayer.support.BrokerProcess;
import io.dolphin.datalayer.support.ExternalMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline on 3 member JVMs started from hz-config, fed at a multiple of production (542 order books,
 * scans, the factor endpoints), one member SIGKILLed mid-stream; afterwards the hot maps hold the last value of every
 * key and the warm tables every produced record exactly once.
 *
 * <p>The load is the 10x production (542 symbols x 2/s x 10 = 10,840 order books/s). What holds it on our 2
 * shared cores: the FEATURES journal sized for ~55 s of backlog in its busiest partition at 10x (hz-config), journal
 * readers on the members that own their partitions, a 1 s warm-sink snapshot interval (a restart re-reads less) and
 * the cheaper obf-ingest; see docs/failover.md. Loss is never hidden: the test fails on any journal overflow.
 * {@code -Ddolphin.failover.rate-multiplier} changes the load, {@code -Ddolphin.failover.feed-seconds} (default 45)
 * the duration. Numbers are printed as {@code FAILOVER ...}.
 */
class FailoverIT {

    private static final String TOPIC = "dolphin.obf.raw";
    private static final double MULTIPLIER = Double.parseDouble(System.getProperty("dolphin.failover.rate-multiplier",
            "10"));
    private static final int FEED_SECONDS = Integer.getInteger("dolphin.failover.feed-seconds", 45);
    /**
     * Whom to kill: {@code writer} (the warm-store writer's member, or a younger one), {@code younger}, {@code oldest},
     * or {@code all}: every member at once, then a new cluster started and every job submitted again.
     */
    private static final String VICTIM = System.getProperty("dolphin.failover.victim", "writer");
    /**
     * When: {@code half} of the feed, {@code random} (25-75% of it, from {@code dolphin.failover.seed}), or
     * {@code snapshot}: from a random point on, the first moment the warm sink's Jet snapshot is in progress.
     */
    private static final String MOMENT = System.getProperty("dolphin.failover.moment", "half");
    /** 1, or 2: a second member killed once the hot path is back from the first. */
    private static final int KILLS = Integer.getInteger("dolphin.failover.kills", 1);
    private static final long SEED = Long.getLong("dolphin.failover.seed", 1L);
    /**
     * The warm store: {@code clickhouse} (the ClickHouse test engine, or the server DOLPHIN_CLICKHOUSE_URL names),
     * {@code duckdb}, or {@code auto}: ClickHouse where there is one to test against (always in CI), else DuckDB.
     */
    private static final String STORE = System.getProperty("dolphin.failover.store", "auto");
    /**
     * The Kafka broker: {@code process}, {@code bin/dolphin broker} in a JVM of its own (the default when every
     * member is killed), or {@code jvm}, in the test's JVM.
     */
    private static final String BROKER = System.getProperty("dolphin.failover.broker",
            "all".equals(VICTIM) ? "process" : "jvm");
    private static final double RATE = OrderBookFeed.PRODUCTION_SYMBOLS * OrderBookFeed.PRODUCTION_RATE_PER_SYMBOL
            * MULTIPLIER;
    /** Production scans come every ~11 s. */
    private static final Duration SCAN_INTERVAL = Duration.ofMillis((long) (11_000 / MULTIPLIER));
    private static final Path WORK = Path.of("target", "it-work", "failover");
    private static final String CLUSTER = "dolphin-failover-" + UUID.randomUUID().toString().substring(0, 8);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private List<ExternalMember> members = List.of();
    /** Every member this test started, the dead ones too: their logs are checked. */
    private final List<ExternalMember> everyMember = new ArrayList<>();
    private HazelcastInstance client;
    private FailoverWarmStore warm;
    private boolean passed;

    @AfterEach
    void stop(TestInfo info) {
        if (!passed) {
            everyMember.forEach(m -> System.err.println("---- tail of " + m.log() + " (pid " + m.pid() + ", "
                    + (m.isAlive() ? "alive" : "dead") + ")\n" + m.tail(80)));
        }
        if (client != null) {
            client.shutdown();
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("closing " + resources.get(i) + ": " + e);
            }
        }
        everyMember.forEach(ExternalMember::close);
        DolphinEnvironment.clearOverrides();
    }

    @Test
    void when_memberKilledWithSigkillMidStream_then_hotMapsAndWarmTablesHoldEveryRecordOnce() throws Exception {
        // Given: 3 member JVMs, the feeds, every job submitted through bin/dolphin submit's code path
        prepareWork();
        warm = keep(FailoverWarmStore.start(STORE, WORK));
        members = ExternalMember.startCluster(CLUSTER, 3, WORK);
        everyMember.addAll(members);
        String kafka = startBroker();
        FactorEndpoints factors = keep(FactorEndpoints.start(0));
        Path scanRoot = Files.createDirectories(WORK.resolve("scans")).toAbsolutePath();
        String addresses = members.stream().map(ExternalMember::address).collect(Collectors.joining(","));
        Map<String, String> env = new HashMap<>(Map.of("DOLPHIN_CLUSTER_NAME", CLUSTER, "DOLPHIN_SCAN_ROOT",
                scanRoot.toString(), "DOLPHIN_KAFKA_BOOTSTRAP", kafka, "DOLPHIN_EXF_BASE_URL",
                factors.baseUrl(), "DOLPHIN_OBF_OFFSET_RESET", "earliest"));
        env.putAll(warm.environment());
        env.put("DOLPHIN_COLD_ROOT", WORK.resolve("cold").toAbsolutePath().toString());
        DolphinEnvironment.override(env);
        assertEquals(0, DolphinCli.run("submit", "--cluster", addresses), "bin/dolphin submit failed");
        client = connect();
        List<JobDescriptor> descriptors = JobDescriptors.loadAll(DolphinEnvironment.current());
        assertEventually(120, () -> assertEveryJobRunning(descriptors));

        // When: feeds at the multiplied rate, one member killed half-way, feeds go on
        OrderBookFeed feed = keep(new OrderBookFeed(kafka, TOPIC));
        ScannerFileWriter scanner = keep(new ScannerFileWriter());
        scanner.start(scanRoot, SCAN_INTERVAL);
        AtomicBoolean abort = new AtomicBoolean();
        long feedStart = System.nanoTime();
        CompletableFuture<Long> feeding = CompletableFuture.supplyAsync(
                () -> feed.produceAtRate(RATE, Duration.ofSeconds(FEED_SECONDS), abort::get));
        resources.add(() -> abort.set(true));
        double fraction = "half".equals(MOMENT) ? 0.5 : 0.25 + new java.util.Random(SEED).nextDouble() * 0.5;
        assertEventually(FEED_SECONDS, () -> assertTrue(feed.produced() >= RATE * FEED_SECONDS * fraction, "feed at "
                + feed.produced()));
        Kill kill = "all".equals(VICTIM) ? killAllAndStartAgain(descriptors)
                : "snapshot".equals(MOMENT) ? killDuringSnapshot() : killOne();
        long recoverMs = awaitHotPathResumed(descriptors, kill);
        if (KILLS > 1 && !"all".equals(VICTIM)) {
            // the cluster has recovered from the first kill once every partition's backup is in sync again
            assertEventually(120, () -> assertTrue(client.getExecutorService("default")
                    .submit(new ClusterSafe()).get(10, TimeUnit.SECONDS), "cluster not safe yet"));
            Kill second = killOne();
            long again = awaitHotPathResumed(descriptors, second);
            System.out.printf("FAILOVER second kill: %s, hot path back %d ms later%n", second, again);
        }
        long sent = feeding.get(FEED_SECONDS + 60, TimeUnit.SECONDS);
        double feedSeconds = (System.nanoTime() - feedStart) / 1e9;
        scanner.stop();
        long lastScan = scanner.nextScanNumber() - 1;

        // Then: the hot maps
        assertEventually(120, () -> assertEveryJobRunning(descriptors));
        assertEventually(120, () -> assertEveryBookIsLastProduced(feed.lastProduced()));
        assertEventually(60, () -> assertEquals(lastScan, Json.parseObject(client.<String, String>getMap(
                DolphinMaps.FEATURES).get(FeatureKeys.LATEST_EIGEN_SCAN)).get("scan_number") instanceof Number n
                ? n.longValue() : -1L));
        long hotDoneMs = (System.nanoTime() - feedStart) / 1_000_000 - FEED_SECONDS * 1_000L;

        // and the warm tables, once the sink has drained what the writers wrote
        Map<String, Long> sinkCounts = drainWarmSink(descriptors);
        Map<String, Long> warmRows = warm.counts();
        Map<String, Long> sinkLog = sinkLogLines();
        System.out.printf("FAILOVER rate=%.0f/s (x%.1f) store=%s broker=%s sent=%d in %.1f s (achieved %.0f/s) scans=%d "
                        + "killed=%s hot path resumed %d ms after the kill; hot maps caught up %d ms after the feed ended; "
                        + "sink: %s; sink log, every execution: %s; warm: %s%n", RATE, MULTIPLIER, warm.name(), BROKER,
                sent, feedSeconds, sent / feedSeconds, lastScan, kill, recoverMs, hotDoneMs, sinkCounts, sinkLog, warmRows);
        // The metrics are those of the sink's last execution only (a restarted job starts them at 0); its log lines
        // cover every execution, including the one that ran when the member was killed.
        assertEquals(0L, sinkLog.get(LOG_LOST) + sinkLog.get(LOG_OVERWRITTEN), "the warm sink logged lost journal "
                + "events in an earlier execution: " + sinkLog);
        assertEquals(0L, sinkCounts.get(SinkCounters.JOURNAL_LOST), "events lost to journal overflow: the sink fell "
                + "more than a journal partition's capacity behind (see docs/failover.md)");
        assertEquals(sent, warmRows.get("obf_rows"), () -> "obf_universe rows vs snapshots produced; stretches of "
                + "event time missing from it (symbols, from, to): " + warm.obfGaps());
        assertEquals(sent, warmRows.get("obf_distinct"), "distinct (symbol, ts) vs snapshots produced");
        assertEquals(lastScan, warmRows.get("scan_rows"), "eigen_scans rows vs scans written");
        assertEquals(lastScan, warmRows.get("scan_distinct"), "distinct scan_number vs scans written");
        assertEquals(warmRows.get("exf_rows"), warmRows.get("exf_distinct"), "exf_data duplicate ts");
        assertEquals(warmRows.get("acb_rows"), warmRows.get("acb_distinct"), "acb_state duplicate ts");
        assertTrue(warmRows.get("exf_rows") > 0, "exf_data is empty");
        // the operator's audit, on the same store and sources: ledger gaps, rows twice, scans and books without rows
        assertEquals(0, DolphinCli.run("audit", "--scan-root", scanRoot.toString(), "--kafka-bootstrap",
                kafka, "--topic", TOPIC), "bin/dolphin audit found something missing or twice");
        passed = true;
    }

    private static final String LOG_LOST = "never reached the warm store";
    private static final String LOG_OVERWRITTEN = "before the warm sink read them";
    private static final String LOG_DIVERGED = "does not continue what the warm sink read";
    private static final String LOG_REUSED = "reuses sequence";

    /** How many times each member's log has each of the warm sink's loss and recovery messages. */
    private Map<String, Long> sinkLogLines() throws IOException {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (String message : List.of(LOG_LOST, LOG_OVERWRITTEN, LOG_DIVERGED, LOG_REUSED)) {
            long n = 0;
            for (ExternalMember m : everyMember) {
                try (var lines = Files.lines(m.log(), java.nio.charset.StandardCharsets.ISO_8859_1)) {
                    n += lines.filter(l -> l.contains(message)).count();
                }
            }
            out.put(message, n);
        }
        return out;
    }

    private void prepareWork() throws IOException {
        if (Files.exists(WORK)) {
            try (var paths = Files.walk(WORK)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(WORK);
    }

    /** Starts the broker with the topic; returns its bootstrap servers. */
    private String startBroker() throws IOException {
        if ("process".equals(BROKER)) {
            return keep(BrokerProcess.start(WORK, TOPIC + ":6")).bootstrapServers();
        }
        EmbeddedKafka kafka = keep(EmbeddedKafka.start());
        kafka.createTopic(TOPIC, 6);
        return kafka.bootstrapServers();
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private HazelcastInstance connect() {
        ClientConfig config = new ClientConfig().setClusterName(CLUSTER);
        members.forEach(m -> config.getNetworkConfig().addAddress(m.address()));
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(60_000);
        return HazelcastClient.newHazelcastClient(config);
    }

    private void assertEveryJobRunning(List<JobDescriptor> descriptors) {
        for (JobDescriptor d : descriptors) {
            Job job = client.getJet().getJob(d.name());
            assertNotNull(job, d.name() + " not found");
            assertEquals(d.batch() ? JobStatus.COMPLETED : JobStatus.RUNNING, job.getStatus(), d.name());
        }
    }

    /**
     * The member to kill ({@code dolphin.failover.victim}): {@code writer} is the one running the warm-store writer
     * unless it is the oldest, else a younger one; {@code younger} a younger member not running the writer where there
     * is one; {@code oldest} the oldest (the master).
     */
    private Kill killOne() {
        List<Member> cluster = new ArrayList<>(client.getCluster().getMembers());
        int oldestPort = cluster.get(0).getAddress().getPort();
        Job sink = client.getJet().getJob(WarmSinkJob.JOB_NAME);
        String writerAddress = sink.getMetrics().get(SinkCounters.EVENTS_COMMITTED).stream()
                .map(m -> m.tag(MetricTags.ADDRESS)).findFirst().orElse("");
        List<ExternalMember> alive = members.stream().filter(ExternalMember::isAlive).toList();
        List<ExternalMember> younger = alive.stream().filter(m -> m.port() != oldestPort).toList();
        ExternalMember victim = switch (VICTIM) {
            case "oldest" -> alive.stream().filter(m -> m.port() == oldestPort).findFirst().orElseThrow();
            case "younger" -> younger.stream().filter(m -> !writerAddress.endsWith(":" + m.port())).findFirst()
                    .orElse(younger.get(0));
            default -> younger.stream().filter(m -> writerAddress.endsWith(":" + m.port())).findFirst()
                    .orElse(younger.get(0));
        };
        IMap<String, String> features = client.getMap(DolphinMaps.FEATURES);
        String key = FeatureKeys.orderBook(OrderBookFeed.symbols(1).get(0));
        long tsBefore = tsOf(features.get(key));
        long at = System.nanoTime();
        Instant wallClock = Instant.now();
        victim.kill();
        return new Kill(victim.port(), victim.pid(), writerAddress.endsWith(":" + victim.port()), key, tsBefore, at,
                wallClock);
    }

    /**
     * Waits (up to 30 s) until the warm sink's Jet snapshot is in progress — its execution record names a snapshot
     * started and not yet done — and kills the member {@link #killOne} picks at once. The record is Jet's own
     * (internal) bookkeeping, read here only to aim the kill.
     */
    private Kill killDuringSnapshot() {
        long jobId = client.getJet().getJob(WarmSinkJob.JOB_NAME).getId();
        IMap<Long, JobExecutionRecord> records = client.getMap(JobRepository.JOB_EXECUTION_RECORDS_MAP_NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JobExecutionRecord r = records.get(jobId);
            long intoMs = r == null ? -1 : System.currentTimeMillis() - r.ongoingSnapshotStartTime();
            // started and not done; a failed snapshot also leaves ongoing > done, but not for long
            if (r != null && r.ongoingSnapshotId() > r.snapshotId() && intoMs < 5_000) {
                Kill kill = killOne();
                System.out.printf("FAILOVER kill during snapshot %d of %s, %d ms after it started%n",
                        r.ongoingSnapshotId(), WarmSinkJob.JOB_NAME, intoMs);
                return kill;
            }
        }
        throw new AssertionError("no snapshot of " + WarmSinkJob.JOB_NAME + " seen in progress within 30 s");
    }

    /**
     * SIGKILLs every member at once (no Jet snapshot, map or journal survives; Kafka, the scan folder and the warm
     * store do), starts a new cluster from hz-config and submits every job as an operator would, while the feeds go
     * on. The time printed is from the kill to the jobs submitted.
     */
    private Kill killAllAndStartAgain(List<JobDescriptor> descriptors) throws IOException {
        IMap<String, String> features = client.getMap(DolphinMaps.FEATURES);
        String key = FeatureKeys.orderBook(OrderBookFeed.symbols(1).get(0));
        long tsBefore = tsOf(features.get(key));
        long at = System.nanoTime();
        Instant wallClock = Instant.now();
        members.forEach(ExternalMember::kill);
        client.shutdown();
        members = ExternalMember.startCluster(CLUSTER, 3, WORK);
        everyMember.addAll(members);
        String addresses = members.stream().map(ExternalMember::address).collect(Collectors.joining(","));
        assertEquals(0, DolphinCli.run("submit", "--cluster", addresses), "bin/dolphin submit after the restart");
        client = connect();
        System.out.printf("FAILOVER every member killed; a new cluster ran every job %d ms later%n",
                (System.nanoTime() - at) / 1_000_000);
        assertEventually(120, () -> assertEveryJobRunning(descriptors));
        return new Kill(0, 0, true, key, tsBefore, at, wallClock);
    }

    /** Kill until every job runs again and the first order book moves past where it stood: the hot path is back. */
    private long awaitHotPathResumed(List<JobDescriptor> descriptors, Kill kill) {
        IMap<String, String> features = client.getMap(DolphinMaps.FEATURES);
        assertEventually(120, () -> {
            assertEveryJobRunning(descriptors);
            assertTrue(tsOf(features.get(kill.key)) > kill.tsBefore, kill.key + " has not moved since the kill");
        });
        return (System.nanoTime() - kill.atNanos) / 1_000_000;
    }

    private void assertEveryBookIsLastProduced(Map<String, byte[]> lastProduced) {
        OrderBookFeatureCalculator calc = new OrderBookFeatureCalculator(OrderBookFeatureCalculator.Params.DEFAULTS);
        OrderBookFeaturesCodec codec = new OrderBookFeaturesCodec();
        Map<String, String> expected = new HashMap<>();
        lastProduced.forEach((symbol, bytes) -> expected.put(FeatureKeys.orderBook(symbol),
                codec.encode(calc.compute(OrderBookSnapshotCodec.decode(bytes)))));
        Map<String, String> actual = client.<String, String>getMap(DolphinMaps.FEATURES)
                .getAll(new HashSet<>(expected.keySet()));
        List<String> wrong = expected.keySet().stream().filter(k -> !expected.get(k).equals(actual.get(k))).toList();
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + expected.size() + " books are not the last produced, e.g. "
                + wrong.stream().limit(3).map(k -> k + " ts " + tsOf(actual.get(k)) + " expected "
                + tsOf(expected.get(k))).toList());
    }

    /**
     * Stops the map writers (their results are checked), waits until the sink has committed everything the journals
     * hold, then cancels it so that its member releases the DuckDB file. Returns the sink's counters.
     */
    private Map<String, Long> drainWarmSink(List<JobDescriptor> descriptors) {
        for (JobDescriptor d : descriptors) {
            Job job = client.getJet().getJob(d.name());
            if (!d.batch() && !WarmSinkJob.JOB_NAME.equals(d.name())) {
                job.cancel();
                assertEventually(60, () -> assertEquals(JobStatus.FAILED, job.getStatus(), d.name()));
            }
        }
        Job sink = client.getJet().getJob(WarmSinkJob.JOB_NAME);
        long[] last = {-1, -1};
        Map<String, Long> counts = new HashMap<>();
        assertEventually(120, () -> {
            var metrics = sink.getMetrics();
            Measurement committed = metrics.get(SinkCounters.EVENTS_COMMITTED).stream().findFirst().orElseThrow(
                    () -> new AssertionError("no warm-sink metrics yet"));
            long buffered = max(metrics.get(SinkCounters.BUFFERED_EVENTS));
            long fill = max(metrics.get(MapJournalSource.METRIC_FILL));
            boolean stable = committed.timestamp() > last[0] && last[0] >= 0 && committed.value() == last[1];
            if (committed.timestamp() > last[0]) {
                last[0] = committed.timestamp();
                last[1] = committed.value();
            }
            assertTrue(stable && buffered == 0 && fill == 0, "sink still draining: committed " + committed.value()
                    + ", buffered " + buffered + ", journal fill " + fill + "%");
            for (String name : List.of(SinkCounters.EVENTS_COMMITTED, SinkCounters.ROWS_WRITTEN,
                    SinkCounters.DUPLICATES_SKIPPED, SinkCounters.REPLAYS_SKIPPED, SinkCounters.JOURNAL_LOST,
                    SinkCounters.BAD_ROWS)) {
                counts.put(name, max(metrics.get(name)));
            }
        });
        sink.cancel();
        assertEventually(60, () -> assertEquals(JobStatus.FAILED, sink.getStatus()));
        return counts;
    }

    private static long max(List<Measurement> measurements) {
        return measurements.stream().mapToLong(Measurement::value).max().orElse(-1);
    }

    private static long tsOf(String json) {
        return json == null ? -1 : Json.parseObject(json).get("ts") instanceof Number n ? n.longValue() : -1;
    }

    private record Kill(int port, long pid, boolean ranWarmWriter, String key, long tsBefore, long atNanos,
                        Instant at) {
        @Override
        public String toString() {
            if (port == 0) {
                return "every member at " + at + " [victim=" + VICTIM + " moment=" + MOMENT + "]";
            }
            return "member :" + port + " (pid " + pid + (ranWarmWriter ? ", ran the warm-store writer" : "") + ") at "
                    + at + " [victim=" + VICTIM + " moment=" + MOMENT + " kills=" + KILLS + "]";
        }
    }
}
