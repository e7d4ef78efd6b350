package io.dolphin.datalayer.bench;

import com.hazelcast.config.Config;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.dolphin.datalayer.acb.AcbBoostCodec;
import io.dolphin.datalayer.common.Json;
import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.JobDescriptors;
import io.dolphin.datalayer.common.MemberConfigs;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.acb.AcbJob;
import io.dolphin.datalayer.acb.AcbSettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How soon after a window closes its {@code acb_boost} is visible, at the descriptor's default settings, in real
 * time: a feed writes {@code exf_latest} every 500 ms stamped with the wall clock (as the exf poller does), the
 * production pipeline runs on an in-process member, and a map listener notes when each window's value arrives.
 * <ul>
 *   <li><b>window close</b>: the write of the first sample stamped at or after {@code window_end + allowed-lag-ms},
 *   the sample that moves the watermark past the window's end;</li>
 *   <li><b>figure</b>: from that write to the listener seeing the window's {@code acb_boost};</li>
 *   <li><b>baseline</b> (same run): from an {@code exf_latest} write to the listener seeing it, i.e. the cost of a
 *   map write plus an event without any job in between.</li>
 * </ul>
 * Also reported: from {@code window_end + allowed-lag-ms} on the wall clock to the value being visible, which adds
 * the wait for the next sample (up to one feed interval).
 */
public final class AcbBenchmark implements Benchmark {

    private static final long FEED_INTERVAL_MS = 500;

    @Override
    public String name() {
        return "acb";
    }

