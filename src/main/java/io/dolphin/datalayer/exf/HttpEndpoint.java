package io.dolphin.datalayer.exf;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One URL the poller asks on its own schedule.
 *
 * @param name        stable identifier (dead-letter source, metrics, logs), e.g. {@code funding_btc}
 * @param urlTemplate absolute http(s) URL; {@code {now_ms}} and {@code {now_ms-3600000}} expand to the epoch
 *                    milliseconds of each request (APIs such as Deribit's index history want a time window)
 * @param intervalMs  time between the starts of two polls while the endpoint is healthy
 * @param timeoutMs   a poll with no complete response after this long is abandoned as a timeout
 */
record HttpEndpoint(String name, String urlTemplate, long intervalMs, long timeoutMs) implements Serializable {

    private static final Pattern NOW = Pattern.compile("\\{now_ms(?:-(\\d+))?}");

    public HttpEndpoint {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an endpoint needs a name");
        }
        if (urlTemplate == null || !(urlTemplate.startsWith("http://") || urlTemplate.startsWith("https://"))) {
            throw new IllegalArgumentException("endpoint '" + name + "': url must be an absolute http(s) URL, got '"
                    + urlTemplate + "'");
        }
        if (intervalMs <= 0 || timeoutMs <= 0) {
            throw new IllegalArgumentException("endpoint '" + name + "': interval-ms and timeout-ms must be > 0");
        }
    }

    /** The URL of a request made at {@code nowMs}. */
    public String url(long nowMs) {
        Matcher m = NOW.matcher(urlTemplate);
        if (!m.find()) {
            return urlTemplate;
        }
        StringBuilder out = new StringBuilder();
        do {
            long minus = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
            m.appendReplacement(out, Long.toString(nowMs - minus));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
