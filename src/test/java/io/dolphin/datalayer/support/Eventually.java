package io.dolphin.datalayer.support;

import com.hazelcast.test.HazelcastTestSupport;

/** Waits for a condition instead of sleeping: Hazelcast's assertTrueEventually, with a JUnit 5 friendly name. */
public final class Eventually {

    public static final int DEFAULT_SECONDS = 60;

    private Eventually() {
    }

    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    public static void assertEventually(Check check) {
        assertEventually(DEFAULT_SECONDS, check);
    }

    public static void assertEventually(int seconds, Check check) {
        HazelcastTestSupport.assertTrueEventually(check::run, seconds);
    }
}
