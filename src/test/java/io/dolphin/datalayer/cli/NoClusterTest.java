package io.dolphin.datalayer.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every client command against an address where no member runs: exit 3, well within the connect timeout. */
class NoClusterTest {

    @ParameterizedTest
    @ValueSource(strings = {"sql", "jobs", "stop", "submit"})
    void when_noMemberAtTheAddress_then_exit3Quickly(String command) {
        // port 1: nothing listens there (a free port probed and closed could be taken by another test meanwhile)
        String address = "127.0.0.1:1";
        long t0 = System.nanoTime();
        int code = DolphinCli.run(command, "--cluster", address);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertEquals(ClusterErrorHandler.NO_CLUSTER, code, command);
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, command + " took " + took);
        System.out.printf("NoClusterTest: %s answered exit 3 after %d ms%n", command, took.toMillis());
    }
}
