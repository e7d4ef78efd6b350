package io.dolphin.datalayer.common;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a parsing or validating stage made of one input: either an accepted value or a dead letter.
 * A stage never returns null to drop a record silently; {@link DeadLetters#divert} splits the two.
 */
public final class Outcome<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final T value;
    private final DeadLetter deadLetter;

    private Outcome(T value, DeadLetter deadLetter) {
        this.value = value;
        this.deadLetter = deadLetter;
    }

    public static <T> Outcome<T> accepted(T value) {
        return new Outcome<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> Outcome<T> rejected(DeadLetter deadLetter) {
        return new Outcome<>(null, Objects.requireNonNull(deadLetter, "deadLetter"));
    }

    public boolean isAccepted() {
        return deadLetter == null;
    }

    public T value() {
        if (deadLetter != null) {
            throw new IllegalStateException("rejected: " + deadLetter.reason());
        }
        return value;
    }

    public DeadLetter deadLetter() {
        if (deadLetter == null) {
            throw new IllegalStateException("accepted, no dead letter");
        }
        return deadLetter;
    }

    @Override
    public String toString() {
        return isAccepted() ? "Accepted[" + value + "]" : "Rejected[" + deadLetter.reason() + "]";
    }
}
