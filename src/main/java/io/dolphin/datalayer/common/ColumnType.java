package io.dolphin.datalayer.common;

/**
 * The ClickHouse column types of the reference and how a row value of each is held in Java. One type serves both
 * dialects: DuckDB gets the nearest type (sql/duckdb), ClickHouse the reference's own (sql/clickhouse).
 *
 * <p>Values: timestamps are epoch microseconds ({@code Long}), dates epoch days ({@code Integer}), floats
 * {@code Double}, integers {@code Long}, strings {@code String}. {@link #check} rejects what the column cannot hold,
 * because DuckDB's Appender writes unsigned values bit for bit and ClickHouse wraps them silently.
 */
public enum ColumnType {
    TIMESTAMP_US, TIMESTAMP_MS, DATE, FLOAT32, FLOAT64, UINT8, UINT16, UINT32, INT8, INT16, STRING;

    /*
     * ClickHouse's DateTime64 holds 1900-01-01..2299-12-31 and its Date 1970-01-01..2149-06-06; outside them it
     * stores the nearest bound (measured: 2400-01-01 kept as 2299-12-31, a Date in 2200 as 2149-06-06) without an
     * error, while DuckDB keeps the value. Refusing here keeps both stores right and alike.
     */
    private static final long MIN_TIMESTAMP_US = -2_208_988_800_000_000L;
    private static final long MAX_TIMESTAMP_US = 10_413_791_999_999_999L;
    private static final int MAX_DATE_DAY = 65_535;

    /** The value every column takes when the JSON has no such field: what ClickHouse inserts for an absent column. */
    public Object defaultValue() {
        return switch (this) {
            case TIMESTAMP_US, TIMESTAMP_MS, UINT8, UINT16, UINT32, INT8, INT16 -> 0L;
            case DATE -> 0;
            case FLOAT32, FLOAT64 -> 0.0;
            case STRING -> "";
        };
    }

    /** @throws IllegalArgumentException naming the column when {@code value} does not fit */
    public Object check(String column, Object value) {
        switch (this) {
            case STRING -> requireType(column, value, String.class);
            case DATE -> {
                int days = requireType(column, value, Integer.class);
                if (days < 0 || days > MAX_DATE_DAY) {
                    throw new IllegalArgumentException("column '" + column + "' (DATE) cannot hold "
                            + java.time.LocalDate.ofEpochDay(days) + ": allowed 1970-01-01..2149-06-06");
                }
            }
            case FLOAT32, FLOAT64 -> {
                double d = requireType(column, value, Double.class);
                if (!Double.isFinite(d) || (this == FLOAT32 && Math.abs(d) > Float.MAX_VALUE)) {
                    throw new IllegalArgumentException("column '" + column + "' cannot hold " + d);
                }
            }
            default -> {
                long v = requireType(column, value, Long.class);
                long[] range = range();
                if ((this == TIMESTAMP_US || this == TIMESTAMP_MS) && (v < range[0] || v > range[1])) {
                    throw new IllegalArgumentException("column '" + column + "' (" + name() + ") cannot hold "
                            + java.time.Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L),
                                    Math.floorMod(v, 1_000_000L) * 1_000L) + " (" + v
                            + " epoch us): allowed 1900-01-01T00:00:00Z..2299-12-31T23:59:59.999999Z");
                }
                if (v < range[0] || v > range[1]) {
                    throw new IllegalArgumentException("column '" + column + "' (" + name() + ") cannot hold " + v
                            + ": allowed " + range[0] + ".." + range[1]);
                }
            }
        }
        return value;
    }

    private long[] range() {
        return switch (this) {
            case UINT8 -> new long[]{0, 255};
            case UINT16 -> new long[]{0, 65_535};
            case UINT32 -> new long[]{0, 4_294_967_295L};
            case INT8 -> new long[]{Byte.MIN_VALUE, Byte.MAX_VALUE};
            case INT16 -> new long[]{Short.MIN_VALUE, Short.MAX_VALUE};
            case TIMESTAMP_US, TIMESTAMP_MS -> new long[]{MIN_TIMESTAMP_US, MAX_TIMESTAMP_US};
            default -> new long[]{Long.MIN_VALUE, Long.MAX_VALUE};
        };
    }

    private static <T> T requireType(String column, Object value, Class<T> type) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("column '" + column + "' expects " + type.getSimpleName() + ", got "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return type.cast(value);
    }
}
