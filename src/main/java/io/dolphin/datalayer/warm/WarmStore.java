package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.warm.store.StoreErrors;
import io.dolphin.datalayer.common.TableRow;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The warm store as the delivery logic sees it: small enough that {@link WarmStoreWriter}'s replay and overlap
 * handling is tested without a database ({@code WarmStoreWriterTest}, against an in-memory store that keeps the
 * ClickHouse intent protocol and token deduplication), and implemented per dialect ({@code DuckDbStore},
 * {@code ClickHouseStore} in {@code warm.store}).
 */
public interface WarmStore extends AutoCloseable {

    /** Connects and reads what the store already holds. */
    StoreState open() throws SQLException;

    /**
     * Writes the batch's rows, last values and journal ranges. DuckDB does it in one transaction; ClickHouse
     * announces the batch, inserts with a token derived from its ranges, then marks it done, so a retry or a
     * replay of the same ranges is dropped by the server.
     */
    void write(Batch batch) throws SQLException;

    /**
     * Marks a batch announced before a crash as finished without writing it: nothing of it is left to write (its
     * ranges were all committed, or its journal epoch died with the whole cluster). Only ClickHouse announces.
     */
    default void abandon(StoreState.Intent intent) throws SQLException {
    }

    /**
     * The value order, per map key, of the newest rows the tables hold from events at or after {@code sinceMicros},
     * for the maps whose sources read their input again after a whole-cluster restart (order books, scans). A batch
     * the dead cluster announced may have stored such rows without their last values; the writer skips re-reads of
     * them. DuckDB writes a batch in one transaction, so there is nothing to find.
     */
    default Map<Batch.MapKey, Long> ordersStoredSince(long sinceMicros) throws SQLException {
        return Map.of();
    }

    /** Tries the rows against the table without keeping them: how a rejected batch finds its bad rows. */
    void probe(Batch.Target target, List<TableRow> rows) throws SQLException;

    /** What kind of failure {@code e} is, in this store's terms. */
    StoreErrors.Kind classify(SQLException e);

    /** Drops the connection; never throws. */
    @Override
    void close();

    /** Closes a connection that may be broken: a failed one may refuse to close, and it is gone either way. */
    static void closeQuietly(java.sql.Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // nothing left to release
            }
        }
    }
}
