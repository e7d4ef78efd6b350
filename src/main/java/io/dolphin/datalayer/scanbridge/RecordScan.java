package io.dolphin.datalayer.scanbridge;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Records a scan in {@code DOLPHIN_EIGEN_SCANS[scan_number]} unless that scan is already there: a replay after a job
 * restart changes nothing, so the journal carries each scan once. Runs on the key's partition
 * thread (and, with the same decision, on its backup), like {@link PublishIfNewer}. IMap has no asynchronous
 * putIfAbsent; this is one. Returns whether it recorded the scan.
 */
public final class RecordScan implements EntryProcessor<String, String, Boolean> {

    private static final long serialVersionUID = 1L;

    private final String json;

    public RecordScan(String json) {
        this.json = json;
    }

    @Override
    public Boolean process(Map.Entry<String, String> entry) {
        if (entry.getValue() != null) {
            return false;
        }
        entry.setValue(json);
        return true;
    }
}
