package io.dolphin.datalayer.telemetry;

import com.hazelcast.jet.core.Processor;
import com.hazelcast.jet.pipeline.SourceBuilder;
import com.hazelcast.jet.pipeline.SourceBuilder.SourceBuffer;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.logging.ILogger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Calls supervisord's XML-RPC interface every poll interval with the JDK {@link HttpClient}, one call in flight,
 * and emits each answer or failure as a {@link SupervisorPoll}. A call still unfinished a second after its timeout
 * is abandoned and reported as timed out, so a supervisord that hangs delays nothing but its own next poll. The
 * source thread sleeps on a semaphore the response callback releases (at most {@value #MAX_IDLE_WAIT_MS} ms, so
 * snapshots and cancellation stay prompt). One instance runs in the whole cluster; it keeps no state worth a
 * snapshot (the next poll is simply due).
 */
final class SupervisorPollSource {

    static final long MAX_IDLE_WAIT_MS = 100;
    static final long ABANDON_GRACE_MS = 1000;

    private SupervisorPollSource() {
    }

    static StreamSource<SupervisorPoll> stream(String name, SupervisorWatchSettings settings) {
        return SourceBuilder.stream(name, ctx -> new Poller(settings, ctx))
                .<SupervisorPoll>fillBufferFn(Poller::fill)
                .destroyFn(Poller::close)
                .build();
    }

    static final class Poller {

        private final SupervisorWatchSettings settings;
        private final HttpClient client;
        private final String body;
        private final Semaphore wakeups = new Semaphore(0);
        private final ILogger log;
        private long nextDueNanos = System.nanoTime();
        private CompletableFuture<HttpResponse<String>> inFlight;
        private long startedAtMs;
        private long abandonAtNanos;
        private boolean failing;

        Poller(SupervisorWatchSettings settings, Processor.Context ctx) {
            this.settings = settings;
            this.client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofMillis(settings.timeoutMs()))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            this.body = XmlRpc.multicallBody(settings.logTailBytes());
            this.log = ctx.logger();
        }

        void fill(SourceBuffer<SupervisorPoll> buffer) {
            if (pass(buffer)) {
                return;
            }
            long due = inFlight != null ? abandonAtNanos : nextDueNanos;
            long wait = Math.min(Math.max(0, due - System.nanoTime()), TimeUnit.MILLISECONDS.toNanos(MAX_IDLE_WAIT_MS));
            try {
                if (wait > 0) {
                    wakeups.tryAcquire(wait, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pass(buffer);
        }

        private boolean pass(SourceBuffer<SupervisorPoll> buffer) {
            wakeups.drainPermits();
            long now = System.nanoTime();
            SupervisorPoll done = collect(now);
            if (done != null) {
                buffer.add(done);
                report(done);
            }
            if (inFlight == null && now - nextDueNanos >= 0) {
                start(now);
            }
            return done != null;
        }

        private void start(long nowNanos) {
            startedAtMs = System.currentTimeMillis();
            nextDueNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(settings.pollIntervalMs());
            abandonAtNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(settings.timeoutMs() + ABANDON_GRACE_MS);
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url()))
                        .timeout(Duration.ofMillis(settings.timeoutMs()))
                        .header("Content-Type", "text/xml")
                        .header("User-Agent", SupervisorWatchJob.JOB_NAME)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
                if (!settings.user().isEmpty()) {
                    String basic = Base64.getEncoder().encodeToString((settings.user() + ":" + settings.password())
                            .getBytes(StandardCharsets.UTF_8));
                    request.header("Authorization", "Basic " + basic);
                }
                inFlight = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IllegalArgumentException e) {
                inFlight = CompletableFuture.failedFuture(e);
            }
            inFlight.whenComplete((r, t) -> wakeups.release());
        }

        private SupervisorPoll collect(long nowNanos) {
            if (inFlight == null) {
                return null;
            }
            if (!inFlight.isDone()) {
                if (nowNanos - abandonAtNanos < 0) {
                    return null;
                }
                inFlight.cancel(true);
                return failure("no complete answer within " + settings.timeoutMs() + " ms", true);
            }
            try {
                HttpResponse<String> r = inFlight.join();
                inFlight = null;
                return new SupervisorPoll(settings.url(), startedAtMs, System.currentTimeMillis(), r.statusCode(),
                        r.body(), null, false);
            } catch (CompletionException | CancellationException e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                boolean timeout = cause instanceof HttpTimeoutException;
                return failure(timeout ? "no answer within " + settings.timeoutMs() + " ms" : describe(cause), timeout);
            }
        }

        private SupervisorPoll failure(String error, boolean timedOut) {
            inFlight = null;
            return new SupervisorPoll(settings.url(), startedAtMs, System.currentTimeMillis(), 0, null, error, timedOut);
        }

        /** One log line when supervisord stops answering and one when it is back, not one per poll. */
        private void report(SupervisorPoll p) {
            boolean failed = !p.answered() || p.status() != 200;
            if (failed && !failing) {
                log.warning("supervisord at " + settings.url() + " does not answer: "
                        + (p.error() != null ? p.error() : "HTTP " + p.status()) + "; the last states are kept");
            } else if (!failed && failing) {
                log.info("supervisord at " + settings.url() + " answers again");
            }
            failing = failed;
        }

        void close() {
            if (inFlight != null) {
                inFlight.cancel(true);
            }
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
