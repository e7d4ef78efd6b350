package io.dolphin.datalayer.cli;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.metrics.JobMetrics;
import com.hazelcast.jet.core.metrics.Measurement;
import com.hazelcast.jet.core.metrics.MetricNames;
import com.hazelcast.jet.core.metrics.MetricTags;
import com.hazelcast.sql.SqlResult;
import com.hazelcast.sql.SqlRow;
import io.dolphin.datalayer.common.WarmTable;
import io.dolphin.datalayer.warm.jet.MapJournalSource;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the demo prints: one status line every few seconds (jobs and states, events/s per job, dead letters, warm
 * rows, journal fill) and a summary at the end. Reads job metrics, the dead-letter view and the warm store itself.
 */
final class DemoStatus {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final HazelcastInstance member;
    private final WarmStoreConfig warm;
    private final Map<String, long[]> lastSourceCounts = new HashMap<>();
    private final Map<String, String> off = new TreeMap<>();

    DemoStatus(HazelcastInstance member, WarmStoreConfig warm) {
        this.member = member;
        this.warm = warm;
    }

    /** A job the demo did not submit, and why: the status line says so. */
    void off(String job, String why) {
        off.put(job, why);
    }

    String line() {
        StringBuilder s = new StringBuilder(LocalTime.now().format(CLOCK));
        long fill = 0;
        for (Job job : dolphinJobs()) {
            JobMetrics metrics = job.getMetrics();
            s.append(String.format("  %s %s %,.0f/s", shortName(job.getName()), abbreviate(job.getStatus().name()),
                    sourceRate(job.getName(), metrics)));
            fill = Math.max(fill, max(metrics, MapJournalSource.METRIC_FILL));
        }
        Map<String, Long> dead = deadLettersByJob();
        long warmRows = warmRows().values().stream().mapToLong(Long::longValue).sum();
        s.append(String.format("  | dead letters %,d  warm rows %,d  journal fill %d%%", dead.values().stream()
                .mapToLong(Long::longValue).sum(), warmRows, fill));
        off.forEach((job, why) -> s.append("  | ").append(job).append(" off: ").append(why));
        return s.toString();
    }

    String summary() {
        StringBuilder s = new StringBuilder("\n== Dolphin demo summary ==\njobs:\n");
        for (Job job : dolphinJobs()) {
            s.append(String.format("  %-22s %s%n", job.getName(), job.getStatus()));
        }
        s.append("warm rows per table:\n");
        Map<String, Long> rows = warmRows();
        if (rows.isEmpty()) {
            s.append("  (warm store not readable at ").append(warm.url()).append(")\n");
        }
        rows.forEach((table, n) -> s.append(String.format("  %-36s %,12d%n", table, n)));
        s.append("dead letters per job:\n");
        Map<String, Long> dead = deadLettersByJob();
        if (dead.isEmpty()) {
            s.append("  none\n");
        }
        dead.forEach((job, n) -> s.append(String.format("  %-22s %,12d%n", job, n)));
        return s.toString();
    }

    /** Waits until the warm store stops growing (feeds are stopped) or the timeout passes. */
    void awaitWarmStoreQuiet(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        long previous = -1;
        int stableRounds = 0;
        while (System.nanoTime() < end && stableRounds < 2) {
            long now = warmRows().values().stream().mapToLong(Long::longValue).sum();
            stableRounds = now == previous ? stableRounds + 1 : 0;
            previous = now;
            Thread.sleep(2_000);
        }
    }

    private List<Job> dolphinJobs() {
        List<Job> jobs = new ArrayList<>();
        for (Job j : member.getJet().getJobs()) {
            if (j.getName() != null && j.getName().startsWith("dolphin-") && !j.getStatus().isTerminal()) {
                jobs.add(j);
            }
        }
        jobs.sort((a, b) -> a.getName().compareTo(b.getName()));
        return jobs;
    }

    /** Items emitted by the job's source stages per second since the previous line. */
    private double sourceRate(String job, JobMetrics metrics) {
        long total = 0;
        for (Measurement m : metrics.get(MetricNames.EMITTED_COUNT)) {
            if ("true".equals(m.tag(MetricTags.SOURCE))) {
                total += m.value();
            }
        }
        long now = System.nanoTime();
        long[] last = lastSourceCounts.put(job, new long[]{total, now});
        if (last == null || now == last[1]) {
            return 0;
        }
        return Math.max(0, (total - last[0]) / ((now - last[1]) / 1e9));
    }

    private static long max(JobMetrics metrics, String name) {
        return metrics.get(name).stream().mapToLong(Measurement::value).max().orElse(0);
    }

    private Map<String, Long> deadLettersByJob() {
        Map<String, Long> byJob = new TreeMap<>();
        try (SqlResult r = member.getSql().execute("SELECT job, COUNT(*) FROM v_dead_letters GROUP BY job")) {
            for (SqlRow row : r) {
                byJob.put(row.getObject(0), row.getObject(1));
            }
        } catch (RuntimeException e) {
            byJob.put("(dead letters unreadable: " + e.getMessage() + ")", 0L);
        }
        return byJob;
    }

    /**
     * Row count of every warm table of dolphin and dolphin_green, with the warm store's credentials. The tables come
     * from {@link WarmTable} (the schema contract), so the one query per table is plain SQL that DuckDB and
     * ClickHouse both accept.
     */
    Map<String, Long> warmRows() {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection c = warm.connect(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            for (boolean green : new boolean[]{false, true}) {
                for (WarmTable t : WarmTable.values()) {
                    tables.add(WarmTable.database(green) + "." + t.tableName());
                }
            }
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
                    rs.next();
                    rows.put(t, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            return Map.of();
        }
        return rows;
    }

    private static String shortName(String job) {
        return job.startsWith("dolphin-") ? job.substring("dolphin-".length()) : job;
    }

    private static String abbreviate(String status) {
        return status.length() <= 4 ? status : status.substring(0, 4);
    }
}
