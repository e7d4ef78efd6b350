package io.dolphin.datalayer.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Rows stored twice, by each table's identity (the columns that name one event), in both databases. */
final class TableAudit {

    /** table -> the columns that identify one row's event. */
    static final String[][] IDENTITIES = {
        {"obf_universe", "symbol, ts"}, {"eigen_scans", "scan_number"}, {"exf_data", "ts"}, {"acb_state", "ts"},
        {"trade_events", "ts, asset, strategy"}, {"status_snapshots", "ts"}, {"meta_health", "ts"},
    };

    private TableAudit() {
    }

    static void run(Connection c, AuditReport report) throws SQLException {
        report.section("tables: rows per event identity");
        for (String db : new String[]{"dolphin", "dolphin_green"}) {
            for (String[] t : IDENTITIES) {
                String table = db + "." + t[0];
                long rows = scalar(c, "SELECT count(*) FROM " + table);
                if (rows == 0) {
                    continue;
                }
                long distinct = scalar(c, "SELECT count(*) FROM (SELECT DISTINCT " + t[1] + " FROM " + table + ") d");
                if (rows > distinct) {
                    report.twice(rows - distinct, table + ": " + rows + " rows, " + distinct + " distinct (" + t[1]
                            + ")");
                } else {
                    report.info(table + ": " + rows + " rows, each once");
                }
            }
        }
    }

    static long scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
