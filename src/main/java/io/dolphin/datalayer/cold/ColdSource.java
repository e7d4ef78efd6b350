package io.dolphin.datalayer.cold;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The warm store as the cold export reads it: which tables there are, how many rows each holds per UTC day, and one
 * day of one table written as a Parquet file (zstd, the table's column names and types) by the store itself. One
 * implementation per store: DuckDB's {@code COPY … TO … (FORMAT parquet)} in the process that holds the file,
 * ClickHouse's {@code SELECT … FORMAT Parquet} over its HTTP interface.
 */
interface ColdSource extends AutoCloseable {

    /** Every exportable table of both databases (bookkeeping tables left out), in a stable order. */
    List<ColdTable> tables() throws SQLException;

    /** Rows per UTC day, for every day the table has rows, or only for {@code onlyDay} when it is not null. */
    Map<LocalDate, Long> rowsPerDay(ColdTable table, LocalDate onlyDay) throws SQLException;

    /** The rows of one day into {@code target} (which must not exist yet). */
    void writeDay(ColdTable table, LocalDate day, Path target) throws SQLException, IOException;

    /** Where the rows come from, for messages (never a password). */
    String describe();

    @Override
    void close();
}
