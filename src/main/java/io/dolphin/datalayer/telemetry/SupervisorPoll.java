package io.dolphin.datalayer.telemetry;

import java.io.Serializable;

/**
 * One finished call to supervisord, as {@link SupervisorPollSource} saw it. Exactly one of: {@code error != null}
 * (no HTTP answer: refused, reset, timed out) or a status with its body.
 *
 * @param completedAtMs epoch ms when the answer (or the failure) was complete: the time the states are "as of"
 */
record SupervisorPoll(String url, long startedAtMs, long completedAtMs, int status, String body, String error,
                      boolean timedOut) implements Serializable {

    boolean answered() {
        return error == null;
    }
}
