package io.dolphin.datalayer.cli;

import com.hazelcast.core.HazelcastInstance;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.SqlMappings;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bin/dolphin sql} in a script: the README's dead-letter query with whole values, no colour codes. */
class PlainSqlTest {

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void when_statementsArePiped_then_wholeValuesNoColourAndFailuresCounted() throws Exception {
        HazelcastInstance member = cluster.newMember();
        SqlMappings.apply(member);
        String reason = "endpoint funding_btc answered HTTP 503 three times; last good value kept, marked stale";
        member.getMap(DolphinMaps.DEAD_LETTERS).put("dolphin-exf-poller|funding_btc", "{\"job\":\"dolphin-exf-poller\","
                + "\"source\":\"funding_btc\",\"reason\":\"" + reason + "\",\"payload\":\"\",\"payload_truncated\":false,"
                + "\"ts_ms\":1776269558412}");
        String script = "-- the README's query\n"
                + "SELECT job, reason, count(*) FROM v_dead_letters GROUP BY job, reason;\n"
                + "SELECT nothing FROM no_such_view;\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int failed = PlainSql.run(member, new BufferedReader(new StringReader(script)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(1, failed, out);
        assertTrue(out.contains("dolphin-exf-poller | " + reason), out);
        assertTrue(out.contains("(1 row)"), out);
        assertTrue(out.contains("ERROR: ") && out.contains("no_such_view"), out);
        assertFalse(out.contains("\u001b"), "colour codes in:\n" + out);
    }
}
