package io.dolphin.datalayer.acb;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.metrics.Measurement;
import com.hazelcast.jet.impl.JobRepository;
import com.hazelcast.jet.pipeline.JournalInitialPosition;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.DeadLetterCodec;
import io.dolphin.datalayer.common.Json;
import io.dolphin.datalayer.common.JobDescriptors;
import io.dolphin.datalayer.common.DeadLetters;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.common.SqlMappings;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.support.TestCluster;
import io.dolphin.datalayer.acb.AcbScript.Expected;
import io.dolphin.datalayer.acb.AcbScript.Sample;
import com.hazelcast.sql.SqlResult;
import com.hazelcast.sql.SqlRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static io.dolphin.datalayer.acb.AcbScript.SIZE;
import static io.dolphin.datalayer.acb.AcbScript.SLIDE;
import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production pipeline on real members: factors are written into DOLPHIN_FEATURES["exf_latest"] and read back
 * from the map's journal; the results are read from the journal as the warm sink would see them, and compared with
 * {@link AcbScript}'s independent computation. The heartbeat runs on a scripted clock so event time can be moved
 * through minutes in milliseconds.
 */
class AcbJobTest {

    private static final long MIN = 60_000;
    /** The heartbeat's clock; a static field so the job, deserialized in this JVM, reads the same one. */
    private static final AtomicLong CLOCK = new AtomicLong();

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void when_scriptedFactorStreamWithBadValues_then_everyWindowMatchesAndBadValuesDeadLettered() throws Exception {
        // Given half of an 8-minute factor stream already in the journal before the job starts
        HazelcastInstance member = cluster.newMember();
        IMap<String, String> features = member.getMap(DolphinMaps.FEATURES);
        long t0 = AcbScript.startInThePast();
        List<Sample> script = AcbScript.samples(t0, t0, t0 + 8 * MIN);
        write(features, script.subList(0, script.size() / 2));
        Job job = submit(member, descriptorSettings(), 5_000);

        // When the rest arrives live, with a bad value of each kind among it, and the factors then stop
        List<String> bad = badValues();
        List<Sample> rest = script.subList(script.size() / 2, script.size());
        for (int i = 0; i < rest.size(); i++) {
            write(features, List.of(rest.get(i)));
            if (i % 50 == 0 && i / 50 < bad.size()) {
                features.set(FeatureKeys.EXF_LATEST, bad.get(i / 50));
            }
        }
        CLOCK.set(t0 + 8 * MIN + SIZE + 1_000);

        // Then every window holding samples was written once, in order, with the independently computed values
        List<Expected> expected = AcbScript.expectedWindows(script, t0 + 8 * MIN + SIZE);
        assertEquals(25, expected.size());
        assertHistory(member, expected);
        // and each bad value is a dead letter with its reason, counted, without costing a good sample
        assertEventually(() -> assertEquals(bad.size(), acbDeadLetters(member).size()));
        for (DeadLetter d : acbDeadLetters(member)) {
            assertTrue(bad.contains(d.payload()), d.payload());
            assertTrue(d.reason().startsWith("exf_latest"), d.reason());
        }
        assertEventually(() -> assertEquals(bad.size(), metric(job, DeadLetters.METRIC)));
    }

