package io.dolphin.datalayer.warm.store;

import io.dolphin.datalayer.bench.ChdbProcess;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Where the ClickHouse tests run: a real server when {@code DOLPHIN_CLICKHOUSE_URL} is set (with
 * {@code DOLPHIN_CLICKHOUSE_USER}/{@code DOLPHIN_CLICKHOUSE_PASSWORD}; the tests then write into its {@code dolphin}
 * and {@code dolphin_green} databases), otherwise the chDB engine behind {@link ChdbProcess} in a fresh data folder.
 * Without either the tests are skipped — unless {@code DOLPHIN_REQUIRE_CLICKHOUSE=1} (CI sets it), when a missing
 * engine fails them: a suite that silently skips its production store proves nothing.
 */
public final class ClickHouseTarget implements AutoCloseable {

    private final ChdbProcess engine;
    private final String url;
    private final String user;
    private final String password;

    private ClickHouseTarget(ChdbProcess engine, String url, String user, String password) {
        this.engine = engine;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** A ClickHouse to test against; {@code dataDir} holds the engine's database when it is chDB. */
    public static ClickHouseTarget start(Path dataDir) throws IOException {
        String real = System.getenv("DOLPHIN_CLICKHOUSE_URL");
        if (real != null && !real.isBlank()) {
            return new ClickHouseTarget(null, real, System.getenv().getOrDefault("DOLPHIN_CLICKHOUSE_USER", "default"),
                    System.getenv().getOrDefault("DOLPHIN_CLICKHOUSE_PASSWORD", ""));
        }
        if (ChdbProcess.engine().isEmpty()) {
            if ("1".equals(System.getenv("DOLPHIN_REQUIRE_CLICKHOUSE"))) {
                throw new IllegalStateException("DOLPHIN_REQUIRE_CLICKHOUSE=1 but no ClickHouse engine: run "
                        + ".ci/fetch-chdb (or set DOLPHIN_CHDB_LIB), or set DOLPHIN_CLICKHOUSE_URL");
            }
            Assumptions.abort("no ClickHouse to test against: run .ci/fetch-chdb or set DOLPHIN_CLICKHOUSE_URL");
        }
        // as production's server profile should be: only inserts that ask for deduplication (ours, with a token) get
        // it. The engine is 26.x, where deduplicate_insert overrides insert_deduplicate unless told to follow it as 24.x
        ChdbProcess engine = ChdbProcess.start(dataDir, Map.of("insert_deduplicate", "0",
                "deduplicate_insert", "backward_compatible_choice"));
        return new ClickHouseTarget(engine, engine.jdbcUrl(), engine.user(), engine.password());
    }

    public boolean isEmbeddedEngine() {
        return engine != null;
    }

    /** The engine process, for outage tests; only when {@link #isEmbeddedEngine()}. */
    public ChdbProcess engine() {
        if (engine == null) {
            throw new IllegalStateException("a real server is not ours to stop");
        }
        return engine;
    }

    public WarmStoreConfig config(boolean applySchema) {
        return new WarmStoreConfig(url, user, password, applySchema);
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Drops and re-creates both databases with the project's schema: every test starts from an empty store. */
    public void resetSchema() throws SQLException {
        try (Connection c = config(false).connect(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS dolphin");
            st.execute("DROP DATABASE IF EXISTS dolphin_green");
            SchemaApplier.apply(c, Dialect.CLICKHOUSE);
        }
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
