package io.dolphin.datalayer.telemetry;

import com.hazelcast.core.HazelcastInstance;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.support.TestCluster;
import io.dolphin.datalayer.warm.WarmSinkJobTest;
import io.dolphin.datalayer.warm.store.ClickHouseTarget;
import io.dolphin.datalayer.warm.store.WarmDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Both telemetry jobs, a real supervisord and the real /proc, through the warm sink into ClickHouse (the test engine,
 * or {@code DOLPHIN_CLICKHOUSE_URL}): the reference's {@code v_process_health} and {@code v_system_stats_1h} show
 * live data, as written by the jobs.
 */
class TelemetryClickHouseTest {

    @TempDir
    Path dir;

    private final TestCluster cluster = new TestCluster();
    private ClickHouseTarget clickHouse;
    private Supervisord supervisord;

    @AfterEach
    void stop() {
        cluster.close();
        if (supervisord != null) {
            supervisord.close();
        }
        if (clickHouse != null) {
            clickHouse.close();
        }
    }

    @Test
    void when_bothJobsRun_then_theReferenceViewsShowLiveData() throws Exception {
        assumeTrue(Supervisord.installed(), "supervisord is not installed (Debian package 'supervisor')");
        // Given
        clickHouse = ClickHouseTarget.start(dir.resolve("clickhouse"));
        clickHouse.resetSchema();
        WarmDb db = new WarmDb(clickHouse.config(false));
        supervisord = Supervisord.start(dir.resolve("supervisord"));
        HazelcastInstance member = cluster.newMember();
        WarmSinkJobTest.submit(member, db);

        // When
        member.getJet().newJob(SupervisorWatchJob.pipeline(SupervisorWatchJobTest.settings(supervisord.url(), 2_000,
                60_000)), SupervisorWatchJobTest.jobConfig());
        member.getJet().newJob(HostStatsJob.pipeline(new HostStatsSettings(500, "", "/proc", 60_000)),
                HostStatsJobTest.jobConfig(HostStatsJob.JOB_NAME));
        long alpha = supervisord.pid("alpha");
        // the watcher must have seen alpha running to see it stop
        assertEventually(() -> assertEquals(3, member.getMap(DolphinMaps.SERVICE_LIFECYCLE).size()));
        supervisord.stop("alpha");

        // Then
        String health = "SELECT process_name, state || ' ' || toString(pid) FROM dolphin.v_process_health "
                + "WHERE group_name = '" + Supervisord.GROUP + "'";
        assertEventually(() -> assertEquals(Map.of("alpha", "STOPPED 0", "bravo", "RUNNING " + supervisord.pid("bravo"),
                "charlie", "RUNNING " + supervisord.pid("charlie")), db.strings(health)));
        assertEventually(() -> assertEquals(1, db.scalar("SELECT count() FROM dolphin.service_lifecycle "
                + "WHERE service = 'alpha' AND event = 'EXIT' AND reason = 'SIGTERM' AND pid = " + alpha)));
        assertEventually(() -> assertTrue(db.scalar("SELECT count() FROM dolphin.v_system_stats_1h") >= 1));
        assertTrue(db.scalar("SELECT count() FROM dolphin.v_system_stats_1h WHERE mem_pct_avg > 0 AND load_avg >= 0") >= 1);
    }
}
