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
import io.dolphin.datalayer.warm.SinkCounters;
import io.dolphin.datalayer.warm.jet.MapJournalSource;
import io.dolphin.datalayer.warm.store.WarmStoreConfig;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the demo prints: a status line (job states, what flows through each job with its name, warm rows this run
 * wrote, dead letters, journal fill) and the summary at the end. Reads job metrics, the dead-letter view and the warm
 * store itself. Rates are taken between two metric collections, by the collections' own timestamps, so they match
 * what flowed however late the metrics arrive.
 */
final class DemoStatus {

    /**
     * One thing that flows, read from a job's metrics: {@code metric} summed over the processors of the vertex whose
     * name contains {@code vertex} (the largest such vertex, as Jet may split or fuse a stage), or the job's own
     * metric when {@code vertex} is null. {@code rate}: shown per second, else as a count.
     */
    record Flow(String job, String vertex, String metric, String label, boolean rate) {
    }

    static final List<Flow> FLOWS = List.of(
            new Flow("dolphin-obf-ingest", "1-read-kafka", MetricNames.EMITTED_COUNT, "order books", true),
            // the source vertex sends each file both ways of the dead-letter split: count what reaches the publisher
            new Flow("dolphin-scan-bridge", "publish-if-newer", MetricNames.RECEIVED_COUNT, "scans", true),
            new Flow("dolphin-exf-poller", "write-exf-latest", MetricNames.RECEIVED_COUNT, "exf_latest writes", true),
            new Flow("dolphin-acb", "parse-exf", MetricNames.RECEIVED_COUNT, "acb factor samples", true),
            new Flow("dolphin-acb", "acb-formula", MetricNames.RECEIVED_COUNT, "acb windows", false),
            new Flow("dolphin-warm-sink", null, SinkCounters.ROWS_WRITTEN, "warm rows written", true));

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final HazelcastInstance member;
    private final WarmStoreConfig warm;
    /** Row counts before this run: what the summary and status line subtract. */
    private final Map<String, Long> warmBaseline;
    /** Per flow: the count and the metric timestamp of the previous line. */
    private final Map<Flow, long[]> previous = new HashMap<>();
    private final Map<String, String> off = new TreeMap<>();

    DemoStatus(HazelcastInstance member, WarmStoreConfig warm) {
        this.member = member;
        this.warm = warm;
        this.warmBaseline = warmRows();
    }

    /** A job the demo did not submit, and why: the status line says so. */
    void off(String job, String why) {
        off.put(job, why);
    }

    String line() {
        StringBuilder s = new StringBuilder(LocalTime.now().format(CLOCK)).append("  ");
        List<Job> jobs = dolphinJobs();
        s.append(jobStates(jobs)).append("  |");
        Map<String, JobMetrics> metrics = metricsByJob(jobs);
        long fill = 0;
        for (JobMetrics m : metrics.values()) {
            fill = Math.max(fill, m.get(MapJournalSource.METRIC_FILL).stream().mapToLong(Measurement::value).max().orElse(0));
        }
        for (Flow f : FLOWS) {
            JobMetrics m = metrics.get(f.job());
            if (m == null) {
                continue;
            }
            long[] now = count(f, m);
            long[] before = previous.put(f, now);
            if (!f.rate()) {
                s.append(String.format("  %s %,d", f.label(), now[0]));
            } else if (before == null || now[1] <= before[1]) {
                s.append(String.format("  %s %,d", f.label(), now[0])); // one collection so far: the count, no rate
            } else {
                s.append(String.format("  %s %s/s", f.label(), rate((now[0] - before[0]) * 1000.0 / (now[1] - before[1]))));
            }
        }
        long thisRun = thisRun(warmRows()).values().stream().mapToLong(Long::longValue).sum();
        s.append(String.format("  |  this run: warm rows %,d, dead letters %,d, journal fill %d%%", thisRun,
                deadLettersByJob().values().stream().mapToLong(Long::longValue).sum(), fill));
        off.forEach((job, why) -> s.append("  | ").append(job).append(" off: ").append(why));
        return s.toString();
    }

    /** Every Dolphin job's state in full; "all N RUNNING" when nothing differs. */
    static String jobStates(List<Job> jobs) {
        if (jobs.isEmpty()) {
            return "no Dolphin jobs";
        }
        boolean allRunning = jobs.stream().allMatch(j -> "RUNNING".equals(String.valueOf(j.getStatus())));
        if (allRunning) {
            return jobs.size() + " jobs RUNNING";
        }
        return jobs.stream().map(j -> shortName(j.getName()) + " " + j.getStatus()).collect(Collectors.joining(", "));
    }

    /** Job name to state, in name order, as the stop began. */
    Map<String, String> jobStates() {
        Map<String, String> states = new LinkedHashMap<>();
        for (Job j : dolphinJobs()) {
            states.put(j.getName(), String.valueOf(j.getStatus()));
        }
        return states;
    }

