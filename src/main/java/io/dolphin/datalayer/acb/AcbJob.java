package io.dolphin.datalayer.acb;

import io.dolphin.datalayer.common.JobSubmission;
import com.hazelcast.core.EntryEventType;
import com.hazelcast.function.SupplierEx;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.datamodel.WindowResult;
import com.hazelcast.jet.pipeline.JournalInitialPosition;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.ServiceFactories;
import com.hazelcast.jet.pipeline.Sources;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.jet.pipeline.StreamStage;
import com.hazelcast.jet.pipeline.WindowDefinition;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;
import com.hazelcast.map.EventJournalMapEvent;
import io.dolphin.datalayer.common.MalformedJsonException;
import io.dolphin.datalayer.common.DeadLetters;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.common.DeadLetter;
import io.dolphin.datalayer.common.Outcome;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * {@code dolphin-acb}: the adaptive circuit breaker as a Jet windowed aggregation over {@code exf_latest}.
 * <pre>
 *  (1) exf-journal ─────────▶ (2) parse-exf ──rejected──▶ DOLPHIN_DEAD_LETTERS (+ deadLetters metric)
 *      DOLPHIN_FEATURES          │
 *      journal, key exf_latest,  samples
 *      event time = _ts          ▼
 *                             (4) acb-window ──▶ (5) skip-thin-windows ──▶ (6) acb-formula ──▶ (7) acb-boost-sink
 *  (3) heartbeat ──ticks────▶     sliding           fewer than              boost, beta,         IMap.set of the
 *      wall clock, only           5 min / 30 s      min-samples: the        signals, window,     whole value, newer
 *      moves time on              per-condition     previous value          samples, version     windows only
 *                                 counts            stays and ages
 * </pre>
 * <b>Event time.</b> Each sample is timed by the writer's stamp (the {@code event-time-field}, default
 * {@code _ts}, epoch seconds), or by the time the job read it when the value has none. A window
 * {@code [s, e)} closes when the watermark passes {@code e}: normally when a sample stamped at or after
 * {@code e + allowed-lag-ms} has been read. exf_latest has one writer, so its journal is in order and the lag
 * only has to cover how long an update may take from its stamp to the journal.
 * <p>
 * <b>Gaps.</b> When exf_latest falls silent the journal's watermark stops, and without help the windows of the
 * gap would only close when factors return. After {@code partition-idle-timeout-ms} of silence the journal
 * source is marked idle and the heartbeat's watermark (clock minus the allowed lag) takes over, so windows keep
 * closing on time with the samples they have ({@code samples} in the value says how many). A window with no
 * sample at all is not written: the previous {@code acb_boost} stays, and its {@code ts}/{@code window_end} shows
 * its age ({@code age_s} in the {@code v_acb_boost} view).
 * <p>
 * <b>After a downtime.</b> Between (5) and (6), skip-unobserved-history drops a window that closed before the job
 * started unless it holds a sample from its last slide: see {@link #observedOrRecent}.
 * <p>
 * <b>One writer, no lock.</b> See {@link AcbBoostSink}: the old CP FencedLock is not needed (the CP Subsystem is
 * Enterprise-only since 5.5); this job is the single writer and replaces the whole value in one {@code IMap.set}.
 */
public final class AcbJob {

    public static final String DESCRIPTOR_ID = "acb";
    public static final String JOB_NAME = "dolphin-acb";
    /** Samples timed by the job's read time because the value had no event-time field. */
    public static final String METRIC_INGESTION_TIME = "exfIngestionTimeFallbacks";
    /** Windows not written because they had fewer than min-samples samples (none, by default). */
    public static final String METRIC_THIN_WINDOWS = "acbWindowsBelowMinSamples";
    /** History windows not written: closed before the job started, without a sample in their last slide. */
    public static final String METRIC_UNOBSERVED_WINDOWS = "acbHistoryWindowsWithoutRecentSample";

    private static final ILogger LOG = Logger.getLogger(AcbJob.class);
    private static final String DEAD_LETTER_SOURCE = DolphinMaps.FEATURES + "[" + FeatureKeys.EXF_LATEST + "]";
    private static volatile boolean fallbackLogged;

    private AcbJob() {
    }

    public static Pipeline pipeline(AcbSettings settings) {
        return pipeline(settings, exfJournal(settings.journalStart()), System::currentTimeMillis);
    }

    /**
     * @param exfValues     exf_latest values in write order (production: {@link #exfJournal})
     * @param heartbeatClock epoch ms the heartbeat ticks by (production: the wall clock)
     */
    public static Pipeline pipeline(AcbSettings settings, StreamSource<String> exfValues,
                                    SupplierEx<Long> heartbeatClock) {
        AcbFormula formula = settings.formula();
        long minSamples = settings.minSamples();
        Pipeline p = Pipeline.create();
        StreamStage<String> values = p
                .readFrom(exfValues.setPartitionIdleTimeout(settings.partitionIdleTimeoutMillis()))
                .withTimestamps(json -> eventTimeMillis(json, settings, System.currentTimeMillis()),
                        settings.allowedLagMillis())
                .setName("exf-journal");
        StreamStage<ExfSample> samples = DeadLetters.divert(
                values.map(json -> parseAndCount(json, settings)).setName("parse-exf"));
        StreamStage<ExfSample> ticks = p
                .readFrom(HeartbeatSource.create("heartbeat", settings.heartbeatIntervalMillis(), heartbeatClock))
                .withNativeTimestamps(settings.allowedLagMillis())
                .map(tick -> ExfSample.tick())
                .setName("heartbeat-tick");
        samples.merge(ticks).setName("samples-and-heartbeats")
               .window(WindowDefinition.sliding(settings.windowSizeMillis(), settings.windowSlideMillis()))
               .aggregate(AcbAggregation.counts(formula)).setName("acb-window")
               // One processor from here on: windows leave the window stage in order and must reach the map so.
               .filter(w -> hasEnoughSamples(w, minSamples)).setName("skip-thin-windows").setLocalParallelism(1)
               .filterUsingService(ServiceFactories.nonSharedService(ctx -> heartbeatClock.get()),
                       (startedAt, w) -> observedOrRecent(w, startedAt, settings))
               .setName("skip-unobserved-history").setLocalParallelism(1)
               .map(w -> formula.evaluate(w.result(), w.start(), w.end())).setName("acb-formula")
               .setLocalParallelism(1)
               .writeTo(AcbBoostSink.newerWindowsOnly(DolphinMaps.FEATURES, FeatureKeys.ACB_BOOST,
                       settings.maxFutureSkewMillis()));
        return p;
    }

    /**
     * New values of {@code DOLPHIN_FEATURES["exf_latest"]} from the map's event journal. The key filter runs on the
     * member that owns the partition, so the ~1,100 order-book updates per second never reach the job.
     */
    public static StreamSource<String> exfJournal(JournalInitialPosition start) {
        return Sources.<String, String, String>mapJournal(DolphinMaps.FEATURES, start,
                EventJournalMapEvent::getNewValue, AcbJob::isExfWrite);
    }

    public static void main(String[] args) {
        JobSubmission.submitFromMain(DESCRIPTOR_ID, d -> pipeline(AcbSettings.from(d.settings())));
    }

    static boolean isExfWrite(EventJournalMapEvent<String, String> e) {
        return FeatureKeys.EXF_LATEST.equals(e.getKey())
                && (e.getType() == EntryEventType.ADDED || e.getType() == EntryEventType.UPDATED);
    }

    /**
     * The event time the source assigns. A value that will be dead-lettered gets {@link Long#MIN_VALUE}: it must
     * still flow to the parse stage, but must not move the watermark.
     */
    static long eventTimeMillis(String json, AcbSettings settings, long nowMillis) {
        Outcome<ExfSample> o = parse(json, settings, nowMillis);
        return o.isAccepted() ? o.value().tsMillis() : Long.MIN_VALUE;
    }

    /** One exf_latest value to a sample, or to a dead letter with the reason. */
    static Outcome<ExfSample> parse(String json, AcbSettings settings, long nowMillis) {
        try {
            ExfSample sample = new ExfSampleCodec(settings.eventTimeField()).decode(json, nowMillis);
            long ahead = sample.tsMillis() - nowMillis;
            if (ahead > settings.maxFutureSkewMillis()) {
                return rejected(json, "exf_latest: event time " + Instant.ofEpochMilli(sample.tsMillis()) + " is "
                        + ahead + " ms ahead of this member's clock (max-future-skew-ms "
                        + settings.maxFutureSkewMillis() + ")", nowMillis);
            }
            return Outcome.accepted(sample);
        } catch (MalformedJsonException e) {
            return rejected(json, e.getMessage(), nowMillis);
        }
    }

    private static Outcome<ExfSample> parseAndCount(String json, AcbSettings settings) {
        Outcome<ExfSample> o = parse(json, settings, System.currentTimeMillis());
        if (o.isAccepted() && !o.value().writerStamped()) {
            Metrics.metric(METRIC_INGESTION_TIME).increment();
            if (!fallbackLogged) {
                fallbackLogged = true;
                LOG.warning("exf_latest has no '" + settings.eventTimeField() + "' field: timing samples by the "
                        + "time they were read (set event-time-field in jobs/acb.yaml if the writer uses another name)");
            }
        }
        return o;
    }

    /**
     * A window that closed before this execution started (its end plus the allowed lag is behind the clock at start)
     * is history the job rebuilds from the journal. It is written only if it holds a sample from its own last slide:
     * after a downtime the journal holds at most the one sample hz-warmup restored, and the windows of the downtime
     * would otherwise each be written from that one old sample, though nothing was measured then. A window that closes
     * while the job runs is written as before, however old its newest sample (a gap in the factors shows as fewer
     * samples).
     */
    static boolean observedOrRecent(WindowResult<AcbWindowCounts> w, long startedAtMillis, AcbSettings settings) {
        boolean history = w.end() + settings.allowedLagMillis() < startedAtMillis;
        if (!history || w.result().lastTsMillis() >= w.end() - settings.windowSlideMillis()) {
            return true;
        }
        Metrics.metric(METRIC_UNOBSERVED_WINDOWS).increment();
        return false;
    }

    private static boolean hasEnoughSamples(WindowResult<AcbWindowCounts> w, long minSamples) {
        if (w.result().samples() >= minSamples) {
            return true;
        }
        Metrics.metric(METRIC_THIN_WINDOWS).increment();
        return false;
    }

    /** The payload's digest identifies it, so a replayed bad value overwrites its own dead letter. */
    private static Outcome<ExfSample> rejected(String json, String reason, long nowMillis) {
        String source = DEAD_LETTER_SOURCE + "#" + digest(json);
        return Outcome.rejected(DeadLetter.of(JOB_NAME, source, reason, json, nowMillis));
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
