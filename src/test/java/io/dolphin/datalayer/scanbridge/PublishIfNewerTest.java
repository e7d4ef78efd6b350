package io.dolphin.datalayer.scanbridge;

import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.FeatureKeys;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.dolphin.datalayer.scanbridge.PublishIfNewer.Publication.ALREADY_PUBLISHED;
import static io.dolphin.datalayer.scanbridge.PublishIfNewer.Publication.PUBLISHED;
import static io.dolphin.datalayer.scanbridge.PublishIfNewer.Publication.STALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishIfNewerTest {

    private static final String KEY = FeatureKeys.LATEST_EIGEN_SCAN;

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void when_higherEqualLowerOrUnreadable_then_onlyHigherOrUnreadableReplaced() {
        HazelcastInstance member = cluster.newMember();
        // TestCluster.newClient() uses the default cluster name ("dev") and cannot join "dolphin".
        ClientConfig clientConfig = new ClientConfig().setClusterName(member.getConfig().getClusterName());
        IMap<String, String> map = cluster.factory().newHazelcastClient(clientConfig).getMap(DolphinMaps.FEATURES);

        assertEquals(PUBLISHED, publish(map, 10));
        assertEquals(PUBLISHED, publish(map, 12));
        assertEquals(ALREADY_PUBLISHED, publish(map, 12));
        assertEquals(STALE, publish(map, 11));
        assertEquals(12, PublishIfNewer.scanNumberOf(map.get(KEY)));

        map.set(KEY, "not json at all");
        assertEquals(PUBLISHED, publish(map, 3));
        assertEquals(3, PublishIfNewer.scanNumberOf(map.get(KEY)));
    }

    @Test
    void when_manyWritersRaceInRandomOrder_then_keyEndsAtTheHighestAndNeverWentBack() throws Exception {
        HazelcastInstance[] members = cluster.newMembers(2);
        IMap<String, String> map = members[0].getMap(DolphinMaps.FEATURES);
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        map.addEntryListener((com.hazelcast.map.listener.EntryUpdatedListener<String, String>) e ->
                seen.add(PublishIfNewer.scanNumberOf(e.getValue())), KEY, true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            List<Long> numbers = new ArrayList<>();
            for (long n = 1; n <= 300; n++) {
                numbers.add(n);
            }
            Collections.shuffle(numbers, new java.util.Random(w));
            IMap<String, String> m = members[w % 2].getMap(DolphinMaps.FEATURES);
            writers.add(CompletableFuture.runAsync(() -> numbers.forEach(n -> publish(m, n)), pool));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        pool.shutdown();

        assertEquals(300, PublishIfNewer.scanNumberOf(map.get(KEY)));
        io.dolphin.datalayer.support.Eventually.assertEventually(() ->
                assertEquals(300L, seen.isEmpty() ? -1L : seen.get(seen.size() - 1)));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1), "went back at update " + i + ": " + seen);
        }
    }

    @Test
    void when_storedValueScanNumber_then_readWithoutParsingTheRest() {
        assertEquals(7, PublishIfNewer.scanNumberOf("{\"scan_number\": 7, \"result\": {\"x\": [1, 2]}}"));
        assertEquals(7, PublishIfNewer.scanNumberOf("{\"result\": {\"scan_number\": 99}, \"scan_number\": 7.0}"));
        assertEquals(PublishIfNewer.NONE, PublishIfNewer.scanNumberOf("{\"scan_number\": 7.5}"));
        assertEquals(PublishIfNewer.NONE, PublishIfNewer.scanNumberOf("{\"scan_number\": \"7\"}"));
        assertEquals(PublishIfNewer.NONE, PublishIfNewer.scanNumberOf("[7]"));
        assertEquals(PublishIfNewer.NONE, PublishIfNewer.scanNumberOf(null));
        assertEquals(PublishIfNewer.NONE, PublishIfNewer.scanNumberOf("{\"scan_number\": "));
    }

    private static PublishIfNewer.Publication publish(IMap<String, String> map, long scanNumber) {
        String json = "{\"scan_number\": " + scanNumber + ", \"timestamp\": 1776269558.4}";
        long previous = map.executeOnKey(KEY, new PublishIfNewer(scanNumber, json));
        return PublishIfNewer.publication(scanNumber, previous);
    }
}
