package io.dolphin.datalayer.cold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One export run: for each table and each UTC day it covers, the day's rows into
 * {@code <cold-root>/<database>/<table>/<YYYY-MM-DD>.parquet} unless the manifest already has that file with the
 * same row count; then the backtest cache ({@link VbtCache}) from the scan files. Every file goes through
 * {@link ColdRoot}'s write-then-rename, its facts (rows, {@code ts} range, bytes, SHA-256) are read back from the file
 * itself, and the manifest records them. A failure costs that one file (its temporary file is deleted) and one line
 * in the report; the run goes on with the next.
 */
public final class ColdExport {

    private final ColdSource source;
    private final Path rootDir;
    private final Path scanRoot;
    private final String targetAsset;
    private final Clock clock;
    private final Consumer<String> log;

    /**
     * @param scanRoot the scanner's folder ({@code <scan-root>/<day>/*.arrow}) for the backtest cache, or null for none
     * @param log      progress and failures, one line each
     */
    ColdExport(ColdSource source, Path rootDir, Path scanRoot, Clock clock, Consumer<String> log) {
        this(source, rootDir, scanRoot, "BTCUSDT", clock, log);
    }

    /** @param targetAsset what scan-bridge reads the scan files with ({@code target-asset}); every price is kept */
    ColdExport(ColdSource source, Path rootDir, Path scanRoot, String targetAsset, Clock clock, Consumer<String> log) {
        this.source = source;
        this.rootDir = rootDir;
        this.scanRoot = scanRoot;
        this.targetAsset = targetAsset;
        this.clock = clock;
        this.log = log;
    }

    public ExportReport run(ExportRequest request) {
        ExportReport report = new ExportReport();
        long started = System.nanoTime();
        try (ColdRoot root = ColdRoot.open(rootDir)) {
            int leftovers = root.removeLeftovers().size();
            if (leftovers > 0) {
                log.accept("cold: removed " + leftovers + " partial file(s) an interrupted export left under " + root.dir());
                report.leftoversRemoved(leftovers);
            }
            ColdManifest manifest = loadManifest(root);
            List<Work> work = plan(request, report);
            Progress progress = new Progress(work.size(), started);
            for (Work w : work) {
                exportOne(root, manifest, w, report, progress);
            }
            if (scanRoot != null && request.wantsVbtCache()) {
                new VbtCache(scanRoot, clock, request, log, targetAsset).export(root, manifest, report, progress);
            }
        } catch (ColdExportException e) {
            report.failed(e.getMessage());
            log.accept("cold: " + e.getMessage());
        }
        report.took((System.nanoTime() - started) / 1e9);
        return report;
    }

    private static ColdManifest loadManifest(ColdRoot root) {
        try {
            return ColdManifest.load(root.dir());
        } catch (IOException | RuntimeException e) {
            throw new ColdExportException("cannot read " + root.resolve(ColdManifest.FILE) + ": " + e.getMessage());
        }
    }

    /** One table's day to look at. */
    private record Work(ColdTable table, LocalDate day, long rows, boolean partial) {
    }

    private List<Work> plan(ExportRequest request, ExportReport report) {
        List<ColdTable> tables;
        try {
            tables = source.tables();
        } catch (SQLException e) {
            throw new ColdExportException("cannot list the warm tables of " + source.describe() + ": " + oneLine(e));
        }
        List<ColdTable> wanted = tables.stream().filter(request::wants).toList();
        if (request.table() != null && !request.table().equals(VbtCache.NAME) && wanted.isEmpty()) {
            String line = "table " + request.table() + " not found in dolphin or dolphin_green of " + source.describe();
            report.failed(line);
            log.accept("cold: " + line);
        }
        List<Work> work = new ArrayList<>();
        for (ColdTable t : wanted) {
            Map<LocalDate, Long> days;
            try {
                days = source.rowsPerDay(t, request.day());
            } catch (SQLException e) {
                String line = t.qualified() + ": cannot count its rows per day: " + oneLine(e);
                report.failed(line);
                log.accept("cold: " + line);
                continue;
            }
            days.forEach((day, rows) -> {
                boolean closed = isClosed(day, request);
                if (request.day() != null ? request.day().equals(day) : closed) {
                    work.add(new Work(t, day, rows, !closed));
                }
            });
        }
        return work;
    }

