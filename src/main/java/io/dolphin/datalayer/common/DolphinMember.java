package io.dolphin.datalayer.common;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;

import java.util.concurrent.CountDownLatch;

/**
 * A Dolphin member in the foreground: {@code hz-config/hazelcast.yaml} plus the SQL mappings. It lives in the job
 * bundle, not in the launcher, so {@code bin/dolphin member} runs on the member classpath alone (bundle and
 * {@code target/lib}); Ctrl-C leaves the cluster gracefully (Hazelcast's own shutdown hook).
 */
public final class DolphinMember {

    private static final String USAGE = "usage: bin/dolphin member [--port PORT]  (first port to try, auto-increments;"
            + " default 5701)";

    private DolphinMember() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 5701;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = i + 1 < args.length ? parsePort(args[++i]) : exit("--port needs a value");
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> exit("unknown option " + args[i]);
            }
        }
        HazelcastInstance member = start(port);
        CountDownLatch stopped = new CountDownLatch(1);
        member.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
        System.out.println("dolphin member " + member.getCluster().getLocalMember().getAddress() + " is up in cluster '"
                + member.getConfig().getClusterName() + "' (" + member.getCluster().getMembers().size()
                + " member(s)); Ctrl-C stops it");
        stopped.await();
    }

    /** Starts a member and applies the SQL mappings. */
    public static HazelcastInstance start(int port) {
        return start(port, true);
    }

    /**
     * @param shutdownHook false when the caller shuts the member down itself at JVM exit (the demo: its feeds must
     *                     stop and its warm sink drain first, which Hazelcast's own hook would not wait for)
     */
    public static HazelcastInstance start(int port, boolean shutdownHook) {
        Config config = MemberConfigs.member();
        config.getNetworkConfig().setPort(port);
        if (!shutdownHook) {
            config.setProperty("hazelcast.shutdownhook.enabled", "false");
        }
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        SqlMappings.apply(member);
        return member;
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65_536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        return exit("--port must be a port number, got '" + value + "'");
    }

    private static int exit(String message) {
        System.err.println("dolphin member: " + message);
        System.err.println(USAGE);
        System.exit(2);
        return 0;
    }
}
