package io.dolphin.datalayer.support;

import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.dolphin.datalayer.common.MemberConfigs;

/**
 * Real Hazelcast members in this JVM (Hazelcast's own test factory, mock network), configured from
 * {@code hz-config/hazelcast.yaml} so journals and backups are the deployed ones. Close it in {@code @AfterEach}.
 */
public final class TestCluster implements AutoCloseable {

    private final TestHazelcastFactory factory = new TestHazelcastFactory();

    /** The deployed member configuration, with a smaller partition count to keep test members light. */
    public static Config memberConfig() {
        Config config = MemberConfigs.member();
        config.setProperty("hazelcast.partition.count", "31");
        config.getJetConfig().setCooperativeThreadCount(2);
        return config;
    }

    public HazelcastInstance newMember() {
        return factory.newHazelcastInstance(memberConfig());
    }

    public HazelcastInstance newMember(Config config) {
        return factory.newHazelcastInstance(config);
    }

    public HazelcastInstance[] newMembers(int count) {
        HazelcastInstance[] members = new HazelcastInstance[count];
        for (int i = 0; i < count; i++) {
            members[i] = newMember();
        }
        return members;
    }

    /** A client of this cluster (the deployed cluster name, not Hazelcast's default 'dev'). */
    public HazelcastInstance newClient() {
        com.hazelcast.client.config.ClientConfig config = new com.hazelcast.client.config.ClientConfig();
        config.setClusterName(memberConfig().getClusterName());
        return factory.newHazelcastClient(config);
    }

    public TestHazelcastFactory factory() {
        return factory;
    }

    @Override
    public void close() {
        factory.terminateAll();
    }
}
