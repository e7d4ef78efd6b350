package io.dolphin.datalayer.cold;

import com.hazelcast.jet.core.metrics.Metric;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.pipeline.Sink;
import com.hazelcast.jet.pipeline.SinkBuilder;
import com.hazelcast.logging.ILogger;
import io.dolphin.datalayer.warm.store.Dialect;
import io.dolphin.datalayer.warm.store.OpenDuckDbFiles;

/**
 * Runs an export on each tick, on one member only. DuckDB: the member whose JVM holds the warm store's file (where
 * the warm sink writes; a second process cannot open it, and opening it here would lock the sink out on another
 * member). ClickHouse: the exporter with global index 0. Counted in {@value #WRITTEN}, {@value #SKIPPED},
 * {@value #ROWS}, {@value #ERRORS}; every file and every failure is a log line.
 */
final class ColdExportSink {

    static final String WRITTEN = "coldFilesWritten";
    static final String SKIPPED = "coldFilesSkipped";
    static final String ROWS = "coldRowsWritten";
    static final String ERRORS = "coldExportErrors";

    private ColdExportSink() {
    }

    static Sink<Long> sink(ColdExportSettings settings) {
        return SinkBuilder.sinkBuilder("cold-export", ctx -> new Exporter(settings, ctx.logger(),
                        ctx.globalProcessorIndex()))
                .<Long>receiveFn(Exporter::onTick)
                .preferredLocalParallelism(1)
                .build();
    }

    private static final class Exporter {
        private final ColdExportSettings settings;
        private final ILogger logger;
        private final int index;
        private boolean toldNotHere;
        private Metric written;
        private Metric skipped;
        private Metric rows;
        private Metric errors;

        Exporter(ColdExportSettings settings, ILogger logger, int index) {
            this.settings = settings;
            this.logger = logger;
            this.index = index;
        }

        void onTick(Long tick) {
            if (written == null) {
                written = Metrics.metric(WRITTEN);
                skipped = Metrics.metric(SKIPPED);
                rows = Metrics.metric(ROWS);
                errors = Metrics.metric(ERRORS);
            }
            if (!mine()) {
                return;
            }
            ExportReport report = ColdSources.export(settings.store(), settings.coldRootPath(), settings.scanRootPath(),
                    settings.targetAsset(), ExportRequest.closedDays(settings.closeGrace()), line -> logger.info(line));
            written.increment(report.filesWritten());
            skipped.increment(report.filesSkipped());
            rows.increment(report.rowsWritten());
            errors.increment(report.errors().size());
            if (report.ok()) {
                logger.info(report.summary());
            } else {
                logger.warning(report.summary() + ": " + String.join("; ", report.errors()));
            }
        }

        private boolean mine() {
            if (settings.store().dialect() == Dialect.CLICKHOUSE) {
                return index == 0;
            }
            if (OpenDuckDbFiles.isOpenHere(settings.store().url())) {
                toldNotHere = false;
                return true;
            }
            if (!toldNotHere) {
                toldNotHere = true;
                logger.info("the warm store file " + settings.store().url() + " is not open in this member: the member"
                        + " running dolphin-warm-sink's writer exports it");
            }
            return false;
        }
    }
}
