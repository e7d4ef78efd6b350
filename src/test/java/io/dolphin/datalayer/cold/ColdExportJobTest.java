package io.dolphin.datalayer.cold;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import io.dolphin.datalayer.support.TestCluster;
import io.dolphin.datalayer.warm.WarmStore;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job on a real member, in the JVM that holds the DuckDB warm store open (as the warm sink's member does): at
 * start it exports yesterday, not today, and the manifest records it.
 */
class ColdExportJobTest {

    @TempDir
    Path dir;

    @Test
    void when_jobStartsInTheProcessHoldingTheStore_then_closedDaysAreExported() throws Exception {
        WarmStoreConfig config = new WarmStoreConfig("jdbc:duckdb:" + dir.resolve("warm.duckdb"), "", "", true);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate yesterday = today.minusDays(1);
        try (WarmStore sink = config.newStore(); TestCluster cluster = new TestCluster()) {
            sink.open(); // what the warm sink's writer does: the file is now held in this JVM
            try (Connection c = config.connect(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO dolphin.acb_state VALUES (TIMESTAMP '" + yesterday + " 12:00:00', 1.2, 0.9, 0.5),"
                        + " (TIMESTAMP '" + today + " 00:00:00', 1.3, 0.8, 0.25)");
            }
            HazelcastInstance member = cluster.newMember();
            Path cold = dir.resolve("cold");
            ColdExportSettings settings = new ColdExportSettings(new WarmStoreConfig(config.url(), "", "", false),
                    cold.toString(), dir.resolve("no-scans").toString(), "BTCUSDT", 0, 3_600_000);
            Job job = member.getJet().newJob(ColdExportJob.pipeline(settings), new JobConfig().setName(ColdExportJob.JOB_NAME));
            try {
                String rel = "dolphin/acb_state/" + yesterday + ".parquet";
                assertEventually(() -> assertTrue(Files.exists(cold.resolve(ColdManifest.FILE))
                        && ColdManifest.load(cold).get(rel) != null, "exported " + rel));
                assertEquals(1, ParquetFacts.of(cold.resolve(rel), true).rows());
                assertFalse(Files.exists(cold.resolve("dolphin/acb_state/" + today + ".parquet")), "today is open");
            } finally {
                job.cancel();
            }
        }
    }
}
