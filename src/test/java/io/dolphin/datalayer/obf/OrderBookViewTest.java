package io.dolphin.datalayer.obf;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.sql.SqlResult;
import com.hazelcast.sql.SqlRow;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.SqlMappings;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code ts} this job adds to {@code asset_<SYMBOL>_ob} is {@code exchange_at} in {@code v_order_books}. */
class OrderBookViewTest {

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void when_valueCarriesTs_then_viewShowsItAsATimestampWithTimeZone() {
        HazelcastInstance member = cluster.newMember();
        SqlMappings.apply(member);
        member.getMap(DolphinMaps.FEATURES).put("asset_ETHUSDT_ob", "{\"best_bid\":1.0,\"best_ask\":2.0,"
                + "\"spread_bps\":3.0,\"depth_1pct_usd\":4.0,\"depth_quality\":0.5,\"fill_probability\":0.25,"
                + "\"imbalance\":0.0,\"n_bid_levels\":1,\"n_ask_levels\":1,\"ts\":1776269558412}");

        try (SqlResult result = member.getSql().execute("SELECT symbol, exchange_at, best_bid FROM v_order_books")) {
            SqlRow row = result.iterator().next();
            assertEquals("ETHUSDT", row.getObject("symbol"));
            assertEquals(java.time.Instant.ofEpochMilli(1776269558412L),
                    row.<java.time.OffsetDateTime>getObject("exchange_at").toInstant());
            assertEquals(1.0, (Double) row.getObject("best_bid"));
            assertTrue(result.getRowMetadata().findColumn("exchange_at") >= 0);
        }
    }
}
