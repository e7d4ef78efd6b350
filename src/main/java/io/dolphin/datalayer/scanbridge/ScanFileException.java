package io.dolphin.datalayer.scanbridge;

/**
 * A scan file that cannot be published, with the reason an operator reads in the dead letter.
 *
 * <p>{@link Kind#INCOMPLETE}: nothing proves the file was finished (no Arrow trailer or end-of-stream marker, no
 * bytes, not Arrow at all). It may still be being written, so the source waits until the file has stopped changing
 * before it gives up on it. {@link Kind#INVALID}: the file is provably complete but its content is not a valid
 * scan (missing or mistyped column, NaN, no rows); waiting would not help.
 */
public final class ScanFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind { INCOMPLETE, INVALID }

    private final Kind kind;

    public ScanFileException(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public ScanFileException(Kind kind, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
    }

    public static ScanFileException incomplete(String reason) {
        return new ScanFileException(Kind.INCOMPLETE, reason);
    }

    public static ScanFileException invalid(String reason) {
        return new ScanFileException(Kind.INVALID, reason);
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return getMessage();
    }
}
