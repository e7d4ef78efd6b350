package io.dolphin.datalayer.cli;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.console.HazelcastCommandLine;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import io.dolphin.datalayer.common.JobDescriptor;
import io.dolphin.datalayer.common.JobDescriptors;
import io.dolphin.datalayer.common.SqlMappings;
import io.dolphin.datalayer.common.JobSubmission;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Submits jobs from their descriptors through hz-cli's own {@code submit} (the code path of a stock {@code hz-cli}),
 * one per descriptor, skipping any job already active under its name. The batch job hz-warmup runs to completion
 * before the streaming jobs are submitted.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit Dolphin jobs (default: every job with a descriptor) through hz-cli's submit.")
final class SubmitCommand implements Runnable {

    @Mixin
    ClusterOptions cluster;

    @Parameters(paramLabel = "JOB", arity = "0..*",
            description = "Job ids or names, e.g. scan-bridge or dolphin-scan-bridge (default: all).")
    List<String> jobs = new ArrayList<>();

    @Option(names = "--jar", description = "The job bundle (default: target/dolphin-jobs.jar under DOLPHIN_HOME or here).")
    Path jar;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Held, or the logger (and its level) could be collected. */
    private static final java.util.logging.Logger EXECUTE_JAR_LOG =
            java.util.logging.Logger.getLogger("com.hazelcast.instance.impl.executejar.CommandLineExecuteJar");

    private static boolean debug() {
        String level = io.dolphin.datalayer.common.DolphinEnvironment.current().get("DOLPHIN_LOG_LEVEL");
        return level != null && (level.equalsIgnoreCase("debug") || level.equalsIgnoreCase("trace"));
    }

    @Override
    public void run() {
        Path bundle = bundle();
        List<JobDescriptor> descriptors = descriptors();
        PrintStream out = System.out;
        try (Closer closer = new Closer(cluster.connect())) {
            HazelcastInstance client = closer.client;
            SqlMappings.apply(client);
            for (JobDescriptor d : descriptors) {
                Job existing = client.getJet().getJob(d.name());
                if (existing == null || JobSubmission.isTerminal(existing.getStatus())) {
                    SubmitPreflight.check(d).ifPresent(problem -> {
                        throw new IllegalStateException(problem);
                    });
                }
            }
            for (JobDescriptor d : descriptors) {
                Job existing = client.getJet().getJob(d.name());
                if (existing != null && !JobSubmission.isTerminal(existing.getStatus())) {
                    out.println(d.name() + ": already " + existing.getStatus() + ", not submitted again");
                    continue;
                }
                out.println(d.name() + ": submitting " + d.className() + (d.batch() ? " (batch, waiting for it)" : "")
                        + (existing != null ? " again: its last run " + existing.getStatus()
                        + (d.batch() ? " (a batch job runs on every submission; it only fills keys that hold no value)"
                        : "") : ""));
                submitWithHzCli(d, bundle);
                Job job = client.getJet().getJob(d.name());
                out.println(d.name() + ": " + (job == null ? "not found after submission" : job.getStatus()));
                if (job == null) {
                    throw new IllegalStateException(d.name() + " was not created; see the hz-cli output above");
                }
            }
        }
    }

    private void submitWithHzCli(JobDescriptor d, Path bundle) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        // hz-cli's own "Submitting JAR ..." line, once per job, says nothing the line above did not: kept for failures
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(said, true, StandardCharsets.UTF_8);
        // hz-cli's jar runner logs a failing main's stack trace through java.util.logging; the one line below says it
        EXECUTE_JAR_LOG.setLevel(debug() ? java.util.logging.Level.ALL : java.util.logging.Level.OFF);
        int code = new CommandLine(new HazelcastCommandLine(HazelcastClient::newHazelcastClient, outStream, errStream))
                .execute("--targets", cluster.hzCliTargets(), "submit", "--class", d.className(),
                        bundle.toAbsolutePath().toString());
        String errors = err.toString(StandardCharsets.UTF_8).strip();
        if (code != 0) {
            String output = said.toString(StandardCharsets.UTF_8).strip();
            if (debug()) {
                System.err.println(output + "\n" + errors);
            }
            // hz-cli's own handler says "ERROR: <the main's message>": that is the line an operator needs
            String reason = errors.lines().filter(l -> l.startsWith("ERROR: ")).map(l -> l.substring(7)).findFirst()
                    .orElse("hz-cli submit exited " + code + (errors.isEmpty() ? "" : ": " + errors.lines().findFirst()
                    .orElse("")));
            throw new IllegalStateException(d.name() + " not submitted: " + reason
                    + (debug() ? "" : " (DOLPHIN_LOG_LEVEL=debug shows hz-cli's whole output)"));
        }
        if (!errors.isEmpty()) {
            System.err.println(errors);
        }
    }

    private List<JobDescriptor> descriptors() {
        if (jobs.isEmpty()) {
            List<JobDescriptor> all = JobDescriptors.loadAll(cluster.env());
            if (all.isEmpty()) {
                throw new IllegalStateException("no job descriptors found under jobs/ or in the bundle");
            }
            return all;
        }
        List<JobDescriptor> chosen = new ArrayList<>();
        for (String j : jobs) {
            chosen.add(JobDescriptors.byNameOrId(j, cluster.env()));
        }
        return chosen;
    }

    private Path bundle() {
        if (jar != null) {
            return requireFile(jar);
        }
        String home = io.dolphin.datalayer.common.DolphinEnvironment.current().get("DOLPHIN_HOME");
        Path p = home != null ? Path.of(home, "target", "dolphin-jobs.jar") : Path.of("target", "dolphin-jobs.jar");
        return requireFile(p);
    }

    private static Path requireFile(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("job bundle not found at " + p.toAbsolutePath()
                    + ": build it with `mvn -DskipTests package` or pass --jar");
        }
        return p;
    }

    /** Shuts the client down even when a submission fails. */
    private record Closer(HazelcastInstance client) implements AutoCloseable {
        @Override
        public void close() {
            client.shutdown();
        }
    }
}