    /**
     * {count, timestamp of the metric collection it comes from} of one flow of a job still running; {0, 0} when the
     * job is gone.
     */
    long[] progress(String label) {
        for (Flow f : FLOWS) {
            if (f.label().equals(label)) {
                Job job = member.getJet().getJob(f.job());
                return job == null ? new long[]{0, 0} : count(f, job.getMetrics());
            }
        }
        throw new IllegalArgumentException("no flow " + label);
    }

    /** The whole run's count of every flow, from the jobs' newest metrics. */
    Map<String, Long> totals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        Map<String, JobMetrics> metrics = new HashMap<>();
        for (Flow f : FLOWS) {
            JobMetrics m = metrics.computeIfAbsent(f.job(), name -> {
                Job job = member.getJet().getJob(name);
                return job == null ? null : job.getMetrics();
            });
            if (m != null) {
                totals.put(f.label(), count(f, m)[0]);
            }
        }
        return totals;
    }

    /**
     * @param states    job states as the stop began
     * @param stopNotes what the stop did, one line each
     * @param cpu       the CPU line (measured by the caller over the run after start-up)
     */
    String summary(Map<String, String> states, Map<String, Long> flows, List<String> stopNotes, String cpu) {
        StringBuilder s = new StringBuilder("\n== Dolphin demo summary ==\n");
        s.append(cpu).append('\n');
        s.append("jobs as the stop began:\n");
        states.forEach((job, state) -> s.append(String.format("  %-26s %s%n", job, state)));
        if (!flows.isEmpty()) {
            s.append("flowed this run: ").append(flows.entrySet().stream()
                    .map(e -> String.format("%s %,d", e.getKey(), e.getValue())).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        stopNotes.forEach(n -> s.append("stop: ").append(n).append('\n'));
        s.append(warmSection(warmRows()));
        s.append("dead letters per job:\n");
        Map<String, Long> dead = deadLettersByJob();
        if (dead.isEmpty()) {
            s.append("  none\n");
        }
        dead.forEach((job, n) -> s.append(String.format("  %-26s %,12d%n", job, n)));
        return s.toString();
    }

    /** Only the tables this run wrote to, then how many got nothing. */
    String warmSection(Map<String, Long> now) {
        StringBuilder s = new StringBuilder("warm rows written by this run (").append(warm.dialect()).append("):\n");
        if (now.isEmpty()) {
            return s.append("  (warm store not readable at ").append(warm.url()).append(")\n").toString();
        }
        Map<String, Long> run = thisRun(now);
        int empty = 0;
        for (Map.Entry<String, Long> e : run.entrySet()) {
            if (e.getValue() > 0) {
                s.append(String.format("  %-36s %,12d%n", e.getKey(), e.getValue()));
            } else {
                empty++;
            }
        }
        if (empty > 0) {
            s.append(String.format("  (%d other tables got no rows)%n", empty));
        }
        return s.toString();
    }

    /** Sum of this run's rows; the demo's stop waits for it to stand still. */
    long warmRowsThisRun() {
        return thisRun(warmRows()).values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<String, Long> thisRun(Map<String, Long> now) {
        Map<String, Long> run = new TreeMap<>();
        // a ReplacingMergeTree may merge away rows an earlier run wrote: never below zero
        now.forEach((t, n) -> run.put(t, Math.max(0, n - warmBaseline.getOrDefault(t, 0L))));
        return run;
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

    private static Map<String, JobMetrics> metricsByJob(List<Job> jobs) {
        Map<String, JobMetrics> m = new HashMap<>();
        for (Job j : jobs) {
            m.put(j.getName(), j.getMetrics());
        }
        return m;
    }

    /** {count, newest metric timestamp} of one flow. */
    static long[] count(Flow f, JobMetrics metrics) {
        Map<String, Long> byVertex = new HashMap<>();
        long ts = 0;
        for (Measurement m : metrics.get(f.metric())) {
            String vertex = String.valueOf(m.tag(MetricTags.VERTEX));
            if (f.vertex() == null || vertex.contains(f.vertex())) {
                byVertex.merge(f.vertex() == null ? "" : vertex, m.value(), Long::sum);
                ts = Math.max(ts, m.timestamp());
            }
        }
        return new long[]{byVertex.values().stream().mapToLong(Long::longValue).max().orElse(0), ts};
    }

    private static String rate(double perSecond) {
        return perSecond >= 10 ? String.format("%,.0f", perSecond) : String.format("%.1f", perSecond);
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
     * Row count of every warm table of dolphin and dolphin_green, with the warm store's credentials; a table that
     * does not exist yet counts 0. The tables come from {@link WarmTable} (the schema contract), so the one query per
     * table is plain SQL that DuckDB and ClickHouse both accept. Empty when the store cannot be reached.
     */
    Map<String, Long> warmRows() {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection c = warm.connect(); Statement st = c.createStatement()) {
            for (boolean green : new boolean[]{false, true}) {
                for (WarmTable t : WarmTable.values()) {
                    String table = WarmTable.database(green) + "." + t.tableName();
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                        rs.next();
                        rows.put(table, rs.getLong(1));
                    } catch (SQLException missing) {
                        rows.put(table, 0L); // not created yet: the sink applies the schema when it starts
                    }
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
}
