package dev.abic.compiler.drift;

import dev.abic.compiler.diag.Diagnostic;
import dev.abic.compiler.diag.SourceSpan;

/** A lock file or check configuration that cannot be used, with where and why. */
public final class InvalidFile extends Exception {
    private final transient Diagnostic diagnostic;

    public InvalidFile(SourceSpan span, String message) {
        super(message);
        this.diagnostic = Diagnostic.error(span, message);
    }

    /** The error as a diagnostic ({@code file:line:col: error: ...}). */
    public Diagnostic diagnostic() {
        return diagnostic;
    }
}
