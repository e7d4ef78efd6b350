package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.common.JournalEvent;
import io.dolphin.datalayer.common.TableRow;
import io.dolphin.datalayer.common.WarmTable;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one write to the warm store carries: the rows, the last raw value per touched key, and the journal range
 * {@code [lo, hi]} per {@code (epoch, map, partition)} the write covers. The ranges alone define the batch: its
 * {@link #token()} is derived from them, so a batch re-assembled after a restart gets the same token.
 */
public final class Batch {

    /** Per partition, the runs of consecutive sequences added, ascending; the batch's ranges are their spans. */
    private final Map<RangeKey, List<SeqRange>> runs = new HashMap<>();
    private final List<BatchRow> rows = new ArrayList<>();
    private final Map<MapKey, LastValue> lastValues = new LinkedHashMap<>();
    private final String fixedToken;
    private int events;
    private long firstReadTimeMs = Long.MAX_VALUE;

    public Batch() {
        this(null);
    }

    /** A batch that must carry a token already recorded in the store (the replay of a pending intent). */
    Batch(String fixedToken) {
        this.fixedToken = fixedToken;
    }

    public void add(JournalEvent e, List<TableRow> eventRows, LastValue lastValue) {
        addToRuns(runs.computeIfAbsent(RangeKey.of(e), k -> new ArrayList<>()), e.seq());
        for (TableRow row : eventRows) {
            rows.add(new BatchRow(row, e));
        }
        if (lastValue != null) {
            lastValues.put(new MapKey(e.map(), e.key()), lastValue);
        }
        events++;
        firstReadTimeMs = Math.min(firstReadTimeMs, e.readTimeMs());
    }

    void removeRows(List<BatchRow> bad) {
        rows.removeAll(bad);
    }

    public boolean isEmpty() {
        return events == 0;
    }

    public int events() {
        return events;
    }

    public long firstReadTimeMs() {
        return firstReadTimeMs;
    }

    /** Per partition, the range {@code [lo, hi]} the batch covers: the span of its runs (what tokens and intents name). */
    public Map<RangeKey, SeqRange> ranges() {
        Map<RangeKey, SeqRange> ranges = new HashMap<>();
        runs.forEach((k, list) -> ranges.put(k, new SeqRange(list.get(0).lo(), list.get(list.size() - 1).hi())));
        return ranges;
    }

    /**
     * Per partition, the contiguous runs of sequences this batch accounts for, ascending: its range minus the
     * sequences it never saw (events the journal lost). What the {@code _ingest_runs} ledger records, so an audit
     * sees every gap even when it falls inside one batch.
     */
    public Map<RangeKey, List<SeqRange>> runs() {
        return runs;
    }

    /** Events of a partition come in sequence order, so this nearly always extends the last run or starts one. */
    private static void addToRuns(List<SeqRange> list, long seq) {
        int last = list.size() - 1;
        if (last < 0 || seq > list.get(last).hi() + 1) {
            list.add(SeqRange.of(seq));
        } else if (seq == list.get(last).hi() + 1) {
            list.set(last, new SeqRange(list.get(last).lo(), seq));
        } else if (list.stream().noneMatch(r -> r.contains(seq))) {
            // out of order (a replay's re-assembly): insert and join neighbours
            list.add(SeqRange.of(seq));
            list.sort(Comparator.comparingLong(SeqRange::lo));
            for (int i = list.size() - 1; i > 0; i--) {
                if (list.get(i).lo() <= list.get(i - 1).hi() + 1) {
                    list.set(i - 1, new SeqRange(list.get(i - 1).lo(), Math.max(list.get(i - 1).hi(),
                            list.get(i).hi())));
                    list.remove(i);
                }
            }
        }
    }

    public List<BatchRow> rows() {
        return rows;
    }

    public Map<MapKey, LastValue> lastValues() {
        return lastValues;
    }

    /**
     * The rows per target table in a deterministic order: tables in declaration order, rows by journal position.
     * A re-assembled batch therefore sends byte-identical inserts, which is what ClickHouse's token dedup assumes.
     */
    public Map<Target, List<BatchRow>> rowsByTarget() {
        return rowsByTarget(true);
    }

    /** @param journalOrder sort rows by journal position (what a token needs); DuckDB's transaction does not */
    public Map<Target, List<BatchRow>> rowsByTarget(boolean journalOrder) {
        Map<Target, List<BatchRow>> byTarget = new TreeMap<>(Comparator.comparing(Target::green)
                .thenComparing(t -> t.table().ordinal()));
        List<BatchRow> sorted = rows;
        if (journalOrder) {
            sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparing((BatchRow r) -> r.origin().map())
                    .thenComparingInt(r -> r.origin().partition()).thenComparingLong(r -> r.origin().seq()));
        }
        for (BatchRow r : sorted) {
            byTarget.computeIfAbsent(new Target(r.row().table(), r.row().green()), t -> new ArrayList<>()).add(r);
        }
        return byTarget;
    }

    /** A digest of the ranges: equal ranges, equal token, whoever assembles the batch. */
    public String token() {
        if (fixedToken != null) {
            return fixedToken;
        }
        return tokenOf(ranges());
    }

    /** Tokens are stored in ClickHouse: this text must stay byte-identical across releases (BatchTest pins it). */
    static String tokenOf(Map<RangeKey, SeqRange> ranges) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<RangeKey, SeqRange> e : new TreeMap<>(ranges).entrySet()) {
                String part = e.getKey() + ":" + e.getValue().lo() + "-" + e.getValue().hi() + ";";
                sha.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return "dolphin-warm-sink-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One journal partition of one epoch. */
    public record RangeKey(long epoch, String map, int partition) implements Comparable<RangeKey>, Serializable {

        static RangeKey of(JournalEvent e) {
            return new RangeKey(e.epoch(), e.map(), e.partition());
        }

        @Override
        public int compareTo(RangeKey o) {
            return Comparator.comparingLong(RangeKey::epoch).thenComparing(RangeKey::map)
                    .thenComparingInt(RangeKey::partition).compare(this, o);
        }

        @Override
        public String toString() {
            return epoch + "/" + map + "/" + partition;
        }
    }

    public record MapKey(String map, String key) implements Serializable {
    }

    /**
     * @param value      the raw JSON the map now holds; null when the key was removed
     * @param valueOrder the highest value-derived order stored for the key ({@link RowMapper#orderedRows}), or null
     */
    public record LastValue(String value, long tsMicros, long epoch, long seq, Long valueOrder) implements Serializable {
    }

    public record BatchRow(TableRow row, JournalEvent origin) {
    }

    public record Target(WarmTable table, boolean green) {
        public String qualifiedName() {
            return WarmTable.database(green) + "." + table.tableName();
        }
    }
}
