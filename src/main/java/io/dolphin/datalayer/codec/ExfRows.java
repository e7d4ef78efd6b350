package io.dolphin.datalayer.codec;

import io.dolphin.datalayer.model.ExternalFactors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code exf_latest} value as one {@code exf_data} row (reference: {@code ts, funding_rate, dvol, fear_greed,
 * taker_ratio}). {@code funding_rate} is {@code funding_btc} and {@code taker_ratio} is {@code taker}; {@code dvol}
 * and {@code fear_greed} keep their names. A factor absent from the value gives a null column.
 */
public final class ExfRows {

    public static final String TABLE = "exf_data";
    public static final List<String> COLUMNS = List.of("ts", "funding_rate", "dvol", "fear_greed", "taker_ratio");

    private ExfRows() {
    }

    /**
     * @param exfLatestJson   the map value
     * @param eventTimeMillis the journal event's time; {@code ts} uses it only when the value has no {@code _ts}
     *                        (a value some other writer put)
     * @return column name to value in {@link #COLUMNS} order; {@code ts} as epoch microseconds ({@code Long},
     *         the resolution of {@code DateTime64(6)}), the factors as {@code Double} or null
     * @throws MalformedJsonException when the text is not an exf_latest value (a dead letter for the warm sink)
     */
    public static Map<String, Object> columns(String exfLatestJson, long eventTimeMillis) {
        JsonFields f = JsonFields.parse("exf_latest", exfLatestJson);
        Double ts = f.optDouble(ExternalFactors.TS);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ts", ts != null ? Math.round(ts * 1_000_000d) : eventTimeMillis * 1000L);
        row.put("funding_rate", f.optDouble(ExternalFactors.FUNDING_BTC));
        row.put("dvol", f.optDouble(ExternalFactors.DVOL));
        row.put("fear_greed", f.optDouble(ExternalFactors.FEAR_GREED));
        row.put("taker_ratio", f.optDouble(ExternalFactors.TAKER));
        return Collections.unmodifiableMap(row);
    }
}
