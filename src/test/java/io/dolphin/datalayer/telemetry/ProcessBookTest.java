package io.dolphin.datalayer.telemetry;

import io.dolphin.datalayer.common.Outcome;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watcher's state machine, answer by answer, without a cluster. */
class ProcessBookTest {

    private static final String URL = "http://127.0.0.1:9001/RPC2";
    private final ProcessBook book = new ProcessBook(new ProcessBook.Config("dolphin-supervisor-watch", URL, 60_000));

    static ProcessInfo running(String name, long pid, long start, long now) {
        return new ProcessInfo("g", name, "RUNNING", ProcessInfo.RUNNING, pid, start, 0, now, 0, "", "pid " + pid);
    }

    static ProcessInfo down(String name, String state, int code, long start, long stop, int exit, String spawnErr) {
        return new ProcessInfo("g", name, state, code, 0, start, stop, stop + 1, exit, spawnErr, "");
    }

    @Test
    void when_transitions_then_oneEventEach() {
        String log = "INFO exited: b (terminated by SIGKILL; not expected)\nINFO stopped: a (terminated by SIGTERM)\n"
                + "INFO exited: c (exit status 0; expected)\nINFO exited: d (exit status 3; not expected)\n";
        assertEquals(List.of(new LifecycleEvent("g", "a", "START", "NORMAL_START", 0, 0, 10, 100)),
                ProcessBook.transitions(null, running("a", 10, 100, 105), log), "first seen running");
        assertEquals(List.of(), ProcessBook.transitions(running("a", 10, 100, 105), running("a", 10, 100, 110), log));
        assertEquals(List.of(), ProcessBook.transitions(null, down("a", "STOPPED", 0, 100, 120, 0, ""), log),
                "first seen down: no exit it cannot date");
        assertEquals(List.of(new LifecycleEvent("g", "a", "EXIT", "SIGTERM", -1, 15, 10, 120)),
                ProcessBook.transitions(running("a", 10, 100, 105), down("a", "STOPPED", 0, 100, 120, -1, ""), log));
        assertEquals(List.of(new LifecycleEvent("g", "b", "EXIT", "SIGKILL", -1, 9, 11, 130)),
                ProcessBook.transitions(running("b", 11, 100, 105),
                        down("b", "EXITED", 100, 100, 130, -1, "Bad exit code -1"), log));
        assertEquals(List.of(new LifecycleEvent("g", "c", "EXIT", "NORMAL_EXIT", 0, 0, 12, 140)),
                ProcessBook.transitions(running("c", 12, 100, 105), down("c", "EXITED", 100, 100, 140, 0, ""), log));
        assertEquals(List.of(new LifecycleEvent("g", "d", "EXIT", "CRASHED", 3, 0, 13, 150)),
                ProcessBook.transitions(running("d", 13, 100, 105), down("d", "EXITED", 100, 100, 150, 3, ""), log));
        assertEquals(List.of(new LifecycleEvent("g", "a", "EXIT", "SIGTERM", -1, 15, 10, 160),
                        new LifecycleEvent("g", "a", "START", "NORMAL_START", 0, 0, 20, 161)),
                ProcessBook.transitions(running("a", 10, 100, 105),
                        new ProcessInfo("g", "a", "RUNNING", 20, 20, 161, 160, 162, 0, "", ""), log),
                "restarted between two polls");
        assertEquals(List.of(new LifecycleEvent("g", "e", "EXIT", "SIGNAL", -1, 0, 14, 170)),
                ProcessBook.transitions(running("e", 14, 100, 105), down("e", "EXITED", 100, 100, 170, -1, ""), null),
                "no log: a signal without its name");
    }

