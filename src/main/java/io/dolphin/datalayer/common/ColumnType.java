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
            case DATE -> requireType(column, value, Integer.class);
            case FLOAT32, FLOAT64 -> {
                double d = requireType(column, value, Double.class);
                if (!Double.isFinite(d) || (this == FLOAT32 && Math.abs(d) > Float.MAX_VALUE)) {
                    throw new IllegalArgumentException("column '" + column + "' cannot hold " + d);
                }
            }
            default -> {
                long v = requireType(column, value, Long.class);
                long[] range = range();
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
