package io.dolphin.datalayer.scanbridge;

import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.common.Outcome;
import io.dolphin.datalayer.scanbridge.ProcessedFiles.Fingerprint;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The scan root as the source sees it, without Jet: which date folders are followed, which files are new, which
 * are complete, and what each poll emits. One poll examines the files named by file-system events and, on a full
 * rescan, every file of the followed folders it has not finished with.
 *
 * <p>Per file: published (in {@link ProcessedFiles}, never looked at again), dead-lettered (looked at again only
 * when its fingerprint changes), or waiting. A waiting file is one the decoder could not prove complete; it is
 * re-read whenever its size or mtime changes and dead-lettered once it has stayed unchanged for the settle time.
 */
final class ScanDirectory {

    private static final ILogger LOG = Logger.getLogger(ScanDirectory.class);
    private static final Pattern DATE_FOLDER = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final long MAX_DESCRIBED_BYTES = 1 << 20;
    /** A scan of ~500 assets is well under a megabyte; this only keeps a stray huge file off the heap. */
    private static final long MAX_FILE_BYTES = 256L << 20;

    private final ScanSourceOptions options;
    private final Path root;
    private final ArrowScanDecoder decoder;
    private final Consumer<List<Path>> onFoldersChanged;
    private final long settleNanos;

    private ProcessedFiles processed = new ProcessedFiles();
    private final Map<Path, Waiting> waiting = new HashMap<>();
    private final Set<Path> backlog = new LinkedHashSet<>();
    private List<Path> folders = List.of();
    private boolean rootMissingLogged;

    private static final class Waiting {
        final Fingerprint fingerprint;
        final long sinceNanos;
        String reason;

        Waiting(Fingerprint fingerprint, long sinceNanos, String reason) {
            this.fingerprint = fingerprint;
            this.sinceNanos = sinceNanos;
            this.reason = reason;
        }
    }

    /** @param onFoldersChanged told the followed folders before they are listed, so a watcher misses nothing */
    ScanDirectory(ScanSourceOptions options, ArrowScanDecoder decoder, Consumer<List<Path>> onFoldersChanged) {
        this.options = options;
        this.root = options.rootPath().toAbsolutePath().normalize();
        this.decoder = decoder;
        this.onFoldersChanged = onFoldersChanged;
        this.settleNanos = options.settle().toNanos();
    }

    /**
     * @param fullRescan list every followed folder (else only {@code changed} and the backlog are examined)
     * @param changed    files a file-system event named
     * @return what to emit, scans in scan-number order, then dead letters
     */
    List<Outcome<EigenScan>> poll(long nowNanos, boolean fullRescan, Collection<Path> changed) {
        if (fullRescan) {
            rescan();
        }
        for (Path p : changed) {
            Path file = p.toAbsolutePath().normalize();
            if (isScanFileName(file) && folders.contains(file.getParent())) {
                backlog.add(file);
            }
        }
        List<Outcome<EigenScan>> scans = new ArrayList<>();
        List<Outcome<EigenScan>> deadLetters = new ArrayList<>();
        Iterator<Path> it = backlog.iterator();
        for (int n = 0; n < options.maxFilesPerPoll() && it.hasNext(); n++) {
            Path file = it.next();
            it.remove();
            Outcome<EigenScan> o = examine(file, nowNanos);
            if (o != null) {
                (o.isAccepted() ? scans : deadLetters).add(o);
            }
        }
        scans.sort(Comparator.comparingLong(o -> o.value().scanNumber()));
        scans.addAll(deadLetters);
        return scans;
    }

    boolean hasBacklog() {
        return !backlog.isEmpty();
    }

    int waitingCount() {
        return waiting.size();
    }

    List<Path> folders() {
        return folders;
    }

    ProcessedFiles processed() {
        return processed;
    }

    /** After a restart: what the snapshot says was done; everything else is looked at again. */
    void restore(ProcessedFiles restored) {
        processed = restored;
        waiting.clear();
        backlog.clear();
    }

    private void rescan() {
        List<Path> current = listDateFolders();
        if (!current.equals(folders)) {
            LOG.info("following scan folders " + current.stream().map(p -> p.getFileName().toString()).toList());
            folders = current;
            processed.retainFolders(current.stream().map(p -> p.getFileName().toString()).toList());
            waiting.keySet().removeIf(p -> !current.contains(p.getParent()));
            backlog.removeIf(p -> !current.contains(p.getParent()));
        }
        onFoldersChanged.accept(folders);
        for (Path folder : folders) {
            backlog.addAll(unfinishedFiles(folder));
        }
    }

