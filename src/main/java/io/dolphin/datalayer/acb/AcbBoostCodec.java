package io.dolphin.datalayer.acb;


import io.dolphin.datalayer.common.JsonCodec;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.JsonObjectWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code acb_boost} JSON: {@code {"boost","beta","signals"}} as the reference has them, then the window fields
 * {@code samples, window_start, window_end, last_sample_ts, fractions, formula_version, ts}. Only the three
 * reference fields are required, so values written by the old service still decode.
 */
public final class AcbBoostCodec implements JsonCodec<AcbBoost> {

    private static final long serialVersionUID = 1L;

    @Override
    public AcbBoost decode(String json) {
        JsonFields f = JsonFields.parse("acb_boost", json);
        double boost = f.requireDouble("boost");
        double beta = f.requireDouble("beta");
        double signals = f.requireDouble("signals");
        Long samples = f.optLong("samples");
        Double windowStart = f.optDouble("window_start");
        Double windowEnd = f.optDouble("window_end");
        Double lastSampleTs = f.optDouble("last_sample_ts");
        Map<String, Double> fractions = fractions(f.optObject("fractions"));
        String version = f.optString("formula_version");
        Double ts = f.optDouble("ts");
        return new AcbBoost(boost, beta, signals, samples, windowStart, windowEnd, lastSampleTs, fractions, version,
                ts, f.rest());
    }

    @Override
    public String encode(AcbBoost b) {
        return new JsonObjectWriter()
                .put("boost", b.boost())
                .put("beta", b.beta())
                .put("signals", b.signals())
                .put("samples", b.samples())
                .put("window_start", b.windowStart())
                .put("window_end", b.windowEnd())
                .put("last_sample_ts", b.lastSampleTs())
                .put("fractions", b.fractions())
                .put("formula_version", b.formulaVersion())
                .put("ts", b.ts())
                .putAbsent(b.extra())
                .toJson();
    }

    private static Map<String, Double> fractions(Map<String, Object> raw) {
        if (raw == null) {
            return null;
        }
        JsonFields f = JsonFields.of("acb_boost.fractions", raw);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : raw.keySet()) {
            Double v = f.optDouble(name);
            if (v != null) {
                out.put(name, v);
            }
        }
        return out;
    }
}
