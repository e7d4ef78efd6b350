package io.dolphin.datalayer.sim;

import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A synthetic NG8 scanner: writes one real Arrow IPC file per scan into {@code <root>/<YYYY-MM-DD>/} (UTC date of
 * the scan), either on its own schedule ({@link #start}) or when asked ({@link #writeScan}). The demo, the
 * benchmark and the tests share it.
 *
 * <p>{@link Mode#IN_PLACE} writes the final file name directly, trailer last, as pyarrow's {@code ipc.new_file} does,
 * so a reader can see it half-written. {@link Mode#RENAME} writes {@code <name>.tmp} and renames it atomically.
 */
public final class ScannerFileWriter implements AutoCloseable {

    public enum Mode { IN_PLACE, RENAME }

    /** pyarrow writes a file in pieces too; a reader polling mid-write sees a prefix. */
    private static final int WRITE_CHUNK = 4096;
    private static final ILogger LOG = Logger.getLogger(ScannerFileWriter.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);

    private final ScanTable.Format format;
    private final Mode mode;
    private final int assets;
    private final long seed;
    private final AtomicLong nextScanNumber;
    private final AtomicLong filesWritten = new AtomicLong();
    private ScheduledExecutorService scheduler;

    /** Arrow IPC file format, written in place, 50 assets, scan numbers from 1. */
    public ScannerFileWriter() {
        this(ScanTable.Format.FILE, Mode.IN_PLACE, 50, 1);
    }

    public ScannerFileWriter(ScanTable.Format format, Mode mode, int assets, long firstScanNumber) {
        this.format = format;
        this.mode = mode;
        this.assets = assets;
        this.seed = firstScanNumber;
        this.nextScanNumber = new AtomicLong(firstScanNumber);
    }

    /** Writes the next scan every {@code interval} on a daemon thread until {@link #stop()}. */
    public synchronized void start(Path root, Duration interval) {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dolphin-sim-scanner");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(() -> {
            try {
                writeScan(root);
            } catch (RuntimeException e) {
                LOG.warning("synthetic scanner could not write a scan into " + root + ": " + e.getMessage());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes the next scan number, timestamped now; returns the file once it is closed (and renamed). */
    public Path writeScan(Path root) {
        return writeScan(root, nextScanNumber.getAndIncrement(), Instant.now());
    }

    /** Writes one synthetic scan; later calls without a number continue after the highest number written. */
    public Path writeScan(Path root, long scanNumber, Instant timestamp) {
        nextScanNumber.accumulateAndGet(scanNumber + 1, Math::max);
        return write(fileFor(root, scanNumber, timestamp), ScanTable.synthetic(scanNumber, timestamp, assets, seed));
    }

    /** Writes {@code table} to {@code file} in this writer's format and mode; creates the date folder. */
    public Path write(Path file, ScanTable table) {
        try {
            Files.createDirectories(file.getParent());
            Path target = mode == Mode.RENAME ? file.resolveSibling(file.getFileName() + ".tmp") : file;
            // Encoded before the file is opened, so the file is not left empty while Arrow warms up.
            byte[] bytes = table.toBytes(format);
            try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (int off = 0; off < bytes.length; off += WRITE_CHUNK) {
                    ch.write(ByteBuffer.wrap(bytes, off, Math.min(WRITE_CHUNK, bytes.length - off)));
                }
            }
            if (mode == Mode.RENAME) {
                Files.move(target, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            filesWritten.incrementAndGet();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write scan file " + file, e);
        }
    }

    /** {@code <root>/<YYYY-MM-DD>/scan_<number, 8 digits>_<HHmmss>.arrow}, UTC. */
    public static Path fileFor(Path root, long scanNumber, Instant timestamp) {
        return root.resolve(DAY.format(timestamp))
                .resolve(String.format("scan_%08d_%s.arrow", scanNumber, TIME.format(timestamp)));
    }

    public long filesWritten() {
        return filesWritten.get();
    }

    /** The scan number the next {@link #writeScan(Path)} will use. */
    public long nextScanNumber() {
        return nextScanNumber.get();
    }

    /** Stops the schedule; a file being written is finished first, never left half-written. */
    public synchronized void stop() {
        if (scheduler != null) {
            // Not shutdownNow(): interrupting a FileChannel write closes it and leaves a truncated file.
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
