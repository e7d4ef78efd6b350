package io.dolphin.datalayer.deploy;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's first command, as an operator runs it: {@code bin/dolphin demo} starts everything on embedded defaults
 * (DuckDB), every job runs and every fed warm table gets rows; then SIGTERM, as a service manager stops it: the feeds
 * stop, the sink drains, the summary prints, it exits 0, the broker's files go only after it stopped, and
 * {@code bin/dolphin audit} finds the warm store consistent. Own ports and cluster name, so it never touches a demo a
 * developer is running. The twin on ClickHouse, stopped with SIGINT, is {@link DemoClickHouseIT}.
 */
class DemoIT {

    private static final Pattern ACB_WINDOWS = Pattern.compile("acb windows ([1-9][0-9]*)");

    @Test
    void when_demoGetsSigterm_then_itDrainsPrintsTheSummaryExitsZeroAndTheWarmStoreAudits() throws Exception {
        DemoProcess demo = DemoProcess.start("demo", Map.of());
        demo.awaitLine(l -> l.startsWith("demo: running;"), 240, "the jobs running");
        // acb writes its first window 30 s after its start: the one fed table that needs waiting for
        demo.awaitLine(l -> l.contains("this run: warm rows") && ACB_WINDOWS.matcher(l).find(), 120, "an acb window");
        // three status lines: the CPU figure and the status line have something to show
        demo.awaitStatusLines(3, 60);

        assertEquals(0, demo.signalAndWait("TERM", 120), demo.tail());

        demo.assertCleanStop("obf_universe", "eigen_scans", "exf_data", "acb_state");
        DemoProcess.Audit audit = demo.audit("jdbc:duckdb:" + demo.data().resolve("dolphin-warm.duckdb"), Map.of());
        assertEquals(0, audit.code(), audit.output());
        Matcher flows = Pattern.compile("flowed this run: order books ([0-9,]+), scans ([0-9,]+)").matcher(demo.summary());
        assertTrue(flows.find() && !flows.group(1).equals("0") && !flows.group(2).equals("0"), demo.summary());
        // the cold tier and ops telemetry: what they did is in the summary
        String summary = demo.summary();
        assertTrue(Pattern.compile("dolphin-cold-export\\s+RUNNING").matcher(summary).find(), summary);
        assertTrue(Pattern.compile("cold tier: [1-9][0-9]* files of \\S+ \\(partial day\\) written to .*; 0 errors;")
                .matcher(summary).find(), "the summary says what went to the cold tier:\n" + summary);
        assertTrue(Pattern.compile("dolphin-host-stats\\s+RUNNING").matcher(summary).find(), summary);
        assertTrue(DemoProcess.rows(summary, "dolphin.system_stats") > 0, summary);
        if (Pattern.compile("dolphin-supervisor-watch\\s+RUNNING").matcher(summary).find()) {
            assertTrue(DemoProcess.rows(summary, "dolphin.supervisord_state") > 0, summary);
            assertTrue(DemoProcess.rows(summary, "dolphin.service_lifecycle") > 0, summary);
        } else {
            assertTrue(demo.output().contains("supervisor-watch off: "), "no reason why supervisor-watch is off:\n"
                    + demo.tail());
        }
    }
}
