package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.warm.store.Dialect;
import io.dolphin.datalayer.warm.store.SchemaApplier;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bin/dolphin cold export|verify}: progress and summary lines, exit codes, a bad table in one line. */
class ColdCommandTest {

    @TempDir
    Path dir;

    @Test
    void when_exportedAndVerified_then_exit0WithProgress_andAMissingTableIsExit1() throws Exception {
        WarmStoreConfig store = new WarmStoreConfig("jdbc:duckdb:" + dir.resolve("warm.duckdb"), "", "", false);
        try (Connection c = store.connect(); Statement st = c.createStatement()) {
            SchemaApplier.apply(c, Dialect.DUCKDB);
            st.execute("INSERT INTO dolphin.exf_data VALUES ('2026-11-29 10:00:00', -5.085e-05, 52.34, 45.0, 0.5317)");
        }
        String cold = dir.resolve("cold").toString();

        Run export = run("cold", "export", "--url", store.url(), "--cold-root", cold, "--scan-root", dir.resolve("none").toString());
        assertEquals(0, export.code, export.out);
        assertTrue(export.out.contains("cold: wrote dolphin/exf_data/2026-11-29.parquet: 1 rows"), export.out);
        assertTrue(export.out.contains("1 of 1 files"), export.out);
        assertTrue(export.out.contains("cold export: 1 files written (1 rows"), export.out);

        Run verify = run("cold", "verify", "--url", store.url(), "--cold-root", cold);
        assertEquals(0, verify.code, verify.out);
        assertTrue(verify.out.contains("cold verify: 1 files checked, 0 problems"), verify.out);

        Run missing = run("cold", "export", "--url", store.url(), "--cold-root", cold, "--table", "nope");
        assertEquals(1, missing.code, missing.out);
        assertTrue(missing.out.contains("  table nope not found in dolphin or dolphin_green of " + store.url() + "\n"),
                missing.out);
    }

    private record Run(int code, String out) {
    }

    private static Run run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = DolphinCli.run(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }
}
