package io.dolphin.datalayer.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Address;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.query.Predicates;
import io.dolphin.datalayer.common.MemberConfigs;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.scanbridge.PublishIfNewer;
import io.dolphin.datalayer.scanbridge.ScanBridgeJob;
import io.dolphin.datalayer.scanbridge.ScanBridgeSettings;
import io.dolphin.datalayer.sim.ScanTable;
import io.dolphin.datalayer.sim.ScannerFileWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code scan-bridge}: how long from the moment the scanner closes a file until {@code latest_eigen_scan} holds it,
 * beside what a client pays for writing the key itself ({@code IMap.set} round trip), both measured in one run on
 * one member. "Key updated" is observed by a local entry listener on the member that owns the key, i.e. when the
 * entry processor has stored the value. Files are written in place (trailer last, as pyarrow does), 50 assets each,
 * one at a time; each file is followed by one direct {@code set} of a value of the same size, so both see the same
 * machine state. The first files of a round warm the JIT and are not counted.
 */
public final class ScanBridgeBenchmark implements Benchmark {

    private static final int FILES = 200;
    private static final int QUICK_FILES = 40;
    private static final int WARMUP = 30;
    private static final int QUICK_WARMUP = 10;
    private static final String DIRECT_KEY = "bench_direct_set";

    private record Arrival(long scanNumber, long nanos) {
    }

