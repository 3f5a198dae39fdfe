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

    /**
     * The source line, indented, and under it a caret and tildes marking the span; empty when the
     * line is empty or past the end of the file.
     */
    public String excerpt() {
        String text = file.line(line);
        if (text.isEmpty()) {
            return "";
        }
        int start = column - 1;
        int width = Math.max(1, Math.min(length, Math.max(1, text.length() - start)));
        return "    " + text.replace('\t', ' ') + "\n    " + " ".repeat(Math.max(0, start)) + "^" + "~".repeat(width - 1);
    }
}
