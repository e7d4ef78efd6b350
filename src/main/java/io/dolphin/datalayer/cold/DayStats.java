package io.dolphin.datalayer.cold;

/**
 * What one table holds for one day: its rows and the range of its {@code ts} (epoch microseconds, UTC; null when the
 * table has no {@code ts} or the day no rows).
 */
record DayStats(long rows, Long minTsMicros, Long maxTsMicros) {
}
