package io.dolphin.datalayer.common;

import java.io.Serializable;
import java.util.List;

/**
 * Turns one journal event's JSON value into the rows of its warm table(s). Pure and deterministic: the same event
 * always gives the same rows. Missing optional fields take the column's default; a missing required field, a
 * mistyped one or a value the column cannot hold throws, with a reason an operator reads in the dead letter.
 */
@FunctionalInterface
public interface RowMapper extends Serializable {

    /**
     * The rows and the value's own order: its event time in µs (or, for scans, its scan number) when the value
     * carries one, null when the rows fall back to the journal read time. The warm sink skips a value whose order is
     * not above the last one it stored for the key: a writer replaying values it had written before a restart.
     *
     * @param green true for a green map ({@code dolphin_green})
     * @throws io.dolphin.datalayer.common.MalformedJsonException or {@link IllegalArgumentException} when the value
     *                                                          cannot become a row
     */
    Ordered orderedRows(JournalEvent event, boolean green);

    /** The rows alone. */
    default List<TableRow> rows(JournalEvent event, boolean green) {
        return orderedRows(event, green).rows();
    }

    /** @param valueOrder the value-derived order, or null when the value carries none */
    record Ordered(List<TableRow> rows, Long valueOrder) {
    }
}
