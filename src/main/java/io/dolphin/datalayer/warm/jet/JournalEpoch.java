package io.dolphin.datalayer.warm.jet;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import java.security.SecureRandom;

/**
 * The journal epoch: a random number drawn by the first warm-sink reader of a cluster and kept in
 * {@value #MAP} (with the map's backup, so it outlives a member). Journal sequences restart at 0 when a whole
 * cluster restarts; the epoch restarts with them, so {@code (epoch, map, partition, seq)} never names two events.
 * A job restart or the loss of a member keeps both the journals and the epoch.
 */
final class JournalEpoch {

    /** Not a Dolphin data map: bookkeeping of the warm sink, never journaled or warm-stored. */
    public static final String MAP = "DOLPHIN_WARM_SINK_STATE";
    static final String KEY = "journal-epoch";

    private static final SecureRandom RANDOM = new SecureRandom();

    private JournalEpoch() {
    }

    public static long of(HazelcastInstance hz) {
        IMap<String, Long> map = hz.getMap(MAP);
        Long existing = map.get(KEY);
        if (existing != null) {
            return existing;
        }
        long candidate = RANDOM.nextLong() & Long.MAX_VALUE;
        Long winner = map.putIfAbsent(KEY, candidate);
        return winner != null ? winner : candidate;
    }
}
