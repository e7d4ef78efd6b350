package io.dolphin.datalayer.deploy;

import java.util.List;

/**
 * MBean names and attributes as a Hazelcast 5.5.0 member registers them with {@code metrics.jmx.enabled}, copied from
 * a member running a Jet job with a source, a transform with user metrics, and a map sink, in the form the JMX
 * exporter matches them ({@code domain<key=value, ...>}), each with the series deploy/prometheus/jmx-exporter.yaml
 * must turn it into (null: not exported).
 */
final class HazelcastMBeans {

    record Sample(String bean, String attribute, String expected) {
    }

    private static final String JOB = "com.hazelcast.jet<type=Metrics, instance=hz_1, tag0=\"job=1057-3e94-b580-0001\", "
            + "tag1=\"jobName=dolphin-obf-ingest\"";
    private static final String EXEC = JOB + ", tag2=\"exec=1057-3e94-b582-0001\"";
    private static final String SOURCE = EXEC + ", tag3=\"vertex=read-kafka\", tag4=\"procType=StreamKafkaP\", "
            + "tag5=\"proc=0\", tag6=\"source=true\"";
    private static final String PARSE = EXEC + ", tag3=\"vertex=parse, and check\", tag4=\"procType=TransformP\", "
            + "tag5=\"proc=1\"";
    private static final String SINK = EXEC + ", tag3=\"vertex=mapSink(DOLPHIN_FEATURES)\", tag4=\"procType=AdaptingProcessor\", "
            + "tag5=\"proc=0\", tag6=\"sink=true\"";
    private static final String MAP = "com.hazelcast<type=Metrics, instance=hz_1, prefix=map, tag0=\"name=DOLPHIN_FEATURES\">";
    private static final String MEMBER = "com.hazelcast<type=Metrics, instance=hz_1, prefix=";
    private static final String LABELS = "{job_name=\"dolphin-obf-ingest\",";
    private static final String PARSE_LABELS = LABELS + "proc=\"1\",vertex=\"parse, and check\"}";

