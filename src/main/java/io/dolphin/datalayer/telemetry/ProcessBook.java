package io.dolphin.datalayer.telemetry;

import io.dolphin.datalayer.common.DeadLetterGate;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.common.Outcome;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns supervisord's answers into process states, transitions and dead letters. What it remembers (the last
 * answer per process, counters, dead-letter rate limits) is a {@link State} the job keeps in Jet's snapshots, so
 * after a restart the next answer is compared with the last one the snapshot saw: a transition since then is
 * derived once from it, and a transition already written before the restart is derived again identically (its
 * key and text come from supervisord's own times, pid and log), which the maps and the warm sink take as the same.
 *
 * <p>Transitions, for each process, comparing the previous answer with this one by pid:
 * <ul>
 *   <li>a pid that was alive and is no longer (stopped, exited, killed, or replaced by a new pid): EXIT at
 *   supervisord's stop time, with the cause from its log ({@link ExitCause});</li>
 *   <li>a new live pid (started, restarted, or first seen running): START at its start time, NORMAL_START.</li>
 * </ul>
 * A process restarted several times between two polls shows only its first and last run; a process that ended
 * while no watcher had seen it run (a fresh start without a snapshot) gets a state row but no EXIT.
 *
 * <p>When supervisord does not answer, answers an error, a fault or something that is not the expected
 * XML-RPC, every known process is written again with its last state, {@code stale} and its age; the failure is
 * counted and dead-lettered, at most once per dead-letter interval for each kind of failure.
 */
final class ProcessBook implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Config config;

    ProcessBook(Config config) {
        this.config = config;
    }

    List<Outcome<WatchOutput>> apply(State s, SupervisorPoll poll) {
        s.polls++;
        List<Outcome<WatchOutput>> out = new ArrayList<>();
        if (!poll.answered()) {
            fail(s, poll, poll.timedOut() ? "timeout" : "io-error", poll.error(), out);
            return out;
        }
        if (poll.status() != 200) {
            fail(s, poll, "http-" + poll.status(), "HTTP " + poll.status(), out);
            return out;
        }
        SupervisorReply reply;
        try {
            reply = SupervisorReply.parse(poll.body());
        } catch (XmlRpc.Fault f) {
            fail(s, poll, "fault", f.getMessage(), out);
            return out;
        } catch (XmlRpc.Malformed m) {
            fail(s, poll, "malformed", "not the XML-RPC answer of getAllProcessInfo: " + m.getMessage(), out);
            return out;
        }
        s.consecutiveFailures = 0;
        s.lastError = null;
        s.lastOkMs = poll.completedAtMs();
        Map<String, ProcessInfo> next = new LinkedHashMap<>();
        for (ProcessInfo p : reply.processes()) {
            ProcessInfo before = s.last.get(p.key());
            for (LifecycleEvent e : transitions(before, p, reply.logTail())) {
                s.transitions++;
                out.add(Outcome.accepted(new WatchOutput.Transition(e.key(), ProcessCodec.encodeTransition(e))));
            }
            next.put(p.key(), p);
            out.add(Outcome.accepted(new WatchOutput.ProcessState(p.key(),
                    ProcessCodec.encodeState(p, poll.completedAtMs(), poll.completedAtMs(), null))));
        }
        s.last.clear();
        s.last.putAll(next);
        return out;
    }

    /** The transitions between two answers about one process ({@code before} null: first seen). */
    static List<LifecycleEvent> transitions(ProcessInfo before, ProcessInfo now, String logTail) {
        List<LifecycleEvent> events = new ArrayList<>(2);
        boolean wasAlive = before != null && before.alive();
        boolean sameRun = wasAlive && now.alive() && now.pid() == before.pid();
        if (wasAlive && !sameRun) {
            ExitCause cause = ExitCause.of(now, logTail);
            long at = now.stop() >= before.start() && now.stop() > 0 ? now.stop() : now.now();
            events.add(new LifecycleEvent(now.group(), now.name(), LifecycleEvent.EXIT, cause.reason(),
                    cause.exitCode(), cause.signalNum(), before.pid(), at));
        }
        if (now.alive() && !sameRun) {
            events.add(new LifecycleEvent(now.group(), now.name(), LifecycleEvent.START, "NORMAL_START", 0, 0,
                    now.pid(), now.start() > 0 ? now.start() : now.now()));
        }
        return events;
    }

    private void fail(State s, SupervisorPoll poll, String kind, String what, List<Outcome<WatchOutput>> out) {
        s.failures++;
        s.consecutiveFailures++;
        s.lastError = kind + ": " + what;
        String error = "supervisord " + kind + ": " + what;
        for (ProcessInfo p : s.last.values()) {
            out.add(Outcome.accepted(new WatchOutput.ProcessState(p.key(),
                    ProcessCodec.encodeState(p, s.lastOkMs, poll.completedAtMs(), error))));
        }
        long now = poll.completedAtMs();
        String counted = s.gates.computeIfAbsent(kind, k -> new DeadLetterGate())
                .pass(now, config.deadLetterIntervalMs());
        if (counted == null) {
            return;
        }
        s.deadLettered++;
        String kept = s.lastOkMs == 0 ? "no state known yet"
                : "last states kept, as of " + Instant.ofEpochMilli(s.lastOkMs);
        String reason = "supervisord at " + config.url() + ", " + kind + ": " + what + "; " + kept + counted;
        String payload = poll.body() != null ? poll.body() : "POST " + poll.url() + " -> " + poll.error();
        out.add(Outcome.rejected(DeadLetter.of(config.jobName(), config.url() + " " + kind, reason, payload, now)));
    }

    /**
     * @param url                  supervisord's XML-RPC URL, without credentials
     * @param deadLetterIntervalMs at most one dead letter per kind of failure in this time
     */
    record Config(String jobName, String url, long deadLetterIntervalMs) implements Serializable {
    }

    /** Everything the watcher remembers; Jet snapshots it. Only the job's single stateful processor touches it. */
    static final class State implements Serializable {

        private static final long serialVersionUID = 1L;

        final Map<String, ProcessInfo> last = new LinkedHashMap<>();
        final Map<String, DeadLetterGate> gates = new HashMap<>();
        long polls;
        long failures;
        long consecutiveFailures;
        long transitions;
        long deadLettered;
        long lastOkMs;
        String lastError;

        long polls() {
            return polls;
        }

        /** Every poll that gave no usable answer, dead-lettered or not. */
        long failures() {
            return failures;
        }

        long transitions() {
            return transitions;
        }

        long lastOkMs() {
            return lastOkMs;
        }

        Map<String, ProcessInfo> last() {
            return last;
        }
    }
}
