package io.dolphin.datalayer.warm.store;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts store failures the way an operator would: a store that is down or busy (retry with backoff), a row the
 * store refuses (dead-letter that row, write the rest), or a store that can never accept the batch as configured
 * (fail the job with the store's message).
 *
 * <p>The type decides first, as in Hazelcast's {@code WriteJdbcP}: a {@link SQLTransientException} anywhere in the
 * cause chain (a timeout, a lost connection, the writer's own retry verdict) is transient. Only what the type
 * leaves open is read from the store's text: DuckDB's message prefix, ClickHouse's error code.
 */
public final class StoreErrors {

    public enum Kind { TRANSIENT, BAD_ROW, PERMANENT }

    /** ClickHouse error codes of a value the table cannot take. */
    private static final Set<Integer> CH_BAD_ROW = Set.of(6, 27, 38, 41, 53, 69, 70, 72, 321, 469);
    /** ClickHouse error codes no retry can cure: missing table/column/database, syntax, authentication, access. */
    private static final Set<Integer> CH_PERMANENT = Set.of(16, 47, 60, 62, 81, 192, 193, 194, 497, 516);
    private static final Pattern CH_CODE = Pattern.compile("Code: (\\d+)");
    /** A JDBC batch can chain one exception per statement: the first few say enough. */
    private static final int MAX_CHAIN = 32;

    private StoreErrors() {
    }

    /** DuckDB reports the kind as the message prefix, e.g. "Conversion Error: ..." or "IO Error: ...". */
    public static Kind duckDb(SQLException e) {
        if (isTransientByType(e)) {
            return Kind.TRANSIENT;
        }
        String m = messages(e);
        if (m.contains("conversion error") || m.contains("constraint error") || m.contains("out of range error")
                || m.contains("failed to append") || m.contains("invalid input error")
                // what a refused row looks like inside a transaction: the Appender aborts it silently
                || m.contains("current transaction is aborted")) {
            return Kind.BAD_ROW;
        }
        if (m.contains("unique file handle conflict")) {
            // the previous connection's database is still being released in this JVM: it will be
            return Kind.TRANSIENT;
        }
        if (m.contains("catalog error") || m.contains("binder error") || m.contains("parser error")
                || m.contains("invalid column type") || m.contains("permission error")) {
            return Kind.PERMANENT;
        }
        return Kind.TRANSIENT;
    }

    public static Kind clickHouse(SQLException e) {
        if (isTransientByType(e)) {
            return Kind.TRANSIENT;
        }
        Matcher code = CH_CODE.matcher(messages(e));
        if (code.find()) {
            int c = Integer.parseInt(code.group(1));
            if (CH_BAD_ROW.contains(c)) {
                return Kind.BAD_ROW;
            }
            if (CH_PERMANENT.contains(c)) {
                return Kind.PERMANENT;
            }
        }
        return Kind.TRANSIENT;
    }

    /** Walks the causes and the chained {@link SQLException#getNextException()}s, guarding against loops. */
    static boolean isTransientByType(SQLException e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>(List.of(e));
        while (!todo.isEmpty() && seen.size() < MAX_CHAIN) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLTransientException) {
                return true;
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
            if (t instanceof SQLException s && s.getNextException() != null) {
                todo.push(s.getNextException());
            }
        }
        return false;
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 4_000; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString().toLowerCase(Locale.ROOT).replace("code: ", "Code: ");
    }
}
