package io.dolphin.datalayer.deploy;

import io.dolphin.datalayer.support.ExternalMember;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code bin/dolphin demo} in its own JVM, as an operator runs it: own ports, cluster name and data folder, its
 * output in a log this class reads while it runs. Stopped with a real signal to the JVM ({@code bin/dolphin} execs
 * java, so the process is the JVM).
 */
final class DemoProcess {

    private final Path log;
    private final Path data;
    private final Process process;

    private DemoProcess(Path log, Path data, Process process) {
        this.log = log;
        this.data = data;
        this.process = process;
    }

    static DemoProcess start(String name, Map<String, String> env, String... extraArgs) throws IOException {
        Path work = Files.createDirectories(Path.of("target", "it-work", name)).toAbsolutePath();
        Path data = Files.createTempDirectory(work, "data");
        Path log = work.resolve("demo-" + System.currentTimeMillis() + ".log");
        List<String> cmd = new ArrayList<>(List.of(ExternalMember.home().resolve("bin/dolphin").toString(), "demo",
                "--data", data.toString(),
                "--port", String.valueOf(ExternalMember.freePort()),
                "--kafka-port", String.valueOf(ExternalMember.freePort()),
                "--http-port", String.valueOf(ExternalMember.freePort())));
        cmd.addAll(List.of(extraArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DOLPHIN_SKIP_BUILD", "1");
        pb.environment().put("DOLPHIN_CLUSTER_NAME", name + "-" + UUID.randomUUID().toString().substring(0, 8));
        pb.environment().put("DOLPHIN_JAVA_OPTS", "-Xmx2g");
        pb.environment().putAll(env);
        return new DemoProcess(log, data, pb.start());
    }

    Path data() {
        return data;
    }

    /** Status lines printed so far (one per interval: the output is no terminal). */
    long statusLines() throws IOException {
        return output().lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  .*this run: warm rows.*")).count();
    }

    void awaitStatusLines(long n, long timeoutSeconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (statusLines() < n) {
            if (!process.isAlive() || System.nanoTime() > end) {
                fail(n + " status lines expected:\n" + tail());
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
    }

    /** Waits (reading the log every 250 ms) for a line that matches; fails if the demo exits first. */
    String awaitLine(Predicate<String> wanted, long timeoutSeconds, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < end) {
            for (String line : output().split("\n")) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                fail("demo exited " + process.exitValue() + " before " + what + ":\n" + tail());
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        process.destroyForcibly();
        return fail("no " + what + " within " + timeoutSeconds + " s:\n" + tail());
    }

    /** Sends {@code signal} (INT, TERM) to the demo's JVM and waits for it to exit; returns its exit code. */
    int signalAndWait(String signal, long timeoutSeconds) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("demo did not stop within " + timeoutSeconds + " s of SIG" + signal + ":\n" + tail());
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    String tail() throws IOException {
        String text = output();
        return text.length() <= 8000 ? text : text.substring(text.length() - 8000);
    }

    /** The summary block, from its heading to the end. */
    String summary() throws IOException {
        String out = output();
        int at = out.indexOf("== Dolphin demo summary ==");
        assertTrue(at >= 0, "no summary:\n" + tail());
        return out.substring(at);
    }

    static long rows(String summary, String table) {
        Matcher m = Pattern.compile(Pattern.quote(table) + "\\s+([0-9,]+)").matcher(summary);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
    }

    /**
     * What every clean stop shows: each job RUNNING as the stop began, the fed tables with rows and no table listed
     * without, the sink drained, the CPU figure, no dead letter; the broker stopped after the member and its files
     * removed only then (and gone now), none of its log-dir failures; status lines one per interval, no carriage
     * return (the output is no terminal).
     */
    void assertCleanStop(String... fedTables) throws IOException {
        String out = output();
        String summary = summary();
        for (String job : new String[]{"dolphin-acb", "dolphin-exf-poller", "dolphin-obf-ingest",
                "dolphin-scan-bridge", "dolphin-warm-sink"}) {
            assertTrue(Pattern.compile(job + "\\s+RUNNING").matcher(summary).find(), job + " not RUNNING:\n" + summary);
        }
        for (String table : fedTables) {
            assertTrue(rows(summary, "dolphin." + table) > 0, table + " has no rows:\n" + summary);
        }
        assertFalse(Pattern.compile("dolphin(_green)?\\.\\w+\\s+0\\n").matcher(summary).find(), summary);
        assertTrue(Pattern.compile("\\(\\d+ other tables got no rows\\)").matcher(summary).find(), summary);
        assertTrue(summary.contains("stop: the warm sink drained"), summary);
        assertTrue(summary.contains("took in every order book and scan the feeds wrote"), summary);
        Matcher cpu = Pattern.compile("CPU of the demo process after start-up: (\\d+\\.\\d\\d) cores of (\\d+) over")
                .matcher(summary);
        assertTrue(cpu.find(), summary);
        assertTrue(Double.parseDouble(cpu.group(1)) <= Integer.parseInt(cpu.group(2)), summary);
        assertTrue(summary.contains("dead letters per job:\n  none"), summary);

        Matcher dir = Pattern.compile("demo: Kafka's files are in (\\S+) ").matcher(out);
        assertTrue(dir.find(), "no Kafka folder line:\n" + tail());
        assertFalse(Files.exists(Path.of(dir.group(1))), "Kafka's files are still there: " + dir.group(1));
        int memberStopped = out.indexOf("demo: member stopped");
        int kafkaStopped = out.indexOf("demo: Kafka stopped; its files are removed");
        assertTrue(out.indexOf("== Dolphin demo summary ==") < memberStopped && memberStopped < kafkaStopped,
                "stop order:\n" + tail());
        assertFalse(out.contains("LogDirFailureChannel") || out.contains("FATAL"), tail());

        long statusLines = out.lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  .*this run: warm rows.*")).count();
        assertTrue(statusLines >= 2, "status lines:\n" + tail());
        assertFalse(out.contains("\r"), "carriage returns though the output is no terminal");
    }

    /** {@code bin/dolphin audit} on the stopped demo's warm store: 0 when nothing is missing or stored twice. */
    Audit audit(String url, Map<String, String> env) throws Exception {
        Path auditLog = log.resolveSibling("audit-" + System.currentTimeMillis() + ".log");
        ProcessBuilder pb = new ProcessBuilder(ExternalMember.home().resolve("bin/dolphin").toString(), "audit",
                "--url", url, "--scan-root", data.resolve("scans").toString())
                .redirectErrorStream(true).redirectOutput(auditLog.toFile());
        pb.environment().put("DOLPHIN_SKIP_BUILD", "1");
        pb.environment().remove("DOLPHIN_KAFKA_BOOTSTRAP");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("audit did not finish");
        }
        return new Audit(p.exitValue(), Files.readString(auditLog, StandardCharsets.UTF_8));
    }

    record Audit(int code, String output) {
    }
}
