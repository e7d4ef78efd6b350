package io.dolphin.datalayer.cli;

/** No member answered at the configured addresses within the connect timeout. */
final class NoClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NoClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
