package io.dolphin.datalayer.acb;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static io.dolphin.datalayer.acb.AcbCondition.DVOL;
import static io.dolphin.datalayer.acb.AcbCondition.FEAR_GREED;
import static io.dolphin.datalayer.acb.AcbCondition.FUNDING_BTC;
import static io.dolphin.datalayer.acb.AcbCondition.TAKER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference formula (docs/acb.md) on inputs worked out by hand; the expected numbers are written out, not computed. */
class AcbFormulaTest {

    private static final double EPS = 1e-12;
    private final AcbFormula reference = AcbFormula.reference();

    @Test
    void when_noConditionHolds_then_zeroSignalsFullBetaMaxBoost() {
        // Given a window where no sample met any condition
        double signals = reference.signals(fractions(0, 0, 0, 0));
        // Then signals 0, beta = 1 - 0 = 1.0, boost = 1 + 0.5 * (1 - 0) = 1.5
        assertEquals(0.0, signals, EPS);
        assertEquals(1.0, reference.beta(signals), EPS);
        assertEquals(1.5, reference.boost(signals), EPS);
    }

    @Test
    void when_allFourHeldThroughout_then_fourSignalsBetaClampedToFloorBoostOne() {
        double signals = reference.signals(fractions(1, 1, 1, 1));
        // beta = 1 - 0.25 * 4 = 0 -> clamped up to 0.2; boost = 1 + 0.5 * (1 - 1) = 1.0
        assertEquals(4.0, signals, EPS);
        assertEquals(0.2, reference.beta(signals), EPS);
        assertEquals(1.0, reference.boost(signals), EPS);
    }

    @Test
    void when_fractionalSignals_then_linearBetaAndBoost() {
        // 0.5 + 0.25 + 0 + 0.05 = 0.8 -> beta = 1 - 0.2 = 0.8; boost = 1 + 0.5 * (1 - 0.2) = 1.4
        double signals = reference.signals(fractions(0.5, 0.25, 0, 0.05));
        assertEquals(0.8, signals, EPS);
        assertEquals(0.8, reference.beta(signals), EPS);
        assertEquals(1.4, reference.boost(signals), EPS);
        // 1/3 + 2/3 + 1/2 + 0 = 1.5 -> beta = 1 - 0.375 = 0.625; boost = 1 + 0.5 * 0.625 = 1.3125
        double s2 = reference.signals(fractions(1.0 / 3, 2.0 / 3, 0.5, 0));
        assertEquals(1.5, s2, EPS);
        assertEquals(0.625, reference.beta(s2), EPS);
        assertEquals(1.3125, reference.boost(s2), EPS);
    }

    @Test
    void when_betaWouldFallBelowFloor_then_clampedToBetaMin() {
        // 3.5 signals: 1 - 0.875 = 0.125 < 0.2 -> 0.2; 3.2 signals: 1 - 0.8 = 0.2 exactly, at the clamp
        assertEquals(0.2, reference.beta(3.5), EPS);
        assertEquals(0.2, reference.beta(3.2), 1e-9);
        assertEquals(0.25, reference.beta(3.0), EPS);
    }

    @Test
    void when_boostWouldLeaveItsRange_then_clampedAtBothEnds() {
        // Weights of 2 let signals reach 8: boost = 1 + 0.5 * (1 - 8/4) = 0.5 -> clamped up to 1.0
        AcbFormula heavy = withWeights(2.0);
        double signals = heavy.signals(fractions(1, 1, 1, 1));
        assertEquals(8.0, signals, EPS);
        assertEquals(1.0, heavy.boost(signals), EPS);
        assertEquals(0.2, heavy.beta(signals), EPS);
        // An operator lowering boost-max to 1.4 and beta-max to 0.9: a calm window is capped at both
        AcbFormula capped = new AcbFormula("cap", reference.thresholds(), reference.weights(), 0.25, 0.2, 0.9,
                0.5, 4.0, 1.0, 1.4);
        assertEquals(1.4, capped.boost(0), EPS);
        assertEquals(0.9, capped.beta(0), EPS);
    }

    @Test
    void when_conditionsAtThreshold_then_strictComparisonDoesNotHold() {
        assertFalse(reference.holds(FUNDING_BTC, 0.0));
        assertTrue(reference.holds(FUNDING_BTC, -5.085e-05));
        assertFalse(reference.holds(DVOL, 55.0));
        assertTrue(reference.holds(DVOL, 55.01));
        assertFalse(reference.holds(FEAR_GREED, 25.0));
        assertTrue(reference.holds(FEAR_GREED, 24.9));
        assertFalse(reference.holds(TAKER, 0.9));
        assertTrue(reference.holds(TAKER, 0.5317));
    }

