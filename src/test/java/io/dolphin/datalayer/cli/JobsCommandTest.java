package io.dolphin.datalayer.cli;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.test.TestSources;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code bin/dolphin jobs} shows: a cancelled job as CANCELLED, and no stage lines with --no-stages. */
class JobsCommandTest {

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void when_jobCancelled_then_shownCancelledNotFailed() {
        HazelcastInstance member = cluster.newMember();
        Job job = member.getJet().newJob(endless(), new JobConfig().setName("dolphin-test-cancelled"));
        assertEventually(() -> assertEquals(JobStatus.RUNNING, job.getStatus()));
        job.cancel();
        assertEventually(() -> assertEquals(JobStatus.FAILED, job.getStatus()));

        String table = JobsCommand.render(member.getJet().getJobs(), true, true);
        String line = table.lines().filter(l -> l.startsWith("dolphin-test-cancelled")).findFirst().orElseThrow();
        assertTrue(line.contains("CANCELLED"), table);
        assertFalse(line.contains("FAILED"), table);
        assertFalse(JobsCommand.render(member.getJet().getJobs(), false, true).contains("dolphin-test-cancelled"));
    }

    @Test
    void when_noStages_then_oneLinePerJob() {
        JobsCommand command = new JobsCommand();
        new CommandLine(command).parseArgs("--no-stages");
        assertTrue(command.noStages);
        JobsCommand plain = new JobsCommand();
        new CommandLine(plain).parseArgs();
        assertFalse(plain.noStages);

        HazelcastInstance member = cluster.newMember();
        Job job = member.getJet().newJob(endless(), new JobConfig().setName("dolphin-test-stages"));
        assertEventually(() -> assertEquals(JobStatus.RUNNING, job.getStatus()));
        assertEquals(2, JobsCommand.render(member.getJet().getJobs(), false, false).lines().count());
    }

    private static Pipeline endless() {
        Pipeline p = Pipeline.create();
        p.readFrom(TestSources.itemStream(10)).withoutTimestamps().writeTo(Sinks.noop());
        return p;
    }
}
