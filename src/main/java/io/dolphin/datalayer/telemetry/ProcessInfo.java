package io.dolphin.datalayer.telemetry;

import java.io.Serializable;
import java.util.Map;

/**
 * One entry of supervisord's {@code getAllProcessInfo}: what supervisord knows about one process.
 *
 * @param start      epoch seconds of the last start, 0 if never started
 * @param stop       epoch seconds of the last stop, 0 if never stopped
 * @param now        supervisord's clock, epoch seconds
 * @param exitStatus the last exit code; supervisord reports -1 for a process ended by a signal
 */
record ProcessInfo(String group, String name, String state, int stateCode, long pid, long start, long stop, long now,
                   int exitStatus, String spawnErr, String description) implements Serializable {

    /** supervisord's state codes ({@code supervisor.states.ProcessStates}). */
    static final int STOPPED = 0;
    static final int STARTING = 10;
    static final int RUNNING = 20;
    static final int BACKOFF = 30;
    static final int STOPPING = 40;
    static final int EXITED = 100;
    static final int FATAL = 200;

    /** {@code group:name}, the map key and how supervisorctl names a process. */
    String key() {
        return group + ":" + name;
    }

    /** True while a process of this entry has a pid of its own (RUNNING, or STOPPING on its way out). */
    boolean alive() {
        return pid > 0 && (stateCode == RUNNING || stateCode == STOPPING || stateCode == STARTING);
    }

    long uptimeSeconds() {
        return stateCode == RUNNING && start > 0 ? Math.max(0, now - start) : 0;
    }

    /** @throws XmlRpc.Malformed naming the missing or mistyped field */
    static ProcessInfo of(Object entry) {
        if (!(entry instanceof Map<?, ?> m)) {
            throw new XmlRpc.Malformed("a process entry must be a struct, got " + entry);
        }
        String name = text(m, "name", null);
        String where = "process '" + name + "'";
        return new ProcessInfo(text(m, "group", where), name, text(m, "statename", where),
                (int) number(m, "state", where), number(m, "pid", where), number(m, "start", where),
                number(m, "stop", where), number(m, "now", where), (int) number(m, "exitstatus", where),
                optText(m, "spawnerr"), optText(m, "description"));
    }

    private static String text(Map<?, ?> m, String field, String where) {
        Object v = m.get(field);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw new XmlRpc.Malformed((where == null ? "a process entry" : where) + " has no text field '" + field
                    + "' (got " + v + ")");
        }
        return s;
    }

    private static String optText(Map<?, ?> m, String field) {
        Object v = m.get(field);
        return v == null ? "" : v.toString();
    }

    private static long number(Map<?, ?> m, String field, String where) {
        Object v = m.get(field);
        if (!(v instanceof Number n)) {
            throw new XmlRpc.Malformed(where + " has no number field '" + field + "' (got " + v + ")");
        }
        return n.longValue();
    }
}
