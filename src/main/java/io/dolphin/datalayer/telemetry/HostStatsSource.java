package io.dolphin.datalayer.telemetry;

import com.hazelcast.jet.pipeline.SourceBuilder;
import com.hazelcast.jet.pipeline.SourceBuilder.SourceBuffer;
import com.hazelcast.jet.pipeline.StreamSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One sampler on every member ({@code distributed(1)}), reading its own host's {@code /proc} at the wall-clock
 * instants that are multiples of the interval, so members on one host sample at the same instants. The host is
 * the member's {@code DOLPHIN_HOST_NAME}, else its host name. A sample's time is its instant (the files are read
 * then, or just after when the member is late), so the members of a host give the same time for the same instant
 * and a late reading never stamps itself into the next interval. The sampler reads once when it starts, so even its
 * first sample has network rates. It keeps nothing worth a snapshot: after a restart it starts a new baseline.
 */
final class HostStatsSource {

    static final String HOST_ENV = "DOLPHIN_HOST_NAME";
    private static final long MAX_IDLE_WAIT_MS = 100;

    private HostStatsSource() {
    }

    static StreamSource<HostReading> stream(String name, HostStatsSettings settings) {
        return SourceBuilder.stream(name, ctx -> new Sampling(settings, hostName()))
                .<HostReading>fillBufferFn(Sampling::fill)
                .distributed(1)
                .build();
    }

    static String hostName() {
        String configured = System.getenv(HOST_ENV);
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env != null && !env.isBlank() ? env.strip() : "localhost";
        }
    }

    static final class Sampling {

        private final HostSampler sampler;
        private final String host;
        private final long intervalMs;
        private long nextBucket;

        Sampling(HostStatsSettings settings, String host) {
            this.sampler = new HostSampler(new ProcReader(Path.of(settings.procRoot())), settings.netIface());
            this.host = host;
            this.intervalMs = settings.intervalMs();
            long now = System.currentTimeMillis();
            try {
                sampler.sample(host, now);
            } catch (ProcReader.Unreadable e) {
                // reported by the first real sample
            }
            this.nextBucket = now / intervalMs + 1;
        }

        void fill(SourceBuffer<HostReading> buffer) throws InterruptedException {
            long now = System.currentTimeMillis();
            long due = nextBucket * intervalMs;
            if (now < due) {
                TimeUnit.MILLISECONDS.sleep(Math.min(MAX_IDLE_WAIT_MS, due - now));
                return;
            }
            long bucket = nextBucket;
            // Behind by more than an interval (a long pause): sample now, then resume at the next instant.
            nextBucket = Math.max(bucket, now / intervalMs) + 1;
            try {
                buffer.add(new HostReading(host, bucket, sampler.sample(host, bucket * intervalMs, now), null, null,
                        null));
            } catch (ProcReader.Unreadable e) {
                buffer.add(new HostReading(host, bucket, null, e.getMessage(), e.file(), e.content()));
            }
        }
    }
}
