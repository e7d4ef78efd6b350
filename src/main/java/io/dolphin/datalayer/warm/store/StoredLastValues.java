package io.dolphin.datalayer.warm.store;

import io.dolphin.datalayer.common.WarmTable;
import io.dolphin.datalayer.warm.Batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** What {@code hz_last_values} of both databases holds, read the same way by both stores when they open. */
final class StoredLastValues {

    private StoredLastValues() {
    }

    /**
     * Fills the raw value and, where one was stored, the value order of every key.
     *
     * @param live how the dialect selects the live rows ({@code ""} for DuckDB, which replaces rows in place)
     */
    static void read(Statement st, String live, Map<Batch.MapKey, String> values, Map<Batch.MapKey, Long> orders)
            throws SQLException {
        for (String db : List.of(WarmTable.BLUE, WarmTable.GREEN)) {
            try (ResultSet rs = st.executeQuery("SELECT map, key, value, value_order FROM " + db + ".hz_last_values"
                    + live)) {
                while (rs.next()) {
                    Batch.MapKey k = new Batch.MapKey(rs.getString(1), rs.getString(2));
                    values.put(k, rs.getString(3));
                    long order = rs.getLong(4);
                    if (!rs.wasNull()) {
                        orders.put(k, order);
                    }
                }
            }
        }
    }
}
