package io.dolphin.datalayer.exf;

import io.dolphin.datalayer.common.JsonCodec;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.JsonObjectWriter;
import io.dolphin.datalayer.common.MalformedJsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code exf_latest} text and back. Reference factors first, in the reference's order; then factors a descriptor
 * added; then {@code _ts}, {@code _age_s}, {@code _stale}; then unknown fields. On decode, the reference factors
 * and any other top-level number listed in {@code _age_s} (a factor a descriptor added) become
 * {@link ExternalFactors#factors()}; everything else lands in {@code extra}, so text survives a round trip.
 * The poller writes with it and the warm sink's {@link ExfRowMapper} reads with it.
 */
public final class ExternalFactorsCodec implements JsonCodec<ExternalFactors> {

    private static final long serialVersionUID = 1L;

    @Override
    public ExternalFactors decode(String json) {
        JsonFields f = JsonFields.parse("exf_latest", json);
        Map<String, Double> factors = new LinkedHashMap<>();
        for (String name : ExternalFactors.REFERENCE_FIELDS) {
            Double v = f.optDouble(name);
            if (v != null) {
                factors.put(name, v);
            }
        }
        Double ts = f.optDouble(ExternalFactors.TS);
        Map<String, Double> ages = new LinkedHashMap<>();
        Map<String, Object> ageNode = f.optObject(ExternalFactors.AGE_S);
        if (ageNode != null) {
            JsonFields a = JsonFields.of("exf_latest._age_s", ageNode);
            for (String name : ageNode.keySet()) {
                ages.put(name, a.requireDouble(name));
            }
        }
        List<String> stale = new ArrayList<>();
        List<Object> staleNode = f.optList(ExternalFactors.STALE);
        if (staleNode != null) {
            for (Object o : staleNode) {
                if (!(o instanceof String s)) {
                    throw new MalformedJsonException("exf_latest: field '_stale' must list factor names, got " + o);
                }
                stale.add(s);
            }
        }
        // A top-level number that has an age is a factor a descriptor added; anything else is carried as is.
        Map<String, Object> extra = new LinkedHashMap<>();
        f.rest().forEach((name, v) -> {
            if (ages.containsKey(name) && v instanceof Number n) {
                factors.put(name, n.doubleValue());
            } else {
                extra.put(name, v);
            }
        });
        return new ExternalFactors(factors, ts, ages, stale, extra);
    }

    @Override
    public String encode(ExternalFactors value) {
        JsonObjectWriter w = new JsonObjectWriter();
        for (String name : ExternalFactors.REFERENCE_FIELDS) {
            w.put(name, value.factors().get(name));
        }
        value.factors().forEach(w::put);
        return w.put(ExternalFactors.TS, value.ts())
                .put(ExternalFactors.AGE_S, value.ageSeconds().isEmpty() ? null : value.ageSeconds())
                .put(ExternalFactors.STALE, value.ts() == null && value.stale().isEmpty() ? null : value.stale())
                .putAbsent(value.extra())
                .toJson();
    }
}
