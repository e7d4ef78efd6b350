package io.dolphin.datalayer.warm.store;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.TableRow;
import io.dolphin.datalayer.common.WarmTable;
import io.dolphin.datalayer.warm.Batch;
import io.dolphin.datalayer.warm.WarmStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The JVM's default time zone never changes a stored value: a member in Tokyo (UTC+9) or New York writes the
 * same instants as one in UTC, into both stores. Reads back the stored time as epoch microseconds and its UTC text.
 */
class StoredTimeZoneTest {

    /** 07:00 UTC: in Tokyo it is 16:00 the same day; a zone slip shows as a 9-hour shift (or a day back). */
    private static final Instant TS = Instant.parse("2026-04-15T07:00:00.123456Z");

    @TempDir
    Path dir;
    private TimeZone original;

    @BeforeEach
    void notUtc() {
        original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
    }

    @AfterEach
    void restore() {
        TimeZone.setDefault(original);
    }

    @Test
    void when_jvmInTokyo_then_clickHouseStoresTheInstant() throws Exception {
        try (ClickHouseTarget clickHouse = ClickHouseTarget.start(dir.resolve("clickhouse"))) {
            clickHouse.resetSchema();
            WarmStoreConfig config = clickHouse.config(false);
            writeOneRowOfEachPrecision(config.newStore());
            assertStored(config, "toUnixTimestamp64Micro(ts)", "toString(ts)");
        }
    }

    @Test
    void when_jvmInTokyo_then_duckDbStoresTheInstant() throws Exception {
        WarmStoreConfig config = new WarmStoreConfig("jdbc:duckdb:" + dir.resolve("w.duckdb"), "", "", true);
        writeOneRowOfEachPrecision(config.newStore());
        assertStored(config, "epoch_us(ts)", "strftime(ts, '%Y-%m-%d %H:%M:%S.%f')");
    }

    private static void writeOneRowOfEachPrecision(WarmStore store) throws Exception {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, TS);
        JournalEvent e = new JournalEvent(1L, "DOLPHIN_FEATURES", 0, 0, "acb_boost", "{}", null, false, false, 0L);
        Batch batch = new Batch();
        // acb_state.ts is DateTime64(6); obf_universe.ts is DateTime64(3)
        batch.add(e, List.of(new TableRow(WarmTable.ACB_STATE, false, new Object[]{micros, 1.2, 0.8, 0.5}),
                new TableRow(WarmTable.OBF_UNIVERSE, false, new Object[]{micros, "BTCUSDT", 1.0, 2.0, 0.9, 0.9, 0.1,
                    84_500.0, 84_501.0, 5L, 5L})), new Batch.LastValue("{}", micros, 1L, 0, null));
        try (store) {
            store.open();
            store.write(batch);
        }
    }

    private static void assertStored(WarmStoreConfig config, String epochMicros, String utcText) throws Exception {
        try (Connection c = config.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT " + epochMicros + ", " + utcText + " FROM dolphin.acb_state")) {
                rs.next();
                assertEquals(ChronoUnit.MICROS.between(Instant.EPOCH, TS), rs.getLong(1), "acb_state.ts as epoch µs");
                assertEquals("2026-04-15 07:00:00.123456", rs.getString(2), "acb_state.ts in UTC");
            }
            try (ResultSet rs = st.executeQuery("SELECT " + epochMicros + " FROM dolphin.obf_universe")) {
                rs.next();
                assertEquals(ChronoUnit.MICROS.between(Instant.EPOCH, TS.truncatedTo(ChronoUnit.MILLIS)),
                        rs.getLong(1), "obf_universe.ts as epoch µs");
            }
        }
    }
}
