package io.dolphin.datalayer.cli;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.console.HazelcastCommandLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Hazelcast's own SQL console against the Dolphin cluster. It reads statements from a terminal or piped stdin.
 * Note for scripts: the console exits 0 even when a statement fails, so check its output.
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
        cluster.connect().shutdown();
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
