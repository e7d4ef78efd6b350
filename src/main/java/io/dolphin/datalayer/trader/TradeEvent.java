package io.dolphin.datalayer.trader;

import java.io.Serializable;
import java.util.Map;

/**
 * One closed trade: a {@code trade_events} row as JSON in {@code DOLPHIN_TRADES_*} (key: trade id). {@code tsMicros}
 * is the close time in epoch microseconds, as ch_writer's {@code ts_us()} wrote it. The columns the old writer
 * always sent are required; the rest are optional.
 */
record TradeEvent(long tsMicros, String date, String strategy, String asset, String side, double entryPrice,
                         double exitPrice, double quantity, double pnl, Double pnlPct, String exitReason,
                         Double velDivEntry, Double boostAtEntry, Double betaAtEntry, String posture, Double leverage,
                         Long regimeSignal, Double capitalBefore, Double capitalAfter, Double peakCapital,
                         Double drawdownAtEntry, Long openPositionsCount, String scanUuid, Long barsHeld,
                         Map<String, Object> extra) implements Serializable {

    public TradeEvent {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
