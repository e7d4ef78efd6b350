package io.dolphin.datalayer.warm;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.server.PacketFilter;
import com.hazelcast.internal.nio.Packet;
import com.hazelcast.cluster.Address;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.impl.JobRepository;
import com.hazelcast.map.IMap;
import com.hazelcast.internal.partition.operation.PartitionBackupReplicaAntiEntropyOperation;
import com.hazelcast.map.impl.operation.MapOperation;
import com.hazelcast.internal.partition.operation.PartitionReplicaSyncResponse;
import com.hazelcast.spi.impl.operationservice.impl.operations.Backup;
import com.hazelcast.test.Accessors;
import com.hazelcast.test.PacketFiltersUtil;
import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.obf.EntryList;
import io.dolphin.datalayer.warm.store.WarmDb;
import io.dolphin.datalayer.support.TestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.dolphin.datalayer.support.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member dies with journal events its backup never received: Hazelcast writes the owner's journal before it sends
 * the backup, and {@code IMap.putAll} (obf-ingest's write) does not wait for backup acks, so the warm sink can read
 * and commit events the backup does not have yet. The backup is promoted with a journal that ends <em>before</em> what
 * the sink committed, and the next writes to that partition get sequence numbers the sink has already seen. They must
 * still reach the warm store, whether the restarted sink's offset lies past the promoted journal's end (Hazelcast
 * moves such a read back to the end) or, once enough was written, inside it at a different event.
 *
 * <p>Deterministic: the owner's {@code DOLPHIN_FEATURES} backups of one partition are dropped (mock network packet
 * filter, with the anti-entropy that would repair them later) for a run of updates; the test waits until the sink has
 * stored them from the owner's journal, then terminates the owner.
 */
class WarmSinkPromotedJournalTest {

    private static final long BASE_MS = 1_776_269_558_000L;

    @TempDir
    Path dir;

    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void when_promotedJournalEndsBeforeTheSinkOffset_then_theUpdatesAtReusedSequencesReachTheWarmStore() {
        // Given: the sink stored books 0..19 of a key whose owner never backed up 10..19, and snapshotted after them
        Given given = sinkReadEventsTheBackupNeverGot();
        given.awaitSnapshotAfterTheLostBackups();

        // When: the owner dies; the promoted journal holds 10 events of the partition, the sink committed 20, so the
        // next ten writes get sequences 10..19 again
        given.owner.getLifecycleService().terminate();
        writeBooks(given.survivor, given.key, given.symbol, 20, 30);

        // Then
        given.assertBooksStored(30);
    }

    @Test
    void when_promotedJournalHasPassedTheSinkOffsetBeforeTheSinkRestarts_then_noUpdateIsSkipped() {
        // Given: as above, and the sink is suspended (a terminal snapshot: next offset 20, its event book 19)
        Given given = sinkReadEventsTheBackupNeverGot();
        given.sink.suspend();
        assertEventually(() -> assertEquals(JobStatus.SUSPENDED, given.sink.getStatus()));

        // When: the owner dies and twenty books (sequences 10..29 of the promoted journal) are written before the
        // sink resumes, so its restored offset 20 is inside the journal, at another event than the one it read there
        given.owner.getLifecycleService().terminate();
        writeBooks(given.survivor, given.key, given.symbol, 20, 40);
        given.sink.resume();

        // Then
        given.assertBooksStored(40);
    }

    /**
     * Two members (the survivor holds every backup), the sink running; books 0..9 of a key the other member owns are
     * stored normally, books 10..19 reach the owner's journal and the sink but never the backup.
     */
    private Given sinkReadEventsTheBackupNeverGot() {
        Config config = TestCluster.memberConfig();
        // a dropped backup makes the owner wait for its ack: keep that wait short
        config.setProperty("hazelcast.operation.backup.timeout.millis", "300");
        HazelcastInstance owner = cluster.newMember(config);
        HazelcastInstance survivor = cluster.newMember(config);
        WarmDb db = new WarmDb(dir.resolve("warm.duckdb"));
        Job sink = WarmSinkJobTest.submit(survivor, db);
        String symbol = symbolOwnedBy(owner);
        String key = "asset_" + symbol + "_ob";
        writeBooks(survivor, key, symbol, 0, 10);
        assertEventually(60, () -> assertEquals(10, rows(db, symbol)));
        AtomicInteger dropped = dropBackupsOf(owner, owner.getPartitionService().getPartition(key).getPartitionId());
        writeBooks(survivor, key, symbol, 10, 20);
        assertTrue(dropped.get() > 0, "no backup was dropped");
        assertEventually(60, () -> assertEquals(20, rows(db, symbol)));
        return new Given(owner, survivor, db, sink, symbol, key);
    }

