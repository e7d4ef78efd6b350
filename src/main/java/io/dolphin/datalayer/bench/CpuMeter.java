package io.dolphin.datalayer.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * What this JVM spent over an interval: CPU in cores and time in GC. The benchmarks run broker, member and feed in
 * one JVM on the build machine's cores, so a latency figure means little without knowing how close to saturation
 * the process was while it was measured.
 */
public final class CpuMeter {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long startNanos = System.nanoTime();
    private final long startCpu = OS.getProcessCpuTime();
    private final long startGcMillis = gcMillis();

    /** Average cores busy since this meter was created (2.0 = both cores of the build machine, all the time). */
    public double cores() {
        return (OS.getProcessCpuTime() - startCpu) / (double) (System.nanoTime() - startNanos);
    }

    /** CPU this process has used since it started, in nanoseconds of one core. */
    public static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /** Share of the interval spent in GC (pauses and concurrent cycles as the collectors report them). */
    double gcShare() {
        return (gcMillis() - startGcMillis) / ((System.nanoTime() - startNanos) / 1e6);
    }

    public static int availableCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
