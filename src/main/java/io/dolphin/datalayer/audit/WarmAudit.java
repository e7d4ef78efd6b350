package io.dolphin.datalayer.audit;

import io.dolphin.datalayer.warm.store.WarmStoreConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code bin/dolphin audit}: what the warm store holds against what it should. The store's own ledger (gaps in the
 * journal sequences it accounts for), rows stored twice, and, where the sources are given, the scan folder and the
 * order-book topic. The store must be readable from this process (a DuckDB file is locked by the member that writes
 * it: stop the warm sink first, or audit a copy).
 */
public final class WarmAudit {

    /** What to reconcile against; null fields are skipped. */
    public record Sources(Path scanRoot, String scanTargetAsset, String kafkaBootstrap, String obfTopic) {
    }

    private WarmAudit() {
    }

    public static AuditReport run(WarmStoreConfig warm, Sources sources) throws SQLException, IOException {
        AuditReport report = new AuditReport();
        try (Connection c = warm.connect()) {
            LedgerAudit.run(c, warm.dialect(), report);
            TableAudit.run(c, report);
            if (sources.scanRoot() != null) {
                ScanAudit.run(sources.scanRoot(), sources.scanTargetAsset(), c, report);
            }
            if (sources.kafkaBootstrap() != null && sources.obfTopic() != null) {
                KafkaAudit.run(sources.kafkaBootstrap(), sources.obfTopic(), c, warm.dialect(), report);
            }
        }
        return report;
    }
}
