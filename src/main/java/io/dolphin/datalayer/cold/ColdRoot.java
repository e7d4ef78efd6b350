package io.dolphin.datalayer.cold;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The cold root on disk and its write protocol. A file is written under a hidden temporary name beside its final
 * one ({@code .<day>.parquet.<uuid>.tmp}), forced to disk, then renamed atomically onto the final name and the folder
 * forced: a reader sees the whole file or none, and a crash leaves at most a temporary file, which the next run
 * deletes. One export at a time per root ({@code .lock}, an OS file lock that dies with its process).
 */
final class ColdRoot implements AutoCloseable {

    static final String LOCK = ".lock";
    static final String TMP_SUFFIX = ".tmp";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private ColdRoot(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates the root if needed and takes its lock; fails with one line an operator can act on. */
    static ColdRoot open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            Files.createDirectories(abs);
            channel = FileChannel.open(abs.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new ColdExportException("another cold export is writing " + abs + " (its " + LOCK + " is locked)");
            }
            return new ColdRoot(abs, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new ColdExportException("another cold export in this process is writing " + abs);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            closeQuietly(channel);
            throw new ColdExportException("the cold root " + abs + " is not writable: " + e.getFile()
                    + " is a file, not a folder (set DOLPHIN_COLD_ROOT or --cold-root)");
        } catch (AccessDeniedException e) {
            closeQuietly(channel);
            throw new ColdExportException("the cold root " + abs + " is not writable: permission denied on "
                    + e.getFile() + " (set DOLPHIN_COLD_ROOT or --cold-root)");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ColdExportException("the cold root " + abs + " is not writable: " + e
                    + " (set DOLPHIN_COLD_ROOT or --cold-root)");
        }
    }

    Path dir() {
        return dir;
    }

    Path resolve(String relative) {
        return dir.resolve(relative);
    }

    /** A fresh temporary name beside {@code target}, its folder created. */
    Path tempFor(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + TMP_SUFFIX);
    }

    static boolean isTemp(Path file) {
        String n = file.getFileName().toString();
        return n.startsWith(".") && n.endsWith(TMP_SUFFIX);
    }

    /** Deletes what an interrupted export left: temporary files only, never a published one. */
    List<Path> removeLeftovers() {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> leftovers = files.filter(Files::isRegularFile).filter(ColdRoot::isTemp).toList();
            for (Path p : leftovers) {
                Files.deleteIfExists(p);
            }
            return leftovers;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ColdExportException("the cold root " + dir + " is not writable: cannot remove what an interrupted"
                    + " export left: " + e.getMessage());
        }
    }

    /** {@code tmp} onto {@code target} (replacing it), both on disk before the call returns. */
    static void publish(Path tmp, Path target) throws IOException {
        force(tmp, false);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        force(target.getParent(), true);
    }

    private static void force(Path p, boolean directory) throws IOException {
        try (FileChannel c = FileChannel.open(p, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            c.force(true);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            if (!directory) {
                throw e;
            }
            // some file systems refuse to open a folder for syncing; the rename itself is still atomic
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // released with the channel anyway
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
