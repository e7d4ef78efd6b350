package io.dolphin.datalayer.cli;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.io.Serializable;

/**
 * Runs on one member and shuts the whole cluster down gracefully (partitions migrate, then every member leaves).
 * Lives on the member classpath (target/lib holds our jar) because executor tasks are not uploaded with jobs.
 */
final class ClusterShutdownTask implements Runnable, Serializable, HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    private transient HazelcastInstance member;

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public void run() {
        // Off the executor thread: the shutdown waits for that very thread pool to stop.
        Thread t = new Thread(() -> member.getCluster().shutdown(), "dolphin-cluster-shutdown");
        t.setDaemon(false);
        t.start();
    }
}
