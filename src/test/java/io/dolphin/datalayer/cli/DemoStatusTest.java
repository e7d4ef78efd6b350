package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.warm.store.ClickHouseTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The demo's warm-row counts read a ClickHouse warm store too: with its credentials, in SQL it accepts. */
class DemoStatusTest {

    @TempDir
    Path dir;

    @Test
    void when_warmStoreIsClickHouseWithAPassword_then_rowsAreCounted() throws Exception {
        try (ClickHouseTarget clickHouse = ClickHouseTarget.start(dir.resolve("clickhouse"))) {
            clickHouse.resetSchema();
            try (Connection c = clickHouse.config(false).connect(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO dolphin.acb_state VALUES ('2026-04-15 07:00:00', 1.4, 0.8, 0.5),"
                        + " ('2026-04-15 07:00:30', 1.4, 0.8, 0.5)");
                st.execute("INSERT INTO dolphin_green.exf_data VALUES ('2026-04-15 07:00:00', 0.1, 50, 40, 0.9)");
            }
            Map<String, Long> rows = new DemoStatus(null, clickHouse.config(false)).warmRows();
            assertEquals(2L, rows.get("dolphin.acb_state"));
            assertEquals(1L, rows.get("dolphin_green.exf_data"));
            assertEquals(0L, rows.get("dolphin.obf_universe"));
        }
    }
}
