package io.dolphin.datalayer.audit;

import io.dolphin.datalayer.scanbridge.ArrowScanDecoder;
import io.dolphin.datalayer.scanbridge.ScanFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The scan folder against {@code eigen_scans}: every complete scan file under {@code <root>/<YYYY-MM-DD>/} must have its
 * row, in time or late. Files that are not complete scans were dead-lettered by the scan bridge and are only counted.
 */
final class ScanAudit {

    private ScanAudit() {
    }

    static void run(Path root, String targetAsset, Connection c, AuditReport report) throws SQLException, IOException {
        report.section("scan files under " + root + " vs dolphin.eigen_scans");
        if (!Files.isDirectory(root)) {
            report.info("no scan root at " + root + ": nothing to reconcile");
            return;
        }
        Map<Long, String> files = new TreeMap<>();
        List<String> notScans = new ArrayList<>();
        try (Stream<Path> days = Files.list(root); ArrowScanDecoder decoder = new ArrowScanDecoder(targetAsset)) {
            for (Path day : days.filter(d -> Files.isDirectory(d) && d.getFileName().toString()
                    .matches("\\d{4}-\\d{2}-\\d{2}")).sorted().toList()) {
                try (Stream<Path> inDay = Files.list(day)) {
                    for (Path f : inDay.filter(p -> p.getFileName().toString().endsWith(".arrow")).sorted().toList()) {
                        try {
                            long n = decoder.decode(Files.readAllBytes(f), f.getFileName().toString(), null)
                                    .scanNumber();
                            files.put(n, day.getFileName() + "/" + f.getFileName());
                        } catch (ScanFileException e) {
                            notScans.add(day.getFileName() + "/" + f.getFileName());
                        }
                    }
                }
            }
        }
        Map<Long, Long> rows = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT scan_number, count(*) FROM dolphin.eigen_scans GROUP BY scan_number")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getLong(2));
            }
        }
        List<Long> missing = files.keySet().stream().filter(n -> !rows.containsKey(n)).toList();
        report.info(files.size() + " complete scan files, " + notScans.size() + " files that are not complete scans"
                + " (dead-lettered by the scan bridge), " + rows.size() + " scan numbers in eigen_scans");
        if (!missing.isEmpty()) {
            report.missing(missing.size(), missing.size() + " scans have a file but no eigen_scans row, e.g. "
                    + missing.stream().limit(5).map(n -> n + " (" + files.get(n) + ")").toList());
        }
    }
}
