package io.dolphin.datalayer.sink;

import java.sql.Connection;
import java.sql.DriverManager;

/** Run as its own process by {@link DuckDbOutage}: holds a DuckDB file open (and so locked) for N seconds. */
public final class DuckDbLockHolder {

    private DuckDbLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection ignored = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
            System.out.println("LOCKED " + args[0]);
            System.out.flush();
            // This process is the outage: it exists to keep the lock for the stated time, then leave.
            Thread.sleep(Long.parseLong(args[1]) * 1000L);
        }
    }
}