    static final List<Sample> SAMPLES = List.of(
            new Sample(JOB + ">", "status",
                    "hazelcast_jet_job_status{job_id=\"1057-3e94-b580-0001\",job_name=\"dolphin-obf-ingest\"}"),
            new Sample(EXEC + ">", "executionStartTime", null),
            new Sample(SOURCE + ", tag7=\"ordinal=0\">", "emittedCount",
                    "hazelcast_jet_emitted_count_total" + LABELS + "ordinal=\"0\",proc=\"0\",vertex=\"read-kafka\"}"),
            new Sample(SOURCE + ", tag7=\"key=0\">", "lastForwardedWmLatency",
                    "hazelcast_jet_last_forwarded_wm_latency_ms" + LABELS + "proc=\"0\",vertex=\"read-kafka\"}"),
            new Sample(PARSE + ", tag6=\"ordinal=0\">", "receivedCount",
                    "hazelcast_jet_received_count_total" + LABELS + "ordinal=\"0\",proc=\"1\",vertex=\"parse, and check\"}"),
            new Sample(PARSE + ", tag6=\"ordinal=0\">", "emittedCount",
                    "hazelcast_jet_emitted_count_total" + LABELS + "ordinal=\"0\",proc=\"1\",vertex=\"parse, and check\"}"),
            new Sample(PARSE + ", tag6=\"ordinal=0\">", "receivedBatches", null),
            new Sample(PARSE + ", tag6=\"ordinal=snapshot\">", "emittedCount", null),
            new Sample(PARSE + ">", "queuesSize", "hazelcast_jet_queues_size" + PARSE_LABELS),
            new Sample(PARSE + ">", "queuesCapacity", "hazelcast_jet_queues_capacity" + PARSE_LABELS),
            new Sample(PARSE + ", tag6=\"user=true\">", "deadLetters", "dolphin_dead_letters_total" + PARSE_LABELS),
            new Sample(PARSE + ", tag6=\"user=true\">", "warmSinkLagMs", "dolphin_job_warm_sink_lag_ms" + PARSE_LABELS),
            new Sample(PARSE + ", tag6=\"user=true\">", "journalFillPercent", "dolphin_job_journal_fill_percent" + PARSE_LABELS),
            new Sample(PARSE + ", tag6=\"user=true\">", "journalOverflowEvents",
                    "dolphin_job_journal_overflow_events" + PARSE_LABELS),
            new Sample(PARSE + ", tag6=\"user=true\">", "journalDivergedPartitions",
                    "dolphin_job_journal_diverged_partitions" + PARSE_LABELS),
            new Sample(PARSE + ", tag6=\"user=true\">", "warmSinkJournalLostEvents",
                    "dolphin_job_warm_sink_journal_lost_events" + PARSE_LABELS),
            new Sample(PARSE + ", tag6=\"user=true\">", "warmSinkReusedSequenceEvents",
                    "dolphin_job_warm_sink_reused_sequence_events" + PARSE_LABELS),
            new Sample(PARSE + ", tag6=\"user=true\">", "staleSnapshots",
                    "dolphin_job_stale_snapshots" + PARSE_LABELS),
            new Sample(PARSE + ", tag6=\"user=true\">", "bookAgeP99Ms",
                    "dolphin_job_book_age_p99_ms" + PARSE_LABELS),
            new Sample(SINK + ", tag7=\"ordinal=0\">", "receivedCount",
                    "hazelcast_jet_received_count_total" + LABELS
                            + "ordinal=\"0\",proc=\"0\",vertex=\"mapSink(DOLPHIN_FEATURES)\"}"),
            new Sample(SINK + ", tag7=\"key=0\">", "lastForwardedWmLatency", null),
            new Sample(EXEC + ", tag3=\"vertex=parse, and check\">", "snapshotBytes",
                    "hazelcast_jet_snapshot_bytes" + LABELS + "vertex=\"parse, and check\"}"),
            new Sample("com.hazelcast.jet<type=Metrics, instance=hz_1>", "jobs.completedWithFailure",
                    "hazelcast_jet_jobs_completed_with_failure_total"),
            new Sample("com.hazelcast.jet<type=Metrics, instance=hz_1, tag0=\"cooperativeWorker=0\">", "iterationCount", null),
            new Sample(MAP, "putCount", "hazelcast_map_put_count_total{map=\"DOLPHIN_FEATURES\"}"),
            new Sample(MAP, "setCount", "hazelcast_map_set_count_total{map=\"DOLPHIN_FEATURES\"}"),
            new Sample(MAP, "ownedEntryCount", "hazelcast_map_owned_entry_count{map=\"DOLPHIN_FEATURES\"}"),
            new Sample(MAP, "ownedEntryMemoryCost", "hazelcast_map_owned_entry_memory_cost{map=\"DOLPHIN_FEATURES\"}"),
            new Sample(MAP, "heapCost", "hazelcast_map_heap_cost{map=\"DOLPHIN_FEATURES\"}"),
            new Sample(MAP, "totalPutLatency", "hazelcast_map_put_latency_ms_total{map=\"DOLPHIN_FEATURES\"}"),
            new Sample(MAP, "creationTime", null),
            new Sample("com.hazelcast<type=Metrics, instance=hz_1, prefix=map, tag0=\"name=__jet.records\">", "putCount", null),
            new Sample(MEMBER + "cluster>", "size", "hazelcast_cluster_size"),
            new Sample(MEMBER + "partitions>", "migrationQueueSize", "hazelcast_partitions_migration_queue_size"),
            new Sample(MEMBER + "operation>", "failedBackups", "hazelcast_operation_failed_backups_total"),
            new Sample(MEMBER + "operation>", "queueSize", "hazelcast_operation_queue_size"),
            new Sample(MEMBER + "memory>", "usedHeap", "hazelcast_memory_used_heap_bytes"),
            new Sample(MEMBER + "memory>", "maxHeap", "hazelcast_memory_max_heap_bytes"),
            new Sample(MEMBER + "gc>", "majorTime", "hazelcast_gc_major_time_total"),
            new Sample(MEMBER + "tcp.connection>", "clientCount", "hazelcast_tcp_connection_client_count"),
            new Sample(MEMBER + "os>", "systemLoadAverage", null));

    private HazelcastMBeans() {
    }
}
