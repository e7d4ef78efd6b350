package io.dolphin.datalayer.support;

import io.dolphin.datalayer.cli.DolphinCli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/dolphin broker} in a JVM of its own (this JVM's classpath), its output in a file: the broker a test
 * keeps while it kills every member.
 */
public final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private BrokerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code bin/dolphin broker} with {@code args} and its output in {@code log}; does not wait. */
    public static Process launch(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), DolphinCli.class.getName(), "broker"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Starts a broker on a free port with {@code topic} ({@code name:partitions}) and waits until it is ready. */
    public static BrokerProcess start(Path workDir, String topic) throws IOException {
        int port = ExternalMember.freePort();
        Path log = workDir.resolve("broker-" + port + ".log");
        Process p = launch(log, "--port", String.valueOf(port), "--topic", topic);
        awaitLine(log, "dolphin broker: ready at 127.0.0.1:" + port, p);
        return new BrokerProcess(p, log, port);
    }

    public static void awaitLine(Path log, String prefix, Process p) {
        assertEventually(90, () -> {
            List<String> out = Files.exists(log) ? Files.readAllLines(log) : List.of();
            assertTrue(p.isAlive(), () -> "the broker exited: " + out);
            assertTrue(out.stream().anyMatch(l -> l.startsWith(prefix)), "no '" + prefix + "' yet: " + out);
        });
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
