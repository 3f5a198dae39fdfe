package dev.abic.runtime;

import java.util.Objects;

/** A failed runtime operation: its {@link ErrorKind} and a message saying which value was wrong. */
public final class AbicRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String detail;

    public AbicRuntimeException(ErrorKind kind, String detail) {
        this(kind, detail, null);
    }

    public AbicRuntimeException(ErrorKind kind, String detail, Throwable cause) {
        super(kind + ": " + detail, cause);
        this.kind = Objects.requireNonNull(kind);
        this.detail = detail;
    }

    /** The kind of error. */
    public ErrorKind kind() {
        return kind;
    }

    /** The message without the kind in front. */
    public String detail() {
        return detail;
    }
}
