package io.dolphin.datalayer.cold;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What {@code cold verify} found: files checked, and one line per file whose bytes or rows disagree. */
public final class VerifyReport {

    private final List<String> problems = new ArrayList<>();
    private int checked;

    void checked() {
        checked++;
    }

    void problem(String line) {
        problems.add(line);
    }

    public int filesChecked() {
        return checked;
    }

    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public String summary() {
        return "cold verify: " + checked + " files checked, " + problems.size() + " problems";
    }
}
