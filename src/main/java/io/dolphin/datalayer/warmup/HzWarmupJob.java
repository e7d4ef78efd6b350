package io.dolphin.datalayer.warmup;

import io.dolphin.datalayer.common.JobSubmission;
import com.hazelcast.jet.pipeline.Pipeline;
import io.dolphin.datalayer.common.JobSettings;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;

import java.io.Serializable;

/**
 * dolphin-hz-warmup: after a full cluster restart, every key of every Dolphin map gets back the exact JSON text
 * it held, from the warm store's {@code hz_last_values}. A batch job; {@code bin/dolphin submit} waits for it to
 * finish before the streaming jobs start.
 *
 * <pre>
 *  (1) warm-store-last-values ──▶ (2) restore-maps
 *      dolphin.hz_last_values         IMap.putIfAbsent(key, raw JSON): a value written since the restart wins
 *      dolphin_green.hz_last_values
 * </pre>
 *
 * The restore writes journal events (ADDED, with the stored value); dolphin-warm-sink recognises them as the
 * warm store's own values and adds no row for them, so a restart does not repeat history in the tables.
 */
public final class HzWarmupJob {

    public static final String DESCRIPTOR_ID = "hz-warmup";
    public static final String JOB_NAME = "dolphin-hz-warmup";

    private HzWarmupJob() {
    }

    /** The settings of {@code jobs/hz-warmup.yaml}. */
    public record Settings(WarmStoreConfig store) implements Serializable {

        public static Settings from(JobSettings s) {
            // Read-only: a store the sink never wrote restores nothing (see LastValuesSource), no DDL needed.
            return new Settings(new WarmStoreConfig(s.string("warm-jdbc-url"), s.string("warm-user"),
                    s.string("warm-password"), false));
        }
    }

    public static Pipeline pipeline(Settings settings) {
        Pipeline p = Pipeline.create();
        p.readFrom(LastValuesSource.of(settings.store()))
                .setName("1-warm-store-last-values")
                .writeTo(HotMapRestore.sink());
        return p;
    }

    public static void main(String[] args) {
        JobSubmission.submitFromMain(DESCRIPTOR_ID, d -> pipeline(Settings.from(d.settings())));
    }
}
