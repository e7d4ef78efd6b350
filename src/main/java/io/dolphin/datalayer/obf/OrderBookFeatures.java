package io.dolphin.datalayer.obf;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code DOLPHIN_FEATURES["asset_<SYMBOL>_ob"]}: the reference's nine fields, plus {@code ts}, the exchange time
 * of the snapshot they were computed from (epoch ms). {@code ts} is our addition: the warm sink needs it for
 * {@code obf_universe.ts}, and the ingest job uses it to keep per-symbol order. Definitions of every field are in
 * {@link OrderBookFeatureCalculator}.
 *
 * @param ts    null when the value was written by a producer that does not send it (the reference shape)
 * @param extra fields this version does not know, carried through unchanged
 */
record OrderBookFeatures(double bestBid, double bestAsk, double spreadBps, double depth1pctUsd,
                                double depthQuality, double fillProbability, double imbalance,
                                int nBidLevels, int nAskLevels, Long ts, Map<String, Object> extra)
        implements Serializable {

    public OrderBookFeatures {
        // Insertion order kept and JSON nulls allowed, which Map.copyOf would refuse.
        extra = extra == null || extra.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }
}
