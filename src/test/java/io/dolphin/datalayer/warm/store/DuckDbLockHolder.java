package io.dolphin.datalayer.warm.store;

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
            // This process is the outage: it keeps the lock until the test ends the outage by closing our stdin.
            while (System.in.read() >= 0) {
                // discard
            }
        }
    }
}
