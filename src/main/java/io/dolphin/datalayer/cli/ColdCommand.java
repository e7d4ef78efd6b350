package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.cold.ColdExportSettings;
import io.dolphin.datalayer.cold.ColdSources;
import io.dolphin.datalayer.cold.ExportReport;
import io.dolphin.datalayer.cold.ExportRequest;
import io.dolphin.datalayer.cold.VerifyReport;
import io.dolphin.datalayer.common.DolphinEnvironment;
import io.dolphin.datalayer.common.JobDescriptors;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bin/dolphin cold export|verify}: the cold tier on demand. Settings come from {@code jobs/cold-export.yaml}
 * and its {@code DOLPHIN_*} variables, as for the job.
 */
@Command(name = "cold", description = "The cold tier: daily Parquet files of the warm tables and the backtest cache.",
        subcommands = {ColdCommand.Export.class, ColdCommand.Verify.class}, mixinStandardHelpOptions = true)
final class ColdCommand implements Runnable {

    static final String LOCKED_HINT = " (a running member holds the DuckDB file: dolphin-cold-export exports there,"
            + " or stop the warm sink first)";

    @Override
    public void run() {
        System.out.println("usage: cold export [--day YYYY-MM-DD|today] [--table T] [--cold-root DIR]"
                + " | cold verify [--cold-root DIR]");
    }

    /** Options both subcommands take. */
    static class StoreOptions {
        @Option(names = "--url", description = "Warm store JDBC URL (default: DOLPHIN_WARM_JDBC_URL / cold-export.yaml).")
        String url;

        @Option(names = "--cold-root", description = "Cold root (default: DOLPHIN_COLD_ROOT, else "
                + ColdExportSettings.DEFAULT_COLD_ROOT + ").")
        Path coldRoot;

        ColdExportSettings settings() {
            ColdExportSettings s = ColdExportSettings.from(
                    JobDescriptors.load("cold-export", DolphinEnvironment.current()).settings());
            WarmStoreConfig store = url == null ? s.store()
                    : new WarmStoreConfig(url, s.store().user(), s.store().password(), false);
            return new ColdExportSettings(store, coldRoot != null ? coldRoot.toString() : s.coldRoot(), s.scanRoot(),
                    s.targetAsset(), s.closeGraceMs(), s.checkIntervalMs());
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = {"Export closed UTC days (or one day,"
            + " also the current one, marked partial) of the warm tables and the backtest cache to Parquet; days"
            + " already exported with the same row count are skipped. Exit 0 when every file is there, 1 otherwise."})
    static final class Export extends StoreOptions implements Callable<Integer> {

        @Option(names = "--day", description = "Only this UTC day, YYYY-MM-DD or 'today' (default: every closed day).")
        String day;

        @Option(names = "--table", description = "Only this table (obf_universe, dolphin_green.obf_universe, vbt_cache).")
        String table;

        @Option(names = "--scan-root", description = "Scanner folder for the backtest cache (default: DOLPHIN_SCAN_ROOT"
                + " / cold-export.yaml); skipped when missing.")
        Path scanRoot;

        @Override
        public Integer call() {
            ColdExportSettings s = settings();
            LocalDate only = day == null ? null
                    : day.equalsIgnoreCase("today") ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(day);
            Path scans = scanRoot != null ? scanRoot : Path.of(s.scanRoot());
            System.out.println("exporting " + s.store().url() + " to " + Path.of(s.coldRoot()).toAbsolutePath());
            ExportReport report = ColdSources.export(s.store(), Path.of(s.coldRoot()), scans, s.targetAsset(),
                    new ExportRequest(only, table, Duration.ofMillis(s.closeGraceMs())), System.out::println);
            System.out.println(report.summary());
            printErrors(report.errors());
            return report.ok() ? 0 : 1;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = {"Recompute every exported file's SHA-256"
            + " and row count and compare them with the manifest and with the warm store. Exit 0 when all agree."})
    static final class Verify extends StoreOptions implements Callable<Integer> {

        @Override
        public Integer call() {
            ColdExportSettings s = settings();
            System.out.println("verifying " + Path.of(s.coldRoot()).toAbsolutePath() + " against " + s.store().url());
            VerifyReport report = ColdSources.verify(s.store(), Path.of(s.coldRoot()), line -> { });
            printErrors(report.problems());
            System.out.println(report.summary());
            return report.ok() ? 0 : 1;
        }
    }

    static void printErrors(List<String> lines) {
        for (String line : lines) {
            System.out.println("  " + line + (line.contains("lock") ? LOCKED_HINT : ""));
        }
    }
}
