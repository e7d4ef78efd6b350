package io.dolphin.datalayer.warm.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link ClickHouseStore} sent, per target table: inserts, rows and the time each took to be answered. This
 * counts the store's own requests (intents and ledger included, probes apart), so a benchmark measures rows per
 * insert and inserts per second from what reached the server, not from the batch settings.
 */
public final class InsertCounts {

    /** @param nanos summed wall time of the inserts: binding the rows, the request, the answer */
    public record Table(long inserts, long rows, long nanos) {

        public double rowsPerInsert() {
            return inserts == 0 ? 0 : (double) rows / inserts;
        }

        public double millisPerInsert() {
            return inserts == 0 ? 0 : nanos / 1e6 / inserts;
        }

        Table plus(long rowCount, long took) {
            return new Table(inserts + 1, rows + rowCount, nanos + took);
        }
    }

    private final Map<String, Table> byTable = new TreeMap<>();

    synchronized void add(String table, long rows, long nanos) {
        byTable.merge(table, new Table(1, rows, nanos), (a, b) -> a.plus(rows, nanos));
    }

    /** A copy, by qualified table name ({@code dolphin.obf_universe}); probes count under {@code probe}. */
    public synchronized Map<String, Table> snapshot() {
        return new TreeMap<>(byTable);
    }

    public synchronized void reset() {
        byTable.clear();
    }
}
