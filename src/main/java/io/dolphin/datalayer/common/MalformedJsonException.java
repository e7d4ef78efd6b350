package io.dolphin.datalayer.common;

/**
 * A value that is not the JSON shape its map key promises: unparsable text, a missing or mistyped field,
 * a non-finite number. Jobs turn it into a dead letter; the message is the reason an operator reads.
 */
public class MalformedJsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedJsonException(String message) {
        super(message);
    }

    public MalformedJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
