package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.JobSettings;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;

import java.io.Serializable;
import java.util.List;

/**
 * The settings of {@code dolphin-warm-sink}, read from {@code jobs/warm-sink.yaml} (see that file for what each one
 * means): where the store is, when the writer writes and how it waits, and which journals it reads.
 */
public record WarmSinkSettings(WarmStoreConfig store, WriterPolicy policy, List<String> maps) implements Serializable {

    public WarmSinkSettings {
        maps = List.copyOf(maps);
    }

    public static WarmSinkSettings from(JobSettings s) {
        WarmStoreConfig store = new WarmStoreConfig(s.string("warm-jdbc-url"), s.string("warm-user"),
                s.string("warm-password"), s.bool("apply-schema"));
        WriterPolicy policy = new WriterPolicy(s.intValue("batch-max-events"), s.longValue("batch-max-delay-ms"),
                s.intValue("max-buffered-events"), s.longValue("retry-initial-ms"), s.longValue("retry-max-ms"),
                s.longValue("replay-timeout-ms"));
        List<String> maps = s.list("maps").stream().map(String::valueOf).toList();
        for (String m : maps) {
            if (!DolphinMaps.JOURNALED.contains(m)) {
                throw new IllegalArgumentException("dolphin-warm-sink: '" + m + "' is not a journaled Dolphin map; "
                        + "known: " + DolphinMaps.JOURNALED);
            }
        }
        return new WarmSinkSettings(store, policy, maps);
    }
}