    @Test
    void when_windowCounts_then_evaluateUsesPerFactorShares() {
        // Given 4 samples: funding negative in 1, dvol present in only 2 (1 above 55), fear 10 in all, taker ok
        AcbWindowCounts counts = new AcbWindowCounts();
        counts.add(ExfSample.of(1_000, true, -1e-5, 60.0, 10.0, 1.0), reference);
        counts.add(ExfSample.of(2_000, true, 1e-5, 50.0, 10.0, 1.0), reference);
        counts.add(ExfSample.of(3_000, true, 1e-5, null, 10.0, 1.0), reference);
        counts.add(ExfSample.of(4_500, true, 1e-5, null, 10.0, 1.0), reference);
        counts.add(ExfSample.tick(), reference);
        // When
        AcbBoost b = reference.evaluate(counts, 0, 30_000);
        // Then funding 1/4 + dvol 1/2 + fear 4/4 + taker 0 = 1.75; beta 0.5625; boost 1 + 0.5 * 0.5625 = 1.28125
        assertEquals(4, b.samples());
        assertEquals(1.75, b.signals(), EPS);
        assertEquals(0.5625, b.beta(), EPS);
        assertEquals(1.28125, b.boost(), EPS);
        assertEquals(Map.of("funding_btc", 0.25, "dvol", 0.5, "fear_greed", 1.0, "taker", 0.0), b.fractions());
        assertEquals(0.0, b.windowStart());
        assertEquals(30.0, b.windowEnd());
        assertEquals(30.0, b.ts());
        assertEquals(4.5, b.lastSampleTs());
        assertEquals("1", b.formulaVersion());
    }

    @Test
    void when_factorNeverPresent_then_absentFromFractionsAndAddsNothing() {
        AcbWindowCounts counts = new AcbWindowCounts();
        counts.add(ExfSample.of(1_000, true, -1e-5, null, null, null), reference);
        AcbBoost b = reference.evaluate(counts, 0, 30_000);
        assertEquals(Map.of("funding_btc", 1.0), b.fractions());
        assertEquals(1.0, b.signals(), EPS);
    }

    @Test
    void when_framesCombined_then_sameAsOneAccumulator() {
        AcbWindowCounts a = new AcbWindowCounts();
        AcbWindowCounts b = new AcbWindowCounts();
        AcbWindowCounts all = new AcbWindowCounts();
        for (int i = 0; i < 20; i++) {
            ExfSample s = ExfSample.of(i * 500L, true, i % 3 == 0 ? -1.0 : 1.0, 50.0 + i, 30.0 - i, 0.8 + i * 0.01);
            (i < 7 ? a : b).add(s, reference);
            all.add(s, reference);
        }
        AcbBoost combined = reference.evaluate(a.copy().combine(b), 0, 10_000);
        assertEquals(reference.evaluate(all, 0, 10_000), combined);
        assertEquals(7, a.samples(), "copy() must not change the accumulator it copies");
    }

    @Test
    void when_parametersInvalid_then_rejectedWithName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AcbFormula("1",
                reference.thresholds(), reference.weights(), 0.25, 0.5, 0.2, 0.5, 4.0, 1.0, 1.5));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
        Map<AcbCondition, Double> negative = new EnumMap<>(reference.weights());
        negative.put(TAKER, -1.0);
        e = assertThrows(IllegalArgumentException.class, () -> new AcbFormula("1", reference.thresholds(), negative,
                0.25, 0.2, 1.0, 0.5, 4.0, 1.0, 1.5));
        assertTrue(e.getMessage().contains("taker"), e.getMessage());
    }

    private static Map<AcbCondition, Double> fractions(double funding, double dvol, double fear, double taker) {
        Map<AcbCondition, Double> f = new EnumMap<>(AcbCondition.class);
        f.put(FUNDING_BTC, funding);
        f.put(DVOL, dvol);
        f.put(FEAR_GREED, fear);
        f.put(TAKER, taker);
        return f;
    }

    private AcbFormula withWeights(double w) {
        Map<AcbCondition, Double> weights = new EnumMap<>(AcbCondition.class);
        for (AcbCondition c : AcbCondition.values()) {
            weights.put(c, w);
        }
        return new AcbFormula("heavy", reference.thresholds(), weights, 0.25, 0.2, 1.0, 0.5, 4.0, 1.0, 1.5);
    }
}
