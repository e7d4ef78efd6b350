package io.dolphin.datalayer.cold;

import java.time.LocalDate;

/**
 * One warm table the cold tier exports, day by day.
 *
 * @param database  {@code dolphin} or {@code dolphin_green}
 * @param name      the table
 * @param dayColumn what decides a row's day: {@code ts} (every warm table has it, UTC); a table without {@code ts}
 *                  but with a {@code date} column uses {@code date}
 */
public record ColdTable(String database, String name, String dayColumn) {

    /** Bookkeeping, not history: the last value per key and the sink's ledgers are never exported. */
    static boolean isBookkeeping(String table) {
        return table.startsWith("_") || table.equals("hz_last_values");
    }

    public String qualified() {
        return database + "." + name;
    }

    /** {@code <database>/<table>/<YYYY-MM-DD>.parquet}, relative to the cold root. */
    public String file(LocalDate day) {
        return database + "/" + name + "/" + day + ".parquet";
    }

    public boolean hasTs() {
        return dayColumn.equals("ts");
    }
}
