package io.dolphin.datalayer.cold;

import com.hazelcast.jet.pipeline.SourceBuilder;
import com.hazelcast.jet.pipeline.StreamSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The job's clock: one tick (the time, epoch ms) when the job starts, one when a UTC day closes (midnight plus the
 * grace), and one every check interval between them. One instance per member ({@code distributed(1)}), feeding that
 * member's exporter: which member acts is the exporter's decision.
 */
final class ExportTrigger {

    private final long checkIntervalMs;
    private final long closeGraceMs;
    private long nextAt;

    ExportTrigger(long checkIntervalMs, long closeGraceMs, long now) {
        this.checkIntervalMs = checkIntervalMs;
        this.closeGraceMs = closeGraceMs;
        this.nextAt = now;
    }

    static StreamSource<Long> source(ColdExportSettings settings) {
        long interval = settings.checkIntervalMs();
        long grace = settings.closeGraceMs();
        return SourceBuilder.stream("cold-export-trigger", ctx -> new ExportTrigger(interval, grace,
                        System.currentTimeMillis()))
                .<Long>fillBufferFn((t, buf) -> {
                    Long tick = t.tick(System.currentTimeMillis());
                    if (tick != null) {
                        buf.add(tick);
                    }
                })
                .distributed(1)
                .build();
    }

    /** The tick due at {@code now}, or null; at most one however long the caller was away. */
    Long tick(long now) {
        if (now < nextAt) {
            return null;
        }
        nextAt = Math.min(now + checkIntervalMs, nextClose(now));
        return now;
    }

    /** The next moment a UTC day closes: midnight after {@code now}'s day, plus the grace (if not already past). */
    long nextClose(long now) {
        LocalDate day = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
        long closeOfYesterday = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + closeGraceMs;
        return now < closeOfYesterday ? closeOfYesterday
                : day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + closeGraceMs;
    }
}
