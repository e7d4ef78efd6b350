package io.dolphin.datalayer.telemetry;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.RowBuilder;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.WarmTable;

import java.util.List;

/**
 * {@code DOLPHIN_SYSTEM_STATS[host]} to {@code system_stats}, one row per sample. The reference's table has no host
 * column and keeps its columns: the host is the map key (and {@code host} in the value, the Hazelcast view
 * {@code v_system_stats} and {@code hz_last_values}); in the table, rows of several hosts are told apart by
 * {@code net_iface} only where their interfaces differ, and {@code v_system_stats_1h} averages and peaks across
 * every host of the cluster.
 */
public final class SystemStatsRowMapper implements RowMapper {

    private static final long serialVersionUID = 1L;
    private static final SystemStatsCodec CODEC = new SystemStatsCodec();

    @Override
    public Ordered orderedRows(JournalEvent event, boolean green) {
        SystemStats s = CODEC.decode(event.value());
        long ts = s.tsMs() * 1_000L;
        return new Ordered(List.of(new RowBuilder(WarmTable.SYSTEM_STATS, green)
                .set("ts", ts)
                .set("mem_used_gb", s.memUsedGb())
                .set("mem_available_gb", s.memAvailableGb())
                .set("mem_pct", s.memPct())
                .set("load_1m", s.load1m())
                .set("load_5m", s.load5m())
                .set("load_15m", s.load15m())
                .set("net_rx_mb_s", s.netRxMbS())
                .set("net_tx_mb_s", s.netTxMbS())
                .set("net_iface", s.netIface())
                .build()), ts);
    }
}
