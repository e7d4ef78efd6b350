package io.dolphin.datalayer.model;

import java.io.Serializable;
import java.util.Map;

/** {@code DOLPHIN_PNL_*[<yyyy-MM-dd>]}: {@code {"portfolio_capital": 20654.01, "engine_capital": 20654.01}}. */
public record PnlEntry(Double portfolioCapital, Double engineCapital, Map<String, Object> extra)
        implements Serializable {

    public PnlEntry {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
