package io.dolphin.datalayer.cold;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What one export run did: files written and left as they were, rows and bytes written, and every failure in one line. */
public final class ExportReport {

    private final List<String> written = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private int skipped;
    private long rows;
    private long bytes;
    private int leftoversRemoved;
    private double seconds;

    void wrote(String file, long fileRows, long fileBytes) {
        written.add(file);
        rows += fileRows;
        bytes += fileBytes;
    }

    void skipped() {
        skipped++;
    }

    void failed(String line) {
        errors.add(line);
    }

    void leftoversRemoved(int n) {
        leftoversRemoved += n;
    }

    void took(double s) {
        seconds = s;
    }

    public List<String> written() {
        return Collections.unmodifiableList(written);
    }

    public List<String> errors() {
        return Collections.unmodifiableList(errors);
    }

    public int filesWritten() {
        return written.size();
    }

    public int filesSkipped() {
        return skipped;
    }

    public long rowsWritten() {
        return rows;
    }

    public long bytesWritten() {
        return bytes;
    }

    public int leftoversRemoved() {
        return leftoversRemoved;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public String summary() {
        return String.format("cold export: %d files written (%,d rows, %.1f MB, %.1f s%s), %d already exported, %d errors%s",
                written.size(), rows, bytes / 1e6, seconds,
                seconds > 0 && rows > 0 ? String.format(", %,.0f rows/s", rows / seconds) : "", skipped, errors.size(),
                leftoversRemoved > 0 ? ", " + leftoversRemoved + " partial files of an interrupted export removed" : "");
    }
}
