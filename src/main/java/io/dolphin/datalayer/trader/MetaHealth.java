package io.dolphin.datalayer.trader;

import java.io.Serializable;
import java.util.Map;

/**
 * {@code DOLPHIN_META_HEALTH["latest"]}: the meta-health service's verdict. The m1..m6 sub-scores are optional;
 * service and key states (JSON in the warm table) travel in {@code extra} as the service wrote them.
 */
record MetaHealth(double rmMeta, String status, Double m1DataInfra, Double m1Trader, Double m2Heartbeat,
                         Double m3DataFreshness, Double m4ControlPlane, Double m5Coherence, Double m6TestIntegrity,
                         Map<String, Object> extra) implements Serializable {

    public MetaHealth {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
