package io.dolphin.datalayer.telemetry;

import java.util.Map;

/**
 * Samples one host from its {@code /proc}: memory and load as read, network rates from the byte counters' change
 * since the previous sample of this sampler. The interface is the configured one, or else the busiest
 * non-loopback one (most bytes moved since boot), chosen again at every sample so a failover to another NIC shows.
 */
final class HostSampler {

    private static final double GIB_PER_KB = 1.0 / (1024 * 1024);

    private final ProcReader proc;
    private final String configuredIface;
    private String lastIface;
    private long lastRx;
    private long lastTx;
    private long lastAtMs;

    /** @param iface the interface to report, empty for the busiest non-loopback one */
    HostSampler(ProcReader proc, String iface) {
        this.proc = proc;
        this.configuredIface = iface;
    }

    /** A sample stamped with the time the files are read. */
    SystemStats sample(String host, long nowMs) {
        return sample(host, nowMs, nowMs);
    }

    /**
     * @param atMs   the sample's time ({@code ts})
     * @param readMs when the files are read: the rates are over the time between two reads
     * @throws ProcReader.Unreadable when a file is missing or malformed; the sampler's baseline stays as it was
     */
    SystemStats sample(String host, long atMs, long readMs) {
        long nowMs = readMs;
        long[] mem = proc.memory();
        double[] load = proc.load();
        Map<String, long[]> net = proc.network();
        String iface = configuredIface.isEmpty() ? busiest(net) : configuredIface;
        long[] counters = iface == null ? null : net.get(iface);
        if (counters == null) {
            throw new ProcReader.Unreadable("net/dev", configuredIface.isEmpty() ? "no interface but loopback"
                    : "no interface '" + configuredIface + "' (setting net-iface); have " + net.keySet(), "");
        }
        double rx = 0;
        double tx = 0;
        long interval = 0;
        if (iface.equals(lastIface) && nowMs > lastAtMs) {
            interval = nowMs - lastAtMs;
            // A counter that went down was reset (driver reload, 32-bit wrap): no rate for this one interval.
            rx = counters[0] >= lastRx ? (counters[0] - lastRx) / 1e6 / (interval / 1000.0) : 0;
            tx = counters[1] >= lastTx ? (counters[1] - lastTx) / 1e6 / (interval / 1000.0) : 0;
        }
        lastIface = iface;
        lastRx = counters[0];
        lastTx = counters[1];
        lastAtMs = nowMs;
        double total = mem[0] * GIB_PER_KB;
        double available = mem[1] * GIB_PER_KB;
        double used = Math.max(0, total - available);
        return new SystemStats(host, atMs, total, used, available, 100.0 * used / total, load[0], load[1], load[2],
                iface, rx, tx, interval);
    }

    private static String busiest(Map<String, long[]> net) {
        String best = null;
        long most = -1;
        for (Map.Entry<String, long[]> e : net.entrySet()) {
            long moved = e.getValue()[0] + e.getValue()[1];
            if (!"lo".equals(e.getKey()) && moved > most) {
                best = e.getKey();
                most = moved;
            }
        }
        return best;
    }
}
