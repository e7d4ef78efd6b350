package io.dolphin.datalayer.telemetry;

import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.jet.pipeline.StreamStage;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.common.DeadLetters;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.JobSubmission;
import io.dolphin.datalayer.common.Outcome;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dolphin-host-stats}: every member samples its host's {@code /proc} into {@code DOLPHIN_SYSTEM_STATS[host]},
 * whose journal gives {@code system_stats} one row per host and interval.
 * <pre>
 *  (1) 1-sample-proc ─────▶ (2) 2-one-sample-per-host ─▶ (3) 3-encode-system-stats ─▶ (4) 4-write-system-stats
 *      one per member, at     keyed by host: the first       SystemStats to JSON        Sinks.map, key = host
 *      the same instants      reading of each instant
 *                             wins (several members on
 *                             one host sample it once)
 *                             ─▶ (2a) dead letters (unreadable /proc), rate-limited ─▶ DOLPHIN_DEAD_LETTERS
 * </pre>
 * (2)'s state per host (last instant taken, dead-letter rate limit) is in every snapshot. Metrics:
 * {@value #METRIC_SAMPLES}, {@value #METRIC_FAILURES}, {@value #METRIC_DUPLICATES} (readings of a host another
 * member already gave for that instant), {@code deadLetters}.
 */
public final class HostStatsJob {

    public static final String DESCRIPTOR_ID = "host-stats";
    public static final String JOB_NAME = "dolphin-host-stats";

    public static final String METRIC_SAMPLES = "hostStatsSamples";
    public static final String METRIC_FAILURES = "hostStatsFailures";
    public static final String METRIC_DUPLICATES = "hostStatsDuplicates";

    private HostStatsJob() {
    }

    static Pipeline pipeline(HostStatsSettings settings) {
        return pipeline(settings, HostStatsSource.stream("1-sample-proc", settings));
    }

    /** @param source the readings; tests may pass their own */
    static Pipeline pipeline(HostStatsSettings settings, StreamSource<HostReading> source) {
        long letterInterval = settings.deadLetterIntervalMs();
        SystemStatsCodec codec = new SystemStatsCodec();
        Pipeline p = Pipeline.create();
        StreamStage<Outcome<SystemStats>> outcomes = p.readFrom(source)
                .withoutTimestamps()
                .groupingKey(HostReading::host)
                .flatMapStateful(HostGate::new, (HostGate gate, String host, HostReading r) ->
                        Traversers.traverseIterable(gate.apply(r, letterInterval)))
                .setName("2-one-sample-per-host");
        DeadLetters.divert(outcomes)
                .map(s -> Map.entry(s.host(), codec.encode(s)))
                .setName("3-encode-system-stats")
                .writeTo(Sinks.map(DolphinMaps.SYSTEM_STATS))
                .setName("4-write-system-stats");
        return p;
    }

    public static void main(String[] args) {
        JobSubmission.submitFromMain(DESCRIPTOR_ID, d -> pipeline(HostStatsSettings.from(d.settings())));
    }

    /** One host's gate: its last sampling instant taken and when it was last dead-lettered. */
    static final class HostGate implements Serializable {

        private static final long serialVersionUID = 1L;

        long lastBucket = Long.MIN_VALUE;
        final Map<String, long[]> letters = new HashMap<>();

        List<Outcome<SystemStats>> apply(HostReading r, long letterIntervalMs) {
            if (r.bucket() <= lastBucket) {
                Metrics.metric(METRIC_DUPLICATES).increment();
                return List.of();
            }
            lastBucket = r.bucket();
            if (r.stats() != null) {
                Metrics.metric(METRIC_SAMPLES).increment();
                return List.of(Outcome.accepted(r.stats()));
            }
            Metrics.metric(METRIC_FAILURES).increment();
            long now = System.currentTimeMillis();
            long[] gate = letters.computeIfAbsent(r.file(), f -> new long[2]);
            if (gate[0] != 0 && now - gate[0] < letterIntervalMs) {
                gate[1]++;
                return List.of();
            }
            String suppressed = gate[1] == 0 ? "" : " (" + gate[1] + " more since " + Instant.ofEpochMilli(gate[0])
                    + " were counted, not dead-lettered)";
            gate[0] = now;
            gate[1] = 0;
            return List.of(Outcome.rejected(DeadLetter.of(JOB_NAME, r.host() + " /proc/" + r.file(),
                    "host " + r.host() + ": /proc/" + r.error() + "; no sample for this interval" + suppressed,
                    r.content(), now)));
        }
    }
}
