package io.dolphin.datalayer.obf;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A list of entries seen through the {@link Map} interface {@code IMap.putAll} takes, duplicates kept:
 * {@code putAll} only iterates the entries, while a real map would fold two updates of one key into one, and the
 * journal would miss the first. Each key's updates are applied in list order (one partition operation per
 * partition, entries in iteration order).
 */
public final class EntryList<K, V> extends AbstractMap<K, V> {
    private final List<Map.Entry<K, V>> entries;

    public EntryList(List<Map.Entry<K, V>> entries) {
        this.entries = entries;
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<K, V>> iterator() {
                return entries.iterator();
            }

            @Override
            public int size() {
                return entries.size();
            }
        };
    }

    @Override
    public int size() {
        return entries.size();
    }
}
