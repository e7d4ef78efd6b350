package io.dolphin.datalayer.exf;

import com.hazelcast.jet.core.JobStatus;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.sim.FactorEndpoints.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.dolphin.datalayer.exf.ExfHarness.recorded;
import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One job, one endpoint per kind of failure. Every endpoint first answers with the recorded premium-index
 * payload (funding -0.00005085), then, all at once, each starts failing its own way while "happy" keeps answering.
 */
class ExfPollerFailuresTest {

    private static final double GOOD = -5.085e-05;
    /** Polled every 100 ms, published every 500 ms: normally < 0.6 s; generous for a loaded build machine. */
    private static final double HAPPY_MAX_AGE_S = 3.0;
    private static final List<String> FAILING =
            List.of("timeout", "http4xx", "http5xx", "http429", "malformed", "missing", "nonnumeric");

    private static ExfHarness harness;
    private static long failingSinceMs;
    private static int deadRequestsAtSwitch;
    private static int happyRequestsBefore;

    @BeforeAll
    static void startAndBreakEndpoints() {
        harness = new ExfHarness();
        String good = recorded("premiumIndex_BTCUSDT.json");
        StringBuilder endpoints = new StringBuilder("[");
        for (String name : concat("happy", FAILING, "dead")) {
            harness.server.override("/" + name, Reply.json(good));
            String timeout = name.equals("timeout") ? "300" : name.equals("dead") ? "120000" : "2000";
            endpoints.append("{name: ").append(name).append(", url: '{base}/").append(name)
                    .append("', interval-ms: 100, timeout-ms: ").append(timeout)
                    .append(", stale-after-ms: 1000, fields: {f_").append(name).append(": '$.lastFundingRate'}},");
        }
        // a dead-letter interval far longer than this test: each endpoint and kind is dead-lettered exactly once
        harness.submit(Map.of("DOLPHIN_EXF_ENDPOINTS", endpoints.append("]").toString(), "DOLPHIN_EXF_LAGGED", "[]",
                "DOLPHIN_EXF_MAX_BACKOFF_MS", "400", "DOLPHIN_EXF_DEAD_LETTER_INTERVAL_MS", "600000"));
        assertEventually(() -> {
            ExternalFactors f = harness.latest();
            assertNotNull(f);
            assertEquals(9, f.factors().size(), f.toString());
            assertTrue(f.stale().isEmpty(), f.toString());
        });
        failingSinceMs = System.currentTimeMillis();
        // Switch "dead" first and count its requests only then: a 100 ms poll landing between a count and the switch
        // would be answered and followed by the hanging one. From here on every new request hangs, and the poller
        // keeps one request per endpoint in flight, so at most one more can arrive (none if the poll in flight at
        // the switch is the one left hanging).
        harness.server.override("/dead", Reply.hang());
        deadRequestsAtSwitch = harness.server.requests("/dead");
        happyRequestsBefore = harness.server.requests("/happy");
        harness.server.override("/timeout", Reply.json(good).delayed(2_000));
        harness.server.override("/http4xx", Reply.status(400, recorded("error_400_invalid_symbol.json")));
        harness.server.override("/http5xx", Reply.status(503, recorded("error_503_unavailable.html")));
        harness.server.override("/http429", Reply.status(429, recorded("error_429_too_many_requests.json"))
                .withHeader("Retry-After", "2"));
        harness.server.override("/malformed", Reply.json(recorded("premiumIndex_BTCUSDT_truncated.json")));
        harness.server.override("/missing", Reply.json(recorded("premiumIndex_BTCUSDT_no_funding.json")));
        harness.server.override("/nonnumeric", Reply.json(recorded("premiumIndex_BTCUSDT_non_numeric.json")));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void when_timeout_then_lastGoodKeptAgedCountedAndDeadLettered() {
        assertFailureHandled("timeout", "timeout", "no response within 300 ms", null);
    }

    @Test
    void when_http4xx_then_lastGoodKeptAgedCountedAndDeadLettered() {
        assertFailureHandled("http4xx", "http-4xx", "HTTP 400", "Invalid symbol.");
    }

    @Test
    void when_http5xx_then_lastGoodKeptAgedCountedAndDeadLettered() {
        assertFailureHandled("http5xx", "http-5xx", "HTTP 503", "503 Service Temporarily Unavailable");
    }

    @Test
    void when_http429_then_lastGoodKeptAgedCountedAndDeadLettered() {
        assertFailureHandled("http429", "http-429", "Retry-After 2.0 s honoured", "Too many requests");
    }

    @Test
    void when_malformedJson_then_lastGoodKeptAgedCountedAndDeadLettered() {
        assertFailureHandled("malformed", "malformed-json", "not valid JSON", "\"indexPrice\":\"84510.2645");
    }

    @Test
    void when_fieldMissing_then_lastGoodKeptAgedCountedAndDeadLettered() {
        assertFailureHandled("missing", "field-missing", "'$.lastFundingRate' is missing", "interestRate");
    }

    @Test
    void when_valueNotNumeric_then_lastGoodKeptAgedCountedAndDeadLettered() {
        assertFailureHandled("nonnumeric", "not-numeric", "is not a number: \"\"", "\"lastFundingRate\":\"\"");
    }

    @Test
    void when_429WithRetryAfter_then_nextRequestWaitsAtLeastThatLong() {
        // interval 100 ms, backoff cap 400 ms: without Retry-After these would be at most 400 ms apart
        assertEventually(() -> assertTrue(requestsSinceFailing("/http429").size() >= 3));
        List<Long> times = requestsSinceFailing("/http429");
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i) - times.get(i - 1) >= 1_990, "gap " + (times.get(i) - times.get(i - 1)) + " ms");
        }
    }

    @Test
    void when_endpointHangs_then_othersKeepTheirInterval() {
        // Given "dead" hangs with a 2-minute timeout: its poll never finishes during this test
        assertEventually(() -> assertTrue(harness.server.requests("/happy") >= happyRequestsBefore + 30));
        // Then it was asked at most once more and is still waiting, while "happy" kept its 100 ms schedule and stays
        // fresh (a poller that gave up on it or asked again at its interval would show up here ~30 times)
        int deadRequests = harness.server.requests("/dead");
        assertTrue(deadRequests - deadRequestsAtSwitch <= 1,
                deadRequests + " requests to /dead, " + deadRequestsAtSwitch + " when it started hanging");
        ExternalFactors f = harness.latest();
        assertTrue(f.ageSeconds().get("f_happy") < HAPPY_MAX_AGE_S, f.toString());
        assertEquals(GOOD, f.get("f_dead"));
        assertEventually(() -> assertTrue(harness.latest().isStale("f_dead")));
    }

    @Test
    void when_endpointsKeepFailing_then_deadLettersRateLimitedAndJobRunning() {
        // every failure counted, one dead letter per endpoint and kind per dead-letter interval
        assertEventually(() -> {
            assertTrue(harness.metric(ExfPollerJob.METRIC_FAILURES) >= 40, "failures");
            assertEquals(FAILING.size(), harness.metric("deadLetters"));
        });
        assertEquals(FAILING.size(), harness.deadLetters().size());
        assertEquals(0, harness.metric(ExfPollerJob.METRIC_FAILURES + "_happy"));
        assertEquals(JobStatus.RUNNING, harness.job().getStatus());
    }

    private static void assertFailureHandled(String endpoint, String kind, String reasonPart, String payloadPart) {
        String field = "f_" + endpoint;
        AtomicReference<Double> firstAge = new AtomicReference<>();
        // Then the last good value stays, marked stale, with its age published
        assertEventually(() -> {
            ExternalFactors f = harness.latest();
            assertEquals(GOOD, f.get(field));
            assertTrue(f.isStale(field), f.stale().toString());
            firstAge.set(f.ageSeconds().get(field));
        });
        assertEventually(() -> assertTrue(harness.latest().ageSeconds().get(field) > firstAge.get() + 0.5));
        // and the failure is counted and dead-lettered with the reason
        assertEventually(() -> assertTrue(harness.metric(ExfPollerJob.METRIC_FAILURES + "_" + endpoint) >= 1));
        String key = ExfPollerJob.JOB_NAME + "|" + endpoint + " <" + harness.server.baseUrl() + "/" + endpoint + "> "
                + kind;
        assertEventually(() -> assertNotNull(harness.deadLetter(key), key + " in " + harness.deadLetters().keySet()));
        DeadLetter letter = harness.deadLetter(key);
        assertTrue(letter.reason().contains(reasonPart), letter.reason());
        assertTrue(letter.tsMillis() >= failingSinceMs);
        if (payloadPart != null) {
            assertTrue(letter.payload().contains(payloadPart), letter.payload());
        }
        // while the healthy endpoint stays fresh and the job runs
        assertTrue(harness.latest().ageSeconds().get("f_happy") < HAPPY_MAX_AGE_S);
        assertEquals(JobStatus.RUNNING, harness.job().getStatus());
    }

    private static List<Long> requestsSinceFailing(String route) {
        return harness.server.requestTimes(route).stream().filter(t -> t > failingSinceMs).toList();
    }

    private static List<String> concat(String first, List<String> middle, String last) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(middle);
        all.add(last);
        return all;
    }
}
