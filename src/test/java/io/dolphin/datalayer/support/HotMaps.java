package io.dolphin.datalayer.support;

import com.hazelcast.core.HazelcastInstance;
import io.dolphin.datalayer.common.DolphinMaps;

import java.util.HashMap;
import java.util.Map;

/** Every journaled Dolphin map's entries, to compare a cluster's hot state before and after a restart. */
public final class HotMaps {

    private HotMaps() {
    }

    public static Map<String, Map<String, String>> contents(HazelcastInstance hz) {
        Map<String, Map<String, String>> all = new HashMap<>();
        for (String map : DolphinMaps.JOURNALED) {
            all.put(map, new HashMap<>(hz.<String, String>getMap(map)));
        }
        return all;
    }

    public static long size(Map<String, Map<String, String>> contents) {
        return contents.values().stream().mapToLong(Map::size).sum();
    }
}
