package io.dolphin.datalayer.exf;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code DOLPHIN_FEATURES["exf_latest"]}: the reference's thirteen factors (and any a descriptor adds), plus three
 * fields of our own, all starting with {@code _} so they never clash with a factor:
 * <ul>
 *   <li>{@code _ts} — epoch seconds when this value was published;</li>
 *   <li>{@code _age_s} — per published factor, seconds since the value was fetched (for a lagged factor: since the
 *   fetch of the sample it shows, so normally ≥ its lag);</li>
 *   <li>{@code _stale} — names of factors a consumer should not trust now: never fetched (and therefore absent),
 *   older than their endpoint's stale limit, or a lagged factor whose history is still shorter than its lag.</li>
 * </ul>
 *
 * @param factors    factor name to value, reference fields first, in the reference's order
 * @param ts         {@code _ts}, null when absent (values written by other writers)
 * @param ageSeconds {@code _age_s}
 * @param stale      {@code _stale}
 * @param extra      unknown fields, carried through unchanged
 */
record ExternalFactors(Map<String, Double> factors, Double ts, Map<String, Double> ageSeconds,
                              List<String> stale, Map<String, Object> extra) implements Serializable {

    public static final String FUNDING_BTC = "funding_btc";
    public static final String FUNDING_BTC_LAGGED = "funding_btc_lagged";
    public static final String FUNDING_ETH = "funding_eth";
    public static final String OI_BTC = "oi_btc";
    public static final String OI_ETH = "oi_eth";
    public static final String LS_BTC = "ls_btc";
    public static final String LS_ETH = "ls_eth";
    public static final String TAKER = "taker";
    public static final String TAKER_LAGGED = "taker_lagged";
    public static final String BASIS = "basis";
    public static final String IMBALANCE_BTC = "imbalance_btc";
    public static final String DVOL = "dvol";
    public static final String FEAR_GREED = "fear_greed";

    /** The reference's fields in the reference's order: a contract with the Python services and the ACB job. */
    public static final List<String> REFERENCE_FIELDS = List.of(FUNDING_BTC, FUNDING_BTC_LAGGED, FUNDING_ETH, OI_BTC,
            OI_ETH, LS_BTC, LS_ETH, TAKER, TAKER_LAGGED, BASIS, IMBALANCE_BTC, DVOL, FEAR_GREED);

    public static final String TS = "_ts";
    public static final String AGE_S = "_age_s";
    public static final String STALE = "_stale";

    public ExternalFactors {
        factors = factors == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(factors));
        ageSeconds = ageSeconds == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ageSeconds));
        stale = stale == null ? List.of() : List.copyOf(stale);
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A factor's value, or null when it is absent. */
    public Double get(String factor) {
        return factors.get(factor);
    }

    public Double fundingBtc() {
        return factors.get(FUNDING_BTC);
    }

    public Double dvol() {
        return factors.get(DVOL);
    }

    public Double fearGreed() {
        return factors.get(FEAR_GREED);
    }

    public Double taker() {
        return factors.get(TAKER);
    }

    /** The same factors without {@code _ts}, {@code _age_s} and {@code _stale}: exactly the reference's shape. */
    public ExternalFactors withoutMeta() {
        return new ExternalFactors(factors, null, Map.of(), List.of(), extra);
    }

    public boolean isStale(String factor) {
        return stale.contains(factor);
    }
}