    boolean isClosed(LocalDate day, ExportRequest request) {
        Instant closesAt = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(request.closeGrace());
        return !clock.instant().isBefore(closesAt);
    }

    private void exportOne(ColdRoot root, ColdManifest manifest, Work w, ExportReport report, Progress progress) {
        String rel = w.table().file(w.day());
        Path target = root.resolve(rel);
        ColdManifest.Entry known = manifest.get(rel);
        if (known != null && known.rows() == w.rows() && sizeIs(target, known.bytes())) {
            if (known.partial() && !w.partial()) {
                put(manifest, rel, known.closed(), report);
            }
            report.skipped();
            progress.skipped();
            return;
        }
        Path tmp = null;
        long t0 = System.nanoTime();
        try {
            tmp = root.tempFor(target);
            try (FileWatch watch = new FileWatch(tmp, rel, log, FileWatch.PERIOD_MS)) {
                source.writeDay(w.table(), w.day(), tmp);
            }
            ParquetFacts facts = ParquetFacts.of(tmp, w.table().hasTs());
            ColdRoot.publish(tmp, target);
            tmp = null;
            if (facts.rows() != w.rows()) {
                log.accept("cold: " + rel + ": the store counted " + w.rows() + " rows, the file holds " + facts.rows()
                        + " (rows arrived meanwhile); the manifest records the file");
            }
            manifest.put(rel, new ColdManifest.Entry(w.table().database(), w.table().name(), w.day().toString(),
                    facts.rows(), ColdManifest.instant(facts.minTsMicros()), ColdManifest.instant(facts.maxTsMicros()),
                    facts.bytes(), facts.sha256(), w.partial(), clock.instant().toString()));
            report.wrote(rel, facts.rows(), facts.bytes());
            log.accept(progress.wrote(rel, facts.rows(), facts.bytes(), t0, w.partial()));
        } catch (SQLException | IOException | RuntimeException e) {
            String line = rel + ": not exported: " + oneLine(e);
            report.failed(line);
            log.accept("cold: " + line);
            progress.failed();
        } finally {
            deleteQuietly(tmp);
        }
    }

    static void put(ColdManifest manifest, String rel, ColdManifest.Entry entry, ExportReport report) {
        try {
            manifest.put(rel, entry);
        } catch (IOException e) {
            report.failed(rel + ": manifest not updated: " + oneLine(e));
        }
    }

    static boolean sizeIs(Path file, long bytes) {
        try {
            return Files.size(file) == bytes;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the next run removes it
            }
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    /**
     * Progress inside one long file: a day of a big table is one {@code COPY} or one HTTP response, so while it is
     * written the temporary file's size is logged every {@value #PERIOD_MS} ms.
     */
    static final class FileWatch implements AutoCloseable {
        static final long PERIOD_MS = 10_000;
        private final java.util.concurrent.ScheduledExecutorService timer;

        FileWatch(Path file, String rel, Consumer<String> log, long periodMs) {
            long t0 = System.nanoTime();
            timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cold-export-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(() -> {
                long bytes;
                try {
                    bytes = Files.size(file);
                } catch (IOException e) {
                    bytes = 0;
                }
                log.accept(String.format("cold: writing %s: %.1f MB so far, %.0f s", rel, bytes / 1e6,
                        (System.nanoTime() - t0) / 1e9));
            }, periodMs, periodMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    /** Files and rows done and the rate so far, for the log and the CLI. */
    static final class Progress {
        private final int total;
        private final long started;
        private int done;
        private long rows;

        Progress(int total, long started) {
            this.total = total;
            this.started = started;
        }

        void skipped() {
            done++;
        }

        void failed() {
            done++;
        }

        String wrote(String rel, long fileRows, long bytes, long t0, boolean partial) {
            done++;
            rows += fileRows;
            double s = (System.nanoTime() - t0) / 1e9;
            double all = (System.nanoTime() - started) / 1e9;
            return String.format("cold: wrote %s%s: %,d rows, %.1f MB in %.2f s; %d of %d files, %,d rows so far (%,.0f rows/s)",
                    rel, partial ? " (partial day)" : "", fileRows, bytes / 1e6, s, done, total, rows, rows / Math.max(all, 1e-9));
        }
    }
}
