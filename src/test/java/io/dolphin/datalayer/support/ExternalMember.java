package io.dolphin.datalayer.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Hazelcast member in its own JVM, started the way an operator starts one: Hazelcast's stock
 * {@code HazelcastMemberStarter} with {@code -Dhazelcast.config} pointing at a copy of {@code hz-config/hazelcast.yaml}
 * (only the cluster name and port changed, so a test never joins a developer's running cluster) and the built
 * {@code target/lib} plus the job bundle on the classpath. Needs {@code mvn package} first (failsafe runs after it).
 */
public final class ExternalMember implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ExternalMember(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a member of {@code clusterName} on {@code port} (0 = a free one); returns once it accepts clients. */
    public static ExternalMember start(String clusterName, int port, Path workDir) throws IOException {
        int p = port == 0 ? freePort() : port;
        Path home = home();
        String yaml = Files.readString(home.resolve("hz-config/hazelcast.yaml"))
                .replace("cluster-name: dolphin", "cluster-name: " + clusterName)
                .replace("port: 5701", "port: " + p);
        Files.createDirectories(workDir);
        Path config = workDir.resolve("hazelcast-" + p + ".yaml");
        Files.writeString(config, yaml);
        Path log = workDir.resolve("member-" + p + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx1g", "-Dhazelcast.config=" + config, "-Dhazelcast.phone.home.enabled=false",
                "-Dhazelcast.logging.type=slf4j", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"));
        for (String line : Files.readAllLines(home.resolve("hz-config/jvm.options"))) {
            if (line.startsWith("--add")) {
                cmd.add(line.strip());
            }
        }
        cmd.addAll(List.of("-cp", bundleJar() + java.io.File.pathSeparator + lib() + "/*",
                "com.hazelcast.core.server.HazelcastMemberStarter"));
        Process process = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        ExternalMember member = new ExternalMember(process, p, log);
        member.awaitStarted();
        return member;
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no graceful partition hand-over, as when a host dies. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void waitFor() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitStarted() {
        Eventually.assertEventually(90, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("member exited with " + process.exitValue() + "; log:\n" + Files.readString(log));
            }
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (!text.contains("is STARTED")) {
                throw new AssertionError("member on port " + port + " not started yet");
            }
        });
    }

    public static Path home() {
        return Path.of(System.getProperty("dolphin.home", ".")).toAbsolutePath();
    }

    public static Path bundleJar() {
        Path jar = Path.of(System.getProperty("dolphin.bundle.jar", "target/dolphin-jobs.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no job bundle at " + jar + ": run `mvn package` (failsafe runs after it)");
        }
        return jar;
    }

    public static Path lib() {
        return Path.of(System.getProperty("dolphin.lib", "target/lib")).toAbsolutePath();
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
