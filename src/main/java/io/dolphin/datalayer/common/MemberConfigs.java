package io.dolphin.datalayer.common;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.config.Config;
import com.hazelcast.config.YamlConfigBuilder;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads {@code hz-config/hazelcast.yaml} and {@code hazelcast-client.yaml}: from {@code $DOLPHIN_HOME/hz-config},
 * else {@code ./hz-config}. Tests use the same files, so what is tested is what is deployed. Clients honour
 * {@code DOLPHIN_CLUSTER} (member addresses); members and clients honour {@code DOLPHIN_CLUSTER_NAME}.
 */
public final class MemberConfigs {

    private MemberConfigs() {
    }

    public static Path hzConfigDir(Map<String, String> env) {
        String home = env.get("DOLPHIN_HOME");
        Path dir = home != null ? Path.of(home, "hz-config") : Path.of("hz-config");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no hz-config folder at " + dir.toAbsolutePath()
                    + ": run from the project folder or set DOLPHIN_HOME");
        }
        return dir;
    }

    public static Config member() {
        return member(DolphinEnvironment.current());
    }

    public static Config member(Map<String, String> env) {
        Path file = hzConfigDir(env).resolve("hazelcast.yaml");
        try {
            Config config = new YamlConfigBuilder(file.toString()).build();
            String clusterName = env.get("DOLPHIN_CLUSTER_NAME");
            if (clusterName != null && !clusterName.isBlank()) {
                config.setClusterName(clusterName);
            }
            return config;
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("member configuration not found: " + file, e);
        }
    }

    public static ClientConfig client(Map<String, String> env) {
        Path file = hzConfigDir(env).resolve("hazelcast-client.yaml");
        try {
            ClientConfig config = new YamlClientConfigBuilder(file.toString()).build();
            String clusterName = env.get("DOLPHIN_CLUSTER_NAME");
            if (clusterName != null && !clusterName.isBlank()) {
                config.setClusterName(clusterName);
            }
            String cluster = env.get("DOLPHIN_CLUSTER");
            if (cluster != null && !cluster.isBlank()) {
                config.getNetworkConfig().getAddresses().clear();
                for (String address : cluster.split(",")) {
                    config.getNetworkConfig().addAddress(address.trim());
                }
            }
            return config;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("client configuration not found: " + file, e);
        }
    }
}