    @Test
    void when_memberDiesMidStream_then_windowStateRestoredNoWindowLostNoneRewritten() throws Exception {
        // Given two members and a job that reads only what arrives after it started: after a restart only its
        // snapshot can bring back the samples of the open windows
        HazelcastInstance[] members = cluster.newMembers(2);
        HazelcastInstance survivor = members[0];
        IMap<String, String> features = survivor.getMap(DolphinMaps.FEATURES);
        long t0 = AcbScript.startInThePast();
        CLOCK.set(t0);
        Job job = submit(survivor, descriptorSettings().withJournalStart(JournalInitialPosition.START_FROM_CURRENT),
                200);
        List<JobStatus> statuses = new CopyOnWriteArrayList<>();
        job.addStatusListener(e -> statuses.add(e.getNewStatus()));
        awaitReading(survivor, features);
        List<Sample> script = AcbScript.samples(t0, t0, t0 + 9 * MIN);

        write(features, between(script, t0, t0 + 4 * MIN));
        assertEventually(() -> assertWrittenThrough(survivor, t0 + 3 * MIN + 30_000));
        JobRepository jobs = new JobRepository(survivor);
        long snapshotBefore = jobs.getJobExecutionRecord(job.getId()).snapshotId();
        assertEventually(() -> assertTrue(jobs.getJobExecutionRecord(job.getId()).snapshotId() >= snapshotBefore + 2));
        // and windows closed after that snapshot, which the restarted job will close a second time
        write(features, between(script, t0 + 4 * MIN, t0 + 6 * MIN));
        assertEventually(() -> assertWrittenThrough(survivor, t0 + 5 * MIN + 30_000));

        // When a member dies and the job restarts from its last snapshot
        members[1].getLifecycleService().terminate();
        assertEventually(() -> {
            int lastRunning = statuses.lastIndexOf(JobStatus.RUNNING);
            assertTrue(lastRunning > 0 && statuses.subList(0, lastRunning).stream().anyMatch(s -> s != JobStatus.RUNNING),
                    "restart not seen yet: " + statuses);
        });
        write(features, between(script, t0 + 6 * MIN, t0 + 9 * MIN));
        CLOCK.set(t0 + 9 * MIN + SIZE + 1_000);

        // Then every window is there exactly once, with the values of an uninterrupted run
        assertHistory(survivor, AcbScript.expectedWindows(script, t0 + 9 * MIN + SIZE));
    }

    @Test
    void when_factorsMissingForTwoMinutes_then_windowsCloseOnTimeReportingTheirSamples() throws Exception {
        // Given five minutes of factors
        HazelcastInstance member = cluster.newMember();
        SqlMappings.apply(member);
        IMap<String, String> features = member.getMap(DolphinMaps.FEATURES);
        long t0 = AcbScript.startInThePast();
        CLOCK.set(t0);
        Job job = submit(member, descriptorSettings(), 5_000);
        List<Sample> script = new ArrayList<>(AcbScript.samples(t0, t0, t0 + 5 * MIN));
        write(features, script);
        assertEventually(() -> assertWrittenThrough(member, t0 + 4 * MIN + 30_000));

        // When no factor arrives for two minutes while the clock runs on
        CLOCK.set(t0 + 7 * MIN);

        // Then the gap's windows are written before any factor returns, each saying how many samples it had
        assertEventually(() -> assertWrittenThrough(member, t0 + 6 * MIN + 30_000));
        List<Long> gapSamples = new ArrayList<>();
        for (String v : history(member)) {
            double end = ((Number) Json.parseObject(v).get("window_end")).doubleValue();
            if (end * 1000 > t0 + 5 * MIN) {
                gapSamples.add(((Number) Json.parseObject(v).get("samples")).longValue());
            }
        }
        assertEquals(List.of(540L, 480L, 420L), gapSamples);

        // When factors return for a minute and then stop for longer than the window
        List<Sample> back = AcbScript.samples(t0, t0 + 7 * MIN, t0 + 8 * MIN);
        write(features, back);
        script.addAll(back);
        CLOCK.set(t0 + 15 * MIN);

        // Then the windows without any sample are closed but not written: the last value with samples stays
        List<Expected> expected = AcbScript.expectedWindows(script, t0 + 15 * MIN);
        assertEquals(t0 + 12 * MIN + 30_000, expected.get(expected.size() - 1).windowEnd());
        assertHistory(member, expected);
        assertEventually(() -> assertTrue(metric(job, AcbJob.METRIC_THIN_WINDOWS) >= 4));
        assertEquals(expected.size(), history(member).size(), "an empty window must not be written");
        // and its age is visible: ts is the end of its window, and its one minute of samples is older still
        try (SqlResult r = member.getSql().execute("SELECT samples, ts_s, last_sample_at FROM v_acb_boost")) {
            SqlRow row = r.iterator().next();
            assertEquals(60L, (Long) row.getObject("samples"));
            assertEquals((t0 + 12 * MIN + 30_000) / 1000.0, (Double) row.getObject("ts_s"));
            assertEquals(java.time.Instant.ofEpochMilli(t0 + 8 * MIN - 500),
                    row.<java.time.OffsetDateTime>getObject("last_sample_at").toInstant());
        }
    }

