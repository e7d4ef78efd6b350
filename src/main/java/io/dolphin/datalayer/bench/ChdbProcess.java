package io.dolphin.datalayer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real ClickHouse engine for the ClickHouse tests and {@code bin/dolphin bench}: chDB ({@code libchdb.so}) behind
 * ClickHouse's HTTP interface ({@code src/test/chdb/chdb_http.py}), in a child process of its own, so that a native
 * crash or chDB's signal handlers never touch the JVM. clickhouse-jdbc connects to {@link #jdbcUrl()} as to a
 * ClickHouse server. See docs/clickhouse-test-engine.md for what the front implements. It lives with the launcher
 * (bench) because a benchmark cannot use test classes; the tests use it from there.
 *
 * <p>Engine: system property {@code dolphin.chdb.lib}, env {@code DOLPHIN_CHDB_LIB}, or {@code libchdb.so} in the
 * cache dir of {@code .ci/fetch-chdb} ({@code $DOLPHIN_CHDB_HOME}, default {@code ~/.cache/dolphin-chdb/26.5.3}).
 * Python: {@code dolphin.chdb.python} / {@code DOLPHIN_CHDB_PYTHON}, default {@code python3}. Ports: any free one,
 * or the first free one of {@code dolphin.chdb.ports} / {@code DOLPHIN_CHDB_PORTS} (e.g. {@code 18100-18199}).
 */
public final class ChdbProcess implements AutoCloseable {

    public static final String USER = "dolphin";
    static final String VERSION = "26.5.3";
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
    private static final Path SETSID = Paths.get("/usr/bin/setsid");

    private final Path lib;
    private final Path dataDir;
    private final Path log;
    private final String password;
    private int port;
    private volatile Process process;

    private Map<String, String> defaultSettings = Map.of();

    /** False when the caller stops the engine itself (the demo): a terminal's Ctrl-C must not reach it either. */
    private final boolean stopWithJvm;

