package io.dolphin.datalayer.telemetry;

import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.JsonObjectWriter;

/**
 * The JSON text of {@code DOLPHIN_PROCESSES} and {@code DOLPHIN_SERVICE_LIFECYCLE} values, written by the watcher
 * and read by the warm sink's row mappers. Field names are the warm tables' columns where there is one.
 *
 * <p>A process value: {@code group, name, state, pid, uptime_s, exit_status, start, stop, spawnerr, description}
 * as supervisord reported them, {@code ts} (epoch seconds: when supervisord answered), {@code source},
 * {@code age_s} (seconds since that answer) and {@code stale} (true while supervisord does not answer, with the
 * reason in {@code error}: the state is the last one known).
 */
final class ProcessCodec {

    static final String SOURCE = "supervisor.getAllProcessInfo";

    private ProcessCodec() {
    }

    static String encodeState(ProcessInfo p, long asOfMs, long nowMs, String error) {
        return new JsonObjectWriter()
                .put("group", p.group())
                .put("name", p.name())
                .put("state", p.state())
                .put("pid", p.pid())
                .put("uptime_s", p.uptimeSeconds())
                .put("exit_status", p.exitStatus())
                .put("start", p.start())
                .put("stop", p.stop())
                .put("spawnerr", p.spawnErr())
                .put("description", p.description())
                .put("ts", asOfMs / 1000.0)
                .put("source", SOURCE)
                .put("age_s", Math.max(0, nowMs - asOfMs) / 1000.0)
                .put("stale", error != null)
                .put("error", error)
                .toJson();
    }

    static String encodeTransition(LifecycleEvent e) {
        return new JsonObjectWriter()
                .put("ts", e.tsSeconds())
                .put("service", e.service())
                .put("group", e.group())
                .put("event", e.event())
                .put("reason", e.reason())
                .put("exit_code", e.exitCode())
                .put("signal_num", e.signalNum())
                .put("pid", e.pid())
                .toJson();
    }

    static JsonFields parse(String context, String json) {
        return JsonFields.parse(context, json);
    }
}
