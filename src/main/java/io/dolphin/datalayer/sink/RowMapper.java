package io.dolphin.datalayer.sink;

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
     * @param green true for a green map ({@code dolphin_green})
     * @throws io.dolphin.datalayer.codec.MalformedJsonException or {@link IllegalArgumentException} when the value
     *                                                          cannot become a row
     */
    List<TableRow> rows(JournalEvent event, boolean green);
}
