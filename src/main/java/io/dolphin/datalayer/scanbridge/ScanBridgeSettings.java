package io.dolphin.datalayer.scanbridge;

import io.dolphin.datalayer.common.JobSettings;

import java.io.Serializable;
import java.time.Duration;

/**
 * The settings of {@code dolphin-scan-bridge}, read from {@code jobs/scan-bridge.yaml} and its environment
 * overrides (see that file and docs/scan-bridge.md for what each one means); {@link ScanSourceOptions} checks them.
 */
public record ScanBridgeSettings(String scanRoot, Duration pollInterval, boolean watch, Duration settle,
                                 String fileSuffix, int dateFolders, int maxFilesPerPoll, String targetAsset)
        implements Serializable {

    public static ScanBridgeSettings from(JobSettings s) {
        return new ScanBridgeSettings(s.string("scan-root"), s.millis("poll-interval-ms"), s.bool("watch"),
                s.millis("settle-ms"), s.string("file-suffix"), s.intValue("date-folders"),
                s.intValue("max-files-per-poll"), s.string("target-asset"));
    }

    /** What the scan-file source reads; dead letters name the job. */
    ScanSourceOptions sourceOptions() {
        return new ScanSourceOptions(scanRoot, pollInterval, watch, settle, fileSuffix, dateFolders, maxFilesPerPoll,
                targetAsset, ScanBridgeJob.JOB_NAME);
    }

    public ScanBridgeSettings withScanRoot(String root) {
        return new ScanBridgeSettings(root, pollInterval, watch, settle, fileSuffix, dateFolders, maxFilesPerPoll,
                targetAsset);
    }

    public ScanBridgeSettings withSettle(Duration settleTime) {
        return new ScanBridgeSettings(scanRoot, pollInterval, watch, settleTime, fileSuffix, dateFolders,
                maxFilesPerPoll, targetAsset);
    }

    public ScanBridgeSettings withMaxFilesPerPoll(int max) {
        return new ScanBridgeSettings(scanRoot, pollInterval, watch, settle, fileSuffix, dateFolders, max,
                targetAsset);
    }
}
