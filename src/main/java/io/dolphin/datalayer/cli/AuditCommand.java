package io.dolphin.datalayer.cli;

import io.dolphin.datalayer.audit.AuditReport;
import io.dolphin.datalayer.audit.WarmAudit;
import io.dolphin.datalayer.common.DolphinEnvironment;
import io.dolphin.datalayer.common.JobDescriptors;
import io.dolphin.datalayer.common.JobSettings;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bin/dolphin audit}: gaps in what the warm store holds, rows stored twice, and the sources reconciled. Exit 0
 * when nothing is missing or twice, 1 otherwise.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Reconcile the warm store with its journals' ledger and with the sources: gaps per database,"
                + " map and journal partition, rows stored twice, scan files without their eigen_scans row, order books"
                + " in Kafka without their obf_universe row. Exit 0 when clean, 1 when anything is missing or twice.",
            "Settings come from jobs/warm-sink.yaml, scan-bridge.yaml and obf-ingest.yaml (and their DOLPHIN_*"
                + " variables). A DuckDB file is locked by the member writing it: stop the warm sink first."})
final class AuditCommand implements Callable<Integer> {

    @Option(names = "--url", description = "Warm store JDBC URL (default: DOLPHIN_WARM_JDBC_URL / warm-sink.yaml).")
    String url;

    @Option(names = "--scan-root", description = "Scanner folder to reconcile (default: DOLPHIN_SCAN_ROOT /"
            + " scan-bridge.yaml); skipped when it does not exist.")
    Path scanRoot;

    @Option(names = "--kafka-bootstrap", description = "Kafka to reconcile the order-book topic against (default:"
            + " DOLPHIN_KAFKA_BOOTSTRAP when set; otherwise Kafka is not reconciled).")
    String kafkaBootstrap;

    @Option(names = "--topic", description = "Order-book topic (default: DOLPHIN_OBF_TOPIC / obf-ingest.yaml).")
    String topic;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = DolphinEnvironment.current();
        JobSettings sink = JobDescriptors.load("warm-sink", env).settings();
        JobSettings scans = JobDescriptors.load("scan-bridge", env).settings();
        JobSettings books = JobDescriptors.load("obf-ingest", env).settings();
        WarmStoreConfig warm = new WarmStoreConfig(url != null ? url : sink.string("warm-jdbc-url"),
                sink.string("warm-user"), sink.string("warm-password"), false);
        String bootstrap = kafkaBootstrap != null ? kafkaBootstrap : env.get("DOLPHIN_KAFKA_BOOTSTRAP");
        WarmAudit.Sources sources = new WarmAudit.Sources(scanRoot != null ? scanRoot : Path.of(scans.string("scan-root")),
                scans.string("target-asset"), bootstrap, topic != null ? topic : books.string("topic"));
        // a store that is down or a URL of no known form: one line naming the setting, not a driver's stack trace
        SubmitPreflight.warmStore(warm.url(), warm.user(), warm.password());
        System.out.println("auditing " + warm);
        AuditReport report = WarmAudit.run(warm, sources);
        report.lines().forEach(System.out::println);
        System.out.println(report.summary());
        return report.clean() ? 0 : 1;
    }
}
