package io.dolphin.datalayer.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The answer to {@link XmlRpc#multicallBody}: every process, and the tail of supervisord's log when it could be
 * read (a supervisord logging nowhere answers that call with a fault, which costs only the signal names).
 *
 * @param logTail  the log's last bytes, or null
 * @param logError why the log could not be read, or null
 */
record SupervisorReply(List<ProcessInfo> processes, String logTail, String logError) {

    /**
     * @throws XmlRpc.Fault     when the whole call, or getAllProcessInfo inside it, failed
     * @throws XmlRpc.Malformed when the answer is not the shape the two calls return
     */
    static SupervisorReply parse(String body) {
        Object value = XmlRpc.parseResponse(body);
        if (!(value instanceof List<?> results) || results.isEmpty() || results.size() > 2) {
            throw new XmlRpc.Malformed("system.multicall must return an array of 1 or 2 results (getAllProcessInfo, "
                    + "readLog), got " + abbreviate(value));
        }
        Object infos = single(results.get(0), "supervisor.getAllProcessInfo", true);
        if (!(infos instanceof List<?> list)) {
            throw new XmlRpc.Malformed("supervisor.getAllProcessInfo must return an array, got " + abbreviate(infos));
        }
        List<ProcessInfo> processes = new ArrayList<>();
        for (Object entry : list) {
            processes.add(ProcessInfo.of(entry));
        }
        String logTail = null;
        String logError = null;
        if (results.size() == 1) {
            return new SupervisorReply(List.copyOf(processes), null, "log not asked for (log-tail-bytes 0)");
        }
        try {
            Object log = single(results.get(1), "supervisor.readLog", false);
            if (!(log instanceof String text)) {
                throw new XmlRpc.Malformed("supervisor.readLog must return text, got " + abbreviate(log));
            }
            logTail = text;
        } catch (XmlRpc.Fault f) {
            logError = f.getMessage();
        }
        return new SupervisorReply(List.copyOf(processes), logTail, logError);
    }

    /**
     * A multicall result: a fault struct, or the value. The XML-RPC multicall convention wraps each value in a
     * one-element array; supervisord's own {@code system.multicall} returns it bare. Both are read.
     */
    private static Object single(Object result, String method, boolean list) {
        if (result instanceof Map<?, ?> m && m.get("faultCode") instanceof Number code) {
            throw new XmlRpc.Fault(code.intValue(), method + ": " + m.get("faultString"));
        }
        if (result instanceof List<?> l && l.size() == 1 && (!list || l.get(0) instanceof List)) {
            return l.get(0);
        }
        return result;
    }

    private static String abbreviate(Object v) {
        String s = String.valueOf(v);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
