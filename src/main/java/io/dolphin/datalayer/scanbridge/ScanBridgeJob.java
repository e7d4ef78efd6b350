package io.dolphin.datalayer.scanbridge;

import io.dolphin.datalayer.common.JobSubmission;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.ServiceFactories;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.StreamStage;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.common.DeadLetters;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.common.Outcome;

import java.io.Serializable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code dolphin-scan-bridge}: the scanner's Arrow files into {@code DOLPHIN_FEATURES["latest_eigen_scan"]}.
 *
 * <pre>
 *  (1) scan-files ──────────── Outcome per file: scan, or dead letter (incomplete after settle-ms, invalid)
 *        │      └─(2) scan-files-rejected ─▶ scan-files-dead-letters ─▶ DOLPHIN_DEAD_LETTERS (+ deadLetters metric)
 *        ▼
 *  (3) encode-latest-eigen-scan   EigenScan ─▶ reference JSON text
 *        ▼
 *  (4) publish-if-newer           DOLPHIN_EIGEN_SCANS[scan_number] gets the scan once (RecordScan: a replay adds
 *        ▼                        nothing), whose journal gives it its eigen_scans row; then an entry processor on
 *                                 the hot key's partition sets latest_eigen_scan only if scan_number is higher
 *  (5) count-outcomes ─▶ (6) done  scansPublished / scansStale / scansReplayed metrics
 * </pre>
 *
 * Order matters: the guard drops a scan that arrives after a higher one, so the pipeline preserves order (one
 * source instance, one processor per stage, isolated edges) and publishes one scan at a time.
 */
public final class ScanBridgeJob {

    public static final String DESCRIPTOR_ID = "scan-bridge";
    public static final String JOB_NAME = "dolphin-scan-bridge";
    public static final String METRIC_PUBLISHED = "scansPublished";
    public static final String METRIC_STALE = "scansStale";
    public static final String METRIC_REPLAYED = "scansReplayed";
    /**
     * Lower than the hot key and already in the scans' history: a fresh submission re-reading the folder (after a
     * whole-cluster restart, hz-warmup restored the history). Not late, so not {@value #METRIC_STALE}.
     */
    public static final String METRIC_ALREADY_RECORDED = "scansAlreadyRecorded";

    private static final ILogger LOG = Logger.getLogger(ScanBridgeJob.class);

    private ScanBridgeJob() {
    }

    /** One encoded scan on its way to the guard. */
    record ScanJson(long scanNumber, String json) implements Serializable {
    }

    /** One scan the guard has seen, with the scan number the key held before: published, a replay, or stale. */
    record PublishAttempt(long scanNumber, long previous, boolean recorded) implements Serializable {
        PublishIfNewer.Publication publication() {
            return PublishIfNewer.publication(scanNumber, previous);
        }
    }

    public static Pipeline pipeline(ScanBridgeSettings settings) {
        Pipeline p = Pipeline.create();
        p.setPreserveOrder(true);
        StreamStage<Outcome<EigenScan>> files = p.readFrom(ScanFileSource.scanFiles(settings.sourceOptions()))
                .withoutTimestamps()
                .setName("scan-files");
        EigenScanCodec codec = new EigenScanCodec();
        DeadLetters.divert(files)
                .map(scan -> new ScanJson(scan.scanNumber(), codec.encode(scan)))
                .setName("encode-latest-eigen-scan")
                .mapUsingServiceAsync(ServiceFactories.sharedService(ctx -> new ScanMaps(
                        ctx.hazelcastInstance().getMap(DolphinMaps.FEATURES),
                        ctx.hazelcastInstance().getMap(DolphinMaps.EIGEN_SCANS))), 1, true, ScanBridgeJob::publish)
                .setName("publish-if-newer")
                .map(ScanBridgeJob::count)
                .setName("count-outcomes")
                .writeTo(Sinks.noop())
                .setName("done");
        return p;
    }

    /** Where a scan goes: its own entry in the scans' history, and the hot key. */
    record ScanMaps(IMap<String, String> features, IMap<String, String> history) {
    }

    /** Records the scan for its eigen_scans row (once), then offers it to the hot key (only if newer). */
    private static CompletableFuture<PublishAttempt> publish(ScanMaps maps, ScanJson scan) {
        return maps.history().submitToKey(String.valueOf(scan.scanNumber()), new RecordScan(scan.json()))
                .toCompletableFuture()
                .thenCompose(recorded -> maps.features().submitToKey(FeatureKeys.LATEST_EIGEN_SCAN,
                        new PublishIfNewer(scan.scanNumber(), scan.json())).toCompletableFuture()
                        .thenApply(previous -> new PublishAttempt(scan.scanNumber(), previous, recorded)));
    }

    private static PublishAttempt count(PublishAttempt p) {
        switch (p.publication()) {
            case PUBLISHED -> Metrics.metric(METRIC_PUBLISHED).increment();
            case ALREADY_PUBLISHED -> Metrics.metric(METRIC_REPLAYED).increment();
            case STALE -> {
                if (!p.recorded()) {
                    Metrics.metric(METRIC_ALREADY_RECORDED).increment();
                    LOG.fine("scan " + p.scanNumber() + " read again, already recorded (latest_eigen_scan is "
                            + p.previous() + ")");
                    return p;
                }
                Metrics.metric(METRIC_STALE).increment();
                LOG.warning("scan " + p.scanNumber() + " arrived after scan " + p.previous()
                        + " was published; latest_eigen_scan keeps " + p.previous()
                        + " (the late scan has its eigen_scans row all the same)");
            }
        }
        return p;
    }

    public static void main(String[] args) {
        JobSubmission.submitFromMain(DESCRIPTOR_ID, d -> pipeline(ScanBridgeSettings.from(d.settings())));
    }
}
