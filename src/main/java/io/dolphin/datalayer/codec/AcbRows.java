package io.dolphin.datalayer.codec;

import java.util.List;

/**
 * One {@code acb_state} row (columns {@code ts, boost, beta, signals}) from an {@code acb_boost} JSON text, for the
 * warm sink. {@code ts} is epoch <b>microseconds</b> ({@code DateTime64(6)}, as ch_writer's {@code ts_us()} wrote
 * it), taken from the value's {@code ts} (epoch seconds, the end of the window it was computed from), so replaying
 * the same journal event yields the same row. Values the old service wrote have no {@code ts}: the caller passes
 * the time to use instead (the journal event's time, for instance).
 */
public final class AcbRows {

    /** Column names of {@code acb_state}, in the order of {@link Row#values()}. */
    public static final List<String> COLUMNS = List.of("ts", "boost", "beta", "signals");

    private AcbRows() {
    }

    /**
     * @param tsMicros epoch microseconds
     */
    public record Row(long tsMicros, double boost, double beta, double signals) {

        /** Column values in {@link #COLUMNS} order: a {@code Long} and three {@code Double}s. */
        public List<Object> values() {
            return List.of(tsMicros, boost, beta, signals);
        }
    }

    /**
     * @param fallbackTsMicros used when the value has no {@code ts}
     * @throws MalformedJsonException when the text is not an acb_boost value (the warm sink dead-letters it)
     */
    public static Row fromJson(String acbBoostJson, long fallbackTsMicros) {
        JsonFields f = JsonFields.parse("acb_boost", acbBoostJson);
        double boost = f.requireDouble("boost");
        double beta = f.requireDouble("beta");
        double signals = f.requireDouble("signals");
        Double ts = f.optDouble("ts");
        long micros = ts == null ? fallbackTsMicros : Math.round(ts * 1_000_000d);
        return new Row(micros, boost, beta, signals);
    }
}