    private record Given(HazelcastInstance owner, HazelcastInstance survivor, WarmDb db, Job sink, String symbol,
                         String key) {

        /** Two Jet snapshots after the books 10..19 were stored: the restored offset is past the promoted journal. */
        void awaitSnapshotAfterTheLostBackups() {
            JobRepository jobs = new JobRepository(survivor);
            long before = jobs.getJobExecutionRecord(sink.getId()).snapshotId();
            assertEventually(() -> assertTrue(jobs.getJobExecutionRecord(sink.getId()).snapshotId() >= before + 2));
        }

        /** Once the restarted sink stores again (a probe key of the survivor's), every book of the key is there. */
        void assertBooksStored(int books) {
            String probe = "PROBEUSDT";
            writeBooks(survivor, "asset_" + probe + "_ob", probe, 0, 1);
            assertEventually(60, () -> assertEquals(1, rows(db, probe), "the restarted sink stores nothing"));
            assertEventually(15, () -> assertEquals(books, rows(db, symbol), "books of " + symbol + " in"
                    + " obf_universe (after the restart: duplicates skipped " + WarmSinkJobTest.metric(sink,
                    SinkCounters.DUPLICATES_SKIPPED) + ", journal lost " + WarmSinkJobTest.metric(sink,
                    SinkCounters.JOURNAL_LOST) + ")"));
            assertEquals(books, db.scalar("SELECT count(DISTINCT ts) FROM dolphin.obf_universe WHERE symbol = '"
                    + symbol + "'"));
        }
    }

    /** The first test symbol whose book key lives in a partition {@code member} owns. */
    private static String symbolOwnedBy(HazelcastInstance member) {
        Member local = member.getCluster().getLocalMember();
        for (int i = 0; ; i++) {
            String symbol = "SYM" + i + "USDT";
            if (local.equals(member.getPartitionService().getPartition("asset_" + symbol + "_ob").getOwner())) {
                return symbol;
            }
        }
    }

    /** Books {@code [from, to)} of one key in one putAll, as obf-ingest writes them (each update a journal event). */
    private static void writeBooks(HazelcastInstance via, String key, String symbol, int from, int to) {
        IMap<String, String> features = via.getMap(DolphinMaps.FEATURES);
        List<Map.Entry<String, String>> books = new ArrayList<>();
        for (int step = from; step < to; step++) {
            books.add(Map.entry(key, "{\"symbol\": \"" + symbol + "\", \"ts\": " + (BASE_MS + step * 50L)
                    + ", \"best_bid\": " + (100.0 + step) + ", \"best_ask\": " + (100.5 + step) + "}"));
        }
        features.putAll(new EntryList<>(books));
    }

    private static long rows(WarmDb db, String symbol) {
        return db.scalar("SELECT count(*) FROM dolphin.obf_universe WHERE symbol = '" + symbol + "'");
    }

    /**
     * From now on, {@code member} never brings its backup of {@code DOLPHIN_FEATURES} in {@code partition} up to
     * date: those backup operations are dropped, and so are the partition's anti-entropy checks and replica syncs that
     * would otherwise copy it (journal included) to the backup later. Returns the count of dropped backups.
     */
    private static AtomicInteger dropBackupsOf(HazelcastInstance member, int partition) {
        InternalSerializationService serialization = Accessors.getNode(member).getSerializationService();
        AtomicInteger dropped = new AtomicInteger();
        PacketFiltersUtil.setCustomFilter(member, (Packet packet, Address endpoint) -> {
            if (packet.getPacketType() != Packet.Type.OPERATION || packet.getPartitionId() != partition) {
                return PacketFilter.Action.ALLOW;
            }
            Object op;
            try {
                op = serialization.toObject(packet);
            } catch (RuntimeException e) {
                return PacketFilter.Action.ALLOW;
            }
            if (op instanceof Backup b && b.getBackupOp() instanceof MapOperation m
                    && DolphinMaps.FEATURES.equals(m.getName())) {
                dropped.incrementAndGet();
                return PacketFilter.Action.DROP;
            }
            if (op instanceof PartitionBackupReplicaAntiEntropyOperation || op instanceof PartitionReplicaSyncResponse) {
                return PacketFilter.Action.DROP;
            }
            return PacketFilter.Action.ALLOW;
        });
        return dropped;
    }
}
