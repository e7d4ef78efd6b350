package io.dolphin.datalayer.common;

import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;

import java.io.Serializable;
import java.util.Map;

/**
 * One {@code jobs/<id>.yaml}: the job's stable name, its class, how it is snapshotted, and its settings.
 *
 * @param id       the descriptor's file name without {@code .yaml}, e.g. {@code scan-bridge}
 * @param name     the Jet job name operators see, e.g. {@code dolphin-scan-bridge}
 * @param batch    batch jobs (hz-warmup) run to completion before streaming jobs are submitted
 * @param declared every setting with its default, environment variable and doc
 * @param settings the declared settings resolved against the environment
 */
public record JobDescriptor(String id, String name, String className, String description, boolean batch,
                            ProcessingGuarantee guarantee, long snapshotIntervalMillis,
                            Map<String, Setting> declared, JobSettings settings) implements Serializable {

    /** The Jet configuration every submission of this job uses, whatever submits it. */
    public JobConfig jobConfig() {
        JobConfig config = new JobConfig()
                .setName(name)
                .setProcessingGuarantee(guarantee)
                .setMetricsEnabled(true)
                // Management Center and `bin/dolphin jobs` show a finished job's counters too.
                .setStoreMetricsAfterJobCompletion(true);
        if (guarantee != ProcessingGuarantee.NONE) {
            config.setSnapshotIntervalMillis(snapshotIntervalMillis);
        }
        return config;
    }
}
