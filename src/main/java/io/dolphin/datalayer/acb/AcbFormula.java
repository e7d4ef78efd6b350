package io.dolphin.datalayer.acb;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ACB reference formula (docs/acb.md, "Formula"), pure and with every constant a parameter from {@code jobs/acb.yaml}:
 * <pre>
 *   signals = sum over conditions c of  weight(c) * fraction(c)          (0..4 with the reference weights of 1)
 *   beta    = clamp(1 - betaPerSignal * signals,              betaMin,  betaMax)     reference 0.25, 0.2, 1.0
 *   boost   = clamp(1 + boostWeight * (1 - signals / scale),  boostMin, boostMax)    reference 0.5, 4, 1.0, 1.5
 * </pre>
 * where {@code fraction(c)} is the share of the window's samples in which condition {@code c} held
 * ({@code funding_btc < 0}, {@code dvol > 55}, {@code fear_greed < 25}, {@code taker < 0.9}).
 *
 * @param version a label written into every {@code acb_boost}; change it whenever a parameter changes, so a
 *                reader can tell values of different formulas apart
 */
record AcbFormula(String version, Map<AcbCondition, Double> thresholds, Map<AcbCondition, Double> weights,
                         double betaPerSignal, double betaMin, double betaMax,
                         double boostWeight, double boostSignalScale, double boostMin, double boostMax)
        implements Serializable {

    public AcbFormula {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("ACB formula version must not be blank");
        }
        thresholds = complete("threshold", thresholds, false);
        weights = complete("weight", weights, true);
        requireRange("beta", betaMin, betaMax);
        requireRange("boost", boostMin, boostMax);
        if (!(boostSignalScale > 0) || !Double.isFinite(boostSignalScale)) {
            throw new IllegalArgumentException("ACB boost signal scale must be > 0, got " + boostSignalScale);
        }
        if (!Double.isFinite(betaPerSignal) || !Double.isFinite(boostWeight)) {
            throw new IllegalArgumentException("ACB beta-per-signal and boost-weight must be finite");
        }
    }

    /** The reference formula exactly (docs/acb.md, "Formula"). */
    public static AcbFormula reference() {
        Map<AcbCondition, Double> thresholds = new EnumMap<>(AcbCondition.class);
        thresholds.put(AcbCondition.FUNDING_BTC, 0.0);
        thresholds.put(AcbCondition.DVOL, 55.0);
        thresholds.put(AcbCondition.FEAR_GREED, 25.0);
        thresholds.put(AcbCondition.TAKER, 0.9);
        Map<AcbCondition, Double> weights = new EnumMap<>(AcbCondition.class);
        for (AcbCondition c : AcbCondition.values()) {
            weights.put(c, 1.0);
        }
        return new AcbFormula("1", thresholds, weights, 0.25, 0.2, 1.0, 0.5, 4.0, 1.0, 1.5);
    }

    public boolean holds(AcbCondition condition, double value) {
        return condition.holds(value, thresholds.get(condition));
    }

    /** Weighted sum of the fractions; a condition without a fraction (no sample carried its factor) adds 0. */
    public double signals(Map<AcbCondition, Double> fractions) {
        double s = 0;
        for (Map.Entry<AcbCondition, Double> e : fractions.entrySet()) {
            s += weights.get(e.getKey()) * e.getValue();
        }
        return s;
    }

    public double beta(double signals) {
        return clamp(1 - betaPerSignal * signals, betaMin, betaMax);
    }

    public double boost(double signals) {
        return clamp(1 + boostWeight * (1 - signals / boostSignalScale), boostMin, boostMax);
    }

    /** The {@code acb_boost} value of one window, valid as of its end. */
    public AcbBoost evaluate(AcbWindowCounts counts, long windowStartMillis, long windowEndMillis) {
        Map<AcbCondition, Double> fractions = counts.fractions();
        double signals = signals(fractions);
        Map<String, Double> named = new LinkedHashMap<>();
        fractions.forEach((c, f) -> named.put(c.factor(), f));
        Double lastSample = counts.samples() == 0 ? null : counts.lastTsMillis() / 1000.0;
        double end = windowEndMillis / 1000.0;
        return new AcbBoost(boost(signals), beta(signals), signals, counts.samples(), windowStartMillis / 1000.0,
                end, lastSample, named, version, end, Map.of());
    }

    static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    private static Map<AcbCondition, Double> complete(String what, Map<AcbCondition, Double> given,
                                                      boolean nonNegative) {
        Map<AcbCondition, Double> m = new EnumMap<>(AcbCondition.class);
        for (AcbCondition c : AcbCondition.values()) {
            Double v = given == null ? null : given.get(c);
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("ACB " + what + " for " + c.factor() + " must be a finite number, got "
                        + v);
            }
            if (nonNegative && v < 0) {
                throw new IllegalArgumentException("ACB " + what + " for " + c.factor() + " must be >= 0, got " + v);
            }
            m.put(c, v);
        }
        return Collections.unmodifiableMap(m);
    }

    private static void requireRange(String what, double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("ACB " + what + " clamp must satisfy min <= max, got [" + min + ", "
                    + max + "]");
        }
    }
}
