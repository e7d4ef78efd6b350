package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.common.JobDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A wrong setting, as the submitting process reads it: one line that names the setting and says what was expected,
 * before anything is submitted. Port 1: nothing listens there.
 */
class SubmitPreflightTest {

    @TempDir
    Path dir;

    @Test
    void when_warmUrlIsNoStoreUrl_then_oneLineNamesTheSettingAndTheExpectedForm() {
        String problem = problem("warm-sink", Map.of("DOLPHIN_WARM_JDBC_URL", "jdbc:bogus:xyz"));
        assertOneLine(problem, "DOLPHIN_WARM_JDBC_URL");
        assertTrue(problem.contains("expected jdbc:duckdb:<file> or jdbc:clickhouse://"), problem);
    }

    @Test
    void when_warmStoreDoesNotAnswer_then_oneLineSaysSoForWarmSinkAndHzWarmup() {
        Map<String, String> env = Map.of("DOLPHIN_WARM_JDBC_URL", "jdbc:clickhouse://127.0.0.1:1");
        for (String job : new String[]{"warm-sink", "hz-warmup"}) {
            String problem = problem(job, env);
            assertOneLine(problem, "DOLPHIN_WARM_JDBC_URL=jdbc:clickhouse://127.0.0.1:1");
            assertTrue(problem.contains("did not answer") && problem.contains("Connection refused"), problem);
        }
    }

    @Test
    void when_kafkaDoesNotAnswer_then_oneLineNamesTheBootstrapSetting() {
        String problem = problem("obf-ingest", Map.of("DOLPHIN_KAFKA_BOOTSTRAP", "127.0.0.1:1"));
        assertOneLine(problem, "DOLPHIN_KAFKA_BOOTSTRAP=127.0.0.1:1");
        assertTrue(problem.contains("no Kafka broker answered within " + SubmitPreflight.KAFKA_TIMEOUT_SECONDS + " s"),
                problem);
    }

    @Test
    void when_scanRootIsMissing_then_oneLineNamesIt() {
        String missing = dir.resolve("no-such-folder").toString();
        String problem = problem("scan-bridge", Map.of("DOLPHIN_SCAN_ROOT", missing));
        assertOneLine(problem, "DOLPHIN_SCAN_ROOT=" + missing);
        assertTrue(problem.contains("no such folder"), problem);
    }

    @Test
    void when_settingsAreRight_then_nothingToSay() {
        assertEquals(Optional.empty(), SubmitPreflight.check(JobDescriptors.load("scan-bridge",
                Map.of("DOLPHIN_SCAN_ROOT", dir.toString()))));
        assertEquals(Optional.empty(), SubmitPreflight.check(JobDescriptors.load("warm-sink",
                Map.of("DOLPHIN_WARM_JDBC_URL", "jdbc:duckdb:" + dir.resolve("warm.duckdb")))));
    }

    private static String problem(String job, Map<String, String> env) {
        return SubmitPreflight.check(JobDescriptors.load(job, env))
                .orElseThrow(() -> new AssertionError(job + " passed with " + env));
    }

    private static void assertOneLine(String problem, String names) {
        assertEquals(1, problem.lines().count(), problem);
        assertTrue(problem.contains(names), problem);
        assertTrue(problem.contains("not submitted"), problem);
    }
}
