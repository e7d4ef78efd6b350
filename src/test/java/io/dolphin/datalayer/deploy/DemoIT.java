package io.dolphin.datalayer.deploy;

import io.dolphin.datalayer.support.ExternalMember;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The README's first command, as an operator runs it: {@code bin/dolphin demo --duration N} starts everything on
 * embedded defaults, every job runs, every fed warm table gets rows, nothing is dead-lettered, and it exits 0.
 * Own ports and cluster name, so it never touches a demo a developer is running.
 */
class DemoIT {

    private static final int DURATION_SECONDS = 45;

    @Test
    void when_demoRunsForItsDuration_then_everyJobRunsEveryFedTableHasRowsAndItExitsZero() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "it-work", "demo")).toAbsolutePath();
        Path data = Files.createTempDirectory(work, "data");
        Path log = work.resolve("demo-" + System.currentTimeMillis() + ".log");
        ProcessBuilder pb = new ProcessBuilder(ExternalMember.home().resolve("bin/dolphin").toString(), "demo",
                "--duration", String.valueOf(DURATION_SECONDS), "--data", data.toString(),
                "--port", String.valueOf(ExternalMember.freePort()),
                "--kafka-port", String.valueOf(ExternalMember.freePort()),
                "--http-port", String.valueOf(ExternalMember.freePort()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DOLPHIN_SKIP_BUILD", "1");
        pb.environment().put("DOLPHIN_CLUSTER_NAME", "dolphin-demo-it-" + UUID.randomUUID().toString().substring(0, 8));
        pb.environment().put("DOLPHIN_JAVA_OPTS", "-Xmx2g");

        Process demo = pb.start();
        if (!demo.waitFor(DURATION_SECONDS + 240, TimeUnit.SECONDS)) {
            demo.destroyForcibly();
            fail("demo did not finish; log:\n" + tail(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, demo.exitValue(), tail(log));

        String summary = out.substring(out.indexOf("== Dolphin demo summary =="));
        for (String job : new String[]{"dolphin-acb", "dolphin-exf-poller", "dolphin-obf-ingest",
                "dolphin-scan-bridge", "dolphin-warm-sink", "dolphin-cold-export"}) {
            assertTrue(Pattern.compile(job + "\\s+RUNNING").matcher(summary).find(), job + " not RUNNING:\n" + summary);
        }
        for (String table : new String[]{"obf_universe", "eigen_scans", "exf_data", "acb_state"}) {
            assertTrue(rows(summary, "dolphin." + table) > 0, table + " has no rows:\n" + summary);
        }
        // ops telemetry: host samples always; supervisord's states when the demo could start a supervisord
        assertTrue(Pattern.compile("dolphin-host-stats\\s+RUNNING").matcher(summary).find(), summary);
        assertTrue(rows(summary, "dolphin.system_stats") > 0, summary);
        if (Pattern.compile("dolphin-supervisor-watch\\s+RUNNING").matcher(summary).find()) {
            assertTrue(rows(summary, "dolphin.supervisord_state") > 0, summary);
            assertTrue(rows(summary, "dolphin.service_lifecycle") > 0, summary);
        } else {
            assertTrue(out.contains("supervisor-watch off: "), "no reason why supervisor-watch is off:\n" + tail(log));
        }
        assertTrue(summary.contains("dead letters per job:\n  none"), summary);
        assertTrue(Pattern.compile("cold tier: [1-9][0-9]* files of \\S+ \\(partial day\\) written to .*; 0 errors;")
                .matcher(summary).find(), "the summary says what went to the cold tier:\n" + summary);
        assertTrue(out.contains("| dead letters 0"), "status line missing:\n" + tail(log));
    }

    private static long rows(String summary, String table) {
        Matcher m = Pattern.compile(Pattern.quote(table) + "\\s+([0-9,]+)").matcher(summary);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
    }

    private static String tail(Path log) throws Exception {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }
}
