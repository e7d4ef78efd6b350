package io.dolphin.datalayer.audit;

import java.util.ArrayList;
import java.util.List;

/** What an audit found: lines for the operator, and whether anything is missing or stored twice. */
public final class AuditReport {

    private final List<String> lines = new ArrayList<>();
    private long missing;
    private long twice;

    void info(String line) {
        lines.add("  " + line);
    }

    void section(String title) {
        lines.add(title);
    }

    void missing(long n, String line) {
        missing += n;
        lines.add("  MISSING " + line);
    }

    void twice(long n, String line) {
        twice += n;
        lines.add("  TWICE   " + line);
    }

    public long missing() {
        return missing;
    }

    public long twice() {
        return twice;
    }

    public boolean clean() {
        return missing == 0 && twice == 0;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String summary() {
        return clean() ? "audit: nothing missing, nothing twice"
                : "audit: " + missing + " missing, " + twice + " twice";
    }
}
