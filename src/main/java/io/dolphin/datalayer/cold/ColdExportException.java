package io.dolphin.datalayer.cold;

/** A cold export that cannot start or go on at all (its root, its store); the message is the one line to show. */
public final class ColdExportException extends RuntimeException {

    public ColdExportException(String message) {
        super(message);
    }
}
