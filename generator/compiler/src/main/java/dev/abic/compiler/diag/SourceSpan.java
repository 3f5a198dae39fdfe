package dev.abic.compiler.diag;

import java.util.Objects;

/**
 * A range of one line of a source file: 1-based line and column, and a length in characters
 * (at least 1) that the renderer underlines.
 */
public record SourceSpan(SourceFile file, int line, int column, int length) {
    public SourceSpan {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
        length = Math.max(1, length);
    }

    /** {@code file:line:col}, as compilers print it. */
    public String location() {
        return file.displayName() + ":" + line + ":" + column;
    }

    /** {@code sourceName:line}, for messages embedded in generated code. */
    public String shortLocation() {
        return file.sourceName() + ":" + line;
    }
}
