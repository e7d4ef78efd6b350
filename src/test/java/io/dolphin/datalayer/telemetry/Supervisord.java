package io.dolphin.datalayer.telemetry;

import io.dolphin.datalayer.support.ExternalMember;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real supervisord (Debian's {@code supervisor} package) of the test's own: a temporary config, its inet HTTP
 * server on a free loopback port, and three programs in group {@value #GROUP}:
 * <ul>
 *   <li>{@code alpha}: {@code sleep}, to be restarted and stopped;</li>
 *   <li>{@code bravo}: {@code sleep}, to be killed with SIGKILL (autorestart off, so it stays EXITED);</li>
 *   <li>{@code charlie}: a shell loop that exits 0 on its own once the test creates its {@code exit-now} file.</li>
 * </ul>
 * Never the system's supervisord service: this one runs in the foreground as a child of the test JVM.
 */
final class Supervisord implements AutoCloseable {

    static final String GROUP = "ops_test";

    private final Path dir;
    private final Path conf;
    private final int port;
    private final Process process;

    private Supervisord(Path dir, int port) throws IOException {
        this.dir = dir;
        this.port = port;
        Files.createDirectories(dir);
        this.conf = dir.resolve("supervisord.conf");
        Files.writeString(conf, config(dir, port));
        this.process = new ProcessBuilder(binary("supervisord"), "-n", "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("supervisord.out").toFile())
                .start();
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/supervisord")) || onPath("supervisord");
    }

    /** Starts it and waits until all three programs are RUNNING. */
    static Supervisord start(Path dir) throws IOException {
        Supervisord s = new Supervisord(dir, ExternalMember.freePort());
        assertEventually(30, () -> {
            assertTrue(s.process.isAlive(), "supervisord exited: " + s.output());
            for (String p : List.of("alpha", "bravo", "charlie")) {
                try {
                    assertEquals("RUNNING", s.state(p));
                } catch (UncheckedIOException notListeningYet) {
                    throw new AssertionError("supervisord does not answer yet", notListeningYet);
                }
            }
        });
        return s;
    }

    /** supervisorctl's commands, as the XML-RPC calls it makes (no Python start per command). */
    void restart(String program) {
        call("supervisor.stopProcess", GROUP + ":" + program, true);
        call("supervisor.startProcess", GROUP + ":" + program, true);
    }

    void stop(String program) {
        call("supervisor.stopProcess", GROUP + ":" + program, true);
    }

    void signal(String program, String signal) {
        call("supervisor.signalProcess", GROUP + ":" + program, signal);
    }

    String state(String program) {
        return String.valueOf(info(program).get("statename"));
    }

    private Map<?, ?> info(String program) {
        return (Map<?, ?>) call("supervisor.getProcessInfo", GROUP + ":" + program);
    }

    /** One XML-RPC call with string and boolean parameters; its value. */
    Object call(String method, Object... params) {
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>" + method
                + "</methodName><params>");
        for (Object p : params) {
            body.append("<param><value>").append(p instanceof Boolean b ? "<boolean>" + (b ? 1 : 0) + "</boolean>"
                    : "<string>" + p + "</string>").append("</value></param>");
        }
        body.append("</params></methodCall>");
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url()))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            return XmlRpc.parseResponse(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port + "/RPC2";
    }

    long pid(String program) {
        return ((Number) info(program).get("pid")).longValue();
    }

    /** Lets charlie leave its loop and exit 0. */
    void letCharlieExit() throws IOException {
        Files.writeString(dir.resolve("exit-now"), "");
    }

    String output() {
        try {
            Path out = dir.resolve("supervisord.out");
            return Files.exists(out) ? Files.readString(out) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            call("supervisor.shutdown");
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static String config(Path dir, int port) {
        String sleep = "sleep 600";
        String charlie = "sh -c 'while [ ! -f " + dir.resolve("exit-now") + " ]; do sleep 0.1; done; exit 0'";
        return "[supervisord]\n"
                + "logfile=" + dir.resolve("supervisord.log") + "\n"
                + "pidfile=" + dir.resolve("supervisord.pid") + "\n"
                + "childlogdir=" + dir + "\n"
                + "nodaemon=true\n"
                + "loglevel=info\n\n"
                + "[inet_http_server]\nport=127.0.0.1:" + port + "\n\n"
                + "[rpcinterface:supervisor]\n"
                + "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n"
                + "[supervisorctl]\nserverurl=http://127.0.0.1:" + port + "\n\n"
                + "[group:" + GROUP + "]\nprograms=alpha,bravo,charlie\n\n"
                + program("alpha", sleep) + program("bravo", sleep) + program("charlie", charlie);
    }

    private static String program(String name, String command) {
        return "[program:" + name + "]\ncommand=" + command + "\nautostart=true\nautorestart=false\nstartsecs=1\n"
                + "stopwaitsecs=5\nstdout_logfile=NONE\nstderr_logfile=NONE\n\n";
    }

    private static String binary(String name) {
        Path usr = Path.of("/usr/bin", name);
        return Files.isExecutable(usr) ? usr.toString() : name;
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(":")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return false;
    }
}
