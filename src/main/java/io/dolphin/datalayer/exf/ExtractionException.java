package io.dolphin.datalayer.exf;

/** A response that arrived but does not hold the configured value; the message is the dead letter's reason. */
final class ExtractionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FailureKind kind;

    public ExtractionException(FailureKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
