package io.dolphin.datalayer.trader;

import java.io.Serializable;
import java.util.Map;

/** {@code DOLPHIN_PNL_*[<yyyy-MM-dd>]}: {@code {"portfolio_capital": 20654.01, "engine_capital": 20654.01}}. */
record PnlEntry(Double portfolioCapital, Double engineCapital, Map<String, Object> extra)
        implements Serializable {

    public PnlEntry {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