    @Test
    void when_stateRestoredFromBeforeATransition_then_theSameKeysAndTextAgain() throws Exception {
        ProcessBook.State state = new ProcessBook.State();
        book.apply(state, answer(1_000, running("a", 10, 100, 101)));
        ProcessBook.State snapshot = copy(state);

        List<Outcome<WatchOutput>> first = book.apply(state, answer(2_000, down("a", "STOPPED", 0, 100, 120, -1, "")));
        List<Outcome<WatchOutput>> again = book.apply(snapshot, answer(3_000,
                down("a", "STOPPED", 0, 100, 120, -1, "")));

        assertEquals(transitionsOf(first), transitionsOf(again));
        assertEquals(1, transitionsOf(first).size());
        assertEquals(List.of(), transitionsOf(book.apply(state, answer(4_000,
                down("a", "STOPPED", 0, 100, 120, -1, "")))));
    }

    @Test
    void when_supervisordDown_then_lastStatesStaleWithAgeAndOneDeadLetterPerInterval() {
        ProcessBook.State state = new ProcessBook.State();
        book.apply(state, answer(1_000, running("a", 10, 100, 101)));

        List<Outcome<WatchOutput>> out = book.apply(state, refused(6_000));
        List<Outcome<WatchOutput>> later = book.apply(state, refused(11_000));

        assertEquals(2, out.size());
        String json = out.get(0).value().json();
        assertTrue(json.contains("\"state\":\"RUNNING\"") && json.contains("\"ts\":1.0") && json.contains("\"age_s\":5.0")
                && json.contains("\"stale\":true") && json.contains("Connection refused"), json);
        assertFalse(out.get(1).isAccepted());
        assertTrue(out.get(1).deadLetter().reason().contains("io-error"), out.get(1).deadLetter().reason());
        assertEquals(1, later.size(), "the second failure within the interval is counted, not dead-lettered");
        assertTrue(later.get(0).value().json().contains("\"age_s\":10.0"), later.get(0).value().json());
        assertEquals(2, state.failures());
    }

    private static List<String> transitionsOf(List<Outcome<WatchOutput>> out) {
        return out.stream().filter(Outcome::isAccepted).map(Outcome::value)
                .filter(v -> v instanceof WatchOutput.Transition).map(v -> v.key() + "=" + v.json()).toList();
    }

    static SupervisorPoll answer(long atMs, ProcessInfo... processes) {
        // supervisord's multicall answers each call's value bare, not in a one-element array
        StringBuilder xml = new StringBuilder("<methodResponse><params><param><value><array><data>"
                + "<value><array><data>");
        for (ProcessInfo p : processes) {
            xml.append("<value><struct>").append(member("name", "<string>" + p.name() + "</string>"))
                    .append(member("group", "<string>" + p.group() + "</string>"))
                    .append(member("statename", "<string>" + p.state() + "</string>"))
                    .append(member("state", "<int>" + p.stateCode() + "</int>"))
                    .append(member("pid", "<int>" + p.pid() + "</int>"))
                    .append(member("start", "<int>" + p.start() + "</int>"))
                    .append(member("stop", "<int>" + p.stop() + "</int>"))
                    .append(member("now", "<int>" + p.now() + "</int>"))
                    .append(member("exitstatus", "<int>" + p.exitStatus() + "</int>"))
                    .append(member("spawnerr", "<string>" + p.spawnErr() + "</string>"))
                    .append(member("description", "<string>" + p.description() + "</string>"))
                    .append("</struct></value>");
        }
        xml.append("</data></array></value><value><string>"
                + "INFO stopped: a (terminated by SIGTERM)</string></value>"
                + "</data></array></value></param></params></methodResponse>");
        return new SupervisorPoll(URL, atMs - 5, atMs, 200, xml.toString(), null, false);
    }

    private static String member(String name, String value) {
        return "<member><name>" + name + "</name><value>" + value + "</value></member>";
    }

    static SupervisorPoll refused(long atMs) {
        return new SupervisorPoll(URL, atMs - 5, atMs, 0, null, "ConnectException: Connection refused", false);
    }

    @SuppressWarnings("unchecked")
    private static <T> T copy(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
