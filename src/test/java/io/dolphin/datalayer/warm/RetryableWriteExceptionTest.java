package io.dolphin.datalayer.warm;

import io.dolphin.datalayer.warm.store.StoreErrors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryableWriteExceptionTest {

    @Test
    void when_classifiedByEitherStore_then_transient_byItsTypeNotItsText() {
        // a text each store's message rules would call permanent
        RetryableWriteException e = new RetryableWriteException("Catalog Error: Code: 60. dolphin.acb_state refuses");

        assertEquals(StoreErrors.Kind.TRANSIENT, StoreErrors.duckDb(e));
        assertEquals(StoreErrors.Kind.TRANSIENT, StoreErrors.clickHouse(e));
    }
}
