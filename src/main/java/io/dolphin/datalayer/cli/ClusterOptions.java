package io.dolphin.datalayer.cli;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.dolphin.datalayer.common.MemberConfigs;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code --cluster} option every client command shares, and the client it makes. */
final class ClusterOptions {

    @Option(names = "--cluster", paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Members to connect to (default: DOLPHIN_CLUSTER, else hz-config/hazelcast-client.yaml).")
    String cluster;

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(io.dolphin.datalayer.common.DolphinEnvironment.current());
        if (cluster != null) {
            env.put("DOLPHIN_CLUSTER", cluster);
        }
        return env;
    }

    ClientConfig clientConfig() {
        return MemberConfigs.client(env());
    }

    /** hz-cli's {@code --targets} form: {@code cluster@host:port,host:port}. */
    String hzCliTargets() {
        ClientConfig config = clientConfig();
        List<String> addresses = config.getNetworkConfig().getAddresses();
        return config.getClusterName() + "@" + String.join(",", addresses);
    }

    HazelcastInstance connect() {
        ClientConfig config = clientConfig();
        try {
            return HazelcastClient.newHazelcastClient(config);
        } catch (IllegalStateException e) {
            throw new NoClusterException("no member of cluster '" + config.getClusterName() + "' answered at "
                    + config.getNetworkConfig().getAddresses(), e);
        }
    }
}
