package io.dolphin.datalayer.deploy;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.JobDescriptors;
import io.dolphin.datalayer.support.ExternalMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deployment as an operator does it: a member in its own JVM from hz-config/hazelcast.yaml, the built bundle
 * submitted by a stock hz-cli (HazelcastCommandLine with only the Hazelcast jar and picocli on its classpath),
 * the job RUNNING under its stable name, and {@code bin/dolphin jobs} showing it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HzCliSubmitIT {

    /** A job whose pipeline needs nothing outside the bundle and the member classpath. */
    private static final String JOB_ID = System.getProperty("dolphin.it.job", "acb");

    private static final String CLUSTER = "dolphin-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Path WORK = Path.of("target", "it-work", "hz-cli");
    private static ExternalMember member;
    private static HazelcastInstance client;
    private static JobDescriptor descriptor;

    @BeforeAll
    static void startMember() throws Exception {
        member = ExternalMember.start(CLUSTER, 0, WORK);
        ClientConfig config = new ClientConfig().setClusterName(CLUSTER);
        config.getNetworkConfig().addAddress(member.address());
        client = HazelcastClient.newHazelcastClient(config);
        descriptor = JobDescriptors.load(JOB_ID, Map.of());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.shutdown();
        }
        if (member != null) {
            member.close();
        }
    }

    @Test
    @Order(1)
    void when_bundleSubmittedWithStockHzCli_then_jobRunsUnderItsName() throws Exception {
        Result submit = hzCli("submit", "--class", descriptor.className(), ExternalMember.bundleJar().toString());
        assertEquals(0, submit.code, submit.output);

        assertEventually(() -> {
            Job job = client.getJet().getJob(descriptor.name());
            assertNotNull(job, "no job named " + descriptor.name() + "; hz-cli said:\n" + submit.output);
            assertEquals(JobStatus.RUNNING, job.getStatus());
        });
    }

    @Test
    @Order(2)
    void when_submittedAgain_then_saysItRunsAlreadyExitsNonZeroAndStillOneJob() throws Exception {
        Result again = hzCli("submit", "--class", descriptor.className(), ExternalMember.bundleJar().toString());
        assertNotEquals(0, again.code, again.output);
        List<String> errors = again.output.lines().filter(l -> l.startsWith("ERROR")).toList();
        assertEquals(1, errors.size(), again.output);
        assertTrue(errors.get(0).contains(descriptor.name() + " is already RUNNING"), again.output);
        assertFalse(again.output.contains("\tat "), "a stack trace:\n" + again.output);
        long active = client.getJet().getJobs().stream()
                .filter(j -> descriptor.name().equals(j.getName()) && j.getStatus() != JobStatus.COMPLETED
                        && j.getStatus() != JobStatus.FAILED)
                .count();
        assertEquals(1, active);
    }

    @Test
    @Order(3)
    void when_dolphinJobs_then_listsTheRunningJobWithStages() throws Exception {
        Path launcher = ExternalMember.home().resolve("bin/dolphin");
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "jobs");
        pb.environment().put("DOLPHIN_CLUSTER", member.address());
        pb.environment().put("DOLPHIN_CLUSTER_NAME", CLUSTER);
        pb.environment().put("DOLPHIN_SKIP_BUILD", "1");
        assertEventually(() -> {
            Result jobs = run(pb);
            assertEquals(0, jobs.code, jobs.output);
            String line = jobs.output.lines().filter(l -> l.startsWith(descriptor.name())).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + descriptor.name() + " in:\n" + jobs.output));
            assertTrue(line.contains("RUNNING"), line);
            assertTrue(jobs.output.contains(" in ") && jobs.output.contains(" out "), jobs.output);
        });
    }

    @Test
    @Order(4)
    void when_noClusterReachable_then_clearErrorAndExit3() throws Exception {
        Path launcher = ExternalMember.home().resolve("bin/dolphin");
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "jobs");
        pb.environment().put("DOLPHIN_CLUSTER", "127.0.0.1:" + ExternalMember.freePort());
        pb.environment().put("DOLPHIN_SKIP_BUILD", "1");
        Result r = run(pb);
        assertEquals(3, r.code, r.output);
        assertTrue(r.output.contains("no member of cluster 'dolphin' answered"), r.output);
    }

    /** A stock hz-cli: HazelcastCommandLine with the Hazelcast jar and picocli only, no Dolphin classes. */
    private static Result hzCli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhazelcast.logging.type=none", "-cp", stockHzCliClasspath(),
                "com.hazelcast.client.console.HazelcastCommandLine", "--targets", CLUSTER + "@" + member.address()));
        cmd.addAll(List.of(args));
        return run(new ProcessBuilder(cmd));
    }

    private static String stockHzCliClasspath() throws Exception {
        List<String> jars = new ArrayList<>();
        for (Path dir : List.of(ExternalMember.lib(), ExternalMember.launcherLib())) {
            try (var files = Files.list(dir)) {
                files.map(Path::toString)
                     .filter(f -> f.matches(".*/(hazelcast-5[^/]*|picocli-[^/]*)\\.jar"))
                     .forEach(jars::add);
            }
        }
        assertEquals(2, jars.size(), "expected hazelcast in target/lib and picocli in target/launcher-lib: " + jars);
        return String.join(File.pathSeparator, jars);
    }

    private static Result run(ProcessBuilder pb) throws Exception {
        pb.redirectErrorStream(true);
        Files.createDirectories(WORK);
        Path out = Files.createTempFile(WORK, "cmd", ".log");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("command timed out: " + pb.command() + "\n" + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private record Result(int code, String output) {
    }
}
