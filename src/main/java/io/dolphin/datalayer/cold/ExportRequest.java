package io.dolphin.datalayer.cold;

import java.time.Duration;
import java.time.LocalDate;

/**
 * What one export run covers.
 *
 * @param day        only this UTC day (it may be the current one: its files are marked partial), or null for every
 *                   closed day the store has rows for
 * @param table      only this table ({@code obf_universe}, or {@code dolphin_green.obf_universe}), or null for all
 * @param closeGrace how long after midnight UTC a day counts as closed: the warm sink's lag must have passed
 */
public record ExportRequest(LocalDate day, String table, Duration closeGrace) {

    public static ExportRequest closedDays(Duration closeGrace) {
        return new ExportRequest(null, null, closeGrace);
    }

    boolean wants(ColdTable t) {
        return table == null || table.equals(t.name()) || table.equals(t.qualified());
    }

    boolean wantsVbtCache() {
        return table == null || table.equals(VbtCache.NAME);
    }
}
