package io.dolphin.datalayer.bench;

import java.net.URI;
import java.util.Map;

/**
 * A ClickHouse server named by the operator for {@code bin/dolphin bench}: {@code --clickhouse-url} or
 * {@code DOLPHIN_CLICKHOUSE_URL} (a clickhouse-jdbc URL, {@code jdbc:clickhouse://host:8123}), the user from
 * {@code --clickhouse-user} or {@code DOLPHIN_CLICKHOUSE_USER} (default {@code default}), the password from
 * {@code DOLPHIN_CLICKHOUSE_PASSWORD} only. {@link #toString()} never shows the password.
 */
public record ClickHouseEndpoint(String jdbcUrl, String user, String password) {

    /** The endpoint the options and the environment name, or null when neither names a URL. */
    public static ClickHouseEndpoint resolve(String urlOption, String userOption, Map<String, String> env) {
        String url = firstSet(urlOption, env.get("DOLPHIN_CLICKHOUSE_URL"));
        if (url == null) {
            return null;
        }
        String user = firstSet(userOption, env.get("DOLPHIN_CLICKHOUSE_USER"));
        String password = env.get("DOLPHIN_CLICKHOUSE_PASSWORD");
        return new ClickHouseEndpoint(url, user == null ? "default" : user, password == null ? "" : password);
    }

    /**
     * The HTTP address behind the JDBC URL, for client-v2: {@code jdbc:clickhouse://h:p/db?x} and
     * {@code jdbc:ch:http://h:p} give {@code http://h:p}; {@code https} stays.
     */
    public String httpUrl() {
        String rest = jdbcUrl.strip();
        for (String prefix : new String[]{"jdbc:", "clickhouse:", "ch:"}) {
            if (rest.startsWith(prefix)) {
                rest = rest.substring(prefix.length());
            }
        }
        if (rest.startsWith("//")) {
            rest = "http:" + rest;
        }
        URI uri = URI.create(rest);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("cannot find host and port in the ClickHouse URL " + jdbcUrl);
        }
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme();
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(scheme) ? 8443 : 8123;
        return scheme + "://" + uri.getHost() + ":" + port;
    }

    private static String firstSet(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b != null && !b.isBlank() ? b.strip() : null;
    }

    @Override
    public String toString() {
        return "ClickHouseEndpoint[" + jdbcUrl + ", user=" + user + ", password="
                + (password.isEmpty() ? "(none)" : "(set)") + "]";
    }
}
