package io.dolphin.datalayer.telemetry;

import io.dolphin.datalayer.common.JobSettings;

import java.io.Serializable;
import java.net.URI;

/**
 * {@code jobs/supervisor-watch.yaml} resolved and checked at submission, so a wrong URL fails the submission with
 * the setting's name rather than the running job.
 *
 * @param url      supervisord's XML-RPC endpoint ({@code [inet_http_server]} plus {@code /RPC2})
 * @param user     Basic-auth user of {@code [inet_http_server]}, empty for none
 * @param password its password; only ever from the environment
 */
record SupervisorWatchSettings(String url, String user, String password, long pollIntervalMs, long timeoutMs,
                               int logTailBytes, long deadLetterIntervalMs) implements Serializable {

    SupervisorWatchSettings {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url '" + url + "' is not a URL (DOLPHIN_SUPERVISOR_URL)", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("url must be http(s)://host:port/RPC2, got '" + url
                    + "' (DOLPHIN_SUPERVISOR_URL)");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("url must not carry credentials: set DOLPHIN_SUPERVISOR_USER and "
                    + "DOLPHIN_SUPERVISOR_PASSWORD");
        }
        positive(pollIntervalMs, "poll-interval-ms");
        positive(timeoutMs, "timeout-ms");
        positive(deadLetterIntervalMs, "dead-letter-interval-ms");
        if (logTailBytes < 0) {
            throw new IllegalArgumentException("'log-tail-bytes' must be >= 0, got " + logTailBytes);
        }
    }

    static SupervisorWatchSettings from(JobSettings s) {
        return new SupervisorWatchSettings(s.string("url").strip(), s.string("user").strip(), s.string("password"),
                s.longValue("poll-interval-ms"), s.longValue("timeout-ms"), s.intValue("log-tail-bytes"),
                s.longValue("dead-letter-interval-ms"));
    }

    @Override
    public String toString() {
        return "SupervisorWatchSettings[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                + ", pollIntervalMs=" + pollIntervalMs + ", timeoutMs=" + timeoutMs + "]";
    }

    private static void positive(long v, String key) {
        if (v <= 0) {
            throw new IllegalArgumentException("'" + key + "' must be > 0, got " + v);
        }
    }
}
