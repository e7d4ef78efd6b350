package io.dolphin.datalayer.telemetry;

import io.dolphin.datalayer.common.JsonCodec;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.JsonObjectWriter;

/**
 * {@code DOLPHIN_SYSTEM_STATS[host]} text and back: the {@code system_stats} columns under their own names, plus
 * {@code host}, {@code mem_total_gb} and {@code interval_s} (what the rates are measured over). {@code ts} is epoch
 * seconds, as in the other maps' values.
 */
final class SystemStatsCodec implements JsonCodec<SystemStats> {

    private static final long serialVersionUID = 1L;

    @Override
    public SystemStats decode(String json) {
        JsonFields f = JsonFields.parse("DOLPHIN_SYSTEM_STATS", json);
        Double interval = f.optDouble("interval_s");
        return new SystemStats(f.requireString("host"), Math.round(f.requireDouble("ts") * 1000),
                orZero(f.optDouble("mem_total_gb")), f.requireDouble("mem_used_gb"), f.requireDouble("mem_available_gb"),
                f.requireDouble("mem_pct"), f.requireDouble("load_1m"), f.requireDouble("load_5m"),
                f.requireDouble("load_15m"), f.optString("net_iface") == null ? "" : f.optString("net_iface"),
                orZero(f.optDouble("net_rx_mb_s")), orZero(f.optDouble("net_tx_mb_s")),
                interval == null ? 0 : Math.round(interval * 1000));
    }

    @Override
    public String encode(SystemStats s) {
        return new JsonObjectWriter()
                .put("host", s.host())
                .put("ts", s.tsMs() / 1000.0)
                .put("mem_total_gb", s.memTotalGb())
                .put("mem_used_gb", s.memUsedGb())
                .put("mem_available_gb", s.memAvailableGb())
                .put("mem_pct", s.memPct())
                .put("load_1m", s.load1m())
                .put("load_5m", s.load5m())
                .put("load_15m", s.load15m())
                .put("net_iface", s.netIface())
                .put("net_rx_mb_s", s.netRxMbS())
                .put("net_tx_mb_s", s.netTxMbS())
                .put("interval_s", s.intervalMs() / 1000.0)
                .toJson();
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }
}
