package io.dolphin.datalayer.telemetry;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a process ended, as supervisord wrote it in its own log: {@code exited: NAME (terminated by SIGKILL; not
 * expected)}, {@code exited: NAME (exit status 3; not expected)}, {@code stopped: NAME (terminated by SIGTERM)}.
 * {@code getAllProcessInfo} reports -1 for any signal and says nothing of expected exit codes; the log says both.
 *
 * @param reason    SIGTERM, SIGKILL, ... for a signal; NORMAL_EXIT or CRASHED for an exit code; SIGNAL when a signal
 *                  ended it but the log did not say which
 * @param exitCode  the exit code, -1 for a signal (as supervisord reports it)
 * @param signalNum the signal's number, 0 for none or unknown
 */
record ExitCause(String reason, int exitCode, int signalNum) {

    static final String NORMAL_EXIT = "NORMAL_EXIT";
    static final String CRASHED = "CRASHED";
    static final String UNKNOWN_SIGNAL = "SIGNAL";

    /** Linux numbers of the signals a supervised process is usually ended by. */
    private static final Map<String, Integer> SIGNALS = Map.ofEntries(Map.entry("SIGHUP", 1), Map.entry("SIGINT", 2),
            Map.entry("SIGQUIT", 3), Map.entry("SIGILL", 4), Map.entry("SIGTRAP", 5), Map.entry("SIGABRT", 6),
            Map.entry("SIGBUS", 7), Map.entry("SIGFPE", 8), Map.entry("SIGKILL", 9), Map.entry("SIGUSR1", 10),
            Map.entry("SIGSEGV", 11), Map.entry("SIGUSR2", 12), Map.entry("SIGPIPE", 13), Map.entry("SIGALRM", 14),
            Map.entry("SIGTERM", 15));

    /**
     * @param info    the process now (after it ended)
     * @param logTail supervisord's log tail, or null
     */
    static ExitCause of(ProcessInfo info, String logTail) {
        String line = lastLine(info.name(), logTail);
        if (line != null) {
            Matcher signal = Pattern.compile("terminated by (SIG[A-Z0-9]+)").matcher(line);
            if (signal.find()) {
                return new ExitCause(signal.group(1), -1, SIGNALS.getOrDefault(signal.group(1), 0));
            }
            Matcher status = Pattern.compile("exit status (\\d+)").matcher(line);
            if (status.find()) {
                return new ExitCause(line.contains("not expected") ? CRASHED : NORMAL_EXIT,
                        Integer.parseInt(status.group(1)), 0);
            }
        }
        // supervisord clears the exit status when it starts the process again: only a process still down has it.
        int code = info.alive() ? 0 : info.exitStatus();
        if (code == -1) {
            return new ExitCause(UNKNOWN_SIGNAL, -1, 0);
        }
        boolean crashed = info.spawnErr().startsWith("Bad exit code") || info.stateCode() == ProcessInfo.BACKOFF
                || info.stateCode() == ProcessInfo.FATAL;
        return new ExitCause(crashed ? CRASHED : NORMAL_EXIT, code, 0);
    }

    /** The last "exited:" or "stopped:" line supervisord wrote about this process. */
    private static String lastLine(String name, String logTail) {
        if (logTail == null) {
            return null;
        }
        Pattern p = Pattern.compile("(?:exited|stopped): " + Pattern.quote(name) + " \\(([^)\\n]*)\\)");
        Matcher m = p.matcher(logTail);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }
}
