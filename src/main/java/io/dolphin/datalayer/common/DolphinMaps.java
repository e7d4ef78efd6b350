package io.dolphin.datalayer.common;

import java.util.List;

/**
 * Names of the Dolphin IMaps. These are a contract with running Python services and dashboards
 * (see the reference document): never rename them. Every value in these maps is JSON text in a
 * {@code java.lang.String}.
 */
public final class DolphinMaps {

    /** Central data bus: scans, external factors, ACB, order books. */
    public static final String FEATURES = "DOLPHIN_FEATURES";
    public static final String STATE_BLUE = "DOLPHIN_STATE_BLUE";
    public static final String STATE_GREEN = "DOLPHIN_STATE_GREEN";
    /** Daily P&amp;L keyed by ISO date, see {@link PnlKeys}. */
    public static final String PNL_BLUE = "DOLPHIN_PNL_BLUE";
    /** Green mirror of {@link #PNL_BLUE}; feeds {@code dolphin_green.daily_pnl}. */
    public static final String PNL_GREEN = "DOLPHIN_PNL_GREEN";
    public static final String META_HEALTH = "DOLPHIN_META_HEALTH";
    /** Closed trades: key is the trade id, value one {@code trade_events} row as JSON. */
    public static final String TRADES_BLUE = "DOLPHIN_TRADES_BLUE";
    public static final String TRADES_GREEN = "DOLPHIN_TRADES_GREEN";
    /**
     * Every scan the scan bridge accepted, keyed by scan number and written once (kept a day): this map's journal
     * gives each scan its one {@code eigen_scans} row, in time or late, whatever {@code latest_eigen_scan} did with
     * it (that key never goes back) and however often a restarted bridge replays its file.
     */
    public static final String EIGEN_SCANS = "DOLPHIN_EIGEN_SCANS";
    /** Host samples of dolphin-host-stats, keyed by host: the last sample per host; its journal feeds system_stats. */
    public static final String SYSTEM_STATS = "DOLPHIN_SYSTEM_STATS";
    /**
     * supervisord's processes as dolphin-supervisor-watch last saw them, keyed {@code group:name}; its journal feeds
     * supervisord_state.
     */
    public static final String PROCESSES = "DOLPHIN_PROCESSES";
    /**
     * Every process start and exit dolphin-supervisor-watch derived, one key per transition
     * ({@code group:name|EVENT|ts|pid}), kept a day; its journal feeds service_lifecycle.
     */
    public static final String SERVICE_LIFECYCLE = "DOLPHIN_SERVICE_LIFECYCLE";
    /** Records a job could not accept, with the reason. Not journaled, not warm-stored. */
    public static final String DEAD_LETTERS = "DOLPHIN_DEAD_LETTERS";

    /** Every map whose event journal feeds the warm store. */
    public static final List<String> JOURNALED = List.of(
            FEATURES, STATE_BLUE, STATE_GREEN, PNL_BLUE, PNL_GREEN, META_HEALTH, TRADES_BLUE, TRADES_GREEN,
            EIGEN_SCANS, SYSTEM_STATS, PROCESSES, SERVICE_LIFECYCLE);

    /** Every Dolphin map, journaled or not. */
    public static final List<String> ALL = List.of(
            FEATURES, STATE_BLUE, STATE_GREEN, PNL_BLUE, PNL_GREEN, META_HEALTH, TRADES_BLUE, TRADES_GREEN,
            EIGEN_SCANS, SYSTEM_STATS, PROCESSES, SERVICE_LIFECYCLE, DEAD_LETTERS);

    private DolphinMaps() {
    }

    /** True for the maps whose rows belong to the {@code dolphin_green} database. */
    public static boolean isGreen(String mapName) {
        return mapName.endsWith("_GREEN");
    }
}
