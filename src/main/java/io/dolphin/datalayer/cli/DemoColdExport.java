package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.cold.ColdSources;
import io.dolphin.datalayer.cold.ExportReport;
import io.dolphin.datalayer.cold.ExportRequest;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The demo's last step before its member leaves: today's rows (a day still open, so marked partial) into the cold
 * tier, from inside the process that holds the DuckDB file, and one summary line saying what was exported.
 * {@code dolphin-cold-export} itself exports closed days only, which a demo of minutes rarely has.
 */
final class DemoColdExport {

    private DemoColdExport() {
    }

    static String exportToday(WarmStoreConfig warm, Path coldRoot, Path scanRoot) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ExportReport r = ColdSources.export(warm, coldRoot, scanRoot, "BTCUSDT",
                new ExportRequest(today, null, Duration.ZERO), line -> { });
        return String.format("cold tier: %d files of %s (partial day) written to %s, %,d rows, %.1f MB; %d already"
                        + " there; %d errors%s; manifest %s", r.filesWritten(), today, coldRoot, r.rowsWritten(),
                r.bytesWritten() / 1e6, r.filesSkipped(), r.errors().size(),
                r.errors().isEmpty() ? "" : " (" + r.errors().get(0) + ")", coldRoot.resolve("manifest.json"));
    }
}
