package io.dolphin.datalayer.cold;

import io.dolphin.datalayer.common.JobSettings;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/** The settings of {@code dolphin-cold-export}, read from {@code jobs/cold-export.yaml} (see that file). */
public record ColdExportSettings(WarmStoreConfig store, String coldRoot, String scanRoot, String targetAsset,
                                 long closeGraceMs, long checkIntervalMs) implements Serializable {

    public static final String DEFAULT_COLD_ROOT = "./data/cold";

    public ColdExportSettings {
        if (checkIntervalMs <= 0 || closeGraceMs < 0) {
            throw new IllegalArgumentException("dolphin-cold-export: check-interval-ms must be > 0 and close-grace-ms"
                    + " >= 0 (DOLPHIN_COLD_CHECK_INTERVAL_MS, DOLPHIN_COLD_CLOSE_GRACE_MS)");
        }
    }

    public static ColdExportSettings from(JobSettings s) {
        // read-only: the export never creates tables
        return new ColdExportSettings(new WarmStoreConfig(s.string("warm-jdbc-url"), s.string("warm-user"),
                s.string("warm-password"), false), s.string("cold-root"), s.string("scan-root"), s.string("target-asset"),
                s.longValue("close-grace-ms"), s.longValue("check-interval-ms"));
    }

    Path coldRootPath() {
        return Path.of(coldRoot);
    }

    Path scanRootPath() {
        return scanRoot == null || scanRoot.isBlank() ? null : Path.of(scanRoot);
    }

    Duration closeGrace() {
        return Duration.ofMillis(closeGraceMs);
    }
}
