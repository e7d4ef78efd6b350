package io.dolphin.datalayer.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * How busy this JVM's Hazelcast partition threads were over an interval, as a share of their wall time (1.0 = every
 * partition thread busy all the time). Map writes, journal appends and entry-listener events all run there, so this is
 * where a latency probe built on listeners costs the job.
 */
final class PartitionThreadMeter {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<Thread> partitionThreads = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().contains(".partition-operation.thread-")).toList();
    private final long startNanos = System.nanoTime();
    private final long startCpu = cpuNanos();

    double busyShare() {
        if (partitionThreads.isEmpty()) {
            return Double.NaN;
        }
        double wall = (System.nanoTime() - startNanos) * (double) partitionThreads.size();
        return (cpuNanos() - startCpu) / wall;
    }

    private long cpuNanos() {
        long sum = 0;
        for (Thread t : partitionThreads) {
            sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
        }
        return sum;
    }
}
