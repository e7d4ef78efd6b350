package io.dolphin.datalayer.exf;

import com.hazelcast.jet.core.Processor;
import com.hazelcast.jet.pipeline.SourceBuilder;
import com.hazelcast.jet.pipeline.SourceBuilder.SourceBuffer;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.logging.ILogger;
import io.dolphin.datalayer.common.Backoff;

import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Polls HTTP endpoints, each on its own interval, with the JDK {@link HttpClient}, and emits every response (or
 * failure) as a {@link PollEvent.Response}, plus a {@link PollEvent.Tick} every tick interval.
 *
 * <p>How it stays out of everyone's way:
 * <ul>
 *   <li>Requests are asynchronous, one in flight per endpoint: a slow or dead endpoint holds only its own slot
 *   and never delays another endpoint's schedule. A request still unfinished after its timeout (plus a grace
 *   second, in case the body stalls after the headers) is abandoned and reported as a timeout.</li>
 *   <li>Between polls the source thread sleeps on a semaphore that response callbacks release, until the next
 *   request or tick is due (at most {@value #MAX_IDLE_WAIT_MS} ms, so snapshots and cancellation stay prompt):
 *   no busy-waiting. Jet runs this source on its own thread (builder sources are non-cooperative).</li>
 *   <li>After a failure the endpoint backs off exponentially (interval × 2^(n−1), capped at max-backoff); a
 *   {@code Retry-After} on any non-2xx response is honoured on top of that, and survives a job restart through
 *   the snapshot, so a restart never hammers a server that asked us to wait.</li>
 * </ul>
 * One instance runs in the whole cluster (a non-distributed source).
 */
final class HttpPollSource {

    /** Longest uninterrupted sleep of the source thread. */
    static final long MAX_IDLE_WAIT_MS = 100;
    /** Extra time beyond an endpoint's timeout before an unfinished request is abandoned by the poller itself. */
    static final long ABANDON_GRACE_MS = 1000;

    private HttpPollSource() {
    }

    /**
     * @param tickIntervalMs how often a {@link PollEvent.Tick} is emitted
     * @param maxBackoffMs   longest wait between polls of a failing endpoint (an interval longer than this wins)
     */
    public static StreamSource<PollEvent> stream(String name, List<HttpEndpoint> endpoints, long tickIntervalMs,
                                                 long maxBackoffMs) {
        List<HttpEndpoint> copy = List.copyOf(endpoints);
        return SourceBuilder.stream(name, ctx -> new Poller(copy, tickIntervalMs, maxBackoffMs, ctx))
                .<PollEvent>fillBufferFn(Poller::fill)
                .createSnapshotFn(Poller::snapshot)
                .restoreSnapshotFn(Poller::restore)
                .destroyFn(Poller::close)
                .build();
    }

    /** What the snapshot keeps per endpoint: when it may be asked again and how many failures in a row it had. */
    public record EndpointSnapshot(String name, long notBeforeEpochMs, int consecutiveFailures) implements Serializable {
    }

    /** Package-private for HttpPollSourceTest, which drives it without a cluster. */
    static final class Poller {

        private final HttpClient client;
        private final List<Endpoint> endpoints = new ArrayList<>();
        private final Semaphore wakeups = new Semaphore(0);
        private final long tickNanos;
        private final ILogger log;
        private long nextTickNanos;

        Poller(List<HttpEndpoint> specs, long tickIntervalMs, long maxBackoffMs, Processor.Context ctx) {
            long connectTimeout = specs.stream().mapToLong(HttpEndpoint::timeoutMs).min().orElse(2000);
            this.client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofMillis(connectTimeout))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            long now = System.nanoTime();
            for (HttpEndpoint spec : specs) {
                endpoints.add(new Endpoint(spec, now, maxBackoffMs));
            }
            this.tickNanos = TimeUnit.MILLISECONDS.toNanos(tickIntervalMs);
            this.nextTickNanos = now + tickNanos;
            this.log = ctx.logger();
        }

        void fill(SourceBuffer<PollEvent> buffer) {
            if (pass(buffer) > 0) {
                return;
            }
            long waitNanos = Math.min(untilNextDue(System.nanoTime()), TimeUnit.MILLISECONDS.toNanos(MAX_IDLE_WAIT_MS));
            try {
                if (waitNanos > 0) {
                    // Woken early by any response callback; otherwise by the next due request or tick.
                    wakeups.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pass(buffer);
        }

        /** Collects finished requests, starts due ones, ticks; returns how many events it emitted. */
        private int pass(SourceBuffer<PollEvent> buffer) {
            // Drain before looking, so a callback that fires after the look still wakes the next wait.
            wakeups.drainPermits();
            long now = System.nanoTime();
            int emitted = 0;
            for (Endpoint e : endpoints) {
                PollEvent.Response done = e.collect(now);
                if (done != null) {
                    buffer.add(done);
                    emitted++;
                    e.scheduleAfter(done, log);
                }
                if (e.inFlight == null && now - e.nextDueNanos >= 0) {
                    e.start(client, now, wakeups);
                }
            }
            if (now - nextTickNanos >= 0) {
                buffer.add(new PollEvent.Tick(System.currentTimeMillis()));
                emitted++;
                nextTickNanos += tickNanos;
                if (now - nextTickNanos >= 0) {
                    // We fell behind (a long GC pause): tick once, then resume the cadence from now.
                    nextTickNanos = now + tickNanos;
                }
            }
            return emitted;
        }

        private long untilNextDue(long now) {
            long next = nextTickNanos;
            for (Endpoint e : endpoints) {
                long due = e.inFlight != null ? e.abandonAtNanos : e.nextDueNanos;
                next = due - next < 0 ? due : next;
            }
            return Math.max(0, next - now);
        }

        List<EndpointSnapshot> snapshot() {
            long nowNanos = System.nanoTime();
            long nowMs = System.currentTimeMillis();
            List<EndpointSnapshot> out = new ArrayList<>();
            for (Endpoint e : endpoints) {
                long notBefore = e.consecutiveFailures == 0 ? 0
                        : nowMs + TimeUnit.NANOSECONDS.toMillis(Math.max(0, e.nextDueNanos - nowNanos));
                out.add(new EndpointSnapshot(e.spec.name(), notBefore, e.consecutiveFailures));
            }
            return out;
        }

        void restore(List<List<EndpointSnapshot>> saved) {
            long nowNanos = System.nanoTime();
            long nowMs = System.currentTimeMillis();
            for (List<EndpointSnapshot> list : saved) {
                for (EndpointSnapshot s : list) {
                    for (Endpoint e : endpoints) {
                        if (e.spec.name().equals(s.name())) {
                            e.consecutiveFailures = s.consecutiveFailures();
                            long waitMs = Math.max(0, s.notBeforeEpochMs() - nowMs);
                            e.nextDueNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(waitMs);
                        }
                    }
                }
            }
        }

        void close() {
            for (Endpoint e : endpoints) {
                if (e.inFlight != null) {
                    e.inFlight.cancel(true);
                }
            }
        }
    }

    /** Schedule and in-flight request of one endpoint; touched only by the source thread. */
    private static final class Endpoint {

        final HttpEndpoint spec;
        /** From the interval up to max-backoff; an interval longer than max-backoff is never shortened. */
        final Backoff backoff;
        long nextDueNanos;
        int consecutiveFailures;
        CompletableFuture<HttpResponse<String>> inFlight;
        String inFlightUrl;
        long startedNanos;
        long startedAtMs;
        long abandonAtNanos;

        Endpoint(HttpEndpoint spec, long nowNanos, long maxBackoffMs) {
            this.spec = spec;
            this.backoff = Backoff.doubling(spec.intervalMs(), Math.max(spec.intervalMs(), maxBackoffMs));
            this.nextDueNanos = nowNanos;
        }

        void start(HttpClient client, long nowNanos, Semaphore wakeups) {
            startedAtMs = System.currentTimeMillis();
            startedNanos = nowNanos;
            abandonAtNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(spec.timeoutMs() + ABANDON_GRACE_MS);
            inFlightUrl = spec.url(startedAtMs);
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(inFlightUrl))
                        .timeout(Duration.ofMillis(spec.timeoutMs()))
                        .header("Accept", "application/json")
                        .header("User-Agent", "dolphin-exf-poller")
                        .GET()
                        .build();
                inFlight = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            } catch (IllegalArgumentException e) {
                inFlight = CompletableFuture.failedFuture(e);
            }
            inFlight.whenComplete((r, t) -> wakeups.release());
        }

        /** The finished request as an event, or null while it is still running. */
        PollEvent.Response collect(long nowNanos) {
            if (inFlight == null) {
                return null;
            }
            if (!inFlight.isDone()) {
                if (nowNanos - abandonAtNanos < 0) {
                    return null;
                }
                inFlight.cancel(true);
                return failure("no complete response within " + spec.timeoutMs() + " ms", true);
            }
            try {
                HttpResponse<String> r = inFlight.join();
                long now = System.currentTimeMillis();
                long retryAfter = RetryAfter.parseMillis(r.headers().firstValue("Retry-After").orElse(null), now);
                inFlight = null;
                return new PollEvent.Response(spec.name(), inFlightUrl, startedAtMs, now, r.statusCode(), r.body(),
                        null, false, retryAfter);
            } catch (CompletionException | CancellationException e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                boolean timeout = cause instanceof HttpTimeoutException;
                return failure(timeout ? "no response within " + spec.timeoutMs() + " ms" : describe(cause), timeout);
            }
        }

        private PollEvent.Response failure(String error, boolean timedOut) {
            inFlight = null;
            return new PollEvent.Response(spec.name(), inFlightUrl, startedAtMs, System.currentTimeMillis(), 0, null,
                    error, timedOut, -1);
        }

        /** Healthy: next start one interval after this one's start. Failing: back off, and honour Retry-After. */
        void scheduleAfter(PollEvent.Response r, ILogger log) {
            long now = System.nanoTime();
            long delayMs = spec.intervalMs();
            if (r.isOk()) {
                if (consecutiveFailures > 0) {
                    log.info("endpoint " + spec.name() + " answers again after " + consecutiveFailures + " failures");
                }
                consecutiveFailures = 0;
            } else {
                if (consecutiveFailures == 0) {
                    log.warning("endpoint " + spec.name() + " failed (" + r.failureKind().label() + "): "
                            + (r.error() != null ? r.error() : "HTTP " + r.status()) + "; backing off");
                }
                consecutiveFailures++;
                delayMs = backoff.delay(consecutiveFailures);
            }
            long due = startedNanos + TimeUnit.MILLISECONDS.toNanos(delayMs);
            if (r.retryAfterMs() >= 0 && !r.isOk()) {
                long notBefore = now + TimeUnit.MILLISECONDS.toNanos(r.retryAfterMs());
                due = notBefore - due > 0 ? notBefore : due;
            }
            nextDueNanos = due - now < 0 ? now : due;
        }

        private static String describe(Throwable t) {
            StringBuilder s = new StringBuilder();
            for (Throwable c = t; c != null && s.length() < 300; c = c.getCause() == c ? null : c.getCause()) {
                if (s.length() > 0) {
                    s.append(" <- ");
                }
                s.append(c.getClass().getSimpleName());
                if (c.getMessage() != null) {
                    s.append(": ").append(c.getMessage());
                }
            }
            return s.toString();
        }
    }
}
