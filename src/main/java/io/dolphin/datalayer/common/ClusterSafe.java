package io.dolphin.datalayer.common;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Asks a member whether the cluster is safe: every partition's backups are in sync, so losing one more member loses
 * nothing. What to wait for before stopping or killing the next member. Runs on the member (it is on the member's
 * classpath with the bundle), sent through an executor service.
 */
public final class ClusterSafe implements Callable<Boolean>, HazelcastInstanceAware, Serializable {

    private static final long serialVersionUID = 1L;

    private transient HazelcastInstance member;

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public Boolean call() {
        return member.getPartitionService().isClusterSafe();
    }
}
