package io.dolphin.datalayer.acb;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code DOLPHIN_FEATURES["acb_boost"]}. The reference fields are {@code boost}, {@code beta} and {@code signals};
 * the rest describe the window the value was computed from, so a reader sees how fresh and how well-founded it is.
 * Those extra fields are optional because values written by the old Python service (and the reference example)
 * carry only the three reference fields.
 *
 * @param samples        exf samples in the window
 * @param windowStart    window start, epoch seconds (inclusive)
 * @param windowEnd      window end, epoch seconds (exclusive): the event time this value is valid as of
 * @param lastSampleTs   event time of the newest sample in the window, epoch seconds: its age is the age of
 *                       the newest factor behind this value
 * @param fractions      per condition (keyed by factor name), the fraction of the window's samples where it held;
 *                       a factor no sample carried is absent
 * @param formulaVersion {@code formula-version} of {@code jobs/acb.yaml}
 * @param ts             when the value is valid, epoch seconds; equal to {@code windowEnd}, so the same window
 *                       always yields byte-identical JSON and its {@code acb_state} row has the window's time
 */
public record AcbBoost(double boost, double beta, double signals, Long samples, Double windowStart,
                       Double windowEnd, Double lastSampleTs, Map<String, Double> fractions, String formulaVersion,
                       Double ts, Map<String, Object> extra) implements Serializable {

    public AcbBoost {
        fractions = fractions == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fractions));
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }
}
