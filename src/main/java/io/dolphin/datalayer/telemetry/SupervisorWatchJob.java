package io.dolphin.datalayer.telemetry;

import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.jet.pipeline.StreamStage;
import io.dolphin.datalayer.common.DeadLetters;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.JobSubmission;
import io.dolphin.datalayer.common.Outcome;

import java.util.List;

/**
 * {@code dolphin-supervisor-watch}: supervisord's process states over XML-RPC into {@code DOLPHIN_PROCESSES}
 * (key {@code group:name}, one {@code supervisord_state} row per answer) and every start and exit into
 * {@code DOLPHIN_SERVICE_LIFECYCLE} (one {@code service_lifecycle} row each).
 * <pre>
 *  (1) 1-poll-supervisord ─▶ (2) 2-process-book ──▶ (3) 3-process-states ─▶ (4) 4-write-process-states
 *      system.multicall:     last answer per         DOLPHIN_PROCESSES
 *      getAllProcessInfo +   process, transitions,  ─▶ (3) 3-transitions ─▶ (4) 4-write-transitions
 *      readLog, every poll   failure counts          DOLPHIN_SERVICE_LIFECYCLE
 *      interval              ─▶ (2a) dead letters, rate-limited ─▶ DOLPHIN_DEAD_LETTERS
 * </pre>
 * (2) is one stateful stage whose {@link ProcessBook.State} is in every snapshot. Metrics:
 * {@value #METRIC_POLLS}, {@value #METRIC_FAILURES} (every poll without a usable answer),
 * {@value #METRIC_TRANSITIONS}, {@value #METRIC_ANSWER_AGE} (ms since supervisord last answered, -1 before the
 * first answer), {@value #METRIC_PROCESSES}, and {@code deadLetters}.
 */
public final class SupervisorWatchJob {

    public static final String DESCRIPTOR_ID = "supervisor-watch";
    public static final String JOB_NAME = "dolphin-supervisor-watch";

    public static final String METRIC_POLLS = "supervisorPolls";
    public static final String METRIC_FAILURES = "supervisorFailures";
    public static final String METRIC_TRANSITIONS = "supervisorTransitions";
    public static final String METRIC_ANSWER_AGE = "supervisorAnswerAgeMs";
    public static final String METRIC_PROCESSES = "supervisorProcesses";

    private SupervisorWatchJob() {
    }

    static Pipeline pipeline(SupervisorWatchSettings settings) {
        return pipeline(settings, SupervisorPollSource.stream("1-poll-supervisord", settings));
    }

    /** @param source the polls; tests may pass their own */
    static Pipeline pipeline(SupervisorWatchSettings settings, StreamSource<SupervisorPoll> source) {
        ProcessBook book = new ProcessBook(new ProcessBook.Config(JOB_NAME, settings.url(),
                settings.deadLetterIntervalMs()));
        Pipeline p = Pipeline.create();
        // One source instance feeds one stateful instance; isolated edges keep each key's writes in poll order.
        p.setPreserveOrder(true);
        StreamStage<Outcome<WatchOutput>> outcomes = p.readFrom(source)
                .withoutTimestamps()
                .flatMapStateful(ProcessBook.State::new,
                        (ProcessBook.State state, SupervisorPoll poll) -> Traversers.traverseIterable(
                                applyAndCount(book, state, poll)))
                .setName("2-process-book");
        StreamStage<WatchOutput> accepted = DeadLetters.divert(outcomes);
        accepted.filter(o -> o instanceof WatchOutput.ProcessState).setName("3-process-states")
                .writeTo(Sinks.map(DolphinMaps.PROCESSES, WatchOutput::key, WatchOutput::json))
                .setName("4-write-process-states");
        accepted.filter(o -> o instanceof WatchOutput.Transition).setName("3-transitions")
                .writeTo(Sinks.map(DolphinMaps.SERVICE_LIFECYCLE, WatchOutput::key, WatchOutput::json))
                .setName("4-write-transitions");
        return p;
    }

    public static void main(String[] args) {
        JobSubmission.submitFromMain(DESCRIPTOR_ID, d -> pipeline(SupervisorWatchSettings.from(d.settings())));
    }

    /** Counters live in the snapshotted state, so the metrics keep counting across restarts. */
    private static List<Outcome<WatchOutput>> applyAndCount(ProcessBook book, ProcessBook.State state,
                                                           SupervisorPoll poll) {
        List<Outcome<WatchOutput>> out = book.apply(state, poll);
        Metrics.metric(METRIC_POLLS).set(state.polls());
        Metrics.metric(METRIC_FAILURES).set(state.failures());
        Metrics.metric(METRIC_TRANSITIONS).set(state.transitions());
        Metrics.metric(METRIC_PROCESSES).set(state.last().size());
        Metrics.metric(METRIC_ANSWER_AGE).set(state.lastOkMs() == 0 ? -1
                : Math.max(0, poll.completedAtMs() - state.lastOkMs()));
        return out;
    }
}
