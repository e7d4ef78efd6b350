package io.dolphin.datalayer.cold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code cold verify}: every file the manifest names is there with its recorded size and SHA-256, holds its recorded
 * rows (read back from the file), and the warm store still holds that many rows for the day (for a day exported while
 * still open, at least that many). Reads only; the lock is not needed.
 */
final class ColdVerify {

    private final ColdSource source;
    private final Path root;
    private final Consumer<String> log;

    ColdVerify(ColdSource source, Path root, Consumer<String> log) {
        this.source = source;
        this.root = root.toAbsolutePath().normalize();
        this.log = log;
    }

    VerifyReport run() {
        VerifyReport report = new VerifyReport();
        ColdManifest manifest;
        try {
            manifest = ColdManifest.load(root);
        } catch (IOException | RuntimeException e) {
            report.problem("cannot read " + root.resolve(ColdManifest.FILE) + ": " + ColdExport.oneLine(e));
            return report;
        }
        Map<String, ColdTable> tables = new HashMap<>();
        Map<String, Map<LocalDate, Long>> counts = new HashMap<>();
        try {
            for (ColdTable t : source.tables()) {
                tables.put(t.qualified(), t);
            }
        } catch (SQLException e) {
            report.problem("cannot list the warm tables of " + source.describe() + ": " + ColdExport.oneLine(e));
        }
        for (Map.Entry<String, ColdManifest.Entry> e : manifest.entries().entrySet()) {
            report.checked();
            String problem = check(e.getKey(), e.getValue(), tables, counts);
            if (problem != null) {
                report.problem(e.getKey() + ": " + problem);
                log.accept("cold verify: " + e.getKey() + ": " + problem);
            }
        }
        return report;
    }

    private String check(String rel, ColdManifest.Entry m, Map<String, ColdTable> tables,
                         Map<String, Map<LocalDate, Long>> counts) {
        Path file = root.resolve(rel);
        if (!Files.isRegularFile(file)) {
            return "missing";
        }
        ColdTable table = tables.get(m.database() + "." + m.table());
        ParquetFacts facts;
        try {
            facts = ParquetFacts.of(file, table != null && table.hasTs());
        } catch (SQLException | IOException e) {
            return "unreadable as Parquet: " + ColdExport.oneLine(e);
        }
        if (facts.bytes() != m.bytes()) {
            return facts.bytes() + " bytes, the manifest says " + m.bytes();
        }
        if (!facts.sha256().equals(m.sha256())) {
            return "SHA-256 " + facts.sha256() + ", the manifest says " + m.sha256();
        }
        if (facts.rows() != m.rows()) {
            return facts.rows() + " rows in the file, the manifest says " + m.rows();
        }
        if (m.table().equals(VbtCache.NAME)) {
            return null;
        }
        if (table == null) {
            return "the warm store has no table " + m.database() + "." + m.table();
        }
        Map<LocalDate, Long> perDay = counts.computeIfAbsent(table.qualified(), k -> {
            try {
                return source.rowsPerDay(table, null);
            } catch (SQLException e) {
                return null;
            }
        });
        if (perDay == null) {
            return "cannot count the warm rows of " + table.qualified();
        }
        long warm = perDay.getOrDefault(LocalDate.parse(m.day()), 0L);
        if (m.partial() ? warm < m.rows() : warm != m.rows()) {
            return "the warm store holds " + warm + " rows of " + m.day() + ", the file " + m.rows()
                    + (m.partial() ? " (exported while the day was open)" : "");
        }
        return null;
    }

}
