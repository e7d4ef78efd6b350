package io.dolphin.datalayer.exf;

import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import io.dolphin.datalayer.sim.FactorEndpoints.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.dolphin.datalayer.exf.ExfHarness.recorded;
import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lagged factors, last good values and failure counts live in the job's snapshot and survive a restart. */
class ExfPollerRestartTest {

    private final ExfHarness harness = new ExfHarness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void when_jobRestarts_then_laggedValuesLastGoodValuesAndCountsSurvive() {
        // Given taker answering 2.1506, then 0.5317, with a one-minute lag, and fear & greed answering 45
        harness.server.override("/taker", Reply.json(recorded("takerlongshortRatio_BTCUSDT_earlier.json")));
        harness.server.override("/fng", Reply.json(recorded("fng.json")));
        Job job = harness.submit(Map.of("DOLPHIN_EXF_ENDPOINTS", """
                [{name: taker, url: '{base}/taker', interval-ms: 200, fields: {taker: '$[-1].buySellRatio'}},
                 {name: fear_greed, url: '{base}/fng', interval-ms: 200, stale-after-ms: 1000,
                  fields: {fear_greed: '$.data[0].value'}}]""",
                "DOLPHIN_EXF_LAGGED", "[{field: taker_lagged, of: taker, lag-ms: 60000}]"));
        assertEventually(() -> assertEquals(2.1506, harness.latest().taker()));
        long earlierSeenMs = System.currentTimeMillis();
        harness.server.override("/taker", Reply.json(recorded("takerlongshortRatio_BTCUSDT.json")));
        assertEventually(() -> assertEquals(0.5317, harness.latest().taker()));
        // and fear & greed dies
        harness.server.override("/fng", Reply.status(503, recorded("error_503_unavailable.html")));
        assertEventually(() -> assertTrue(harness.metric(ExfPollerJob.METRIC_FAILURES) >= 3));
        long failuresBefore = harness.metric(ExfPollerJob.METRIC_FAILURES);

        // When the job restarts
        long restartedMs = System.currentTimeMillis();
        job.restart();
        assertEventually(() -> assertEquals(JobStatus.RUNNING, job.getStatus()));
        assertEventually(() -> assertTrue(harness.latest().ts() * 1000 > restartedMs + 1_000));

        // Then taker_lagged still shows the value from before the restart, aged from its fetch before the restart;
        // a restart without the snapshot would have shown 0.5317, younger than the restart
        ExternalFactors f = harness.latest();
        assertEquals(0.5317, f.taker());
        assertEquals(2.1506, f.get("taker_lagged"));
        double sinceEarlierSeen = f.ts() - earlierSeenMs / 1000.0;
        assertTrue(f.ageSeconds().get("taker_lagged") > sinceEarlierSeen, f.ageSeconds() + " vs " + sinceEarlierSeen);
        // fear & greed keeps its last good value from before the restart, with an age counted from then
        assertEquals(45.0, f.fearGreed());
        assertTrue(f.ageSeconds().get("fear_greed") > f.ts() - restartedMs / 1000.0, f.ageSeconds().toString());
        assertTrue(f.isStale("fear_greed"));
        // and the failure counter continues from where it was
        assertEventually(() -> assertTrue(harness.metric(ExfPollerJob.METRIC_FAILURES) > failuresBefore));
        assertNotNull(harness.latestJson());
    }
}