    private ChdbProcess(Path lib, Path dataDir, String password, boolean stopWithJvm) {
        this.lib = lib;
        this.dataDir = dataDir;
        this.log = dataDir.resolve("chdb-http.log");
        this.password = password;
        this.stopWithJvm = stopWithJvm;
        if (stopWithJvm) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Process p = process;
                if (p != null) {
                    p.destroy(); // SIGTERM: a JVM leaving without close() leaves no engine behind
                }
            }, "chdb-http-stop"));
        }
    }

    /** libchdb.so, if this machine has it (see the class comment for where it is looked for). */
    public static Optional<Path> engine() {
        List<String> candidates = new ArrayList<>();
        candidates.add(System.getProperty("dolphin.chdb.lib"));
        candidates.add(System.getenv("DOLPHIN_CHDB_LIB"));
        String home = System.getenv("DOLPHIN_CHDB_HOME");
        Path cache = home != null && !home.isBlank() ? Paths.get(home)
                : Paths.get(System.getProperty("user.home"), ".cache", "dolphin-chdb", VERSION);
        candidates.add(cache.resolve("libchdb.so").toString());
        for (String c : candidates) {
            if (c != null && !c.isBlank() && Files.isRegularFile(Paths.get(c))) {
                return Optional.of(Paths.get(c).toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /** Starts the engine on {@code dataDir} (created if missing, reused if it holds a database) and a free port. */
    public static ChdbProcess start(Path dataDir) throws IOException {
        return start(dataDir, Map.of());
    }

    /**
     * As {@link #start(Path)}, with settings every query gets unless it sets its own, as a ClickHouse user profile
     * gives them (e.g. {@code insert_deduplicate=0}, what docs/warm-sink.md asks of the server's default profile).
     */
    public static ChdbProcess start(Path dataDir, Map<String, String> defaultSettings) throws IOException {
        return start(dataDir, defaultSettings, true);
    }

    /**
     * @param stopWithJvm false: no JVM exit hook stops the engine, and it runs in a session of its own, so a
     *                    terminal's Ctrl-C reaches only the JVM; the caller stops it after its last query. It still
     *                    exits when the JVM is gone ({@code --exit-with-parent}).
     */
    public static ChdbProcess start(Path dataDir, Map<String, String> defaultSettings, boolean stopWithJvm)
            throws IOException {
        Path lib = engine().orElseThrow(() -> new IllegalStateException(
                "libchdb.so not found: run .ci/fetch-chdb, or set -Ddolphin.chdb.lib / DOLPHIN_CHDB_LIB"));
        Files.createDirectories(dataDir);
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        ChdbProcess server = new ChdbProcess(lib, dataDir.toAbsolutePath(), "t" + HexFormat.of().formatHex(secret),
                stopWithJvm);
        server.defaultSettings = Map.copyOf(defaultSettings);
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            server.port = freePort();
            try {
                server.launch();
                return server;
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
                last = e; // the port was taken between the probe and the bind: another one
            }
        }
        throw last;
    }

    public String jdbcUrl() {
        return "jdbc:clickhouse://127.0.0.1:" + port;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, then waits: the front closes the chDB connection, so the data dir is consistent. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** SIGKILL, for outage tests: nothing is closed; a restart recovers the data dir as after a crash. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops (if running) and starts again on the same port, data dir, user and password. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    /** The last lines of the front's log (stdout and stderr of the child). */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void launch() throws IOException {
        Path script = projectDir().resolve("src/test/chdb/chdb_http.py");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(script + " not found (set -Ddolphin.home or DOLPHIN_HOME to the project"
                    + " directory)");
        }
        List<String> cmd = new ArrayList<>();
        if (!stopWithJvm && Files.isExecutable(SETSID)) {
            cmd.add(SETSID.toString()); // not the forking kind: the JVM's child is no group leader, so the pid stays
        }
        cmd.addAll(List.of(python(), script.toString(), "--lib", lib.toString(), "--data",
                dataDir.resolve("db").toString(), "--port", Integer.toString(port), "--host", "127.0.0.1",
                "--user", USER, "--password", password, "--exit-with-parent"));
        defaultSettings.forEach((k, v) -> cmd.addAll(List.of("--default-setting", k + "=" + v)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putIfAbsent("PYTHONUNBUFFERED", "1");
        Process p = pb.start();
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("chdb-http exited with code " + p.exitValue() + " while starting on port "
                        + port + "; log " + log + ":\n" + logTail(30));
            }
            if (ping()) {
                process = p;
                return;
            }
            try {
                p.waitFor(50, TimeUnit.MILLISECONDS); // returns early if it exits
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting chdb-http", e);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("chdb-http did not answer /ping within " + START_DEADLINE.toSeconds()
                + " s; log " + log + ":\n" + logTail(30));
    }

    private boolean ping() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(httpUrl() + "/ping").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode() == 200
                        && new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("Ok.");
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code dolphin.home}, else {@code $DOLPHIN_HOME} (bin/dolphin sets it), else the working directory. */
    private static Path projectDir() {
        String home = System.getProperty("dolphin.home");
        if (home == null || home.isBlank()) {
            home = System.getenv("DOLPHIN_HOME");
        }
        return Paths.get(home != null && !home.isBlank() ? home : System.getProperty("user.dir"));
    }

    private static String python() {
        String p = System.getProperty("dolphin.chdb.python");
        if (p == null || p.isBlank()) {
            p = System.getenv("DOLPHIN_CHDB_PYTHON");
        }
        return p == null || p.isBlank() ? "python3" : p;
    }

    private static int freePort() throws IOException {
        String range = System.getProperty("dolphin.chdb.ports");
        if (range == null || range.isBlank()) {
            range = System.getenv("DOLPHIN_CHDB_PORTS");
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (range == null || range.isBlank()) {
            try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
                return s.getLocalPort();
            }
        }
        String[] bounds = range.strip().split("-");
        int lo = Integer.parseInt(bounds[0].strip());
        int hi = bounds.length > 1 ? Integer.parseInt(bounds[1].strip()) : lo;
        for (int candidate = lo; candidate <= hi; candidate++) {
            try (ServerSocket s = new ServerSocket(candidate, 1, loopback)) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // next
            }
        }
        throw new UncheckedIOException(new IOException("no free port in " + range));
    }
}
