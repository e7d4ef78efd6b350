package io.dolphin.datalayer.acb;

/**
 * The four stress conditions of the ACB reference formula (docs/acb.md, "Formula"), each on one {@code exf_latest} factor.
 * The thresholds themselves live in {@code jobs/acb.yaml}; only the factor and the direction are fixed here.
 */
enum AcbCondition {

    /** Negative BTC funding: shorts pay longs. */
    FUNDING_BTC("funding_btc", false),
    /** Deribit implied volatility above its threshold. */
    DVOL("dvol", true),
    /** Fear &amp; Greed index in fear. */
    FEAR_GREED("fear_greed", false),
    /** More taker selling than buying. */
    TAKER("taker", false);

    private final String factor;
    private final boolean above;

    AcbCondition(String factor, boolean above) {
        this.factor = factor;
        this.above = above;
    }

    /** The {@code exf_latest} field name, also the key of the condition in {@code acb_boost.fractions}. */
    public String factor() {
        return factor;
    }

    /** Strict comparison, as in the reference: {@code dvol > 55} holds, {@code dvol = 55} does not. */
    public boolean holds(double value, double threshold) {
        return above ? value > threshold : value < threshold;
    }

    /** e.g. {@code dvol > 55.0}, for docs and log lines. */
    public String describe(double threshold) {
        return factor + (above ? " > " : " < ") + threshold;
    }
}
