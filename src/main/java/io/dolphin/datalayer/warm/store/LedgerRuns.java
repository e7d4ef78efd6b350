package io.dolphin.datalayer.warm.store;

import io.dolphin.datalayer.warm.Batch;
import io.dolphin.datalayer.warm.SeqRange;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code _ingest_runs} ledger as a store keeps it: per journal partition, the runs of consecutive sequences whose
 * events the store accounts for. A batch that continues the partition's last run extends that run's row; one after a
 * gap starts a new row. So the ledger has one row per partition while nothing is lost, and a row more for every gap,
 * which is what {@code bin/dolphin audit} reports. Both stores plan with this and apply the plan once the write is
 * durable.
 */
final class LedgerRuns {

    /** A ledger row to write; {@code replaces} is the start of the run row it supersedes, or null. */
    record Row(Batch.RangeKey key, SeqRange run, Long replaces) {
    }

    private final Map<Batch.RangeKey, SeqRange> lastRun = new HashMap<>();

    /** What the store holds: the run with the highest sequence, per partition. */
    void load(Batch.RangeKey key, SeqRange run) {
        lastRun.merge(key, run, (a, b) -> a.hi() >= b.hi() ? a : b);
    }

    /**
     * Reads what the store holds, from {@code _ingest_runs} and the {@code _ingest} of earlier versions, and returns
     * the highest committed sequence per partition. {@code partitionColumn} is the column as the dialect names it.
     */
    Map<Batch.RangeKey, Long> loadFrom(Statement st, String partitionColumn) throws SQLException {
        clear();
        for (String table : List.of("dolphin._ingest", "dolphin._ingest_runs")) {
            try (ResultSet rs = st.executeQuery("SELECT epoch, map, " + partitionColumn + ", lo, max(hi) FROM " + table
                    + " GROUP BY epoch, map, " + partitionColumn + ", lo")) {
                while (rs.next()) {
                    load(new Batch.RangeKey(rs.getLong(1), rs.getString(2), rs.getInt(3)),
                            new SeqRange(rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        return committed();
    }

    /** The rows that record {@code batch}'s runs. */
    List<Row> plan(Batch batch) {
        List<Row> rows = new ArrayList<>();
        batch.runs().forEach((key, runs) -> {
            SeqRange last = lastRun.get(key);
            for (SeqRange run : runs) {
                if (last != null && run.lo() >= last.lo() && run.lo() <= last.hi() + 1) {
                    // continues (or repeats, in a replayed batch) the last run
                    SeqRange merged = new SeqRange(last.lo(), Math.max(last.hi(), run.hi()));
                    rows.add(new Row(key, merged, last.lo()));
                    last = merged;
                } else {
                    rows.add(new Row(key, run, null));
                    if (last == null || run.hi() > last.hi()) {
                        last = run;
                    }
                }
            }
        });
        return rows;
    }

    /** The plan's rows are in the store. */
    void apply(List<Row> rows) {
        for (Row r : rows) {
            load(r.key(), r.run());
        }
    }

    /** The highest sequence recorded per partition. */
    Map<Batch.RangeKey, Long> committed() {
        Map<Batch.RangeKey, Long> out = new HashMap<>();
        lastRun.forEach((k, r) -> out.put(k, r.hi()));
        return out;
    }

    void clear() {
        lastRun.clear();
    }
}
