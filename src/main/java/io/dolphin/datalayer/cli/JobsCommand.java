package io.dolphin.datalayer.cli;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Lists jobs with their status, submission time and, per stage, items in and out from the job's metrics. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "List jobs: name, status, submitted, and items in/out per stage.")
final class JobsCommand implements Runnable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--all", description = "Include completed and failed jobs.")
    boolean all;

    // a plain flag: picocli's negatable option with a true default leaves --no-stages at the default
    @Option(names = "--no-stages", description = "Only one line per job: no items in/out per stage.")
    boolean noStages;

    @Override
    public void run() {
        HazelcastInstance client = cluster.connect();
        try {
            System.out.print(render(client.getJet().getJobs(), all, !noStages));
        } finally {
            client.shutdown();
        }
    }

    /** Jet reports a cancelled job as FAILED; an operator who cancelled it should not read that it failed. */
    static String status(Job job) {
        JobStatus status = job.getStatus();
        if (status == JobStatus.FAILED) {
            try {
                return job.isUserCancelled() ? "CANCELLED" : "FAILED";
            } catch (IllegalStateException notFinished) {
                return status.name();
            }
        }
        return status.name();
    }

    /** The table {@code bin/dolphin jobs} prints; separate so tests can read it without a terminal. */
    static String render(List<Job> jobs, boolean includeFinished, boolean withStages) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-24s %-12s %-21s %12s%n", "JOB", "STATUS", "SUBMITTED", "DEAD LETTERS"));
        jobs.stream()
            .filter(j -> j.getName() != null)
            .filter(j -> includeFinished || !(j.getStatus() == JobStatus.COMPLETED || j.getStatus() == JobStatus.FAILED))
            .sorted(Comparator.comparing(Job::getName))
            .forEach(job -> {
                JobMetricsSummary summary = JobMetricsSummary.of(job.getMetrics());
                out.append(String.format("%-24s %-12s %-21s %12d%n", job.getName(), status(job),
                        TIME.format(Instant.ofEpochMilli(job.getSubmissionTime())), summary.deadLetters()));
                if (withStages) {
                    for (Map.Entry<String, long[]> stage : summary.stages().entrySet()) {
                        out.append(String.format("    %-44s in %,14d   out %,14d%n", stage.getKey(),
                                stage.getValue()[0], stage.getValue()[1]));
                    }
                }
            });
        return out.toString();
    }
}
