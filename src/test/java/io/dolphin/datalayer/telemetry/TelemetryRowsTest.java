package io.dolphin.datalayer.telemetry;

import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.RowMapper;
import io.dolphin.datalayer.common.TableRow;
import io.dolphin.datalayer.common.WarmTable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The telemetry maps' values to their warm rows, column by column, the same in any default zone. */
class TelemetryRowsTest {

    private static final String STATE = ProcessCodec.encodeState(
            new ProcessInfo("dolphin_data", "exf_fetcher", "RUNNING", ProcessInfo.RUNNING, 4242, 1_776_000_000L, 0,
                    1_776_003_600L, 0, "", "pid 4242, uptime 1:00:00"), 1_776_003_600_250L, 1_776_003_600_250L, null);
    private static final String TRANSITION = ProcessCodec.encodeTransition(
            new LifecycleEvent("dolphin_data", "exf_fetcher", "EXIT", "SIGKILL", -1, 9, 4242, 1_776_003_601L));
    private static final String STATS = new SystemStatsCodec().encode(new SystemStats("node-a", 1_776_003_600_123L,
            62.5, 20.0, 42.5, 32.0, 1.5, 1.25, 1.0, "eth0", 12.5, 3.25, 10_000));

    @Test
    void when_telemetryValues_then_theirRows_inAnyZone() {
        TimeZone before = TimeZone.getDefault();
        try {
            for (String zone : List.of("UTC", "Pacific/Chatham", "America/New_York")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                assertRow(new SupervisordStateRowMapper(), DolphinMaps.PROCESSES, "dolphin_data:exf_fetcher", STATE,
                        WarmTable.SUPERVISORD_STATE, 1_776_003_600_250_000L,
                        1_776_003_600_250_000L, "exf_fetcher", "dolphin_data", "RUNNING", 4242L, 3600L, 0L,
                        ProcessCodec.SOURCE);
                assertRow(new ServiceLifecycleRowMapper(), DolphinMaps.SERVICE_LIFECYCLE,
                        "dolphin_data:exf_fetcher|EXIT|1776003601|4242", TRANSITION, WarmTable.SERVICE_LIFECYCLE,
                        1_776_003_601_000_000L,
                        1_776_003_601_000_000L, "exf_fetcher", "EXIT", "SIGKILL", -1L, 9L, 4242L);
                assertRow(new SystemStatsRowMapper(), DolphinMaps.SYSTEM_STATS, "node-a", STATS, WarmTable.SYSTEM_STATS,
                        1_776_003_600_123_000L,
                        1_776_003_600_123_000L, 20.0, 42.5, 32.0, 1.5, 1.25, 1.0, 12.5, 3.25, "eth0");
            }
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void when_staleState_then_noRow_becauseItsAnswerIsStoredAlready() {
        String stale = ProcessCodec.encodeState(new ProcessInfo("g", "p", "RUNNING", ProcessInfo.RUNNING, 1, 10, 0, 20,
                0, "", ""), 20_000, 35_000, "supervisord io-error: refused");
        RowMapper.Ordered o = new SupervisordStateRowMapper().orderedRows(event(DolphinMaps.PROCESSES, "g:p", stale),
                false);
        assertEquals(List.of(), o.rows());
        assertEquals(20_000_000L, o.valueOrder());
    }

    @Test
    void when_telemetryMaps_then_journaledAndRouted() {
        assertEquals(true, DolphinMaps.JOURNALED.containsAll(List.of(DolphinMaps.SYSTEM_STATS, DolphinMaps.PROCESSES,
                DolphinMaps.SERVICE_LIFECYCLE)));
        assertEquals("DOLPHIN_SYSTEM_STATS DOLPHIN_PROCESSES DOLPHIN_SERVICE_LIFECYCLE",
                DolphinMaps.SYSTEM_STATS + " " + DolphinMaps.PROCESSES + " " + DolphinMaps.SERVICE_LIFECYCLE);
    }

    private static void assertRow(RowMapper mapper, String map, String key, String json, WarmTable table, long order,
                                  Object... values) {
        RowMapper.Ordered o = mapper.orderedRows(event(map, key, json), false);
        assertEquals(1, o.rows().size());
        TableRow row = o.rows().get(0);
        assertEquals(table, row.table());
        assertArrayEquals(values, row.values(), row.toString());
        assertEquals(order, o.valueOrder());
    }

    private static JournalEvent event(String map, String key, String json) {
        return new JournalEvent(1L, map, 3, 7, key, json, null, true, false, 1_000L);
    }
}
