package io.dolphin.datalayer.exf;

import io.dolphin.datalayer.common.JobSubmission;
import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.jet.pipeline.StreamStage;
import io.dolphin.datalayer.common.DeadLetters;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.common.Outcome;

import java.util.List;

/**
 * {@code dolphin-exf-poller}: external market factors polled over HTTP into {@code DOLPHIN_FEATURES["exf_latest"]},
 * whose journal feeds {@code exf_data} (warm sink) and the ACB job.
 * <pre>
 *  (1) 1-poll-endpoints ─▶ (2) 2-factor-book ─────▶ (3) 3-encode-exf-latest ─▶ (4) 4-write-exf-latest
 *      each endpoint on     last good values, lag    ExternalFactors to the     Sinks.map: one whole-value
 *      its own interval,    histories, ages, stale   reference's JSON text      set of "exf_latest"
 *      async; a Tick every  set, failure counts;
 *      publish interval     publishes on Tick ─────▶ (2a) dead letters, rate-limited ─▶ DOLPHIN_DEAD_LETTERS
 * </pre>
 * (2) is one global stateful stage: its state (last good values, lag histories, counters) is in every snapshot;
 * (1) snapshots Retry-After waits. The pipeline preserves order, so an older exf_latest never overwrites a newer one.
 * Metrics: {@value #METRIC_POLLS}, {@value #METRIC_FAILURES} (every failure), {@value #METRIC_FAILURES}_&lt;endpoint&gt;,
 * {@value #METRIC_PUBLISHED}, and {@code deadLetters} (the rate-limited dead letters actually written).
 */
public final class ExfPollerJob {

    public static final String DESCRIPTOR_ID = "exf-poller";
    public static final String JOB_NAME = "dolphin-exf-poller";

    public static final String METRIC_POLLS = "exfPolls";
    public static final String METRIC_FAILURES = "exfFailures";
    public static final String METRIC_PUBLISHED = "exfPublished";

    private ExfPollerJob() {
    }

    public static Pipeline pipeline(ExfPollerSettings settings) {
        return pipeline(settings, HttpPollSource.stream("1-poll-endpoints", settings.endpoints(),
                settings.publishIntervalMs(), settings.maxBackoffMs()));
    }

    /** @param source the poll events; tests may pass their own */
    public static Pipeline pipeline(ExfPollerSettings settings, StreamSource<PollEvent> source) {
        FactorBook book = new FactorBook(settings.book());
        ExternalFactorsCodec codec = new ExternalFactorsCodec();
        boolean meta = settings.publishMeta();
        Pipeline p = Pipeline.create();
        // One source instance feeds one stateful instance; keeping every later edge isolated keeps exf_latest
        // writes in publication order.
        p.setPreserveOrder(true);
        StreamStage<Outcome<ExternalFactors>> outcomes = p.readFrom(source)
                .withoutTimestamps()
                .flatMapStateful(FactorBook.State::new,
                        (FactorBook.State state, PollEvent event) -> Traversers.traverseIterable(
                                applyAndCount(book, state, event)))
                .setName("2-factor-book");
        DeadLetters.divert(outcomes)
                .map(f -> codec.encode(meta ? f : f.withoutMeta()))
                .setName("3-encode-exf-latest")
                .writeTo(Sinks.map(DolphinMaps.FEATURES, json -> FeatureKeys.EXF_LATEST, json -> json))
                .setName("4-write-exf-latest");
        return p;
    }

    public static void main(String[] args) {
        JobSubmission.submitFromMain(DESCRIPTOR_ID, d -> pipeline(ExfPollerSettings.from(d.settings())));
    }

    /** Counters live in the snapshotted state, so the metrics keep counting across restarts. */
    private static List<Outcome<ExternalFactors>> applyAndCount(FactorBook book, FactorBook.State state,
                                                               PollEvent event) {
        List<Outcome<ExternalFactors>> out = book.apply(state, event);
        if (event instanceof PollEvent.Response r) {
            Metrics.metric(METRIC_POLLS).set(state.polls());
            Metrics.metric(METRIC_FAILURES).set(state.failures());
            Metrics.metric(METRIC_FAILURES + "_" + r.endpoint()).set(state.failures(r.endpoint()));
        } else if (!out.isEmpty()) {
            Metrics.metric(METRIC_PUBLISHED).set(state.published());
        }
        return out;
    }
}
