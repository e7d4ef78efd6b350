package io.dolphin.datalayer.cold;

import com.hazelcast.jet.pipeline.Pipeline;
import io.dolphin.datalayer.common.JobSubmission;

/**
 * dolphin-cold-export: every closed UTC day of every warm table to Parquet, and the backtest cache, once each.
 *
 * <pre>
 *  (1) cold-export-trigger ──▶ (2) cold-export
 *      a tick at start, after each       on one member: the one holding the DuckDB file, or exporter 0 for
 *      UTC midnight + grace, and         ClickHouse; per table and closed day a Parquet file, written then renamed,
 *      every check interval              recorded in manifest.json; days already there with the same rows skipped
 * </pre>
 *
 * No snapshot state: the manifest is the state and a run is idempotent, so a restart just runs again.
 * docs/cold-tier.md has the layout, the manifest and the failure cases.
 */
public final class ColdExportJob {

    public static final String DESCRIPTOR_ID = "cold-export";
    public static final String JOB_NAME = "dolphin-cold-export";

    private ColdExportJob() {
    }

    public static Pipeline pipeline(ColdExportSettings settings) {
        Pipeline p = Pipeline.create();
        p.readFrom(ExportTrigger.source(settings))
                .withoutTimestamps()
                .setName("1-cold-export-trigger")
                .writeTo(ColdExportSink.sink(settings));
        return p;
    }

    public static void main(String[] args) {
        JobSubmission.submitFromMain(DESCRIPTOR_ID, d -> pipeline(ColdExportSettings.from(d.settings())));
    }
}