    /** Runs on the member's event thread, right after the entry processor stored the value. */
    private record ArrivalListener(BlockingQueue<Arrival> arrivals)
            implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> e) {
            arrived(e);
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> e) {
            arrived(e);
        }

        private void arrived(EntryEvent<String, String> e) {
            long now = System.nanoTime();
            arrivals.add(new Arrival(PublishIfNewer.scanNumberOf(e.getValue()), now));
        }
    }

    @Override
    public String name() {
        return "scan-bridge";
    }

    @Override
    public List<BenchFigure> runRound(boolean quick) throws Exception {
        Path root = Files.createTempDirectory("dolphin-bench-scans");
        Config config = MemberConfigs.member();
        // Its own cluster name: a demo member on this host must neither join nor be joined.
        config.setClusterName("dolphin-bench-" + UUID.randomUUID());
        // A lone member: searching the member list for peers would only add seconds to every round.
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(false);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        HazelcastInstance client = null;
        try {
            client = HazelcastClient.newHazelcastClient(clientConfig(member));
            return measure(member, client, root, quick ? QUICK_FILES : FILES, quick ? QUICK_WARMUP : WARMUP);
        } finally {
            if (client != null) {
                client.shutdown();
            }
            member.getLifecycleService().terminate();
            deleteTree(root);
        }
    }

    private List<BenchFigure> measure(HazelcastInstance member, HazelcastInstance client, Path root, int files,
                                      int warmup) throws Exception {
        BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        IMap<String, String> onMember = member.getMap(DolphinMaps.FEATURES);
        onMember.addLocalEntryListener(new ArrivalListener(arrivals), Predicates.alwaysTrue(),
                FeatureKeys.LATEST_EIGEN_SCAN, true);
        Job job = member.getJet().newJob(ScanBridgeJob.pipeline(settings(root)), new JobConfig()
                .setName(ScanBridgeJob.JOB_NAME + "-bench")
                .setProcessingGuarantee(ProcessingGuarantee.EXACTLY_ONCE)
                .setSnapshotIntervalMillis(5_000));
        awaitRunning(job);
        IMap<String, String> direct = client.getMap(DolphinMaps.FEATURES);
        String sameSizeValue = sampleValue();
        ScannerFileWriter scanner = new ScannerFileWriter();
        long[] fileToKey = new long[files];
        long[] setRoundTrip = new long[files];
        Instant ts = Instant.now();
        for (int i = 0; i < warmup + files; i++) {
            long scanNumber = i + 1;
            scanner.writeScan(root, scanNumber, ts.plusSeconds(11L * i));
            long closed = System.nanoTime();
            long updated = awaitArrival(arrivals, scanNumber);
            long t0 = System.nanoTime();
            direct.set(DIRECT_KEY, sameSizeValue);
            long t1 = System.nanoTime();
            if (i >= warmup) {
                fileToKey[i - warmup] = updated - closed;
                setRoundTrip[i - warmup] = t1 - t0;
            }
        }
        job.cancel();
        return List.of(
                figure("file closed -> key updated p50", percentile(fileToKey, 50),
                        "direct client IMap.set round trip p50", percentile(setRoundTrip, 50), ""),
                figure("file closed -> key updated p99", percentile(fileToKey, 99),
                        "direct client IMap.set round trip p99", percentile(setRoundTrip, 99), "<= 2.0"));
    }

    private static ScanBridgeSettings settings(Path root) {
        return new ScanBridgeSettings(root.toString(), Duration.ofMillis(250), true, Duration.ofSeconds(5),
                ".arrow", 2, 256, "BTCUSDT");
    }

    private static long awaitArrival(BlockingQueue<Arrival> arrivals, long scanNumber) throws InterruptedException {
        while (true) {
            Arrival a = arrivals.poll(30, TimeUnit.SECONDS);
            if (a == null) {
                throw new IllegalStateException("scan " + scanNumber + " did not reach latest_eigen_scan in 30 s");
            }
            if (a.scanNumber() == scanNumber) {
                return a.nanos();
            }
        }
    }

    private static void awaitRunning(Job job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (job.getStatus() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline || job.getStatus().isTerminal()) {
                throw new IllegalStateException("bench job is " + job.getStatus());
            }
            Thread.sleep(10);
        }
    }

    /** A latest_eigen_scan value of the size the bridge writes, for the direct set. */
    private static String sampleValue() {
        StringBuilder sb = new StringBuilder("{\"scan_number\": 0, \"pad\": \"");
        int size = ScanTable.synthetic(1, Instant.now(), 50, 1).toBytes(ScanTable.Format.FILE).length;
        sb.append("x".repeat(Math.max(0, size / 3)));
        return sb.append("\"}").toString();
    }

    private static ClientConfig clientConfig(HazelcastInstance member) {
        Address a = member.getCluster().getLocalMember().getAddress();
        ClientConfig c = new ClientConfig().setClusterName(member.getConfig().getClusterName());
        c.getNetworkConfig().addAddress(a.getHost() + ":" + a.getPort());
        return c;
    }

    /** Nearest-rank percentile, in milliseconds. */
    static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private BenchFigure figure(String name, double value, String baselineName, double baseline, String target) {
        return new BenchFigure(name(), name, value, "ms", baselineName, baseline, target);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp folder left behind is harmless.
        }
    }

    /** {@code java ... ScanBridgeBenchmark [--quick] [rounds]}: rounds and their medians, without the bench CLI. */
    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        int rounds = Arrays.stream(args).filter(a -> a.matches("\\d+")).mapToInt(Integer::parseInt).findFirst()
                .orElse(3);
        ScanBridgeBenchmark bench = new ScanBridgeBenchmark();
        List<List<BenchFigure>> all = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            List<BenchFigure> round = bench.runRound(quick);
            all.add(round);
            int n = r + 1;
            round.forEach(f -> System.out.printf("round %d: %-32s %8.3f ms | %-40s %8.3f ms | ratio %.2f%n", n,
                    f.name(), f.value(), f.baselineName(), f.baseline(), f.ratio()));
        }
        for (int i = 0; i < all.get(0).size(); i++) {
            int k = i;
            double[] v = all.stream().mapToDouble(l -> l.get(k).value()).sorted().toArray();
            double[] b = all.stream().mapToDouble(l -> l.get(k).baseline()).sorted().toArray();
            double[] q = all.stream().mapToDouble(l -> l.get(k).ratio()).sorted().toArray();
            System.out.printf("median of %d: %-32s %8.3f ms | baseline %8.3f ms | ratio %.2f (target %s)%n", rounds,
                    all.get(0).get(k).name(), v[v.length / 2], b[b.length / 2], q[q.length / 2],
                    all.get(0).get(k).target().isEmpty() ? "-" : all.get(0).get(k).target());
        }
        System.exit(0);
    }
}
