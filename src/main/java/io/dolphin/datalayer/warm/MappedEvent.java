package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.TableRow;
import java.io.Serializable;
import java.util.List;

/**
 * A journal event with the rows it becomes. Every event reaches the sink, even one whose value was rejected:
 * the sink must still account for its journal sequence and remember the raw value the map now holds.
 *
 * @param rows      the rows for the warm tables; empty for removals, rejected values and keys with no table
 * @param rejection  why the value could not become rows (it was dead-lettered), or null
 * @param valueOrder the order the value itself carries ({@link RowMapper#orderedRows}), or null when it has none
 */
public record MappedEvent(JournalEvent event, List<TableRow> rows, String rejection, Long valueOrder)
        implements Serializable {

    public MappedEvent {
        rows = List.copyOf(rows);
    }

    public MappedEvent(JournalEvent event, List<TableRow> rows, String rejection) {
        this(event, rows, rejection, null);
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
