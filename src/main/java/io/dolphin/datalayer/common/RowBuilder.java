package io.dolphin.datalayer.common;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Builds one {@link TableRow}: columns set by name, the rest take their type's default, every value checked
 * against its column type so a value the store cannot hold is rejected here, with a reason, not by the store.
 */
public final class RowBuilder {

    private static final double MICROS_LIMIT_SECONDS = 1e11;
    private static final double MICROS_LIMIT_MILLIS = 1e14;
    private static final double MICROS_LIMIT_MICROS = 1e17;

    private final WarmTable table;
    private final boolean green;
    private final Object[] values;

    public RowBuilder(WarmTable table, boolean green) {
        this.table = table;
        this.green = green;
        this.values = new Object[table.columns().size()];
    }

    /** Sets a column; a null value leaves the column's default. */
    public RowBuilder set(String column, Object value) {
        if (value == null) {
            return this;
        }
        int i = table.indexOf(column);
        Object v = value instanceof Integer n && table.columns().get(i).type() != ColumnType.DATE ? (Object) n.longValue()
                : value instanceof Float f ? (Object) f.doubleValue() : value;
        values[i] = table.columns().get(i).type().check(column, v);
        return this;
    }

    public RowBuilder set(String column, Boolean flag) {
        return flag == null ? this : set(column, flag ? 1L : 0L);
    }

    public TableRow build() {
        Object[] row = values.clone();
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) {
                row[i] = table.columns().get(i).type().defaultValue();
            }
        }
        return new TableRow(table, green, row);
    }

    /**
     * Epoch time of unknown unit to microseconds, by magnitude: the feeds write seconds (scans, exf {@code _ts}),
     * milliseconds (order books) and microseconds (trades). Anything before 1973 in milliseconds or after 5138 in
     * seconds is read in the other unit, so only absurd inputs are misread.
     */
    public static long epochMicros(double t) {
        double abs = Math.abs(t);
        if (abs < MICROS_LIMIT_SECONDS) {
            return Math.round(t * 1_000_000d);
        }
        if (abs < MICROS_LIMIT_MILLIS) {
            return Math.round(t * 1_000d);
        }
        if (abs < MICROS_LIMIT_MICROS) {
            return (long) t;
        }
        return (long) (t / 1_000d);
    }

    /** ISO-8601 date-time ({@code 2026-04-15T16:12:37}, {@code 2026-04-15 18:12:33}, with or without offset), UTC. */
    public static long isoMicros(String text) {
        String s = text.trim().replace(' ', 'T');
        try {
            OffsetDateTime odt = OffsetDateTime.parse(s);
            return epochMicros(odt.toInstant());
        } catch (DateTimeParseException e) {
            try {
                return epochMicros(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("not an ISO date-time: '" + text + "'");
            }
        }
    }

    public static int epochDays(String isoDate) {
        try {
            return (int) LocalDate.parse(isoDate.trim()).toEpochDay();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO date (yyyy-MM-dd): '" + isoDate + "'");
        }
    }

    public static int epochDaysOfMicros(long micros) {
        return (int) Math.floorDiv(micros, 86_400_000_000L);
    }

    private static long epochMicros(java.time.Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
