package dev.abic.compiler.diag;

import java.util.Objects;
import java.util.Optional;

/**
 * One finding about the input, as a value. {@code fix}, where present, is text the user can paste
 * (for implicit padding: the exact field declaration to add).
 *
 * @param span where it is; empty only for findings about the compilation as a whole
 */
public record Diagnostic(Severity severity, Optional<SourceSpan> span, String message, Optional<Fix> fix) {
    /** A suggested edit: a short instruction ("add before it") and the text to add. */
    public record Fix(String instruction, String text) {
        public Fix {
            Objects.requireNonNull(instruction, "instruction");
            Objects.requireNonNull(text, "text");
        }
    }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    public static Diagnostic error(SourceSpan span, String message) {
        return new Diagnostic(Severity.ERROR, Optional.of(span), message, Optional.empty());
    }

    public static Diagnostic error(SourceSpan span, String message, Fix fix) {
        return new Diagnostic(Severity.ERROR, Optional.of(span), message, Optional.of(fix));
    }

    public static Diagnostic globalError(String message) {
        return new Diagnostic(Severity.ERROR, Optional.empty(), message, Optional.empty());
    }


    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The first line, {@code file:line:col: error: message}. */
    public String headline() {
        String where = span.map(s -> s.location() + ": ").orElse("abic: ");
        return where + severity.label() + ": " + message;
    }

    /**
     * The full rendering: headline, the source line, a caret under the span, and the fix.
     * Lines are separated by {@code \n}; no trailing newline.
     */
    public String render() {
        StringBuilder out = new StringBuilder(headline());
        span.map(SourceSpan::excerpt).filter(e -> !e.isEmpty()).ifPresent(e -> out.append('\n').append(e));
        fix.ifPresent(f -> out.append('\n').append("  ").append(f.instruction()).append(":  ").append(f.text()));
        return out.toString();
    }

    @Override
    public String toString() {
        return headline();
    }
}
