package io.dolphin.datalayer.sim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A supervisord of the demo's own, so dolphin-supervisor-watch has something to watch without touching the host's
 * supervisord: Debian's {@code supervisor} package, run in the foreground with a config under the demo's data
 * folder, its XML-RPC server on a free loopback port, and group {@code dolphin_demo}: {@code heartbeat} (runs until
 * stopped) and {@code minutely} (exits every minute and is started again: a START and an EXIT a minute).
 */
public final class DemoSupervisord implements AutoCloseable {

    private final Process process;
    private final String url;

    private DemoSupervisord(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Empty when no {@code supervisord} is on the PATH. */
    public static Optional<DemoSupervisord> startIfInstalled(Path dir) throws IOException {
        Optional<Path> binary = onPath("supervisord");
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("supervisord.conf");
        Files.writeString(conf, "[supervisord]\nlogfile=" + dir.resolve("supervisord.log") + "\npidfile="
                + dir.resolve("supervisord.pid") + "\nchildlogdir=" + dir + "\nnodaemon=true\n\n"
                + "[inet_http_server]\nport=127.0.0.1:" + port + "\n\n"
                + "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = "
                + "supervisor.rpcinterface:make_main_rpcinterface\n\n"
                + "[group:dolphin_demo]\nprograms=heartbeat,minutely\n\n"
                + "[program:heartbeat]\ncommand=sleep 86400\nautorestart=true\nstdout_logfile=NONE\n\n"
                + "[program:minutely]\ncommand=sh -c 'sleep 60; exit 0'\nautorestart=true\nstdout_logfile=NONE\n");
        Process p = new ProcessBuilder(binary.get().toString(), "-n", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("supervisord.out").toFile()).start();
        DemoSupervisord s = new DemoSupervisord(p, "http://127.0.0.1:" + port + "/RPC2");
        s.awaitListening(port, dir);
        return Optional.of(s);
    }

    /** So the watcher's first poll finds it answering rather than dead-lettering a refused connection. */
    private void awaitListening(int port, Path dir) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end && process.isAlive()) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                try {
                    TimeUnit.MILLISECONDS.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new IOException("the demo's supervisord did not listen on 127.0.0.1:" + port + " (see "
                + dir.resolve("supervisord.out") + ")");
    }

    public String url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        for (String d : (path == null ? "" : path).split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (!d.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
