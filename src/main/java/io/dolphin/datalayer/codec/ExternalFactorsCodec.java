package io.dolphin.datalayer.codec;

import io.dolphin.datalayer.model.ExternalFactors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code exf_latest} text and back. Reference factors first, in the reference's order; then factors a descriptor
 * added; then {@code _ts}, {@code _age_s}, {@code _stale}; then unknown fields. On decode, only the reference
 * factors become {@link ExternalFactors#factors()}: other top-level fields land in {@code extra} (a reader cannot
 * tell an added factor from a field some other writer put there), so text survives a round trip unchanged.
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
        return new ExternalFactors(factors, ts, ages, stale, f.rest());
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
