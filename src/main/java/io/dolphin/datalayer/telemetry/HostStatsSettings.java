package io.dolphin.datalayer.telemetry;

import io.dolphin.datalayer.common.JobSettings;

import java.io.Serializable;

/**
 * {@code jobs/host-stats.yaml} resolved and checked at submission.
 *
 * @param netIface the interface whose rates are reported, empty for each host's busiest non-loopback one
 * @param procRoot where the kernel's files are: {@code /proc}, or a host's proc mounted elsewhere in a container
 */
record HostStatsSettings(long intervalMs, String netIface, String procRoot, long deadLetterIntervalMs)
        implements Serializable {

    HostStatsSettings {
        if (intervalMs < 100) {
            throw new IllegalArgumentException("'interval-ms' must be >= 100, got " + intervalMs
                    + " (DOLPHIN_HOST_STATS_INTERVAL_MS)");
        }
        if (deadLetterIntervalMs <= 0) {
            throw new IllegalArgumentException("'dead-letter-interval-ms' must be > 0, got " + deadLetterIntervalMs);
        }
        netIface = netIface == null ? "" : netIface.strip();
    }

    static HostStatsSettings from(JobSettings s) {
        return new HostStatsSettings(s.longValue("interval-ms"), s.string("net-iface"), s.string("proc-root").strip(),
                s.longValue("dead-letter-interval-ms"));
    }
}
