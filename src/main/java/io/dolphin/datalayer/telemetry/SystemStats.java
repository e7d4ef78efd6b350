package io.dolphin.datalayer.telemetry;

import java.io.Serializable;

/**
 * One host sample: a {@code system_stats} row and the host it belongs to. Memory in GiB (2^30 bytes), used =
 * total − available (what the kernel says could be handed out without swapping), network rates in MB/s
 * (10^6 bytes) over the time since the member's previous sample.
 *
 * @param tsMs       when the files were read, epoch ms
 * @param intervalMs the time the rates are measured over; 0 for the first sample of a member (rates 0)
 */
record SystemStats(String host, long tsMs, double memTotalGb, double memUsedGb, double memAvailableGb, double memPct,
                   double load1m, double load5m, double load15m, String netIface, double netRxMbS, double netTxMbS,
                   long intervalMs) implements Serializable {
}
