package io.dolphin.datalayer.cli;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import io.dolphin.datalayer.common.JobSubmission;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * Cancels Dolphin jobs and, with {@code --cluster-shutdown}, shuts the whole cluster down gracefully (members
 * hand their partitions over before leaving). Cancelling discards a job's snapshot: streaming jobs resume from
 * their sources' earliest retained position (journal, Kafka) when submitted again, and the warm sink's idempotent
 * writes absorb the replay.
 */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Cancel Dolphin jobs (default: all dolphin-* jobs); --cluster-shutdown also stops every member.")
final class StopCommand implements Runnable {

    @Mixin
    ClusterOptions cluster;

    @Parameters(paramLabel = "JOB", arity = "0..*", description = "Job names or ids (default: every dolphin-* job).")
    List<String> jobs = new ArrayList<>();

    @Option(names = "--cluster-shutdown", description = "After cancelling, shut down every member gracefully.")
    boolean shutdownCluster;

    @Override
    public void run() {
        HazelcastInstance client = cluster.connect();
        try {
            for (Job job : client.getJet().getJobs()) {
                if (job.getName() == null || JobSubmission.isTerminal(job.getStatus()) || !selected(job.getName())) {
                    continue;
                }
                job.cancel();
                System.out.println(job.getName() + ": cancelled");
            }
            if (shutdownCluster) {
                System.out.println("shutting down " + client.getCluster().getMembers().size() + " member(s)");
                // A client may not shut a cluster down itself; one member does it for all, in order.
                client.getExecutorService("dolphin-admin")
                      .executeOnMember(new ClusterShutdownTask(), client.getCluster().getMembers().iterator().next());
            }
        } finally {
            if (client.getLifecycleService().isRunning()) {
                client.shutdown();
            }
        }
    }

    private boolean selected(String name) {
        if (jobs.isEmpty()) {
            return name.startsWith("dolphin-");
        }
        return jobs.stream().anyMatch(j -> j.equals(name) || ("dolphin-" + j).equals(name));
    }
}
