package io.dolphin.datalayer.cold;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns "(database, table, ts-or-date column)" rows of a store's catalog into the tables the cold tier exports. */
final class ColdTables {

    private ColdTables() {
    }

    static List<ColdTable> from(Connection connection, String catalogQuery) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(catalogQuery)) {
            while (rs.next()) {
                rows.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return from(rows);
    }

    /** {@code ts} wins over {@code date}; bookkeeping tables are left out; ordered by database, then table. */
    static List<ColdTable> from(List<String[]> databaseTableColumn) {
        Map<String, ColdTable> byName = new TreeMap<>();
        for (String[] r : databaseTableColumn) {
            if (ColdTable.isBookkeeping(r[1])) {
                continue;
            }
            String key = r[0] + "." + r[1];
            ColdTable known = byName.get(key);
            if (known == null || r[2].equals("ts")) {
                byName.put(key, new ColdTable(r[0], r[1], r[2]));
            }
        }
        return List.copyOf(byName.values());
    }
}
