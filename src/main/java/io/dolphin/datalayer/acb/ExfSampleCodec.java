package io.dolphin.datalayer.acb;

import io.dolphin.datalayer.common.JsonCodec;
import io.dolphin.datalayer.common.JsonFields;
import io.dolphin.datalayer.common.JsonObjectWriter;
import io.dolphin.datalayer.common.MalformedJsonException;


/**
 * Reads the ACB's view of an {@code exf_latest} value: the four stress factors and the event time. Every other
 * field of {@code exf_latest} belongs to the exf poller and is ignored here, so this codec never rewrites
 * {@code exf_latest}; {@link #encode} exists for tests and synthetic feeds.
 * <p>
 * Event time: the field named by {@code event-time-field} in {@code jobs/acb.yaml} (default {@code _ts}), epoch
 * seconds as a number. When the value has no such field the caller's fallback time is used (the job passes the
 * time it read the update from the journal) and the sample says so ({@link ExfSample#writerStamped()}).
 * <p>
 * Not {@code exf.ExternalFactorsCodec}: the ACB reads a configurable event-time field that must be epoch seconds,
 * and refuses a value with none of its four factors, which {@code exf_latest} allows.
 */
final class ExfSampleCodec implements JsonCodec<ExfSample> {

    private static final long serialVersionUID = 1L;
    /** 2001-09-09 and 5138-11-16 in epoch seconds: anything outside is not epoch seconds (milliseconds, say). */
    private static final double MIN_EPOCH_SECONDS = 1e9;
    private static final double MAX_EPOCH_SECONDS = 1e11;

    private final String eventTimeField;

    public ExfSampleCodec(String eventTimeField) {
        if (eventTimeField == null || eventTimeField.isBlank()) {
            throw new IllegalArgumentException("event-time field name must not be blank");
        }
        this.eventTimeField = eventTimeField;
    }

    public String eventTimeField() {
        return eventTimeField;
    }

    @Override
    public ExfSample decode(String json) {
        return decode(json, System.currentTimeMillis());
    }

    /** @param fallbackMillis event time to use when the value carries none */
    public ExfSample decode(String json, long fallbackMillis) {
        JsonFields f = JsonFields.parse("exf_latest", json);
        Double funding = f.optDouble(AcbCondition.FUNDING_BTC.factor());
        Double dvol = f.optDouble(AcbCondition.DVOL.factor());
        Double fearGreed = f.optDouble(AcbCondition.FEAR_GREED.factor());
        Double taker = f.optDouble(AcbCondition.TAKER.factor());
        if (funding == null && dvol == null && fearGreed == null && taker == null) {
            throw new MalformedJsonException("exf_latest: none of the ACB factors funding_btc, dvol, fear_greed, "
                    + "taker is present");
        }
        Double seconds = f.optDouble(eventTimeField);
        if (seconds == null) {
            return ExfSample.of(fallbackMillis, false, funding, dvol, fearGreed, taker);
        }
        if (seconds < MIN_EPOCH_SECONDS || seconds >= MAX_EPOCH_SECONDS) {
            throw new MalformedJsonException("exf_latest: field '" + eventTimeField + "' must be epoch seconds, got "
                    + seconds + (seconds >= MAX_EPOCH_SECONDS ? " (milliseconds?)" : ""));
        }
        return ExfSample.of(Math.round(seconds * 1000), true, funding, dvol, fearGreed, taker);
    }

    @Override
    public String encode(ExfSample s) {
        JsonObjectWriter w = new JsonObjectWriter()
                .put(AcbCondition.FUNDING_BTC.factor(), s.fundingBtc())
                .put(AcbCondition.DVOL.factor(), s.dvol())
                .put(AcbCondition.FEAR_GREED.factor(), s.fearGreed())
                .put(AcbCondition.TAKER.factor(), s.taker());
        if (s.writerStamped()) {
            w.put(eventTimeField, s.tsMillis() / 1000.0);
        }
        return w.toJson();
    }
}
