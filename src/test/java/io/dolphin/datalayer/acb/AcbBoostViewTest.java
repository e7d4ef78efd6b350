package io.dolphin.datalayer.acb;

import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import io.dolphin.datalayer.common.SqlMappings;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.sql.SqlResult;
import com.hazelcast.sql.SqlRow;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The columns dolphin-acb adds to v_acb_boost. */
class AcbBoostViewTest {

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void when_jobValue_then_windowColumnsTypedAndAsOfIsTheWindowEnd() {
        HazelcastInstance member = cluster.newMember();
        SqlMappings.apply(member);
        member.getMap(DolphinMaps.FEATURES).set(FeatureKeys.ACB_BOOST, "{\"boost\":1.4,\"beta\":0.8,\"signals\":0.8,"
                + "\"samples\":540,\"window_start\":1776269250.0,\"window_end\":1776269550.0,"
                + "\"last_sample_ts\":1776269430.5,\"fractions\":{\"funding_btc\":0.5,\"dvol\":0.3},"
                + "\"formula_version\":\"1\",\"ts\":1776269550.0}");
        try (SqlResult r = member.getSql().execute("SELECT * FROM v_acb_boost")) {
            SqlRow row = r.iterator().next();
            assertEquals(1.4, (Double) row.getObject("boost"));
            assertEquals(540L, (Long) row.getObject("samples"));
            assertEquals(Instant.ofEpochMilli(1776269250000L), row.<OffsetDateTime>getObject("window_start_at").toInstant());
            assertEquals(Instant.ofEpochMilli(1776269550000L), row.<OffsetDateTime>getObject("window_end_at").toInstant());
            assertEquals(Instant.ofEpochMilli(1776269430500L), row.<OffsetDateTime>getObject("last_sample_at").toInstant());
            assertEquals("1", row.getObject("formula_version"));
            assertEquals(1776269550.0, (Double) row.getObject("ts_s"));
            OffsetDateTime asOf = row.getObject("as_of");
            assertEquals(OffsetDateTime.of(2026, 4, 15, 16, 12, 30, 0, ZoneOffset.UTC).toInstant(), asOf.toInstant());
            assertTrue(((String) row.getObject("fractions")).contains("\"funding_btc\":0.5"));
        }
    }
}
