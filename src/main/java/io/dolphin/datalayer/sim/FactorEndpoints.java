package io.dolphin.datalayer.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server (the JDK's) answering every default endpoint of {@code jobs/exf-poller.yaml} with synthetic,
 * plausible values in the public APIs' response shapes, so the demo and the tests never reach the internet.
 * Values wander (a mean-reverting random walk per series) so successive polls differ.
 *
 * <p>For tests, any route (a prefix of path and query, longest wins) can be given a fixed {@link Reply}: a recorded
 * payload, an error status, a Retry-After, a delay, or a hang until {@link #stop()}. Every request is recorded
 * with its arrival time. Each exchange runs on its own thread, so one slow route never delays another.
 */
public final class FactorEndpoints implements AutoCloseable {

    /** What {@code DOLPHIN_EXF_BASE_URL} defaults to: {@code http://127.0.0.1:8480}. */
    public static final int DEFAULT_PORT = 8480;
    private static final int MAX_RECORDED = 10_000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Reply> overrides = new ConcurrentHashMap<>();
    private final Deque<Request> requests = new ArrayDeque<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final SyntheticFactors synthetic = new SyntheticFactors(20260415L);

    private FactorEndpoints(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on 127.0.0.1:{@code port}; port 0 picks a free one. */
    public static FactorEndpoints start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "factor-endpoints");
                t.setDaemon(true);
                return t;
            });
            FactorEndpoints endpoints = new FactorEndpoints(server, executor);
            server.createContext("/", endpoints::handle);
            server.setExecutor(executor);
            server.start();
            return endpoints;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the factor endpoints on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What to set {@code DOLPHIN_EXF_BASE_URL} (the descriptor's {@code base-url}) to. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Answers requests whose path and query start with {@code route} with {@code reply}, until cleared. */
    public FactorEndpoints override(String route, Reply reply) {
        overrides.put(route, reply);
        return this;
    }

    public void clearOverride(String route) {
        overrides.remove(route);
    }

    /** Requests so far whose path and query start with {@code route}. */
    public int requests(String route) {
        return requestTimes(route).size();
    }

    /** Arrival times (epoch ms) of the requests whose path and query start with {@code route}, oldest first. */
    public List<Long> requestTimes(String route) {
        List<Long> times = new ArrayList<>();
        synchronized (requests) {
            for (Request r : requests) {
                if (r.uri().startsWith(route)) {
                    times.add(r.atMs());
                }
            }
        }
        return times;
    }

    public void stop() {
        stopping.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String uri = exchange.getRequestURI().toString();
            synchronized (requests) {
                requests.addLast(new Request(uri, System.currentTimeMillis()));
                if (requests.size() > MAX_RECORDED) {
                    requests.removeFirst();
                }
            }
            Reply reply = overrideFor(uri);
            if (reply == null) {
                reply = synthetic.reply(exchange.getRequestURI().getPath(), exchange.getRequestURI().getQuery());
            }
            if (reply.delayMs() > 0 && stopping.await(reply.delayMs(), TimeUnit.MILLISECONDS)) {
                return;
            }
            send(exchange, reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Reply overrideFor(String uri) {
        String best = null;
        for (String route : overrides.keySet()) {
            if (uri.startsWith(route) && (best == null || route.length() > best.length())) {
                best = route;
            }
        }
        return best == null ? null : overrides.get(best);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private record Request(String uri, long atMs) {
    }

    /**
     * A fixed answer.
     *
     * @param delayMs wait this long before answering; {@link #hang()} waits until the server stops
     */
    public record Reply(int status, String body, Map<String, String> headers, long delayMs) {

        public Reply {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public static Reply json(String body) {
            return new Reply(200, body, Map.of(), 0);
        }

        public static Reply status(int status, String body) {
            return new Reply(status, body, Map.of(), 0);
        }

        /** Never answers (until the server stops): what a dead upstream looks like from here. */
        public static Reply hang() {
            return new Reply(200, "{}", Map.of(), TimeUnit.HOURS.toMillis(1));
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new java.util.HashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, h, delayMs);
        }

        public Reply delayed(long ms) {
            return new Reply(status, body, headers, ms);
        }
    }
}
