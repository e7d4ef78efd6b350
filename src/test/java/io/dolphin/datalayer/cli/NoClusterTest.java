package io.dolphin.datalayer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every client command against an address where no member runs: exit 3, well within the connect timeout. audit
 * needs no member, only the warm store: against one that does not answer it says so in one line and exits 1.
 */
class NoClusterTest {

    private static final List<String> COMMANDS = List.of("sql", "jobs", "stop", "submit");

    /** What one command did: its exit code and how long it took. */
    private record Answer(int code, Duration took) {
    }

    @TempDir
    Path dir;

    @Test
    void when_noMemberAtTheAddress_then_everyClientCommandExits3Quickly() throws IOException {
        // submit looks for the job bundle first; the unit tests run before `package` builds it
        Path jar = Files.createFile(dir.resolve("dolphin-jobs.jar"));
        // port 1: nothing listens there (a free port probed and closed could be taken by another test meanwhile).
        // The commands run side by side: each waits out the 8 s connect timeout on its own.
        Map<String, CompletableFuture<Answer>> answers = COMMANDS.stream().collect(Collectors.toMap(c -> c,
                c -> CompletableFuture.supplyAsync(() -> {
                    long t0 = System.nanoTime();
                    int code = c.equals("submit") ? DolphinCli.run(c, "--cluster", "127.0.0.1:1", "--jar", jar.toString())
                            : DolphinCli.run(c, "--cluster", "127.0.0.1:1");
                    return new Answer(code, Duration.ofNanos(System.nanoTime() - t0));
                }, r -> new Thread(r, "no-cluster-" + c).start())));
        answers.forEach((command, future) -> {
            Answer a = future.join();
            System.out.printf("NoClusterTest: %s answered exit %d after %d ms%n", command, a.code(), a.took().toMillis());
            assertEquals(ClusterErrorHandler.NO_CLUSTER, a.code(), command);
            assertTrue(a.took().compareTo(Duration.ofSeconds(15)) < 0, command + " took " + a.took());
        });
    }

    @Test
    void when_auditsWarmStoreDoesNotAnswer_then_oneLineAndExit1Quickly() {
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int code = new CommandLine(new DolphinCli()).setExecutionExceptionHandler(new ClusterErrorHandler())
                .setErr(new PrintWriter(err, true)).execute("audit", "--url", "jdbc:clickhouse://127.0.0.1:1");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertEquals(1, code, err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("dolphin: DOLPHIN_WARM_JDBC_URL=jdbc:clickhouse://127.0.0.1:1: the warm store"
                + " did not answer"), err.toString());
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "audit took " + took);
    }
}
