package io.dolphin.datalayer.deploy;

import io.dolphin.datalayer.warm.store.ClickHouseTarget;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo on the production store: {@code DOLPHIN_WARM_JDBC_URL=jdbc:clickhouse://…} with
 * {@code DOLPHIN_WARM_USER}/{@code DOLPHIN_WARM_PASSWORD}, against the ClickHouse test engine (or the server of
 * {@code DOLPHIN_CLICKHOUSE_URL}), stopped with SIGINT as Ctrl-C does: status line and summary read ClickHouse, the
 * sink drains, exit 0, and {@code bin/dolphin audit} finds the store consistent. Shorter than {@link DemoIT}: it stops
 * once order books, scans and factors have rows (acb's first window, 30 s in, is DemoIT's to wait for).
 */
class DemoClickHouseIT {

    private static final Pattern RUN_ROWS = Pattern.compile("this run: warm rows ([0-9,]+)");

    @Test
    void when_demoOnClickHouseGetsSigint_then_itDrainsPrintsTheSummaryExitsZeroAndTheStoreAudits() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "it-work", "demo-clickhouse")).toAbsolutePath();
        try (ClickHouseTarget clickHouse = ClickHouseTarget.start(Files.createTempDirectory(dir, "engine"))) {
            clickHouse.resetSchema();
            Map<String, String> env = Map.of("DOLPHIN_WARM_JDBC_URL", clickHouse.url(),
                    "DOLPHIN_WARM_USER", clickHouse.user(), "DOLPHIN_WARM_PASSWORD", clickHouse.password());
            DemoProcess demo = DemoProcess.start("demo-clickhouse", env);
            demo.awaitLine(l -> l.startsWith("demo: running;"), 240, "the jobs running");
            demo.awaitLine(DemoClickHouseIT::hasScansAndRows, 120, "a status line with scans and warm rows");
            // two status lines: the CPU figure and the status line have something to show
            demo.awaitStatusLines(2, 60);

            assertEquals(0, demo.signalAndWait("INT", 120), demo.tail());

            demo.assertCleanStop("obf_universe", "eigen_scans", "exf_data");
            String summary = demo.summary();
            assertTrue(summary.contains("warm rows written by this run (CLICKHOUSE)"), summary);
            DemoProcess.Audit audit = demo.audit(clickHouse.url(), Map.of("DOLPHIN_WARM_USER", clickHouse.user(),
                    "DOLPHIN_WARM_PASSWORD", clickHouse.password()));
            assertEquals(0, audit.code(), audit.output());
        }
    }

    /** Rows in the store and at least two status lines' worth of scans (a scan every 3 s). */
    private static boolean hasScansAndRows(String line) {
        Matcher rows = RUN_ROWS.matcher(line);
        return rows.find() && Long.parseLong(rows.group(1).replace(",", "")) > 1_000 && line.contains("scans ")
                && !line.contains("scans 0 ");
    }
}