    /** The newest {@code dateFolders} folders named YYYY-MM-DD, oldest first. */
    private List<Path> listDateFolders() {
        if (!Files.isDirectory(root)) {
            if (!rootMissingLogged) {
                LOG.warning("scan root " + root + " does not exist (yet); waiting for it");
                rootMissingLogged = true;
            }
            return List.of();
        }
        rootMissingLogged = false;
        List<Path> all = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root,
                p -> DATE_FOLDER.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))) {
            ds.forEach(all::add);
        } catch (IOException e) {
            LOG.warning("cannot list scan root " + root + ": " + e + "; keeping the folders followed so far");
            return folders;
        }
        all.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return List.copyOf(all.subList(Math.max(0, all.size() - options.dateFolders()), all.size()));
    }

    /** Files of one folder not published and not dead-lettered as they are now, oldest mtime first. */
    private List<Path> unfinishedFiles(Path folder) {
        String folderName = folder.getFileName().toString();
        List<Path> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, this::isScanFileName)) {
            for (Path p : ds) {
                if (!processed.isPublished(folderName, p.getFileName().toString())) {
                    names.add(p);
                }
            }
        } catch (IOException e) {
            LOG.warning("cannot list scan folder " + folder + ": " + e);
            return List.of();
        }
        Map<Path, Long> mtimes = new HashMap<>();
        for (Path p : names) {
            Fingerprint fp = fingerprintOrNull(p);
            mtimes.put(p, fp == null ? Long.MAX_VALUE : fp.mtimeMicros());
        }
        names.sort(Comparator.<Path>comparingLong(mtimes::get).thenComparing(p -> p.getFileName().toString()));
        return names;
    }

    private boolean isScanFileName(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(options.fileSuffix()) && !name.startsWith(".");
    }

    /** @return what to emit for this file now, or null (nothing new, or wait) */
    private Outcome<EigenScan> examine(Path file, long nowNanos) {
        String folder = file.getParent().getFileName().toString();
        String name = file.getFileName().toString();
        if (processed.isPublished(folder, name)) {
            return null;
        }
        Fingerprint fp = fingerprintOrNull(file);
        if (fp == null) {
            waiting.remove(file);
            return null;
        }
        if (fp.equals(processed.deadLettered(folder, name))) {
            return null;
        }
        Waiting w = waiting.get(file);
        if (w != null && fp.equals(w.fingerprint)) {
            // Unchanged since the last attempt, so reading it again cannot give another answer.
            return nowNanos - w.sinceNanos >= settleNanos ? giveUp(file, fp, w.reason, null) : null;
        }
        return read(file, folder, name, fp, nowNanos);
    }

    private Outcome<EigenScan> read(Path file, String folder, String name, Fingerprint fp, long nowNanos) {
        if (fp.size() > MAX_FILE_BYTES) {
            return wait(file, fp, nowNanos, "the file has " + fp.size() + " bytes, more than a scan file can have ("
                    + MAX_FILE_BYTES + ")");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            waiting.remove(file);
            return null;
        } catch (IOException e) {
            return wait(file, fp, nowNanos, "cannot read the file: " + e);
        }
        Fingerprint after = fingerprintOrNull(file);
        if (after == null || !after.equals(fp) || bytes.length != fp.size()) {
            // No fingerprint: what was read is no version of the file, so the next look must read it again.
            waiting.put(file, new Waiting(null, nowNanos, "the file changed while it was read"));
            return null;
        }
        try {
            EigenScan scan = decoder.decode(bytes, folder + "/" + name, fp.mtimeMicros() / 1e6);
            processed.markPublished(folder, name);
            waiting.remove(file);
            return Outcome.accepted(scan);
        } catch (ScanFileException e) {
            if (e.kind() == ScanFileException.Kind.INVALID) {
                return giveUp(file, fp, e.reason(), bytes);
            }
            return wait(file, fp, nowNanos, e.reason());
        }
    }

    private Outcome<EigenScan> wait(Path file, Fingerprint fp, long nowNanos, String reason) {
        waiting.put(file, new Waiting(fp, nowNanos, reason));
        return settleNanos == 0 ? giveUp(file, fp, reason, null) : null;
    }

    private Outcome<EigenScan> giveUp(Path file, Fingerprint fp, String reason, byte[] bytes) {
        String folder = file.getParent().getFileName().toString();
        String name = file.getFileName().toString();
        processed.markDeadLettered(folder, name, fp);
        Waiting w = waiting.remove(file);
        String why = w == null ? reason
                : reason + " (unchanged for " + TimeUnit.NANOSECONDS.toMillis(settleNanos) + " ms)";
        LOG.warning("scan file " + file + " dead-lettered: " + why);
        return Outcome.rejected(DeadLetter.of(options.jobName(), "file:" + file, why,
                describe(folder + "/" + name, fp, bytes != null ? bytes : headOf(file)), System.currentTimeMillis()));
    }

    private static String describe(String relative, Fingerprint fp, byte[] bytes) {
        StringBuilder sb = new StringBuilder(relative).append(": ").append(fp.size()).append(" bytes, modified ")
                .append(Instant.EPOCH.plus(fp.mtimeMicros(), ChronoUnit.MICROS));
        if (bytes != null && bytes.length > 0) {
            sb.append(", first bytes: ").append(hex(bytes, 0, Math.min(32, bytes.length)));
            if (bytes.length > 32) {
                sb.append(", last bytes: ").append(hex(bytes, Math.max(32, bytes.length - 16), bytes.length));
            }
        }
        return sb.toString();
    }

    /** The content for the dead letter's description; a huge file is described by its size alone. */
    private static byte[] headOf(Path file) {
        try {
            return Files.size(file) <= MAX_DESCRIBED_BYTES ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String hex(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(String.format("%02x", b[i] & 0xFF)).append(i + 1 < to ? " " : "");
        }
        return sb.toString();
    }

    static Fingerprint fingerprintOrNull(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.isRegularFile() ? new Fingerprint(a.size(), a.lastModifiedTime().to(TimeUnit.MICROSECONDS))
                    : null;
        } catch (IOException e) {
            return null;
        }
    }
}
