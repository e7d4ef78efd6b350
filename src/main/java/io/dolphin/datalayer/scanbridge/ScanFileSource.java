package io.dolphin.datalayer.scanbridge;

import com.hazelcast.jet.core.metrics.Metric;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.pipeline.SourceBuilder;
import com.hazelcast.jet.pipeline.SourceBuilder.SourceBuffer;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;
import io.dolphin.datalayer.common.Outcome;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The scanner's Arrow files as a Jet stream source: one {@link Outcome} per file, a scan when the file is complete
 * and valid, a dead letter when it is not. A single instance runs in the cluster (a non-distributed source), so
 * files are read and emitted in one order.
 *
 * <p>Fault tolerance: the snapshot holds {@link ProcessedFiles} (what was emitted or dead-lettered, per date folder).
 * Jet drains the source's buffer before it takes the snapshot, so the snapshot never claims a file whose scan was
 * not emitted; after a restart, files emitted after the last snapshot are emitted again and the member-side guard
 * ({@link PublishIfNewer}) turns those replays into no-ops.
 *
 * <p>Latency without busy-spinning: a call blocks on file-system notifications (at most {@link #MAX_BLOCK_MILLIS}),
 * reads the file the moment it is announced, and lists the followed folders every poll interval.
 */
final class ScanFileSource {

    /** Upper bound of one blocking wait; keeps snapshots and job cancellation prompt. */
    static final long MAX_BLOCK_MILLIS = 1_000;
    /** Jet user metrics of the source. */
    public static final String METRIC_WAITING = "scanFilesWaiting";
    public static final String METRIC_LISTINGS = "scanFolderListings";

    private ScanFileSource() {
    }

    public static StreamSource<Outcome<EigenScan>> scanFiles(ScanSourceOptions options) {
        return SourceBuilder.stream("scan-files", ctx -> new Context(options))
                .<Outcome<EigenScan>>fillBufferFn(Context::fill)
                .createSnapshotFn(Context::snapshot)
                .restoreSnapshotFn(Context::restore)
                .destroyFn(Context::close)
                .build();
    }

    private static final class Context {
        private static final ILogger LOG = Logger.getLogger(ScanFileSource.class);

        private final ArrowScanDecoder decoder;
        private final FolderWatcher watcher;
        private final ScanDirectory directory;
        private final long pollIntervalNanos;
        private long nextListingAt = System.nanoTime();
        private Metric waitingGauge;
        private Metric listings;

        Context(ScanSourceOptions options) throws IOException {
            this.decoder = new ArrowScanDecoder(options.targetAsset());
            this.watcher = new FolderWatcher(options.rootPath(), options.watch());
            this.directory = new ScanDirectory(options, decoder, watcher::follow);
            this.pollIntervalNanos = options.pollInterval().toNanos();
            LOG.info("reading scan files under " + options.rootPath().toAbsolutePath() + " (newest "
                    + options.dateFolders() + " date folders, listing every " + options.pollInterval().toMillis()
                    + " ms, notifications " + (options.watch() ? "on" : "off") + ")");
        }

        void fill(SourceBuffer<Outcome<EigenScan>> buffer) {
            long blockUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_BLOCK_MILLIS);
            while (true) {
                long now = System.nanoTime();
                FolderWatcher.Changes changes = watcher.drain();
                boolean listing = changes.rescan() || now >= nextListingAt;
                if (listing) {
                    nextListingAt = now + pollIntervalNanos;
                }
                List<Outcome<EigenScan>> out = directory.poll(now, listing, changes.files());
                updateMetrics(listing);
                if (!out.isEmpty() || directory.hasBacklog()) {
                    out.forEach(buffer::add);
                    return;
                }
                now = System.nanoTime();
                if (now >= blockUntil) {
                    return;
                }
                long waitNanos = Math.min(blockUntil, nextListingAt) - now;
                watcher.await(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)));
            }
        }

        private void updateMetrics(boolean listed) {
            if (waitingGauge == null) {
                waitingGauge = Metrics.metric(METRIC_WAITING);
                listings = Metrics.metric(METRIC_LISTINGS);
            }
            waitingGauge.set(directory.waitingCount());
            if (listed) {
                listings.increment();
            }
        }

        ProcessedFiles snapshot() {
            return directory.processed().copy();
        }

        void restore(List<ProcessedFiles> states) {
            ProcessedFiles merged = new ProcessedFiles();
            states.forEach(merged::merge);
            directory.restore(merged);
            nextListingAt = System.nanoTime();
            LOG.info("restored scan-file state from snapshot: " + merged);
        }

        void close() throws IOException {
            try {
                watcher.close();
            } finally {
                decoder.close();
            }
        }
    }
}
