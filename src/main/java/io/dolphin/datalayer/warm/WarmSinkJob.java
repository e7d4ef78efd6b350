package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.warm.jet.MapJournalSource;
import io.dolphin.datalayer.warm.jet.WarmSinks;
import io.dolphin.datalayer.common.JobSubmission;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.StreamStage;
import io.dolphin.datalayer.common.DeadLetters;

/**
 * dolphin-warm-sink: every Dolphin map's event journal into the warm store (embedded DuckDB by default,
 * ClickHouse in production), every event exactly once in effect.
 *
 * <pre>
 *  (1) dolphin-journals ──rebalance by map/partition──▶ (2) map-rows ──▶ (4) warm-store  (one writer)
 *      journal events with                              rows per table       batch + hz_last_values + _ingest_runs
 *      (epoch, map, partition, seq)                     │                    in one transaction (DuckDB) or
 *      offsets in Jet snapshots                         └─rejected─▶ (3) dead-letters   a token protocol (ClickHouse)
 * </pre>
 *
 * Delivery is at-least-once from the journals (snapshots hold the offsets; the sink snapshot completes only once
 * everything before it is stored) and idempotent in the store (the {@code _ingest_runs} ledger turns replays into no-ops):
 * docs/warm-sink.md has the state machine, the ClickHouse design and the outage arithmetic.
 */
public final class WarmSinkJob {

    public static final String DESCRIPTOR_ID = "warm-sink";
    public static final String JOB_NAME = "dolphin-warm-sink";

    private WarmSinkJob() {
    }

    public static Pipeline pipeline(WarmSinkSettings settings) {
        // One partition's events keep their order only if they all take the same path to the single writer: each
        // partition has one reader, and with order preserved the reader's events stay on its own mapping processor
        // (no hop to another member: the readers read the partitions their member owns).
        Pipeline p = Pipeline.create().setPreserveOrder(true);
        StreamStage<JournalEvent> journals = p.readFrom(MapJournalSource.of(settings.maps()))
                .withoutTimestamps()
                .setName("1-journals");
        StreamStage<MappedEvent> mapped = journals.map(WarmEventMapper::map)
                .setName("2-map-rows");
        DeadLetters.write(mapped.filter(MappedEvent::isRejected)
                .setName("3-rejected")
                .map(m -> WarmEventMapper.deadLetter(JOB_NAME, m))
                .setName("3-to-dead-letter"), "3-dead-letters");
        mapped.writeTo(WarmSinks.warmStore(JOB_NAME, settings.store(), settings.policy()));
        return p;
    }

    public static void main(String[] args) {
        JobSubmission.submitFromMain(DESCRIPTOR_ID, d -> pipeline(WarmSinkSettings.from(d.settings())));
    }
}
