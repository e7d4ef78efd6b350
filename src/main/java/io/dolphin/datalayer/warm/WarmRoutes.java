package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.acb.AcbRowMapper;
import io.dolphin.datalayer.trader.DailyPnlRowMapper;
import io.dolphin.datalayer.scanbridge.EigenScanRowMapper;
import io.dolphin.datalayer.exf.ExfRowMapper;
import io.dolphin.datalayer.trader.MetaHealthRowMapper;
import io.dolphin.datalayer.obf.ObfRowMapper;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.trader.StatusSnapshotRowMapper;
import io.dolphin.datalayer.trader.TradeEventRowMapper;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.common.StateKeys;
import io.dolphin.datalayer.telemetry.ServiceLifecycleRowMapper;
import io.dolphin.datalayer.telemetry.SupervisordStateRowMapper;
import io.dolphin.datalayer.telemetry.SystemStatsRowMapper;

/**
 * Which table a map entry feeds. Keys with no table ({@code capital_checkpoint}, {@code mc_forewarner_latest})
 * still reach the sink: their raw value is kept for hz-warmup.
 *
 * <pre>
 *   DOLPHIN_FEATURES  latest_eigen_scan -> (none)           exf_latest -> exf_data
 *                     acb_boost         -> acb_state        asset_*_ob -> obf_universe
 *   DOLPHIN_STATE_*   engine_snapshot   -> status_snapshots (+ posture_events on a change)
 *   DOLPHIN_PNL_*     &lt;date&gt;            -> daily_pnl
 *   DOLPHIN_META_HEALTH latest          -> meta_health
 *   DOLPHIN_TRADES_*  &lt;trade id&gt;        -> trade_events
 *   DOLPHIN_EIGEN_SCANS &lt;scan number&gt; -> eigen_scans (every scan once, in time or late)
 *   DOLPHIN_SYSTEM_STATS &lt;host&gt;      -> system_stats
 *   DOLPHIN_PROCESSES &lt;group:name&gt;   -> supervisord_state
 *   DOLPHIN_SERVICE_LIFECYCLE &lt;transition&gt; -> service_lifecycle
 *   blue maps -> dolphin, green maps -> dolphin_green
 * </pre>
 */
final class WarmRoutes {

    private static final RowMapper EIGEN = new EigenScanRowMapper();
    private static final RowMapper EXF = new ExfRowMapper();
    private static final RowMapper ACB = new AcbRowMapper();
    private static final RowMapper OBF = new ObfRowMapper();
    private static final RowMapper SNAPSHOT = new StatusSnapshotRowMapper();
    private static final RowMapper PNL = new DailyPnlRowMapper();
    private static final RowMapper META = new MetaHealthRowMapper();
    private static final RowMapper TRADE = new TradeEventRowMapper();
    private static final RowMapper SYSTEM_STATS = new SystemStatsRowMapper();
    private static final RowMapper PROCESS_STATE = new SupervisordStateRowMapper();
    private static final RowMapper LIFECYCLE = new ServiceLifecycleRowMapper();

    private WarmRoutes() {
    }

    /** @return the mapper for this entry, or null when the entry feeds no table */
    public static RowMapper mapperFor(String map, String key) {
        switch (map) {
            case DolphinMaps.FEATURES:
                return switch (key) {
                    // no row: every scan's row comes from DOLPHIN_EIGEN_SCANS, written once per scan
                    case FeatureKeys.LATEST_EIGEN_SCAN -> null;
                    case FeatureKeys.EXF_LATEST -> EXF;
                    case FeatureKeys.ACB_BOOST -> ACB;
                    default -> FeatureKeys.isOrderBook(key) ? OBF : null;
                };
            case DolphinMaps.STATE_BLUE, DolphinMaps.STATE_GREEN:
                return StateKeys.ENGINE_SNAPSHOT.equals(key) ? SNAPSHOT : null;
            case DolphinMaps.PNL_BLUE, DolphinMaps.PNL_GREEN:
                return PNL;
            case DolphinMaps.META_HEALTH:
                return META;
            case DolphinMaps.TRADES_BLUE, DolphinMaps.TRADES_GREEN:
                return TRADE;
            case DolphinMaps.EIGEN_SCANS:
                return EIGEN;
            case DolphinMaps.SYSTEM_STATS:
                return SYSTEM_STATS;
            case DolphinMaps.PROCESSES:
                return PROCESS_STATE;
            case DolphinMaps.SERVICE_LIFECYCLE:
                return LIFECYCLE;
            default:
                return null;
        }
    }
}
