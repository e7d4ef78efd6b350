package io.dolphin.datalayer.cli;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.console.HazelcastCommandLine;
import com.hazelcast.core.HazelcastInstance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Hazelcast's own SQL console against the Dolphin cluster on a terminal; with stdin or stdout not a terminal
 * (a script, a pipe) {@link PlainSql}: whole values, no colour, exit 1 when a statement failed.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Open Hazelcast's SQL console on the cluster (try: SELECT * FROM v_order_books LIMIT 5;).")
final class SqlCommand implements Runnable {

    @Mixin
    ClusterOptions cluster;

    @Override
    public void run() {
        // hz-cli's console retries a missing cluster for ever: make sure one answers first (exit 3 if not), and give
        // the console's own client the same connect timeout as every other command.
        HazelcastInstance probe = cluster.connect();
        if (System.console() == null) {
            // a script or a pipe: no colour codes, no 20-character columns, and an exit code that tells
            try {
                int failed = PlainSql.run(probe, new BufferedReader(new InputStreamReader(System.in,
                        StandardCharsets.UTF_8)), System.out);
                if (failed > 0) {
                    throw new IllegalStateException(failed + " statement(s) failed");
                }
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                probe.shutdown();
            }
        }
        probe.shutdown();
        long timeoutMs = cluster.clientConfig().getConnectionStrategyConfig().getConnectionRetryConfig()
                .getClusterConnectTimeoutMillis();
        int code = new CommandLine(new HazelcastCommandLine(config -> {
            config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(timeoutMs);
            return HazelcastClient.newHazelcastClient(config);
        }, System.out, System.err)).execute("--targets", cluster.hzCliTargets(), "sql");
        if (code != 0) {
            throw new IllegalStateException("the SQL console exited " + code);
        }
    }
}
