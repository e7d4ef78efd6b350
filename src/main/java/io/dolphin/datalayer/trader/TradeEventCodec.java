package io.dolphin.datalayer.trader;

import io.dolphin.datalayer.common.JsonCodec;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.JsonObjectWriter;


/** A {@code trade_events} row as JSON, column names as field names. */
final class TradeEventCodec implements JsonCodec<TradeEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public TradeEvent decode(String json) {
        JsonFields f = JsonFields.parse("trade event", json);
        return new TradeEvent(f.requireLong("ts"), f.optString("date"), f.optString("strategy"),
                f.requireString("asset"), f.requireString("side"), f.requireDouble("entry_price"),
                f.requireDouble("exit_price"), f.requireDouble("quantity"), f.requireDouble("pnl"),
                f.optDouble("pnl_pct"), f.optString("exit_reason"), f.optDouble("vel_div_entry"),
                f.optDouble("boost_at_entry"), f.optDouble("beta_at_entry"), f.optString("posture"),
                f.optDouble("leverage"), f.optLong("regime_signal"), f.optDouble("capital_before"),
                f.optDouble("capital_after"), f.optDouble("peak_capital"), f.optDouble("drawdown_at_entry"),
                f.optLong("open_positions_count"), f.optString("scan_uuid"), f.optLong("bars_held"), f.rest());
    }

    @Override
    public String encode(TradeEvent t) {
        return new JsonObjectWriter()
                .put("ts", t.tsMicros()).put("date", t.date()).put("strategy", t.strategy())
                .put("asset", t.asset()).put("side", t.side())
                .put("entry_price", t.entryPrice()).put("exit_price", t.exitPrice())
                .put("quantity", t.quantity()).put("pnl", t.pnl()).put("pnl_pct", t.pnlPct())
                .put("exit_reason", t.exitReason()).put("vel_div_entry", t.velDivEntry())
                .put("boost_at_entry", t.boostAtEntry()).put("beta_at_entry", t.betaAtEntry())
                .put("posture", t.posture()).put("leverage", t.leverage()).put("regime_signal", t.regimeSignal())
                .put("capital_before", t.capitalBefore()).put("capital_after", t.capitalAfter())
                .put("peak_capital", t.peakCapital()).put("drawdown_at_entry", t.drawdownAtEntry())
                .put("open_positions_count", t.openPositionsCount()).put("scan_uuid", t.scanUuid())
                .put("bars_held", t.barsHeld())
                .putAbsent(t.extra())
                .toJson();
    }
}
