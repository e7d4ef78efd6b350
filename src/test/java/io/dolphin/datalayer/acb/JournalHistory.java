package io.dolphin.datalayer.acb;

import com.hazelcast.core.EntryEventType;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.function.FunctionEx;
import com.hazelcast.function.PredicateEx;
import com.hazelcast.internal.journal.EventJournalInitialSubscriberState;
import com.hazelcast.internal.journal.EventJournalReader;
import com.hazelcast.map.EventJournalMapEvent;
import com.hazelcast.ringbuffer.ReadResultSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Every value written to one key, in order, read from the map's event journal: what the warm sink will see. Unlike
 * an entry listener it survives a member's death (the journal has backups) and misses nothing.
 */
final class JournalHistory {

    private JournalHistory() {
    }

    @SuppressWarnings("unchecked")
    static List<String> values(HazelcastInstance hz, String mapName, String key) throws Exception {
        EventJournalReader<EventJournalMapEvent<String, String>> reader =
                (EventJournalReader<EventJournalMapEvent<String, String>>) (Object) hz.getMap(mapName);
        int partition = hz.getPartitionService().getPartition(key).getPartitionId();
        EventJournalInitialSubscriberState state = reader.subscribeToEventJournal(partition)
                .toCompletableFuture().get();
        PredicateEx<EventJournalMapEvent<String, String>> writesOfKey = e -> key.equals(e.getKey())
                && (e.getType() == EntryEventType.ADDED || e.getType() == EntryEventType.UPDATED);
        FunctionEx<EventJournalMapEvent<String, String>, String> newValue = EventJournalMapEvent::getNewValue;
        List<String> out = new ArrayList<>();
        long seq = state.getOldestSequence();
        while (true) {
            ReadResultSet<String> batch = reader.readFromEventJournal(seq, 0, 1000, partition, writesOfKey, newValue)
                    .toCompletableFuture().get();
            if (batch.readCount() == 0) {
                return out;
            }
            batch.forEach(out::add);
            seq = batch.getNextSequenceToReadFrom();
        }
    }
}