    @Test
    void when_valuesCarryNoTimestamp_then_timedByReadTimeAndCounted() throws Exception {
        // Given the production pipeline, wall clock and all, with one-second windows to keep the test short
        HazelcastInstance member = cluster.newMember();
        IMap<String, String> features = member.getMap(DolphinMaps.FEATURES);
        AcbSettings d = descriptorSettings();
        AcbSettings fast = new AcbSettings(2_000, 1_000, d.allowedLagMillis(), d.partitionIdleTimeoutMillis(),
                d.heartbeatIntervalMillis(), d.eventTimeField(), d.maxFutureSkewMillis(), d.journalStart(),
                d.minSamples(), AcbFormula.reference());
        Job job = submit(member, AcbJob.pipeline(fast), 5_000);

        // When exf_latest values without _ts keep arriving
        assertEventually(() -> {
            features.set(FeatureKeys.EXF_LATEST, "{\"dvol\": 60.0, \"taker\": 0.5}");
            assertNotNull(features.get(FeatureKeys.ACB_BOOST));
        });

        // Then windows are written in wall-clock time, with dvol and taker always stressed: 2 signals
        Map<String, Object> v = Json.parseObject(features.get(FeatureKeys.ACB_BOOST));
        assertEquals(2.0, ((Number) v.get("signals")).doubleValue(), 1e-12);
        assertEquals(0.5, ((Number) v.get("beta")).doubleValue(), 1e-12);
        assertEquals(1.25, ((Number) v.get("boost")).doubleValue(), 1e-12);
        double ageSeconds = System.currentTimeMillis() / 1000.0 - ((Number) v.get("ts")).doubleValue();
        assertTrue(ageSeconds > -1 && ageSeconds < 30, "age " + ageSeconds);
        assertEventually(() -> assertTrue(metric(job, AcbJob.METRIC_INGESTION_TIME) > 0));
    }

    @Test
    void when_restartedAfterADowntime_then_theRestoredSampleWritesNoWindowOfTheDowntime() throws Exception {
        // Given a cluster back after ten minutes down: hz-warmup put back the last factor sample from before the
        // downtime, and it is the only one the journal holds
        HazelcastInstance member = cluster.newMember();
        SqlMappings.apply(member);
        IMap<String, String> features = member.getMap(DolphinMaps.FEATURES);
        long t0 = AcbScript.startInThePast();
        Sample restored = AcbScript.samples(t0, t0, t0 + 500).get(0);
        features.set(FeatureKeys.EXF_LATEST, restored.json());
        long back = t0 + 10 * MIN;
        CLOCK.set(back);

        // When acb starts (from the journal's oldest event, as shipped) and factors flow again for two minutes
        Job job = submit(member, descriptorSettings(), 5_000);
        write(features, AcbScript.samples(t0, back, back + 2 * MIN));
        CLOCK.set(back + 2 * MIN + 10_000);
        assertEventually(() -> assertWrittenThrough(member, back + 2 * MIN));

        // Then no window that ended in the downtime is written from the one old sample: only the one whose last
        // slide holds it (a window the job before the downtime would have closed), then the live windows
        List<Long> ends = new ArrayList<>();
        for (String v : history(member)) {
            ends.add(Math.round(((Number) Json.parseObject(v).get("window_end")).doubleValue() * 1000));
        }
        List<Long> inDowntime = ends.stream().filter(e -> e > t0 + SLIDE && e <= back).toList();
        assertEquals(List.of(), inDowntime, "windows of the downtime written: " + ends);
        assertTrue(ends.stream().anyMatch(e -> e > back), "no live window: " + ends);
        assertEventually(() -> assertTrue(metric(job, AcbJob.METRIC_UNOBSERVED_WINDOWS) >= SIZE / SLIDE - 1));
    }

    // ------------------------------------------------------------------------------------------------------------

    /**
     * The shipped settings, but with the journal held idle-proof for 2 s: these tests tick the heartbeat by a scripted
     * clock that runs ahead of wall time, so a pause of the test's writer (GC, a loaded CI machine) longer than the
     * shipped 250 ms would let the script's clock overtake samples the script has yet to write.
     */
    private static AcbSettings descriptorSettings() {
        return AcbSettings.from(JobDescriptors.load(AcbJob.DESCRIPTOR_ID, Map.of()).settings())
                .withPartitionIdleTimeout(2_000);
    }

