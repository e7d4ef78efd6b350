package io.dolphin.datalayer.exf;

import com.hazelcast.jet.core.test.TestProcessorContext;
import com.hazelcast.jet.pipeline.SourceBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link HttpPollSource}'s poller on its own, against the JDK's HTTP server on a free port serving the recorded
 * payloads. The poller keeps its real clock; the tests call {@code fill} (which waits on its own wakeups, at most
 * {@value HttpPollSource#MAX_IDLE_WAIT_MS} ms a call) until what they wait for arrived, and check the schedule from
 * the requests' start times and from the snapshot, never by sleeping.
 */
class HttpPollSourceTest {

    /**
     * A request's start time is read from the ms clock a moment after the poller's pass read its nanos clock, which
     * is what the schedule counts from: two start times may look this much closer than the schedule keeps them.
     */
    private static final long CLOCK_SLACK_MS = 20;
    private static final long DEADLINE_MS = 20_000;

    private HttpServer server;
    private ExecutorService handlers;
    private final CountDownLatch releaseHangingRequests = new CountDownLatch(1);
    private volatile int downStatus = 503;
    private final List<HttpPollSource.Poller> pollers = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // one thread per request: a hanging handler must not hold up the others
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/ok", ex -> reply(ex, 200, "premiumIndex_BTCUSDT.json", null));
        server.createContext("/limited", ex -> reply(ex, 429, "error_429_too_many_requests.json", "1"));
        server.createContext("/down", ex -> reply(ex, downStatus, downStatus == 200 ? "premiumIndex_BTCUSDT.json"
                : "error_503_unavailable.html", null));
        server.createContext("/hang", ex -> {
            try {
                releaseHangingRequests.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        pollers.forEach(HttpPollSource.Poller::close);
        releaseHangingRequests.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void when_endpointAnswers_then_polledOncePerInterval_withTheBody() {
        HttpPollSource.Poller poller = poller(60_000, 5_000, endpoint("ok", "/ok", 100, 1_000));

        List<PollEvent.Response> responses = responses(pollUntil(poller, responsesOf("ok", 5)), "ok");

        for (PollEvent.Response r : responses) {
            assertTrue(r.isOk(), r.toString());
            assertEquals(200, r.status());
            assertEquals(resource("premiumIndex_BTCUSDT.json"), r.body());
            assertEquals(url("/ok"), r.url());
        }
        assertGapsAtLeast(responses, 100, 100, 100, 100);
    }

    @Test
    void when_endpointKeepsFailing_then_itBacksOffDoublingFromTheIntervalToMaxBackoff_andRecovers() {
        HttpPollSource.Poller poller = poller(60_000, 400, endpoint("down", "/down", 50, 1_000));
        long[] expected = {50, 100, 200, 400, 400};

        List<PollEvent> events = new ArrayList<>();
        for (int n = 1; n <= expected.length; n++) {
            int failures = n;
            events = pollUntil(poller, events, responsesOf("down", failures));
            // what the poller scheduled right after the n-th failure: never beyond its backoff
            HttpPollSource.EndpointSnapshot s = poller.snapshot().get(0);
            assertEquals(failures, s.consecutiveFailures());
            long wait = s.notBeforeEpochMs() - System.currentTimeMillis();
            assertTrue(wait <= expected[n - 1], "after " + n + " failures the next poll is due in " + wait + " ms");
        }
        List<PollEvent.Response> failed = responses(events, "down");
        for (PollEvent.Response r : failed) {
            assertEquals(FailureKind.HTTP_5XX, r.failureKind());
            assertEquals(resource("error_503_unavailable.html"), r.body());
        }
        assertGapsAtLeast(failed, 50, 100, 200, 400);

        downStatus = 200;
        events = pollUntil(poller, events, r -> responses(r, "down").stream().anyMatch(PollEvent.Response::isOk));
        HttpPollSource.EndpointSnapshot healthy = poller.snapshot().get(0);
        assertEquals(0, healthy.consecutiveFailures());
        assertEquals(0, healthy.notBeforeEpochMs(), "a healthy endpoint has no wait to carry over a restart");
    }

    @Test
    void when_rateLimitedWithRetryAfter_then_notAskedAgainBeforeItEnds_evenAfterARestart() {
        HttpPollSource.Poller poller = poller(60_000, 400, endpoint("limited", "/limited", 50, 1_000));

        PollEvent.Response r = responses(pollUntil(poller, responsesOf("limited", 1)), "limited").get(0);
        long answeredAt = System.currentTimeMillis();

        assertEquals(429, r.status());
        assertEquals(FailureKind.RATE_LIMITED, r.failureKind());
        assertEquals(1_000, r.retryAfterMs());
        List<HttpPollSource.EndpointSnapshot> saved = poller.snapshot();
        assertEquals(1, saved.get(0).consecutiveFailures());
        long notBefore = saved.get(0).notBeforeEpochMs();
        assertTrue(notBefore >= r.completedAtMs() + 1_000 - CLOCK_SLACK_MS
                        && notBefore <= answeredAt + 1_000 + CLOCK_SLACK_MS,
                "Retry-After: 1 wins over the 50 ms backoff: " + (notBefore - r.completedAtMs()) + " ms");

        // the job restarts from that snapshot: the new poller waits out the server's request too
        poller.close();
        HttpPollSource.Poller restarted = poller(60_000, 400, endpoint("limited", "/limited", 50, 1_000));
        restarted.restore(List.of(saved));
        PollEvent.Response again = responses(pollUntil(restarted, responsesOf("limited", 1)), "limited").get(0);
        assertTrue(again.startedAtMs() >= notBefore - CLOCK_SLACK_MS,
                "asked again " + (notBefore - again.startedAtMs()) + " ms before Retry-After ended");
    }

    @Test
    void when_endpointHangs_then_itIsReportedAsATimeout_andTheOthersKeepTheirInterval() {
        // "ok" first: the pass that starts both would otherwise read ok's start time only after the HTTP client's
        // first request (hang's) has set itself up, which takes longer than the clock slack allows
        HttpPollSource.Poller poller = poller(60_000, 5_000, endpoint("ok", "/ok", 100, 1_000),
                endpoint("hang", "/hang", 100, 1_000));

        List<PollEvent> events = pollUntil(poller, responsesOf("hang", 1));

        PollEvent.Response timeout = responses(events, "hang").get(0);
        assertTrue(timeout.timedOut());
        assertEquals(FailureKind.TIMEOUT, timeout.failureKind());
        assertTrue(timeout.error().contains("within 1000 ms"), timeout.error());
        assertEquals(0, timeout.status());
        List<PollEvent.Response> meanwhile = responses(events, "ok").stream()
                .filter(r -> r.completedAtMs() <= timeout.completedAtMs()).toList();
        assertTrue(meanwhile.size() >= 4, "while one endpoint hung for 1 s the other was polled "
                + meanwhile.size() + " times at a 100 ms interval");
        assertGapsAtLeast(meanwhile, 100, 100, 100);
    }

    @Test
    void when_connectionRefused_then_anIoErrorNamingTheCause() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String url = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + closedPort + "/nothing";
        HttpPollSource.Poller poller = poller(60_000, 5_000, new HttpEndpoint("refused", url, 100, 1_000));

        PollEvent.Response r = responses(pollUntil(poller, responsesOf("refused", 1)), "refused").get(0);

        assertEquals(FailureKind.IO_ERROR, r.failureKind());
        assertFalse(r.timedOut());
        assertEquals(0, r.status());
        assertNull(r.body());
        assertTrue(r.error().contains("ConnectException"), r.error());
    }

    @Test
    void when_tickIntervalPasses_then_aTickIsEmitted() {
        HttpPollSource.Poller poller = poller(50, 5_000, endpoint("ok", "/ok", 60_000, 1_000));

        List<PollEvent> events = pollUntil(poller, e -> ticks(e).size() >= 4);

        List<PollEvent.Tick> ticks = ticks(events);
        for (int i = 1; i < ticks.size(); i++) {
            long gap = ticks.get(i).nowMs() - ticks.get(i - 1).nowMs();
            assertTrue(gap >= 50 - CLOCK_SLACK_MS, "tick " + i + " came " + gap + " ms after the previous one");
        }
        assertTrue(responses(events, "ok").size() <= 1, "ticks do not make the endpoint's 60 s interval shorter");
    }

    // ---- helpers

    private HttpPollSource.Poller poller(long tickIntervalMs, long maxBackoffMs, HttpEndpoint... endpoints) {
        HttpPollSource.Poller p = new HttpPollSource.Poller(List.of(endpoints), tickIntervalMs, maxBackoffMs,
                new TestProcessorContext());
        pollers.add(p);
        return p;
    }

    private HttpEndpoint endpoint(String name, String path, long intervalMs, long timeoutMs) {
        return new HttpEndpoint(name, url(path), intervalMs, timeoutMs);
    }

    private String url(String path) {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + path;
    }

    private static List<PollEvent> pollUntil(HttpPollSource.Poller poller, Predicate<List<PollEvent>> done) {
        return pollUntil(poller, new ArrayList<>(), done);
    }

    /** Fills until {@code done} holds for everything emitted so far; each fill waits for the poller's next due work. */
    private static List<PollEvent> pollUntil(HttpPollSource.Poller poller, List<PollEvent> sofar,
                                             Predicate<List<PollEvent>> done) {
        List<PollEvent> events = new ArrayList<>(sofar);
        Buffer buffer = new Buffer(events);
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (!done.test(events)) {
            if (System.currentTimeMillis() > deadline) {
                fail("not within " + DEADLINE_MS + " ms; emitted so far: " + events);
            }
            poller.fill(buffer);
        }
        return events;
    }

    private static Predicate<List<PollEvent>> responsesOf(String endpoint, int count) {
        return events -> responses(events, endpoint).size() >= count;
    }

    private static List<PollEvent.Response> responses(List<PollEvent> events, String endpoint) {
        return events.stream().filter(PollEvent.Response.class::isInstance).map(PollEvent.Response.class::cast)
                .filter(r -> r.endpoint().equals(endpoint)).toList();
    }

    private static List<PollEvent.Tick> ticks(List<PollEvent> events) {
        return events.stream().filter(PollEvent.Tick.class::isInstance).map(PollEvent.Tick.class::cast).toList();
    }

    /** Request i+1 started no earlier than {@code minGapsMs[i]} after request i. */
    private static void assertGapsAtLeast(List<PollEvent.Response> responses, long... minGapsMs) {
        assertTrue(responses.size() > minGapsMs.length, "only " + responses.size() + " responses");
        for (int i = 0; i < minGapsMs.length; i++) {
            long gap = responses.get(i + 1).startedAtMs() - responses.get(i).startedAtMs();
            assertTrue(gap >= minGapsMs[i] - CLOCK_SLACK_MS, "poll " + (i + 2) + " started " + gap
                    + " ms after the one before, expected at least " + minGapsMs[i]);
        }
    }

    private static void reply(HttpExchange ex, int status, String resource, String retryAfter) throws IOException {
        byte[] body = resource(resource).getBytes(StandardCharsets.UTF_8);
        if (retryAfter != null) {
            ex.getResponseHeaders().add("Retry-After", retryAfter);
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HttpPollSourceTest.class.getResourceAsStream("/exf/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource exf/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Jet's source buffer is to the poller: a list here. */
    private record Buffer(List<PollEvent> events) implements SourceBuilder.SourceBuffer<PollEvent> {

        @Override
        public int size() {
            return events.size();
        }

        @Override
        public void add(PollEvent item) {
            events.add(item);
        }

        @Override
        public void close() {
            throw new UnsupportedOperationException("a stream source never closes its buffer");
        }
    }
}
