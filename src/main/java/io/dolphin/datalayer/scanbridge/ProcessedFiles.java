package io.dolphin.datalayer.scanbridge;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The source's snapshot state: per date folder, the files already emitted (published) and the files dead-lettered
 * with the size and mtime they had then. A restart restores it, so no file is emitted twice and none is skipped;
 * a dead-lettered file is looked at again only when its size or mtime changes. Folders that leave the window of
 * followed folders are dropped, which bounds the state to a few days of file names.
 */
final class ProcessedFiles implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Size and last-modified time: what tells a changed file from the one seen before. */
    public record Fingerprint(long size, long mtimeMicros) implements Serializable {
    }

    private final Map<String, Set<String>> published = new TreeMap<>();
    private final Map<String, Map<String, Fingerprint>> deadLettered = new TreeMap<>();

    public boolean isPublished(String folder, String name) {
        Set<String> names = published.get(folder);
        return names != null && names.contains(name);
    }

    /** The fingerprint the file had when it was dead-lettered, or null. */
    public Fingerprint deadLettered(String folder, String name) {
        Map<String, Fingerprint> names = deadLettered.get(folder);
        return names == null ? null : names.get(name);
    }

    public void markPublished(String folder, String name) {
        published.computeIfAbsent(folder, f -> new HashSet<>()).add(name);
        Map<String, Fingerprint> dead = deadLettered.get(folder);
        if (dead != null) {
            dead.remove(name);
        }
    }

    public void markDeadLettered(String folder, String name, Fingerprint fingerprint) {
        deadLettered.computeIfAbsent(folder, f -> new HashMap<>()).put(name, fingerprint);
    }

    /** Forgets every folder not in {@code folders}. */
    public void retainFolders(Collection<String> folders) {
        published.keySet().retainAll(folders);
        deadLettered.keySet().retainAll(folders);
    }

    /** Adds everything {@code other} knows; a file published anywhere counts as published. */
    public void merge(ProcessedFiles other) {
        other.deadLettered.forEach((folder, names) -> names.forEach((n, fp) -> markDeadLettered(folder, n, fp)));
        other.published.forEach((folder, names) -> names.forEach(n -> markPublished(folder, n)));
    }

    public ProcessedFiles copy() {
        ProcessedFiles c = new ProcessedFiles();
        c.merge(this);
        return c;
    }

    public int publishedCount() {
        return published.values().stream().mapToInt(Set::size).sum();
    }

    public int deadLetteredCount() {
        return deadLettered.values().stream().mapToInt(Map::size).sum();
    }

    @Override
    public String toString() {
        return "ProcessedFiles{folders=" + published.keySet() + ", published=" + publishedCount()
                + ", deadLettered=" + deadLetteredCount() + "}";
    }
}
