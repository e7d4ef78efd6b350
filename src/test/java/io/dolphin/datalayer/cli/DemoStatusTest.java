package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.warm.store.ClickHouseTarget;
import io.dolphin.datalayer.warm.store.Dialect;
import io.dolphin.datalayer.warm.store.SchemaApplier;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's warm-row counts: of this run only, listing only tables that got rows plus how many got none; they read a
 * ClickHouse warm store too, with its credentials, in SQL it accepts.
 */
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

    @Test
    void when_storeHeldRowsBeforeTheRun_then_onlyThisRunsRowsAndOnlyTablesWithRowsAreListed() throws Exception {
        WarmStoreConfig duck = new WarmStoreConfig("jdbc:duckdb:" + dir.resolve("warm.duckdb"), "", "", false);
        try (Connection c = duck.connect(); Statement st = c.createStatement()) {
            SchemaApplier.apply(c, Dialect.DUCKDB);
            st.execute("INSERT INTO dolphin.acb_state VALUES ('2026-04-15 07:00:00', 1.4, 0.8, 0.5)");
            st.execute("INSERT INTO dolphin.exf_data VALUES ('2026-04-15 07:00:00', 0.1, 50, 40, 0.9)");
        }
        DemoStatus status = new DemoStatus(null, duck); // an earlier run's rows: the baseline
        try (Connection c = duck.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO dolphin.acb_state VALUES ('2026-04-15 07:00:30', 1.4, 0.8, 0.5),"
                    + " ('2026-04-15 07:01:00', 1.4, 0.8, 0.5)");
        }
        String section = status.warmSection(status.warmRows());
        assertEquals(2L, status.warmRowsThisRun());
        assertTrue(section.matches("(?s).*dolphin\\.acb_state\\s+2\\n.*"), section);
        assertFalse(section.contains("exf_data"), section);
        int tables = 2 * io.dolphin.datalayer.common.WarmTable.values().length;
        assertTrue(section.contains("(" + (tables - 1) + " other tables got no rows)"), section);
    }
}
