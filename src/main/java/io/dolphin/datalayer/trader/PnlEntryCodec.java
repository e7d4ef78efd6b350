package io.dolphin.datalayer.trader;

import io.dolphin.datalayer.common.JsonCodec;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.JsonObjectWriter;
import io.dolphin.datalayer.common.MalformedJsonException;


/** A daily P&amp;L entry. Either capital may be absent on a day the portfolio service did not run. */
final class PnlEntryCodec implements JsonCodec<PnlEntry> {

    private static final long serialVersionUID = 1L;

    @Override
    public PnlEntry decode(String json) {
        JsonFields f = JsonFields.parse("pnl entry", json);
        PnlEntry e = new PnlEntry(f.optDouble("portfolio_capital"), f.optDouble("engine_capital"), f.rest());
        if (e.portfolioCapital() == null && e.engineCapital() == null) {
            throw new MalformedJsonException("pnl entry: neither 'portfolio_capital' nor 'engine_capital' is present");
        }
        return e;
    }

    @Override
    public String encode(PnlEntry e) {
        return new JsonObjectWriter()
                .put("portfolio_capital", e.portfolioCapital())
                .put("engine_capital", e.engineCapital())
                .putAbsent(e.extra())
                .toJson();
    }
}
