package io.dolphin.datalayer.exf;

import java.io.Serializable;

/** What {@link HttpPollSource} emits: the outcome of one request, or the clock ticking. */
sealed interface PollEvent extends Serializable {

    /**
     * One finished request. Exactly one of: {@code error != null} (no HTTP response: timeout, I/O), or a status.
     *
     * @param endpoint      {@link HttpEndpoint#name()}
     * @param url           the URL actually requested
     * @param completedAtMs epoch ms when the response (or the failure) was complete: the time the value is "as of"
     * @param status        HTTP status, 0 without a response
     * @param body          response body, null without a response
     * @param retryAfterMs  the server's Retry-After as a delay, -1 when absent
     */
    record Response(String endpoint, String url, long startedAtMs, long completedAtMs, int status, String body,
                    String error, boolean timedOut, long retryAfterMs) implements PollEvent {

        public boolean isOk() {
            return error == null && status >= 200 && status < 300;
        }

        /** Only for responses that are not {@link #isOk()}. */
        public FailureKind failureKind() {
            if (timedOut) {
                return FailureKind.TIMEOUT;
            }
            return error != null ? FailureKind.IO_ERROR : FailureKind.ofStatus(status);
        }
    }

    /** Emitted every tick interval with the wall clock, so time-driven work downstream needs no timer of its own. */
    record Tick(long nowMs) implements PollEvent {
    }
}
