package io.dolphin.datalayer.warmup;

import io.dolphin.datalayer.common.JobSubmission;
import com.hazelcast.jet.pipeline.Pipeline;

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

    public static Pipeline pipeline(HzWarmupSettings settings) {
        Pipeline p = Pipeline.create();
        p.readFrom(LastValuesSource.of(settings.store()))
                .setName("1-warm-store-last-values")
                .writeTo(HotMapRestore.sink());
        return p;
    }

    public static void main(String[] args) {
        JobSubmission.submitFromMain(DESCRIPTOR_ID, d -> pipeline(HzWarmupSettings.from(d.settings())));
    }
}
