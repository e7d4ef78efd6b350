package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.common.DolphinMaps;
import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.WarmTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class WarmRoutesTest {

    @Test
    void when_scanRecordedInTheHistory_then_itBecomesItsEigenScansRow() throws IOException {
        String scan;
        try (InputStream in = getClass().getResourceAsStream("/reference/latest_eigen_scan.json")) {
            scan = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        MappedEvent m = WarmEventMapper.map(new JournalEvent(1L, DolphinMaps.EIGEN_SCANS, 17, 0, "134276", scan,
                null, true, false, 1_000L));
        assertFalse(m.isRejected(), m.rejection());
        assertEquals(1, m.rows().size());
        assertEquals(WarmTable.EIGEN_SCANS, m.rows().get(0).table());
        assertEquals(134_276L, m.rows().get(0).values()[WarmTable.EIGEN_SCANS.indexOf("scan_number")]);
    }

    @Test
    void when_latestEigenScanChanges_then_noRow_becauseTheHistoryGivesEachScanItsRow() {
        MappedEvent m = WarmEventMapper.map(new JournalEvent(1L, DolphinMaps.FEATURES, 17, 0, "latest_eigen_scan",
                "{\"scan_number\": 5}", null, true, false, 1_000L));
        assertFalse(m.isRejected());
        assertEquals(0, m.rows().size());
    }
}