    @Override
    public List<BenchFigure> runRound(boolean quick) {
        int windows = quick ? 1 : 3;
        Config config = MemberConfigs.member();
        // A cluster of its own: never join a running Dolphin cluster or another benchmark on this host.
        config.setClusterName("dolphin-bench-acb-" + UUID.randomUUID());
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);
        try {
            return measure(hz, windows);
        } finally {
            hz.getLifecycleService().terminate();
        }
    }

    private List<BenchFigure> measure(HazelcastInstance hz, int windows) {
        JobDescriptor descriptor = JobDescriptors.load(AcbJob.DESCRIPTOR_ID);
        AcbSettings settings = AcbSettings.from(descriptor.settings());
        IMap<String, String> features = hz.getMap(DolphinMaps.FEATURES);
        Map<Long, Long> windowArrivalNanos = new ConcurrentHashMap<>();
        Map<Long, Long> exfArrivalNanos = new ConcurrentHashMap<>();
        features.addEntryListener(new Arrivals(windowArrivalNanos, exfArrivalNanos, settings.eventTimeField()), true);
        Job job = hz.getJet().newJob(AcbJob.pipeline(settings), descriptor.jobConfig());
        while (job.getStatus() != JobStatus.RUNNING) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        // sample event time (ms) -> nanoTime of its write
        ConcurrentSkipListMap<Long, Long> writes = new ConcurrentSkipListMap<>();
        long firstWriteMs = System.currentTimeMillis();
        long next = System.nanoTime();
        while (closedAfter(windowArrivalNanos, firstWriteMs + settings.allowedLagMillis()) < windows) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += TimeUnit.MILLISECONDS.toNanos(FEED_INTERVAL_MS);
            long ts = System.currentTimeMillis();
            writes.put(ts, System.nanoTime());
            features.set(FeatureKeys.EXF_LATEST, "{\"funding_btc\": -1e-05, \"dvol\": 52.3, \"fear_greed\": 40.0,"
                    + " \"taker\": 0.85, \"" + settings.eventTimeField() + "\": " + ts / 1000.0 + "}");
        }
        job.cancel();
        return figures(settings, windowArrivalNanos, exfArrivalNanos, writes, firstWriteMs);
    }

    private List<BenchFigure> figures(AcbSettings settings, Map<Long, Long> windowArrivalNanos,
                                      Map<Long, Long> exfArrivalNanos, ConcurrentSkipListMap<Long, Long> writes,
                                      long firstWriteMs) {
        List<Double> endToVisible = new ArrayList<>();
        long nowNanos = System.nanoTime();
        long nowMs = System.currentTimeMillis();
        for (Map.Entry<Long, Long> w : windowArrivalNanos.entrySet()) {
            long closesAt = w.getKey() + settings.allowedLagMillis();
            Map.Entry<Long, Long> closing = writes.ceilingEntry(closesAt);
            if (closesAt < firstWriteMs || closing == null) {
                continue;
            }
            double arrivalMs = nowMs - (nowNanos - w.getValue()) / 1e6;
            endToVisible.add(arrivalMs - closesAt);
        }
        List<Double> baseline = new ArrayList<>();
        exfArrivalNanos.forEach((ts, arrival) -> {
            Long written = writes.get(ts);
            if (written != null) {
                baseline.add((arrival - written) / 1e6);
            }
        });
        double base = median(baseline);
        String baseName = "exf_latest set -> listener, median";
        return List.of(
                // Measured from when the window may close (its end plus the allowed lag) on the wall clock: what a
                // reader of acb_boost waits. The wall-clock heartbeat closes windows between exf samples.
                new BenchFigure(name(), "window_end + allowed lag -> acb_boost visible, median", median(endToVisible),
                        "ms", baseName, base, "value <= 300 ms"),
                new BenchFigure(name(), "window_end + allowed lag -> acb_boost visible, max", max(endToVisible),
                        "ms", baseName, base, "value <= 300 ms"));
    }

    private static long closedAfter(Map<Long, Long> windowArrivalNanos, long fromMs) {
        return windowArrivalNanos.keySet().stream().filter(end -> end >= fromMs).count();
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Notes when each acb_boost window and each exf_latest sample becomes visible to a listener. */
    private static final class Arrivals implements EntryAddedListener<String, String>,
            EntryUpdatedListener<String, String> {

        private final Map<Long, Long> windows;
        private final Map<Long, Long> samples;
        private final String eventTimeField;
        private final AcbBoostCodec codec = new AcbBoostCodec();

        Arrivals(Map<Long, Long> windows, Map<Long, Long> samples, String eventTimeField) {
            this.windows = windows;
            this.samples = samples;
            this.eventTimeField = eventTimeField;
        }

        @Override
        public void entryAdded(EntryEvent<String, String> e) {
            note(e.getKey(), e.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> e) {
            note(e.getKey(), e.getValue());
        }

        private void note(String key, String value) {
            long now = System.nanoTime();
            if (FeatureKeys.ACB_BOOST.equals(key)) {
                windows.putIfAbsent(Math.round(codec.decode(value).windowEnd() * 1000), now);
            } else if (FeatureKeys.EXF_LATEST.equals(key)) {
                Object ts = Json.parseObject(value).get(eventTimeField);
                samples.putIfAbsent(Math.round(((Number) ts).doubleValue() * 1000), now);
            }
        }
    }

    /** Three full rounds and their medians: {@code java ... io.dolphin.datalayer.bench.AcbBenchmark [--quick]}. */
    public static void main(String[] args) {
        boolean quick = List.of(args).contains("--quick");
        AcbBenchmark bench = new AcbBenchmark();
        List<List<BenchFigure>> rounds = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            List<BenchFigure> figures = bench.runRound(quick);
            figures.forEach(f -> System.out.printf("round %d  %-55s %8.1f %s   baseline %6.2f %s   ratio %6.1f%n",
                    rounds.size() + 1, f.name(), f.value(), f.unit(), f.baseline(), f.unit(), f.ratio()));
            rounds.add(figures);
        }
        for (int i = 0; i < rounds.get(0).size(); i++) {
            int k = i;
            double value = median(rounds.stream().map(fs -> fs.get(k).value()).toList());
            double base = median(rounds.stream().map(fs -> fs.get(k).baseline()).toList());
            System.out.printf("MEDIAN   %-55s %8.1f ms   baseline %6.2f ms   ratio %6.1f%n",
                    rounds.get(0).get(k).name(), value, base, value / base);
        }
    }
}
