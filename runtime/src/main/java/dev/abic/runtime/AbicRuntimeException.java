package dev.abic.runtime;

import java.util.Objects;

/** A failed runtime operation: its {@link ErrorKind} and a message saying which value was wrong. */
public final class AbicRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    public AbicRuntimeException(ErrorKind kind, String message) {
        super(kind + ": " + message);
        this.kind = Objects.requireNonNull(kind);
    }

    public AbicRuntimeException(ErrorKind kind, String message, Throwable cause) {
        super(kind + ": " + message, cause);
        this.kind = Objects.requireNonNull(kind);
    }

    /** The kind of error. */
    public ErrorKind kind() {
        return kind;
    }
}
