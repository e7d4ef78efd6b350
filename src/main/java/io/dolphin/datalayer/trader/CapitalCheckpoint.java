package io.dolphin.datalayer.trader;

import java.io.Serializable;
import java.util.Map;

/** {@code DOLPHIN_STATE_*["capital_checkpoint"]}: {@code {"capital": 25705.50, "ts": 1776269557.97}}. */
record CapitalCheckpoint(double capital, double ts, Map<String, Object> extra) implements Serializable {

    public CapitalCheckpoint {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
