package io.dolphin.datalayer.common;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** {@code DOLPHIN_PNL_*} are keyed by the ISO date string, e.g. {@code "2026-04-15"}. */
final class PnlKeys {

    private PnlKeys() {
    }

    public static String of(LocalDate date) {
        return date.toString();
    }

    public static LocalDate parse(String key) {
        try {
            return LocalDate.parse(key);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("PnL key is not an ISO date (yyyy-MM-dd): '" + key + "'", e);
        }
    }
}
