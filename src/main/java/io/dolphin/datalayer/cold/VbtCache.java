package io.dolphin.datalayer.cold;

import io.dolphin.datalayer.scanbridge.ArrowScanDecoder;
import io.dolphin.datalayer.scanbridge.EigenScan;
import io.dolphin.datalayer.scanbridge.ScanFileException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The backtest cache ({@code vbt_cache}): {@code <cold-root>/vbt_cache/<YYYY-MM-DD>.parquet}, one row per scan of
 * that day, ordered by {@code scan_number}: {@code timestamp} (UTC, µs), {@code scan_number}, {@code vel_div},
 * {@code v50_vel}, {@code v150_vel} (only when a scan of the day carries a 150-window velocity), {@code v750_vel},
 * then one price column per asset, named by its symbol ({@code BTCUSDT}, …; null where a scan lacks the asset).
 *
 * <p>Built from the scan files ({@code <scan-root>/<day>/*.arrow}, read with scan-bridge's own decoder), not from
 * the warm store: {@code eigen_scans} keeps the velocities but no asset prices, which only the files hold. The rows
 * go through an in-memory DuckDB of its own, which writes the Parquet file (zstd).
 */
final class VbtCache {

    static final String NAME = "vbt_cache";
    private static final List<String> V150_NAMES = List.of("v150_vel", "w150_velocity");

    private final Path scanRoot;
    private final Clock clock;
    private final ExportRequest request;
    private final Consumer<String> log;
    private final String targetAsset;

    VbtCache(Path scanRoot, Clock clock, ExportRequest request, Consumer<String> log, String targetAsset) {
        this.scanRoot = scanRoot;
        this.clock = clock;
        this.request = request;
        this.log = log;
        this.targetAsset = targetAsset;
    }

    /** One decoded scan: the columns of its row. */
    record Scan(long scanNumber, long tsMicros, Double velDiv, Double v50, Double v150, Double v750,
                Map<String, Double> prices) {
    }

    void export(ColdRoot root, ColdManifest manifest, ExportReport report, ColdExport.Progress progress) {
        if (!Files.isDirectory(scanRoot)) {
            return;
        }
        for (LocalDate day : days()) {
            boolean closed = !clock.instant().isBefore(day.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant().plus(request.closeGrace()));
            if (request.day() != null ? !request.day().equals(day) : !closed) {
                continue;
            }
            String rel = NAME + "/" + day + ".parquet";
            ColdManifest.Entry known = manifest.get(rel);
            if (known != null && !known.partial() && ColdExport.sizeIs(root.resolve(rel), known.bytes())) {
                report.skipped(); // a closed day's scan files do not change
                continue;
            }
            Path tmp = null;
            long t0 = System.nanoTime();
            try {
                List<Scan> scans = read(scanRoot.resolve(day.toString()));
                if (scans.isEmpty()) {
                    continue;
                }
                Path target = root.resolve(rel);
                tmp = root.tempFor(target);
                write(scans, tmp);
                ParquetFacts facts = ParquetFacts.of(tmp, false);
                ColdRoot.publish(tmp, target);
                tmp = null;
                manifest.put(rel, new ColdManifest.Entry(NAME, NAME, day.toString(), facts.rows(),
                        ColdManifest.instant(scans.get(0).tsMicros()), ColdManifest.instant(scans.get(scans.size() - 1).tsMicros()),
                        facts.bytes(), facts.sha256(), !closed, clock.instant().toString()));
                report.wrote(rel, facts.rows(), facts.bytes());
                log.accept(progress.wrote(rel, facts.rows(), facts.bytes(), t0, !closed));
            } catch (SQLException | IOException | RuntimeException e) {
                String line = rel + ": not exported: " + ColdExport.oneLine(e);
                report.failed(line);
                log.accept("cold: " + line);
            } finally {
                ColdExport.deleteQuietly(tmp);
            }
        }
    }

    private List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(scanRoot)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                try {
                    days.add(LocalDate.parse(d.getFileName().toString()));
                } catch (DateTimeParseException ignored) {
                    // not a day folder
                }
            }
        } catch (IOException e) {
            log.accept("cold: cannot list the scan root " + scanRoot + ": " + e.getMessage());
        }
        return days;
    }

    /** Every readable scan of a day folder, by scan number; unreadable files are counted in the log, not fatal. */
    List<Scan> read(Path dayDir) throws IOException {
        List<Scan> scans = new ArrayList<>();
        int unreadable = 0;
        try (ArrowScanDecoder decoder = new ArrowScanDecoder(targetAsset);
             Stream<Path> files = Files.list(dayDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".arrow")).sorted().toList()) {
                try {
                    scans.add(scan(decoder.decode(Files.readAllBytes(f), f.getFileName().toString(), null)));
                } catch (ScanFileException e) {
                    unreadable++;
                }
            }
        }
        if (unreadable > 0) {
            log.accept("cold: " + dayDir + ": " + unreadable + " scan file(s) unreadable, left out of " + NAME);
        }
        scans.sort(java.util.Comparator.comparingLong(Scan::scanNumber));
        return scans;
    }

    private static Scan scan(EigenScan s) {
        Map<String, Double> prices = new java.util.LinkedHashMap<>();
        if (s.result().assets() != null) {
            for (Map<String, Object> a : s.result().assets()) {
                if (a.get("asset") instanceof String sym && a.get("price") instanceof Number p) {
                    prices.put(sym, p.doubleValue());
                }
            }
        }
        Double v150 = null;
        for (String n : V150_NAMES) {
            if (s.result().extra().get(n) instanceof Number v) {
                v150 = v.doubleValue();
            }
        }
        return new Scan(s.scanNumber(), Math.round(s.timestamp() * 1e6), s.result().velDiv(), s.result().w50Velocity(),
                v150, s.result().w750Velocity(), prices);
    }

    static void write(List<Scan> scans, Path target) throws SQLException {
        boolean v150 = scans.stream().anyMatch(s -> s.v150() != null);
        TreeSet<String> assets = new TreeSet<>();
        scans.forEach(s -> assets.addAll(s.prices().keySet()));
        StringBuilder ddl = new StringBuilder("CREATE TABLE vbt (\"timestamp\" TIMESTAMP, scan_number BIGINT, vel_div DOUBLE,"
                + " v50_vel DOUBLE" + (v150 ? ", v150_vel DOUBLE" : "") + ", v750_vel DOUBLE");
        for (String a : assets) {
            ddl.append(", \"").append(a.replace("\"", "\"\"")).append("\" DOUBLE");
        }
        ddl.append(')');
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute(ddl.toString());
            try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("main", "vbt")) {
                for (Scan s : scans) {
                    a.beginRow().appendEpochMicros(s.tsMicros()).append(s.scanNumber());
                    nullable(a, s.velDiv());
                    nullable(a, s.v50());
                    if (v150) {
                        nullable(a, s.v150());
                    }
                    nullable(a, s.v750());
                    for (String asset : assets) {
                        nullable(a, s.prices().get(asset));
                    }
                    a.endRow();
                }
            }
            st.execute("COPY (SELECT * FROM vbt ORDER BY scan_number) TO '" + DuckDbColdSource.quoted(target)
                    + "' (FORMAT parquet, COMPRESSION zstd)");
        }
    }

    private static void nullable(DuckDBAppender a, Double v) throws SQLException {
        if (v == null) {
            a.appendNull();
        } else {
            a.append(v.doubleValue());
        }
    }
}
