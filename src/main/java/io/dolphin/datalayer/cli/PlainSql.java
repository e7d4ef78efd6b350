package io.dolphin.datalayer.cli;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.sql.HazelcastSqlException;
import com.hazelcast.sql.SqlColumnMetadata;
import com.hazelcast.sql.SqlResult;
import com.hazelcast.sql.SqlRow;
import com.hazelcast.sql.SqlRowMetadata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/dolphin sql} when stdin or stdout is no terminal (a script, a pipe, a file): the statements from stdin,
 * one after the other; each result as a table with columns as wide as their widest value, no colour codes, nothing
 * cut. A failing statement prints {@code ERROR: ...} and the command ends non-zero once all have run (Hazelcast's
 * console exits 0 whatever failed).
 */
final class PlainSql {

    /** Rows a result may show; a script that wants more pages with LIMIT/OFFSET. */
    static final int MAX_ROWS = 100_000;

    private PlainSql() {
    }

    /** @return how many statements failed */
    static int run(HazelcastInstance client, BufferedReader in, PrintStream out) throws IOException {
        int failed = 0;
        for (String statement : statements(in)) {
            try (SqlResult result = client.getSql().execute(statement)) {
                if (result.isRowSet()) {
                    print(result, out);
                } else {
                    out.println("OK" + (result.updateCount() > 0 ? " (" + result.updateCount() + ")" : ""));
                }
            } catch (HazelcastSqlException e) {
                failed++;
                out.println("ERROR: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "\n  in: "
                        + statement);
            }
        }
        return failed;
    }

    /** Statements end with {@code ;}; lines starting with {@code --} are comments. */
    static List<String> statements(BufferedReader in) throws IOException {
        List<String> all = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                String s = current.toString().strip();
                all.add(s.substring(0, s.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            all.add(current.toString().strip());
        }
        return all;
    }

    private static void print(SqlResult result, PrintStream out) {
        SqlRowMetadata meta = result.getRowMetadata();
        int n = meta.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[n];
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            SqlColumnMetadata c = meta.getColumn(i);
            header[i] = c.getName();
            width[i] = header[i].length();
        }
        boolean more = false;
        for (SqlRow row : result) {
            if (rows.size() == MAX_ROWS) {
                more = true;
                break;
            }
            String[] cells = new String[n];
            for (int i = 0; i < n; i++) {
                Object v = row.getObject(i);
                cells[i] = v == null ? "NULL" : String.valueOf(v);
                width[i] = Math.max(width[i], cells[i].length());
            }
            rows.add(cells);
        }
        out.println(line(header, width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (String[] cells : rows) {
            out.println(line(cells, width));
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row" : " rows") + (more ? "; more not shown" : "") + ")");
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].replace('\n', ' ');
            s.append(i == 0 ? "" : " | ").append(i == cells.length - 1 ? cell
                    : cell + " ".repeat(Math.max(0, width[i] - cell.length())));
        }
        return s.toString();
    }
}
