package io.dolphin.datalayer.warm.store;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StoreErrorsTest {

    @Test
    void when_transientType_then_transient_whateverTheText() {
        SQLException e = new SQLTransientConnectionException("Catalog Error: Code: 60 looks permanent by its text");

        assertEquals(StoreErrors.Kind.TRANSIENT, StoreErrors.duckDb(e));
        assertEquals(StoreErrors.Kind.TRANSIENT, StoreErrors.clickHouse(e));
    }

    @Test
    void when_transientTypeDeepInTheCauseChain_then_transient() {
        SQLException e = new SQLException("Conversion Error: wrapped", new RuntimeException("driver",
                new SQLTimeoutException("read timed out")));

        assertEquals(StoreErrors.Kind.TRANSIENT, StoreErrors.duckDb(e));
        assertEquals(StoreErrors.Kind.TRANSIENT, StoreErrors.clickHouse(e));
    }

    @Test
    void when_transientTypeChainedAsNextException_then_transient() {
        SQLException e = new SQLException("Code: 53. batch failed");
        e.setNextException(new SQLTransientConnectionException("connection reset"));

        assertEquals(StoreErrors.Kind.TRANSIENT, StoreErrors.clickHouse(e));
    }

    @Test
    void when_causesFormALoop_then_classificationEnds() {
        SQLException a = new SQLException("Catalog Error: a");
        SQLException b = new SQLException("b", a);
        a.setNextException(b);

        assertEquals(StoreErrors.Kind.PERMANENT, StoreErrors.duckDb(a));
    }

    @Test
    void when_plainSqlException_then_theStoresTextDecides() {
        assertEquals(StoreErrors.Kind.BAD_ROW, StoreErrors.duckDb(new SQLException("Conversion Error: 'x' is no FLOAT")));
        assertEquals(StoreErrors.Kind.PERMANENT, StoreErrors.duckDb(new SQLException("Catalog Error: no table t")));
        assertEquals(StoreErrors.Kind.TRANSIENT, StoreErrors.duckDb(new SQLException("IO Error: disk busy")));
        assertEquals(StoreErrors.Kind.BAD_ROW, StoreErrors.clickHouse(new SQLException("Code: 53. Type mismatch")));
        assertEquals(StoreErrors.Kind.PERMANENT, StoreErrors.clickHouse(new SQLException("Code: 60. no table")));
        assertEquals(StoreErrors.Kind.TRANSIENT, StoreErrors.clickHouse(new SQLException("Code: 159. Timeout")));
    }
}
