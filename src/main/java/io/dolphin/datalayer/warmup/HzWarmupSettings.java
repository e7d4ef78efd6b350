package io.dolphin.datalayer.warmup;

import io.dolphin.datalayer.common.JobSettings;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;

import java.io.Serializable;

/** The settings of {@code dolphin-hz-warmup}, read from {@code jobs/hz-warmup.yaml}: the store to restore from. */
public record HzWarmupSettings(WarmStoreConfig store) implements Serializable {

    public static HzWarmupSettings from(JobSettings s) {
        // Read-only: a store the sink never wrote restores nothing (see LastValuesSource), no DDL needed.
        return new HzWarmupSettings(new WarmStoreConfig(s.string("warm-jdbc-url"), s.string("warm-user"),
                s.string("warm-password"), false));
    }
}
