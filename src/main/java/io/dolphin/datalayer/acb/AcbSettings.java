package io.dolphin.datalayer.acb;

import com.hazelcast.jet.pipeline.JournalInitialPosition;
import io.dolphin.datalayer.common.JobSettings;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of {@code dolphin-acb}, read from {@code jobs/acb.yaml} (see that file and docs/acb.md for what
 * each one means).
 */
public record AcbSettings(long windowSizeMillis, long windowSlideMillis, long allowedLagMillis,
                          long partitionIdleTimeoutMillis, long heartbeatIntervalMillis, String eventTimeField,
                          long maxFutureSkewMillis, JournalInitialPosition journalStart, long minSamples,
                          AcbFormula formula) implements Serializable {

    public AcbSettings {
        positive("window-size-ms", windowSizeMillis);
        positive("window-slide-ms", windowSlideMillis);
        if (windowSizeMillis % windowSlideMillis != 0) {
            throw new IllegalArgumentException("dolphin-acb: window-size-ms (" + windowSizeMillis
                    + ") must be a whole multiple of window-slide-ms (" + windowSlideMillis + ")");
        }
        notNegative("allowed-lag-ms", allowedLagMillis);
        positive("partition-idle-timeout-ms", partitionIdleTimeoutMillis);
        positive("heartbeat-interval-ms", heartbeatIntervalMillis);
        notNegative("max-future-skew-ms", maxFutureSkewMillis);
        positive("min-samples", minSamples);
        if (eventTimeField == null || eventTimeField.isBlank()) {
            throw new IllegalArgumentException("dolphin-acb: event-time-field must not be blank");
        }
    }

    /** The descriptor's defaults: the reference formula with a 5-minute window emitted every 30 s. */
    public static AcbSettings defaults() {
        return new AcbSettings(300_000, 30_000, 500, 250, 100, "_ts", 60_000,
                JournalInitialPosition.START_FROM_OLDEST, 1, AcbFormula.reference());
    }

    public static AcbSettings from(JobSettings s) {
        Map<AcbCondition, Double> thresholds = new EnumMap<>(AcbCondition.class);
        thresholds.put(AcbCondition.FUNDING_BTC, s.doubleValue("funding-btc-below"));
        thresholds.put(AcbCondition.DVOL, s.doubleValue("dvol-above"));
        thresholds.put(AcbCondition.FEAR_GREED, s.doubleValue("fear-greed-below"));
        thresholds.put(AcbCondition.TAKER, s.doubleValue("taker-below"));
        Map<AcbCondition, Double> weights = new EnumMap<>(AcbCondition.class);
        weights.put(AcbCondition.FUNDING_BTC, s.doubleValue("weight-funding-btc"));
        weights.put(AcbCondition.DVOL, s.doubleValue("weight-dvol"));
        weights.put(AcbCondition.FEAR_GREED, s.doubleValue("weight-fear-greed"));
        weights.put(AcbCondition.TAKER, s.doubleValue("weight-taker"));
        AcbFormula formula = new AcbFormula(s.string("formula-version"), thresholds, weights,
                s.doubleValue("beta-per-signal"), s.doubleValue("beta-min"), s.doubleValue("beta-max"),
                s.doubleValue("boost-weight"), s.doubleValue("boost-signal-scale"),
                s.doubleValue("boost-min"), s.doubleValue("boost-max"));
        return new AcbSettings(s.longValue("window-size-ms"), s.longValue("window-slide-ms"),
                s.longValue("allowed-lag-ms"), s.longValue("partition-idle-timeout-ms"),
                s.longValue("heartbeat-interval-ms"), s.string("event-time-field"), s.longValue("max-future-skew-ms"),
                journalStart(s.string("journal-start")), s.longValue("min-samples"), formula);
    }

    public AcbSettings withJournalStart(JournalInitialPosition start) {
        return new AcbSettings(windowSizeMillis, windowSlideMillis, allowedLagMillis, partitionIdleTimeoutMillis,
                heartbeatIntervalMillis, eventTimeField, maxFutureSkewMillis, start, minSamples, formula);
    }

    public AcbSettings withPartitionIdleTimeout(long millis) {
        return new AcbSettings(windowSizeMillis, windowSlideMillis, allowedLagMillis, millis,
                heartbeatIntervalMillis, eventTimeField, maxFutureSkewMillis, journalStart, minSamples, formula);
    }

    static JournalInitialPosition journalStart(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "oldest" -> JournalInitialPosition.START_FROM_OLDEST;
            case "current" -> JournalInitialPosition.START_FROM_CURRENT;
            default -> throw new IllegalArgumentException("dolphin-acb: journal-start must be 'oldest' or 'current', "
                    + "got '" + value + "' (environment variable DOLPHIN_ACB_JOURNAL_START)");
        };
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException("dolphin-acb: " + name + " must be > 0, got " + v);
        }
    }

    private static void notNegative(String name, long v) {
        if (v < 0) {
            throw new IllegalArgumentException("dolphin-acb: " + name + " must be >= 0, got " + v);
        }
    }
}
