package io.dolphin.datalayer.common;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.JetService;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;

import java.util.function.Function;

/**
 * How every job's {@code main} submits itself: load its descriptor, build its pipeline, submit it under its
 * stable name unless a job of that name is already active. The same path serves {@code hz-cli submit} (where
 * {@link Hazelcast#bootstrappedInstance()} is a client that uploads the bundle) and {@code bin/dolphin submit}.
 */
public final class JobSubmission {

    private static final ILogger LOG = Logger.getLogger(JobSubmission.class);
    /** hz-cli's jar runner's logger; held, or its level could be collected with it. */
    private static final java.util.logging.Logger EXECUTE_JAR_LOG =
            java.util.logging.Logger.getLogger("com.hazelcast.instance.impl.executejar.CommandLineExecuteJar");

    private JobSubmission() {
    }

    /** The body of every job class's {@code main}. */
    public static Job submitFromMain(String descriptorId, Function<JobDescriptor, Pipeline> pipelineFactory) {
        JobDescriptor descriptor = JobDescriptors.load(descriptorId);
        HazelcastInstance hz = Hazelcast.bootstrappedInstance();
        SqlMappings.apply(hz);
        Job running = hz.getJet().getJob(descriptor.name());
        if (running != null && !isTerminal(running.getStatus())) {
            // hz-cli would otherwise print "The JAR didn't submit any jobs" and exit 0: say why, and fail. Its jar
            // runner logs what main throws with the whole stack trace; hz-cli's own ERROR line says it all
            if (!"debug".equalsIgnoreCase(String.valueOf(DolphinEnvironment.current().get("DOLPHIN_LOG_LEVEL")))) {
                EXECUTE_JAR_LOG.setLevel(java.util.logging.Level.OFF);
            }
            throw new JobAlreadyActiveException(descriptor.name() + " is already " + running.getStatus() + " (id "
                    + running.getIdString() + "): not submitted again; cancel it first (bin/dolphin stop "
                    + descriptor.id() + ") to replace it");
        }
        Job job = submitIfAbsent(hz.getJet(), descriptor, pipelineFactory.apply(descriptor));
        if (descriptor.batch()) {
            // hz-warmup must have finished before the streaming jobs that follow it start writing.
            job.join();
            LOG.info(descriptor.name() + " finished: " + job.getStatus());
        }
        return job;
    }

    /**
     * Submits {@code pipeline} as {@code descriptor.name()} unless a job of that name is active (not failed or
     * completed); returns whichever job now runs under that name.
     */
    public static Job submitIfAbsent(JetService jet, JobDescriptor descriptor, Pipeline pipeline) {
        Job existing = jet.getJob(descriptor.name());
        if (existing != null && !isTerminal(existing.getStatus())) {
            LOG.info(descriptor.name() + " is already " + existing.getStatus() + " (id " + existing.getIdString()
                    + "); not submitting it again");
            return existing;
        }
        Job job = jet.newJobIfAbsent(pipeline, descriptor.jobConfig());
        LOG.info("submitted " + descriptor.name() + " (id " + job.getIdString() + ", " + descriptor.guarantee()
                + (descriptor.guarantee() == com.hazelcast.jet.config.ProcessingGuarantee.NONE ? ""
                : ", snapshot every " + descriptor.snapshotIntervalMillis() + " ms") + ")");
        return job;
    }

    /** A job's {@code main} found its job already running; hz-cli prints this message as its one ERROR line. */
    public static final class JobAlreadyActiveException extends IllegalStateException {
        JobAlreadyActiveException(String message) {
            super(message);
        }
    }

    public static boolean isTerminal(JobStatus status) {
        return status == JobStatus.COMPLETED || status == JobStatus.FAILED;
    }
}
