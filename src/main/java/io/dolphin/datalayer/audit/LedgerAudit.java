package io.dolphin.datalayer.audit;

import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.WarmTable;
import io.dolphin.datalayer.warm.store.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The warm store's own account, from the {@code _ingest_runs} ledger: per journal epoch, map and partition, the runs
 * of sequences whose events the store holds. A hole between two runs is a stretch of journal events that never
 * reached the store; overlapping runs come from a replayed ClickHouse batch (the tables' tokens make those inserts
 * no-ops, so overlap alone is not a row stored twice: {@link TableAudit} counts those).
 */
final class LedgerAudit {

    private LedgerAudit() {
    }

    record Run(long lo, long hi) {
    }

    static void run(Connection c, Dialect dialect, AuditReport report) throws SQLException {
        Map<String, List<Run>> byPartition = new TreeMap<>();
        String sql = "SELECT epoch, map, " + (dialect == Dialect.DUCKDB ? "\"partition\"" : "partition")
                + ", lo, max(hi) FROM dolphin._ingest_runs GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String key = rs.getLong(1) + "/" + rs.getString(2) + "/" + rs.getInt(3);
                byPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(new Run(rs.getLong(4), rs.getLong(5)));
            }
        }
        report.section("ledger (_ingest_runs): " + byPartition.size() + " journal partitions");
        Map<String, long[]> perMap = new TreeMap<>();
        for (Map.Entry<String, List<Run>> e : byPartition.entrySet()) {
            String[] k = e.getKey().split("/", 3);
            String where = WarmTable.database(DolphinMaps.isGreen(k[1])) + " " + k[1] + " partition " + k[2]
                    + " (epoch " + k[0] + ")";
            List<Run> runs = e.getValue();
            long covered = 0;
            long end = Long.MIN_VALUE;
            for (Run r : runs) {
                if (end != Long.MIN_VALUE && r.lo() > end + 1) {
                    report.missing(r.lo() - end - 1, where + ": journal sequences " + (end + 1) + ".." + (r.lo() - 1)
                            + " (" + (r.lo() - end - 1) + " events) never reached the warm store");
                } else if (end != Long.MIN_VALUE && r.lo() <= end) {
                    report.info(where + ": runs overlap at " + r.lo() + ".." + Math.min(end, r.hi())
                            + " (a replayed batch)");
                }
                covered += r.hi() - Math.max(r.lo(), end + 1) + 1;
                end = Math.max(end, r.hi());
            }
            long[] m = perMap.computeIfAbsent(k[1], x -> new long[2]);
            m[0]++;
            m[1] += Math.max(0, covered);
            if (runs.get(0).lo() > 0) {
                report.info(where + ": the store's account starts at sequence " + runs.get(0).lo()
                        + " (events before it predate the sink's first read)");
            }
        }
        perMap.forEach((map, m) -> report.info(map + ": " + m[0] + " partitions, " + m[1] + " journal events"
                + " accounted for"));
    }
}
