package io.dolphin.datalayer.scanbridge;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.metrics.Measurement;
import com.hazelcast.jet.pipeline.JournalInitialPosition;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.Sources;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.DeadLetterCodec;
import io.dolphin.datalayer.common.DeadLetters;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.support.TestCluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A member, the scan-bridge job on a temporary scan root, and readers for what it produced: the key, the
 * dead letters, the map's event journal (read by a second Jet job, as the warm sink reads it) and the job's metrics.
 */
final class ScanBridgeFixture implements AutoCloseable {

    /** Short settle time: tests of incomplete files wait for it. */
    static final Duration SETTLE = Duration.ofMillis(400);
    private static final AtomicInteger JOB_IDS = new AtomicInteger();

    final TestCluster cluster = new TestCluster();
    final HazelcastInstance member;

    ScanBridgeFixture() {
        member = cluster.newMember(memberConfig());
    }

    static Config memberConfig() {
        Config config = TestCluster.memberConfig();
        // Metrics reach job.getMetrics() at this period; the deployed 5 s would slow every metric assertion.
        config.getMetricsConfig().setCollectionFrequencySeconds(1);
        return config;
    }

    static ScanBridgeSettings settings(Path root) {
        return new ScanBridgeSettings(root.toString(), Duration.ofMillis(100), true, SETTLE, ".arrow", 2, 256,
                "BTCUSDT");
    }

    Job start(ScanBridgeSettings settings) {
        return start(settings, 500);
    }

    Job start(ScanBridgeSettings settings, long snapshotIntervalMillis) {
        JobConfig config = new JobConfig()
                .setName(ScanBridgeJob.JOB_NAME + "-" + JOB_IDS.incrementAndGet())
                .setProcessingGuarantee(ProcessingGuarantee.EXACTLY_ONCE)
                .setSnapshotIntervalMillis(snapshotIntervalMillis)
                .setMetricsEnabled(true);
        Job job = member.getJet().newJob(ScanBridgeJob.pipeline(settings), config);
        assertEventually(() -> assertEquals(JobStatus.RUNNING, job.getStatus()));
        return job;
    }

    /** Collects the scan numbers of every journaled update of latest_eigen_scan in [from, to) into a list. */
    String startJournalReader(long from, long to) {
        String list = "journal-" + JOB_IDS.incrementAndGet();
        Pipeline p = Pipeline.create();
        // Events of one key sit in one partition, in order; the reader must not reorder them itself.
        p.setPreserveOrder(true);
        p.readFrom(Sources.<String, String>mapJournal(DolphinMaps.FEATURES, JournalInitialPosition.START_FROM_OLDEST))
                .withoutTimestamps()
                .filter(e -> FeatureKeys.LATEST_EIGEN_SCAN.equals(e.getKey()))
                .map(e -> PublishIfNewer.scanNumberOf(e.getValue()))
                .filter(n -> n >= from && n < to)
                .writeTo(Sinks.list(list));
        member.getJet().newJob(p, new JobConfig().setName(list));
        return list;
    }

    List<Long> journal(String list) {
        return new ArrayList<>(member.<Long>getList(list));
    }

    IMap<String, String> features() {
        return member.getMap(DolphinMaps.FEATURES);
    }

    long latestScanNumber() {
        return PublishIfNewer.scanNumberOf(features().get(FeatureKeys.LATEST_EIGEN_SCAN));
    }

    String latestJson() {
        return features().get(FeatureKeys.LATEST_EIGEN_SCAN);
    }

    /** Dead letters keyed by their {@code source}. */
    Map<String, DeadLetter> deadLetters() {
        IMap<String, String> map = member.getMap(DolphinMaps.DEAD_LETTERS);
        DeadLetterCodec codec = new DeadLetterCodec();
        Map<String, DeadLetter> out = new java.util.TreeMap<>();
        map.values().forEach(v -> {
            DeadLetter d = codec.decode(v);
            out.put(d.source(), d);
        });
        return out;
    }

    static long metric(Job job, String name) {
        List<Measurement> m = job.getMetrics().get(name);
        return m.stream().mapToLong(Measurement::value).sum();
    }

    static long deadLetterMetric(Job job) {
        return metric(job, DeadLetters.METRIC);
    }

    /** Empties the maps between tests of one class; the journal keeps old events, hence the scan-number ranges. */
    void reset() {
        member.getJet().getJobs().forEach(j -> {
            if (!j.getStatus().isTerminal()) {
                j.cancel();
            }
        });
        assertEventually(() -> member.getJet().getJobs().forEach(j ->
                assertEquals(true, j.getStatus().isTerminal(), j.getName() + " " + j.getStatus())));
        features().clear();
        member.getMap(DolphinMaps.DEAD_LETTERS).clear();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
