package io.dolphin.datalayer.telemetry;

import java.io.Serializable;

/**
 * One {@code service_lifecycle} row: a process started or ended. Everything in it comes from supervisord's own
 * answer (its start and stop times, pid, exit status, its log), never from when the watcher happened to look, so
 * a watcher that derives the same transition again after a restart writes the very same key and text.
 *
 * @param tsSeconds supervisord's start time (START) or stop time (EXIT), epoch seconds
 * @param exitCode  the exit status supervisord reports (-1 when a signal ended the process), 0 for START
 * @param signalNum the signal that ended it, 0 when none or unknown
 */
record LifecycleEvent(String group, String service, String event, String reason, int exitCode, int signalNum, long pid,
                      long tsSeconds) implements Serializable {

    static final String START = "START";
    static final String EXIT = "EXIT";

    /** The map key: one per transition, the same however often it is derived. */
    String key() {
        return group + ":" + service + "|" + event + "|" + tsSeconds + "|" + pid;
    }
}
