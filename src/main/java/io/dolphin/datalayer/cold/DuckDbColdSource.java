package io.dolphin.datalayer.cold;

import io.dolphin.datalayer.common.WarmTable;
import io.dolphin.datalayer.warm.WarmStore;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DuckDB warm store, read by the process that holds its file (a second process cannot open it): a connection to
 * the same file inside that process shares the open database, so the export reads committed rows while the warm sink
 * goes on writing. Each day is one {@code COPY (SELECT …) TO … (FORMAT parquet, COMPRESSION zstd)}: DuckDB writes
 * the file itself, in the table's column types, with no row passing through Java.
 *
 * <p>The warm tables' {@code TIMESTAMP} columns hold UTC without a zone, so the day's bounds are plain timestamp
 * literals: neither the JVM's nor the session's time zone enters any comparison.
 */
final class DuckDbColdSource implements ColdSource {

    private final WarmStoreConfig config;
    private Connection connection;

    DuckDbColdSource(WarmStoreConfig config) {
        this.config = config;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = config.connect();
        }
        return connection;
    }

    @Override
    public List<ColdTable> tables() throws SQLException {
        return ColdTables.from(connection(), "SELECT t.table_schema, t.table_name, c.column_name"
                + " FROM information_schema.tables t JOIN information_schema.columns c"
                + " ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name IN ('ts', 'date')"
                + " WHERE t.table_type = 'BASE TABLE' AND t.table_schema IN ('" + WarmTable.BLUE + "', '"
                + WarmTable.GREEN + "')");
    }

    @Override
    public Map<LocalDate, Long> rowsPerDay(ColdTable table, LocalDate onlyDay) throws SQLException {
        Map<LocalDate, Long> days = new LinkedHashMap<>();
        // one day: a plain count within its bounds (no per-row cast), which DuckDB's zone maps can narrow
        String sql = onlyDay != null
                ? "SELECT '" + onlyDay + "', count(*) FROM " + table.qualified() + " WHERE " + dayBounds(table, onlyDay)
                : "SELECT CAST(CAST(" + table.dayColumn() + " AS DATE) AS VARCHAR) AS d, count(*) FROM "
                        + table.qualified() + " GROUP BY d ORDER BY d";
        try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                if (rs.getLong(2) > 0) {
                    days.put(LocalDate.parse(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        return days;
    }

    @Override
    public void writeDay(ColdTable table, LocalDate day, Path target) throws SQLException {
        try (Statement st = connection().createStatement()) {
            st.execute("COPY (" + selectDay(table, day) + ") TO '" + quoted(target) + "' (FORMAT parquet, COMPRESSION zstd)");
        }
    }

    /** The rows of one day, in the table's own order (insertion order, which DuckDB preserves). */
    static String selectDay(ColdTable table, LocalDate day) {
        return "SELECT * FROM " + table.qualified() + " WHERE " + dayBounds(table, day);
    }

    private static String dayBounds(ColdTable table, LocalDate day) {
        return table.hasTs()
                ? "ts >= TIMESTAMP '" + day + " 00:00:00' AND ts < TIMESTAMP '" + day.plusDays(1) + " 00:00:00'"
                : table.dayColumn() + " = DATE '" + day + "'";
    }

    static String quoted(Path file) {
        return file.toAbsolutePath().toString().replace("'", "''");
    }

    @Override
    public String describe() {
        return config.url();
    }

    @Override
    public void close() {
        WarmStore.closeQuietly(connection);
        connection = null;
    }
}
