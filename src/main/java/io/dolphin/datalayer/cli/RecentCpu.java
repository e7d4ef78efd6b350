package io.dolphin.datalayer.cli;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/** CPU over the most recent {@code window} of samples (wall time, process CPU, both in nanoseconds). */
final class RecentCpu {

    private record Sample(long wallNanos, long cpuNanos) {
    }

    private final Duration window;
    private final Deque<Sample> samples = new ArrayDeque<>();

    RecentCpu(Duration window) {
        this.window = window;
    }

    Duration window() {
        return window;
    }

    void sample(long wallNanos, long cpuNanos) {
        samples.addLast(new Sample(wallNanos, cpuNanos));
        // keep the newest sample that is at least a window old: the start of the interval reported
        while (samples.size() > 2 && wallNanos - second().wallNanos() >= window.toNanos()) {
            samples.removeFirst();
        }
    }

    /** Average cores over the last window; empty until the samples span a whole window. */
    OptionalDouble cores() {
        if (samples.size() < 2) {
            return OptionalDouble.empty();
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long wall = last.wallNanos() - first.wallNanos();
        if (wall < window.toNanos()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((last.cpuNanos() - first.cpuNanos()) / (double) wall);
    }

    private Sample second() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }
}
