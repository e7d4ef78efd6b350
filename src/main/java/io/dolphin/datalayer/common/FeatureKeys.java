package io.dolphin.datalayer.common;

import java.util.regex.Pattern;

/** Keys of {@code DOLPHIN_FEATURES}, exactly as the reference lists them. */
public final class FeatureKeys {

    public static final String LATEST_EIGEN_SCAN = "latest_eigen_scan";
    public static final String EXF_LATEST = "exf_latest";
    public static final String ACB_BOOST = "acb_boost";
    public static final String MC_FOREWARNER_LATEST = "mc_forewarner_latest";

    private static final String OB_PREFIX = "asset_";
    private static final String OB_SUFFIX = "_ob";
    /** Exchange symbols as the order-book feed sends them: upper-case letters and digits, e.g. BTCUSDT, 1000PEPEUSDT. */
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,30}");

    private FeatureKeys() {
    }

    /** {@code asset_<SYMBOL>_ob}; rejects anything that is not a plausible exchange symbol. */
    public static String orderBook(String symbol) {
        if (!isValidSymbol(symbol)) {
            throw new IllegalArgumentException("not an exchange symbol: '" + symbol + "'");
        }
        return OB_PREFIX + symbol + OB_SUFFIX;
    }

    /** Same as matching {@link #SYMBOL}, without a regex: the order-book job checks every record's key. */
    public static boolean isValidSymbol(String symbol) {
        if (symbol == null || symbol.length() < 2 || symbol.length() > 30) {
            return false;
        }
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    public static boolean isOrderBook(String key) {
        return key.startsWith(OB_PREFIX) && key.endsWith(OB_SUFFIX)
                && key.length() > OB_PREFIX.length() + OB_SUFFIX.length();
    }

    /** The symbol inside an {@code asset_<SYMBOL>_ob} key. */
    public static String symbolOfOrderBook(String key) {
        if (!isOrderBook(key)) {
            throw new IllegalArgumentException("not an order-book key: '" + key + "'");
        }
        return key.substring(OB_PREFIX.length(), key.length() - OB_SUFFIX.length());
    }
}
