package io.dolphin.datalayer.common;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One row for one warm-store table, values in {@link WarmTable#columns()} order and of the Java types
 * {@link ColumnType} names.
 *
 * @param green true for {@code dolphin_green}, false for {@code dolphin}
 */
public record TableRow(WarmTable table, boolean green, Object[] values) implements Serializable {

    public String database() {
        return WarmTable.database(green);
    }

    public Object get(String column) {
        return values[table.indexOf(column)];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableRow r && r.table == table && r.green == green && Arrays.equals(r.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * table.hashCode() + Arrays.hashCode(values) + (green ? 1 : 0);
    }

    @Override
    public String toString() {
        return database() + "." + table.tableName() + Arrays.toString(values);
    }
}
