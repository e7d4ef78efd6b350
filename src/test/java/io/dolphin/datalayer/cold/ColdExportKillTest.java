package io.dolphin.datalayer.cold;

import io.dolphin.datalayer.warm.store.Dialect;
import io.dolphin.datalayer.warm.store.SchemaApplier;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An export killed for real: {@code bin/dolphin cold export} in a JVM of its own, SIGKILLed while DuckDB writes a
 * day's file. Nothing is left under the final name, and the next run removes the temporary file, writes the day whole
 * and verifies.
 */
class ColdExportKillTest {

    private static final int ROWS = 2_000_000;

    @TempDir
    Path dir;

    @Test
    void when_exportKilledMidFile_then_noPartialFileAndTheNextRunResumes() throws Exception {
        Path warm = dir.resolve("warm.duckdb");
        WarmStoreConfig store = new WarmStoreConfig("jdbc:duckdb:" + warm, "", "", false);
        try (Connection c = store.connect(); Statement st = c.createStatement()) {
            SchemaApplier.apply(c, Dialect.DUCKDB);
            st.execute("INSERT INTO dolphin.obf_universe SELECT TIMESTAMP '2026-11-29' + INTERVAL (i // 542 * 40) MILLISECOND,"
                    + " 'S' || (i % 542) || 'USDT', 1.0 + i % 97, 50000.0 + i, 0.85, 0.95, 0.03, 100.0 + i % 89,"
                    + " 100.5 + i % 89, 5, 5 FROM range(" + ROWS + ") t(i)");
        }
        Path cold = dir.resolve("cold");
        Path target = cold.resolve("dolphin/obf_universe/2026-11-29.parquet");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.dolphin.datalayer.cli.DolphinCli", "cold", "export",
                "--url", store.url(), "--cold-root", cold.toString(), "--table", "obf_universe", "--day", "2026-11-29")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ColdExportDuckDbTest.leftovers(cold).isEmpty()) {
                assertTrue(child.isAlive(), "the export ended before it could be killed:\n"
                        + Files.readString(dir.resolve("child.log")));
                assertTrue(System.nanoTime() < deadline, "no temporary file within 60 s");
                Thread.onSpinWait();
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block in the child
            child.waitFor(30, TimeUnit.SECONDS);
        }

        List<Path> left = ColdExportDuckDbTest.leftovers(cold);
        assertEquals(1, left.size(), "the killed writer's temporary file: " + left);
        assertFalse(Files.exists(target), "nothing under the final name");
        assertFalse(Files.exists(cold.resolve(ColdManifest.FILE)) && ColdManifest.load(cold).get(
                "dolphin/obf_universe/2026-11-29.parquet") != null, "the manifest names no such file");

        List<String> log = new ArrayList<>();
        ExportReport resumed = ColdSources.export(store, cold, null, "BTCUSDT", new ExportRequest(null, "obf_universe",
                ColdExportDuckDbTest.GRACE), log::add);
        assertTrue(resumed.ok(), resumed.errors().toString());
        assertEquals(1, resumed.leftoversRemoved());
        assertEquals(List.of("dolphin/obf_universe/2026-11-29.parquet"), resumed.written());
        assertEquals(ROWS, ParquetFacts.of(target, true).rows());
        assertEquals(List.of(), ColdExportDuckDbTest.leftovers(cold));
        assertTrue(ColdSources.verify(store, cold, log::add).ok(), log.toString());
    }
}
