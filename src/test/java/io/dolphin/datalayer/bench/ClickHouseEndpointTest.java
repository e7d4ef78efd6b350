package io.dolphin.datalayer.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class ClickHouseEndpointTest {

    @Test
    void when_jdbcUrlInAnyOfTheDriversForms_then_httpAddressForClientV2() {
        assertEquals("http://127.0.0.1:18123", http("jdbc:clickhouse://127.0.0.1:18123"));
        assertEquals("http://ch.example:8123", http("jdbc:clickhouse://ch.example:8123/dolphin?compress=0"));
        assertEquals("http://ch.example:8123", http("jdbc:ch://ch.example"));
        assertEquals("https://ch.example:8443", http("jdbc:clickhouse:https://ch.example"));
        assertEquals("http://ch.example:9000", http("jdbc:ch:http://ch.example:9000"));
    }

    @Test
    void when_optionAndEnvironment_then_optionWins_passwordOnlyFromEnvironment() {
        Map<String, String> env = Map.of("DOLPHIN_CLICKHOUSE_URL", "jdbc:clickhouse://env:8123",
                "DOLPHIN_CLICKHOUSE_USER", "envuser", "DOLPHIN_CLICKHOUSE_PASSWORD", "secret");
        ClickHouseEndpoint e = ClickHouseEndpoint.resolve("jdbc:clickhouse://opt:8123", null, env);
        assertEquals("jdbc:clickhouse://opt:8123", e.jdbcUrl());
        assertEquals("envuser", e.user());
        assertEquals("secret", e.password());
        assertFalse(e.toString().contains("secret"));
        assertEquals("default", ClickHouseEndpoint.resolve(null, " ", Map.of("DOLPHIN_CLICKHOUSE_URL", "jdbc:ch://x"))
                .user());
        assertNull(ClickHouseEndpoint.resolve(null, "u", Map.of()));
    }

    private static String http(String jdbcUrl) {
        return new ClickHouseEndpoint(jdbcUrl, "default", "").httpUrl();
    }
}
