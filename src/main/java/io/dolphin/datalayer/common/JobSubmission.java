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

    private JobSubmission() {
    }

    /** The body of every job class's {@code main}. */
    public static Job submitFromMain(String descriptorId, Function<JobDescriptor, Pipeline> pipelineFactory) {
        JobDescriptor descriptor = JobDescriptors.load(descriptorId);
        HazelcastInstance hz = Hazelcast.bootstrappedInstance();
        SqlMappings.apply(hz);
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

    public static boolean isTerminal(JobStatus status) {
        return status == JobStatus.COMPLETED || status == JobStatus.FAILED;
    }
}
