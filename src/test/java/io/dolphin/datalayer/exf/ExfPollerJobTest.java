package io.dolphin.datalayer.exf;

import com.hazelcast.sql.SqlResult;
import com.hazelcast.sql.SqlRow;
import io.dolphin.datalayer.common.Json;
import io.dolphin.datalayer.common.SqlMappings;
import io.dolphin.datalayer.sim.FactorEndpoints;
import io.dolphin.datalayer.support.ReferenceExamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job on a real member against a real local HTTP server: recorded payloads, the simulator, schedules. */
class ExfPollerJobTest {

    private static ExfHarness harness;

    @BeforeAll
    static void start() {
        harness = new ExfHarness();
    }

    @AfterEach
    void resetJob() {
        harness.reset();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void when_recordedPayloadOfEveryDefaultEndpoint_then_exfLatestCarriesTheReferenceValues() {
        // Given every default endpoint answering with a recorded payload
        harness.serveRecorded();
        // When the job runs with the shipped descriptor
        harness.submit(Map.of());
        // Then exf_latest has the reference's fields, in its order, with the recorded values
        assertEventually(() -> {
            ExternalFactors f = harness.latest();
            assertNotNull(f);
            assertEquals(ExternalFactors.REFERENCE_FIELDS, List.copyOf(f.factors().keySet()));
        });
        String json = harness.latestJson();
        ExternalFactors published = new ExternalFactorsCodec().decode(json);
        ExternalFactors reference = new ExternalFactorsCodec().decode(ReferenceExamples.json(ReferenceExamples.EXF_LATEST));
        for (String field : ExternalFactors.REFERENCE_FIELDS) {
            if (!field.endsWith("_lagged")) {
                assertEquals(reference.get(field), published.get(field), 1e-12, field);
            }
        }
        assertEquals(published.fundingBtc(), published.get("funding_btc_lagged"), "lag history is still warming");
        assertEquals(List.of("funding_btc_lagged", "taker_lagged"), published.stale());
        assertEquals(List.copyOf(published.factors().keySet()), List.copyOf(published.ageSeconds().keySet()));
        assertTrue(Math.abs(published.ts() - System.currentTimeMillis() / 1000.0) < 30, "_ts is epoch seconds");
        List<String> keys = new ArrayList<>(Json.parseObject(json).keySet());
        assertEquals(ExternalFactors.REFERENCE_FIELDS, keys.subList(0, 13));
        assertEquals(List.of("_ts", "_age_s", "_stale"), keys.subList(13, keys.size()));
        // and the warm sink's exf_data row and the SQL view read it
        var row = new io.dolphin.datalayer.exf.ExfRowMapper().rows(new io.dolphin.datalayer.common.JournalEvent(1,
                "DOLPHIN_FEATURES", 0, 0, "exf_latest", json, null, false, false, 0), false).get(0);
        assertEquals(-5.085e-05, ((Number) row.get("funding_rate")).doubleValue(), 1e-12);
        assertEquals(0.5317, ((Number) row.get("taker_ratio")).doubleValue(), 1e-6);
        assertSqlView();
    }

    @Test
    void when_metaTurnedOff_then_exactlyTheReferenceShape() {
        harness.serveRecorded();
        harness.submit(Map.of("DOLPHIN_EXF_PUBLISH_META", "false"));
        assertEventually(() -> assertEquals(ExternalFactors.REFERENCE_FIELDS,
                new ArrayList<>(Json.parseObject(harness.latestJson()).keySet())));
    }

    @Test
    void when_pollingTheSimulator_then_everyFactorPlausibleAndRefreshedEveryHalfSecond() {
        harness.submit(Map.of());
        assertEventually(() -> {
            ExternalFactors f = harness.latest();
            assertNotNull(f);
            assertEquals(13, f.factors().size(), f.toString());
        });
        ExternalFactors f = harness.latest();
        assertTrue(Math.abs(f.fundingBtc()) < 0.01 && Math.abs(f.get("funding_eth")) < 0.01, f.toString());
        assertTrue(f.get("oi_btc") > 0 && f.get("oi_eth") > 0, f.toString());
        assertTrue(f.get("ls_btc") > 0 && f.get("ls_eth") > 0 && f.taker() > 0, f.toString());
        assertTrue(Math.abs(f.get("basis")) < 5, f.toString());
        assertTrue(Math.abs(f.get("imbalance_btc")) <= 1, f.toString());
        assertTrue(f.dvol() > 10 && f.dvol() < 200, f.toString());
        assertTrue(f.fearGreed() >= 0 && f.fearGreed() <= 100, f.toString());
        assertTrue(List.of("funding_btc_lagged", "taker_lagged").containsAll(f.stale()), f.stale().toString());
        // the 1 s order-book endpoint moves, and exf_latest is rewritten every 0.5 s whether or not it moved
        double imbalance = f.get("imbalance_btc");
        assertEventually(() -> assertNotEquals(imbalance, harness.latest().get("imbalance_btc")));
        long published = harness.metric(ExfPollerJob.METRIC_PUBLISHED);
        double ts = harness.latest().ts();
        assertEventually(() -> {
            assertTrue(harness.latest().ts() >= ts + 2.0);
            assertTrue(harness.metric(ExfPollerJob.METRIC_PUBLISHED) >= published + 3);
        });
    }

    @Test
    void when_endpointsHaveTheirOwnIntervals_then_eachPolledOnItsOwnSchedule() {
        // Given a 100 ms and a 1 s endpoint
        String body = ExfHarness.recorded("premiumIndex_BTCUSDT.json");
        harness.server.override("/fast", FactorEndpoints.Reply.json(body));
        harness.server.override("/slow", FactorEndpoints.Reply.json(body));
        harness.submit(Map.of("DOLPHIN_EXF_LAGGED", "[]", "DOLPHIN_EXF_ENDPOINTS", """
                [{name: fast, url: '{base}/fast', interval-ms: 100, fields: {funding_btc: '$.lastFundingRate'}},
                 {name: slow, url: '{base}/slow', interval-ms: 1000, fields: {funding_sol: '$.lastFundingRate'}}]
                """));
        // When the slow one has been asked three times (about two seconds)
        assertEventually(() -> assertTrue(harness.server.requests("/slow") >= 3));
        // Then the fast one was asked many more times, and the factor added in the descriptor is published
        int fast = harness.server.requests("/fast");
        int slow = harness.server.requests("/slow");
        assertTrue(fast >= 10 && fast >= 4 * (slow - 1), "fast " + fast + ", slow " + slow);
        assertEventually(() -> assertEquals(-5.085e-05, harness.latest().get("funding_sol")));
        harness.server.clearOverride("/fast");
        harness.server.clearOverride("/slow");
    }

    @Test
    void when_idleBetweenPolls_then_cpuStaysLow() {
        // Given two endpoints polled every 500 ms and a publication every 500 ms: mostly waiting
        String body = ExfHarness.recorded("premiumIndex_BTCUSDT.json");
        harness.server.override("/idle-a", FactorEndpoints.Reply.json(body));
        harness.server.override("/idle-b", FactorEndpoints.Reply.json(body));
        harness.submit(Map.of("DOLPHIN_EXF_LAGGED", "[]", "DOLPHIN_EXF_ENDPOINTS", """
                [{name: a, url: '{base}/idle-a', interval-ms: 500, fields: {funding_btc: '$.lastFundingRate'}},
                 {name: b, url: '{base}/idle-b', interval-ms: 500, fields: {funding_eth: '$.lastFundingRate'}}]
                """));
        assertEventually(() -> assertNotNull(harness.latest()));
        // When it runs for another 16 polls (about four seconds)
        int polls = harness.server.requests("/idle-");
        CpuMeter meter = new CpuMeter();
        assertEventually(() -> assertTrue(harness.server.requests("/idle-") >= polls + 16));
        meter.stop();
        // Then the source's thread slept almost all the time (spinning it would use a whole core), and the whole
        // JVM (member, JIT, GC, the HTTP server, this test) used a small share of one core
        System.out.printf("exf-poller idle over %.1f s: source thread %.4f, process %.3f of one core%n",
                meter.wallNanos / 1e9, meter.sourceShare(), meter.processShare());
        assertTrue(meter.sourceShare() < 0.05, "source thread CPU while idle: " + meter.sourceShare());
        assertTrue(meter.processShare() < 0.6, "process CPU while idle: " + meter.processShare());
        harness.server.clearOverride("/idle-a");
        harness.server.clearOverride("/idle-b");
    }

    private static void assertSqlView() {
        SqlMappings.apply(harness.member);
        try (SqlResult result = harness.member.getSql().execute(
                "SELECT funding_btc, taker, dvol, fear_greed, published_at, stale FROM v_exf_latest")) {
            SqlRow row = result.iterator().next();
            assertEquals(-5.085e-05, (Double) row.getObject("funding_btc"));
            assertEquals(52.34, (Double) row.getObject("dvol"));
            assertNotNull(row.getObject("published_at"));
            String stale = row.getObject("stale");
            assertEquals("[\"funding_btc_lagged\",\"taker_lagged\"]", stale);
        }
    }

    /**
     * CPU used between construction and {@link #stop()}: by the whole process, and by Jet's threads for
     * non-cooperative processors, where the only non-cooperative processor of this job, the HTTP source, runs.
     */
    static final class CpuMeter {
        private static final String SOURCE_THREADS = ".jet.blocking.thread";
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final long process0 = processCpuNanos();
        private final Map<Long, Long> source0 = sourceThreadCpu();
        private final long wall0 = System.nanoTime();
        long wallNanos;
        long processNanos;
        long sourceNanos;

        void stop() {
            wallNanos = System.nanoTime() - wall0;
            processNanos = processCpuNanos() - process0;
            Map<Long, Long> source1 = sourceThreadCpu();
            assertTrue(!source1.isEmpty(), "no thread named *" + SOURCE_THREADS + "*: Hazelcast renamed them?");
            source1.forEach((id, cpu) -> sourceNanos += cpu - source0.getOrDefault(id, 0L));
        }

        double processShare() {
            return processNanos / (double) wallNanos;
        }

        double sourceShare() {
            return sourceNanos / (double) wallNanos;
        }

        private Map<Long, Long> sourceThreadCpu() {
            Map<Long, Long> cpu = new HashMap<>();
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().contains(SOURCE_THREADS)) {
                    cpu.put(info.getThreadId(), threads.getThreadCpuTime(info.getThreadId()));
                }
            }
            return cpu;
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }
}
