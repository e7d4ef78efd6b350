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
        ExternalMember member = launch(clusterName, p, List.of(), workDir);
        member.awaitStarted();
        return member;
    }

    /**
     * Starts {@code count} members of one cluster, each in its own JVM, and returns once they all see each other.
     * The hz-config member-list ({@code 127.0.0.1}) only probes the base port and the next two, so with free ports
     * the copies list the members' {@code 127.0.0.1:<port>} explicitly; everything else stays hz-config's.
     */
    public static List<ExternalMember> startCluster(String clusterName, int count, Path workDir) throws IOException {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < count) {
            int p = freePort();
            if (!ports.contains(p)) {
                ports.add(p);
            }
        }
        List<String> addresses = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        List<ExternalMember> members = new ArrayList<>();
        for (int p : ports) {
            members.add(launch(clusterName, p, addresses, workDir));
        }
        for (ExternalMember m : members) {
            m.awaitStarted();
        }
        for (ExternalMember m : members) {
            m.awaitClusterSize(count);
        }
        return members;
    }

    private static ExternalMember launch(String clusterName, int p, List<String> memberList, Path workDir)
            throws IOException {
        Path home = home();
        String yaml = Files.readString(home.resolve("hz-config/hazelcast.yaml"))
                .replace("cluster-name: dolphin", "cluster-name: " + clusterName)
                .replace("port: 5701", "port: " + p);
        if (!memberList.isEmpty()) {
            String listed = "member-list:\n          - 127.0.0.1\n";
            if (!yaml.contains(listed)) {
                throw new IllegalStateException("hz-config/hazelcast.yaml no longer has the member-list this test edits");
            }
            StringBuilder members = new StringBuilder("member-list:\n");
            memberList.forEach(a -> members.append("          - ").append(a).append('\n'));
            yaml = yaml.replace(listed, members.toString());
        }
        Files.createDirectories(workDir);
        Path config = workDir.resolve("hazelcast-" + p + ".yaml");
        Files.writeString(config, yaml);
        Path log = workDir.resolve("member-" + p + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx1g", "-Dhazelcast.config=" + config, "-Dhazelcast.phone.home.enabled=false",
                "-Dhazelcast.logging.type=slf4j", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"));
        for (String line : Files.readAllLines(home.resolve("hz-config/jvm.options"))) {
            String option = line.strip();
            // hz-config's module flags, GC and pool settings; the heap is the test's (-Xmx1g), not production's
            if (option.startsWith("--add") || option.startsWith("-XX:") || option.startsWith("-Djava.util")) {
                cmd.add(option);
            }
        }
        cmd.addAll(List.of("-cp", bundleJar() + java.io.File.pathSeparator + lib() + "/*",
                "com.hazelcast.core.server.HazelcastMemberStarter"));
        Process process = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ExternalMember(process, p, log);
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

    /** The OS process id, for logs: which JVM was killed. */
    public long pid() {
        return process.pid();
    }

    /** The last {@code lines} lines of the member's log, for a failure message. */
    public String tail(int lines) {
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
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

    private void awaitClusterSize(int size) {
        Eventually.assertEventually(90, () -> {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (!text.contains("Members {size:" + size + ",")) {
                throw new AssertionError("member on port " + port + " does not see " + size + " members yet");
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

    /** The launcher's own libraries (hz-cli's picocli, jline, the Kafka broker kit): never on a member. */
    public static Path launcherLib() {
        return lib().resolveSibling("launcher-lib");
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
