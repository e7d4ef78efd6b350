package io.dolphin.datalayer.warm;

import java.sql.SQLTransientException;

/**
 * The writer's own verdict that a refused batch is not the fault of any row it could dead-letter: back off,
 * reconnect and try the batch again. A {@link SQLTransientException}, so every store classifies it by its type
 * ({@link io.dolphin.datalayer.warm.store.StoreErrors}), never by its message.
 */
final class RetryableWriteException extends SQLTransientException {

    RetryableWriteException(String reason) {
        super(reason);
    }
}
