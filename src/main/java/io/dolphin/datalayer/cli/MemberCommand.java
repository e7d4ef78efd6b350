package io.dolphin.datalayer.cli;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.dolphin.datalayer.config.MemberConfigs;
import io.dolphin.datalayer.hot.SqlMappings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.CountDownLatch;

/** Starts one Dolphin member in the foreground from {@code hz-config/hazelcast.yaml}; Ctrl-C shuts it down gracefully. */
@Command(name = "member", mixinStandardHelpOptions = true,
        description = "Start a Dolphin member in the foreground (hz-config/hazelcast.yaml).")
final class MemberCommand implements Runnable {

    @Option(names = "--port", description = "First port to try (auto-increments when taken; default ${DEFAULT-VALUE}).",
            defaultValue = "5701")
    int port;

    @Override
    public void run() {
        HazelcastInstance member = start(port);
        CountDownLatch stopped = new CountDownLatch(1);
        member.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
        System.out.println("dolphin member " + member.getCluster().getLocalMember().getAddress()
                + " is up in cluster '" + member.getConfig().getClusterName() + "' (" + member.getCluster().getMembers().size()
                + " member(s)); Ctrl-C stops it");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a member and applies the SQL mappings; the demo uses this too. */
    static HazelcastInstance start(int port) {
        Config config = MemberConfigs.member();
        config.getNetworkConfig().setPort(port);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        SqlMappings.apply(member);
        return member;
    }
}