    private static Job submit(HazelcastInstance member, AcbSettings settings, long snapshotMillis) {
        return submit(member, AcbJob.pipeline(settings, AcbJob.exfJournal(settings.journalStart()), () -> CLOCK.get()),
                snapshotMillis);
    }

    private static Job submit(HazelcastInstance member, Pipeline pipeline, long snapshotMillis) {
        JobConfig config = JobDescriptors.load(AcbJob.DESCRIPTOR_ID, Map.of()).jobConfig()
                .setSnapshotIntervalMillis(snapshotMillis);
        Job job = member.getJet().newJob(pipeline, config);
        assertEventually(() -> assertEquals(JobStatus.RUNNING, job.getStatus()));
        return job;
    }

    /** Writes the samples in order and moves the heartbeat's clock with them, as a live feed would. */
    private static void write(IMap<String, String> features, List<Sample> samples) {
        for (Sample s : samples) {
            CLOCK.set(s.tsMillis());
            features.set(FeatureKeys.EXF_LATEST, s.json());
        }
    }

    private static List<Sample> between(List<Sample> script, long from, long to) {
        return script.stream().filter(s -> s.tsMillis() >= from && s.tsMillis() < to).toList();
    }

    /** A job reading from the journal's current end sees only later writes: probe until it dead-letters one. */
    private static void awaitReading(HazelcastInstance member, IMap<String, String> features) {
        String probe = "{\"probe\": \"is dolphin-acb reading?\"}";
        assertEventually(() -> {
            features.set(FeatureKeys.EXF_LATEST, probe);
            assertTrue(deadLetters(member).stream().anyMatch(d -> d.payload().equals(probe)));
        });
    }

    private static List<String> badValues() {
        long future = System.currentTimeMillis() / 1000 + 3_600;
        return List.of("not json", "[1, 2]", "{\"dvol\": \"high\"}", "{\"oi_btc\": 97583.5}",
                "{\"dvol\": 60, \"_ts\": \"now\"}", "{\"dvol\": 60, \"_ts\": 1776269558412}",
                "{\"dvol\": 60, \"_ts\": " + future + "}");
    }

    private static List<String> history(HazelcastInstance member) throws Exception {
        return JournalHistory.values(member, DolphinMaps.FEATURES, FeatureKeys.ACB_BOOST);
    }

    private static void assertWrittenThrough(HazelcastInstance member, long windowEnd) throws Exception {
        List<String> h = history(member);
        assertFalse(h.isEmpty(), "no acb_boost yet");
        double last = ((Number) Json.parseObject(h.get(h.size() - 1)).get("window_end")).doubleValue();
        assertTrue(last * 1000 >= windowEnd, "last window_end " + (long) (last * 1000) + ", waiting for " + windowEnd);
    }

    /** The journal holds exactly the expected windows, in order, once each. */
    private static void assertHistory(HazelcastInstance member, List<Expected> expected) throws Exception {
        assertEventually(() -> assertEquals(expected.size(), history(member).size(), "windows written"));
        List<String> written = history(member);
        for (int i = 0; i < expected.size(); i++) {
            AcbScript.assertMatches(expected.get(i), written.get(i));
        }
        for (int i = 1; i < expected.size(); i++) {
            assertEquals(SLIDE, expected.get(i).windowEnd() - expected.get(i - 1).windowEnd(), "no window lost");
        }
    }

    private static List<DeadLetter> deadLetters(HazelcastInstance member) {
        IMap<String, String> dead = member.getMap(DolphinMaps.DEAD_LETTERS);
        DeadLetterCodec codec = new DeadLetterCodec();
        List<DeadLetter> out = new ArrayList<>();
        for (String v : dead.values()) {
            DeadLetter d = codec.decode(v);
            if (d.job().equals(AcbJob.JOB_NAME)) {
                out.add(d);
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static List<DeadLetter> acbDeadLetters(HazelcastInstance member) {
        return deadLetters(member).stream().filter(d -> !d.payload().contains("probe")).toList();
    }

    private static long metric(Job job, String name) {
        return job.getMetrics().get(name).stream().mapToLong(Measurement::value).sum();
    }
}
