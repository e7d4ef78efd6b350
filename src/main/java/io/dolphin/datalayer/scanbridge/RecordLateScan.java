package io.dolphin.datalayer.scanbridge;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Records a late scan in {@code DOLPHIN_LATE_EIGEN_SCANS[scan_number]} unless that scan is already there: a replay
 * after a job restart changes nothing, so the journal carries each late scan once. Runs on the key's partition
 * thread (and, with the same decision, on its backup), like {@link PublishIfNewer}. IMap has no asynchronous
 * putIfAbsent; this is one. Returns whether it recorded the scan.
 */
public final class RecordLateScan implements EntryProcessor<String, String, Boolean> {

    private static final long serialVersionUID = 1L;

    private final String json;

    public RecordLateScan(String json) {
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
