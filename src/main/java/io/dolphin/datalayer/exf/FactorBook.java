package io.dolphin.datalayer.exf;

import io.dolphin.datalayer.common.DeadLetterGate;
import io.dolphin.datalayer.common.Json;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.common.Outcome;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns poll events into {@code exf_latest} values and dead letters. The logic is here, with its configuration;
 * everything it remembers is in a {@link State}, which the job keeps in Jet's snapshot (last good values, lag
 * histories, failure counters, dead-letter rate limits), so all of it survives a restart.
 *
 * <p>On a {@link PollEvent.Response}: each field of the endpoint is extracted; a good value replaces the field's
 * last good value, a failure leaves it in place (its age keeps growing), is counted, and is dead-lettered at most
 * once per dead-letter interval per endpoint and kind of failure.
 *
 * <p>On a {@link PollEvent.Tick} ({@code publish-interval-ms}): a value is published when any factor or the stale
 * set changed since the last publication, or when the last publication is {@code refresh-interval-ms} old. Until
 * the first publication, it waits for every declared factor to have a value, or for {@code first-publish-wait-ms}
 * since the first response, so a fresh start does not replace a complete value with a partial one.
 */
final class FactorBook implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Config config;
    private final List<String> order;
    private final Map<String, List<PolledField>> fieldsByEndpoint = new HashMap<>();
    private final Map<String, PolledField> polledByName = new HashMap<>();
    private final Map<String, LaggedField> laggedByName = new HashMap<>();

    public FactorBook(Config config) {
        this.config = config;
        List<String> names = new ArrayList<>();
        for (PolledField f : config.polled()) {
            names.add(f.name());
            polledByName.put(f.name(), f);
            fieldsByEndpoint.computeIfAbsent(f.endpoint(), k -> new ArrayList<>()).add(f);
        }
        for (LaggedField l : config.lagged()) {
            if (!polledByName.containsKey(l.of())) {
                throw new IllegalArgumentException("lagged field '" + l.name() + "' lags '" + l.of()
                        + "', which no endpoint declares");
            }
            names.add(l.name());
            laggedByName.put(l.name(), l);
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("a factor is declared twice: " + names);
        }
        List<String> ordered = new ArrayList<>();
        ExternalFactors.REFERENCE_FIELDS.stream().filter(names::contains).forEach(ordered::add);
        names.stream().filter(n -> !ordered.contains(n)).forEach(ordered::add);
        this.order = List.copyOf(ordered);
    }

    public Config config() {
        return config;
    }

    /** Every factor this book publishes, reference fields first. */
    public List<String> factorNames() {
        return order;
    }

    /** Applies one event to {@code state}; returns what to publish and what to dead-letter. */
    public List<Outcome<ExternalFactors>> apply(State state, PollEvent event) {
        if (event instanceof PollEvent.Response r) {
            return onResponse(state, r);
        }
        return onTick(state, ((PollEvent.Tick) event).nowMs());
    }

    private List<Outcome<ExternalFactors>> onResponse(State s, PollEvent.Response r) {
        List<Outcome<ExternalFactors>> out = new ArrayList<>(1);
        s.polls++;
        if (s.firstResponseMs == 0) {
            s.firstResponseMs = r.completedAtMs();
        }
        List<PolledField> fields = fieldsByEndpoint.getOrDefault(r.endpoint(), List.of());
        if (!r.isOk()) {
            String what = r.error() != null ? r.error() : "HTTP " + r.status();
            String retry = r.retryAfterMs() >= 0 ? "; Retry-After " + r.retryAfterMs() / 1000.0 + " s honoured" : "";
            fail(s, r, r.failureKind(), what + retry, out);
            return out;
        }
        Object document;
        try {
            document = r.body() == null || r.body().isBlank() ? null : Json.instance().anyFrom(r.body());
        } catch (IOException | RuntimeException e) {
            fail(s, r, FailureKind.MALFORMED_JSON, "response is not valid JSON: " + firstLine(e.getMessage()), out);
            return out;
        }
        if (document == null) {
            fail(s, r, FailureKind.MALFORMED_JSON, "response is empty", out);
            return out;
        }
        for (PolledField f : fields) {
            try {
                s.record(f.name(), f.extractor().extract(document), r.completedAtMs(), config.lagged());
            } catch (ExtractionException e) {
                fail(s, r, e.kind(), "field '" + f.name() + "': " + e.getMessage(), out);
            }
        }
        return out;
    }

    private void fail(State s, PollEvent.Response r, FailureKind kind, String what, List<Outcome<ExternalFactors>> out) {
        s.failures++;
        s.failuresByEndpoint.merge(r.endpoint(), 1L, Long::sum);
        String gateKey = r.endpoint() + "|" + kind.label();
        long now = r.completedAtMs();
        String counted = s.gates.computeIfAbsent(gateKey, k -> new DeadLetterGate())
                .pass(now, config.deadLetterIntervalMs());
        if (counted == null) {
            return;
        }
        s.deadLettered++;
        String template = config.endpointUrls().getOrDefault(r.endpoint(), r.url());
        String source = r.endpoint() + " <" + template + "> " + kind.label();
        String reason = "endpoint " + r.endpoint() + ", " + kind.label() + ": " + what + "; last good value kept"
                + counted;
        String payload = r.body() != null ? r.body() : "GET " + r.url() + " -> " + r.error();
        out.add(Outcome.rejected(DeadLetter.of(config.jobName(), source, reason, payload, now)));
    }

    private List<Outcome<ExternalFactors>> onTick(State s, long now) {
        if (s.latest.isEmpty()) {
            return List.of();
        }
        ExternalFactors value = snapshot(s, now);
        if (s.lastPublishMs == 0 && value.factors().size() < order.size()
                && now - s.firstResponseMs < config.firstPublishWaitMs()) {
            return List.of();
        }
        boolean changed = !value.factors().equals(s.lastFactors) || !value.stale().equals(s.lastStale);
        // Half a tick of slack, so a tick arriving a millisecond early does not halve the refresh cadence.
        boolean due = now - s.lastPublishMs >= config.refreshIntervalMs() - config.publishIntervalMs() / 2;
        if (!changed && !due) {
            return List.of();
        }
        s.lastPublishMs = now;
        s.lastFactors = new LinkedHashMap<>(value.factors());
        s.lastStale = new ArrayList<>(value.stale());
        s.published++;
        return List.of(Outcome.accepted(value));
    }

    /** The value to publish at {@code now}, without changing anything but lag-history pruning. */
    public ExternalFactors snapshot(State s, long now) {
        Map<String, Double> factors = new LinkedHashMap<>();
        Map<String, Double> ages = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        for (String name : order) {
            LaggedField lagged = laggedByName.get(name);
            if (lagged == null) {
                Sample sample = s.latest.get(name);
                if (sample == null) {
                    stale.add(name);
                    continue;
                }
                long ageMs = Math.max(0, now - sample.atMs());
                factors.put(name, sample.value());
                ages.put(name, ageMs / 1000.0);
                if (ageMs > polledByName.get(name).staleAfterMs()) {
                    stale.add(name);
                }
            } else {
                LagHistory history = s.histories.get(name);
                LagHistory.Lagged l = history == null ? null : history.at(now, lagged.lagMs());
                if (l == null) {
                    stale.add(name);
                    continue;
                }
                long ageMs = Math.max(0, now - l.asOfMs());
                factors.put(name, l.value());
                ages.put(name, ageMs / 1000.0);
                if (l.warming() || ageMs - lagged.lagMs() > polledByName.get(lagged.of()).staleAfterMs()) {
                    stale.add(name);
                }
            }
        }
        return new ExternalFactors(factors, now / 1000.0, ages, stale, Map.of());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /**
     * @param jobName              dead letters carry it
     * @param polled               factors read from endpoints, in declaration order
     * @param lagged               factors derived from a polled one's history
     * @param endpointUrls         endpoint name to URL template: the stable part of a dead letter's source
     * @param publishIntervalMs    the tick interval
     * @param refreshIntervalMs    longest time between two publications when nothing changes
     * @param firstPublishWaitMs   longest wait for a complete first value
     * @param deadLetterIntervalMs at most one dead letter per endpoint and failure kind in this time
     */
    public record Config(String jobName, List<PolledField> polled, List<LaggedField> lagged,
                         Map<String, String> endpointUrls, long publishIntervalMs, long refreshIntervalMs,
                         long firstPublishWaitMs, long deadLetterIntervalMs) implements Serializable {

        public Config {
            polled = List.copyOf(polled);
            lagged = List.copyOf(lagged);
            endpointUrls = Map.copyOf(endpointUrls);
        }
    }

    /** A factor read from an endpoint's response; stale once its last good value is older than staleAfterMs. */
    public record PolledField(String name, String endpoint, FieldExtractor extractor, long staleAfterMs)
            implements Serializable {
    }

    /** {@code name} shows the value {@code of} had {@code lagMs} ago; see {@link LagHistory}. */
    public record LaggedField(String name, String of, long lagMs) implements Serializable {
    }

    record Sample(double value, long atMs) implements Serializable {
    }

    /** Everything the book remembers; Jet snapshots it. Only the job's single stateful processor touches it. */
    public static final class State implements Serializable {

        private static final long serialVersionUID = 1L;

        final Map<String, Sample> latest = new HashMap<>();
        final Map<String, LagHistory> histories = new HashMap<>();
        final Map<String, Long> failuresByEndpoint = new HashMap<>();
        final Map<String, DeadLetterGate> gates = new HashMap<>();
        long polls;
        long failures;
        long deadLettered;
        long published;
        long firstResponseMs;
        long lastPublishMs;
        Map<String, Double> lastFactors = Map.of();
        List<String> lastStale = List.of();

        void record(String field, double value, long atMs, List<LaggedField> lagged) {
            Sample previous = latest.get(field);
            if (previous != null && previous.atMs() > atMs) {
                return;
            }
            latest.put(field, new Sample(value, atMs));
            for (LaggedField l : lagged) {
                if (l.of().equals(field)) {
                    histories.computeIfAbsent(l.name(), k -> new LagHistory()).add(value, atMs);
                }
            }
        }

        public long polls() {
            return polls;
        }

        /** Every failed poll or field, dead-lettered or not. */
        public long failures() {
            return failures;
        }

        public long failures(String endpoint) {
            return failuresByEndpoint.getOrDefault(endpoint, 0L);
        }

        public long deadLettered() {
            return deadLettered;
        }

        public long published() {
            return published;
        }

        /** The last good value of a polled factor, or null. */
        public Double lastGood(String field) {
            Sample s = latest.get(field);
            return s == null ? null : s.value();
        }
    }
}
