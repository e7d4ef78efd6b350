package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.warm.store.Dialect;
import io.dolphin.datalayer.warm.store.SchemaApplier;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.util.concurrent.Callable;

/** {@code bin/dolphin schema apply}: creates the warm-store tables and views; safe to run again at any time. */
@Command(name = "schema", description = "Warm-store schema (sql/duckdb, sql/clickhouse).",
        subcommands = SchemaCommand.Apply.class, mixinStandardHelpOptions = true)
public final class SchemaCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("usage: schema apply [--target duckdb|clickhouse] [--url jdbc:...]");
    }

    @Command(name = "apply", description = "Create the tables and views of dolphin and dolphin_green (idempotent).",
            mixinStandardHelpOptions = true)
    static final class Apply implements Callable<Integer> {

        // the default on a line of its own: picocli breaks a word longer than what is left of a line, mid-path
        @Option(names = "--url", paramLabel = "JDBC_URL", description = {"JDBC URL of the warm store; default"
                + " $DOLPHIN_WARM_JDBC_URL, else", WarmStoreConfig.DEFAULT_URL})
        String url;

        @Option(names = "--target", description = "duckdb or clickhouse; default: from the URL")
        String target;

        @Override
        public Integer call() throws Exception {
            String resolved = url != null ? url : envOr("DOLPHIN_WARM_JDBC_URL", WarmStoreConfig.DEFAULT_URL);
            WarmStoreConfig config = new WarmStoreConfig(resolved, envOr("DOLPHIN_WARM_USER", ""),
                    envOr("DOLPHIN_WARM_PASSWORD", ""), true);
            Dialect dialect = target != null ? Dialect.byName(target) : config.dialect();
            if (dialect != config.dialect()) {
                System.err.println("--target " + target + " does not match the URL " + resolved);
                return 2;
            }
            try (Connection c = config.connect()) {
                int n = SchemaApplier.apply(c, dialect);
                System.out.println("applied " + n + " " + dialect.folder() + " schema statements to " + resolved);
            }
            return 0;
        }

        private static String envOr(String name, String fallback) {
            String v = io.dolphin.datalayer.common.DolphinEnvironment.current().get(name);
            return v == null || v.isBlank() ? fallback : v;
        }
    }
}
