package io.dolphin.datalayer.common;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The regex-free symbol check accepts exactly what {@code [A-Z0-9]{2,30}} accepts. */
class FeatureKeysSymbolTest {

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,30}");

    @Test
    void when_anyCandidate_then_sameVerdictAsTheRegex() {
        List<String> candidates = List.of("BTCUSDT", "1000PEPEUSDT", "AB", "A", "", "btcusdt", "BTC-USDT", "BTC USDT",
                "BTCUSDT\n", "ÄBC", "A".repeat(30), "A".repeat(31), "12", "BTC_USDT", "BTCUSDT/", "@BTC", "Z9");
        for (String c : candidates) {
            assertEquals(SYMBOL.matcher(c).matches(), FeatureKeys.isValidSymbol(c), "'" + c + "'");
        }
        assertEquals(false, FeatureKeys.isValidSymbol(null));
    }
}
