package io.dolphin.datalayer.trader;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * {@code DOLPHIN_STATE_*["engine_snapshot"]}, written by the trader every scan. Only {@code capital} is required;
 * the trader's other fields are optional here because older trader builds omit some of them.
 */
record EngineSnapshot(double capital, List<Object> openPositions, String algoVersion, Long lastScanNumber,
                             Double lastVelDiv, Boolean volOk, String posture, Long scansProcessed,
                             Long tradesExecuted, Long barIdx, String timestamp, Double leverageSoftCap,
                             Double leverageAbsCap, Double openNotional, Double currentLeverage,
                             Map<String, Object> extra) implements Serializable {

    public EngineSnapshot {
        openPositions = openPositions == null ? null : List.copyOf(openPositions);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
