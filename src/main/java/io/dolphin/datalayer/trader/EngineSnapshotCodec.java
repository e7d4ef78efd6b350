package io.dolphin.datalayer.trader;

import io.dolphin.datalayer.common.JsonCodec;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.JsonObjectWriter;


/** {@code engine_snapshot}, field names exactly as the reference. */
final class EngineSnapshotCodec implements JsonCodec<EngineSnapshot> {

    private static final long serialVersionUID = 1L;

    @Override
    public EngineSnapshot decode(String json) {
        JsonFields f = JsonFields.parse("engine_snapshot", json);
        return new EngineSnapshot(f.requireDouble("capital"), f.optList("open_positions"), f.optString("algo_version"),
                f.optLong("last_scan_number"), f.optDouble("last_vel_div"), f.optBoolean("vol_ok"),
                f.optString("posture"), f.optLong("scans_processed"), f.optLong("trades_executed"),
                f.optLong("bar_idx"), f.optString("timestamp"), f.optDouble("leverage_soft_cap"),
                f.optDouble("leverage_abs_cap"), f.optDouble("open_notional"), f.optDouble("current_leverage"),
                f.rest());
    }

    @Override
    public String encode(EngineSnapshot s) {
        return new JsonObjectWriter()
                .put("capital", s.capital())
                .put("open_positions", s.openPositions())
                .put("algo_version", s.algoVersion())
                .put("last_scan_number", s.lastScanNumber())
                .put("last_vel_div", s.lastVelDiv())
                .put("vol_ok", s.volOk())
                .put("posture", s.posture())
                .put("scans_processed", s.scansProcessed())
                .put("trades_executed", s.tradesExecuted())
                .put("bar_idx", s.barIdx())
                .put("timestamp", s.timestamp())
                .put("leverage_soft_cap", s.leverageSoftCap())
                .put("leverage_abs_cap", s.leverageAbsCap())
                .put("open_notional", s.openNotional())
                .put("current_leverage", s.currentLeverage())
                .putAbsent(s.extra())
                .toJson();
    }
}
