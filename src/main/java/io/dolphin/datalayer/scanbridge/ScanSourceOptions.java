package io.dolphin.datalayer.scanbridge;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the scan-file source needs to know; built from the job descriptor by the job.
 *
 * @param root            the scan root; date folders {@code YYYY-MM-DD} below it hold the files
 * @param pollInterval    how often the whole window is listed again (with {@code watch} on, a safety net for events
 *                        the file system does not deliver, e.g. writes from another NFS client)
 * @param watch           react to file-system notifications at once instead of waiting for the next listing
 * @param settle          how long a file that is not provably complete must stay unchanged before it is given up on
 *                        and dead-lettered
 * @param fileSuffix      only names ending with this are scan files; {@code *.tmp} and dot-files never are
 * @param dateFolders     how many of the newest date folders are followed (older ones are finished days)
 * @param maxFilesPerPoll how many files one call of the source reads at most, so a backlog does not stall snapshots
 * @param targetAsset     written as {@code target_asset} and {@code result.asset}
 * @param jobName         names the job in dead letters
 */
record ScanSourceOptions(String root, Duration pollInterval, boolean watch, Duration settle,
                                String fileSuffix, int dateFolders, int maxFilesPerPoll, String targetAsset,
                                String jobName) implements Serializable {

    public ScanSourceOptions {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(targetAsset, "targetAsset");
        requirePositive(pollInterval, "poll interval");
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle time must not be negative: " + settle);
        }
        if (dateFolders < 1 || maxFilesPerPoll < 1) {
            throw new IllegalArgumentException("date folders and files per poll must be at least 1");
        }
        if (fileSuffix == null || fileSuffix.isEmpty()) {
            throw new IllegalArgumentException("file suffix must not be empty");
        }
    }

    public Path rootPath() {
        return Path.of(root);
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }
}
