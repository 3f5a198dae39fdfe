package dev.abic.compiler.diag;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The text of one {@code .abi} file and the two names it goes by: {@code displayName}, the path as
 * the user wrote it (used in diagnostics), and {@code sourceName}, the path relative to its source
 * root (used in generated output, so that output does not depend on the working directory).
 */
public final class SourceFile {
    private final Path path;
    private final String displayName;
    private final String sourceName;
    private final String text;
    private final int[] lineStarts;

    public SourceFile(Path path, String displayName, String sourceName, String text) {
        this.path = Objects.requireNonNull(path, "path");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.text = Objects.requireNonNull(text, "text");
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The normalized absolute path; the identity of the file within a compilation. */
    public Path path() {
        return path;
    }

    public String displayName() {
        return displayName;
    }

    public String sourceName() {
        return sourceName;
    }

    public String text() {
        return text;
    }

    /** The text of 1-based line {@code line}, without its line terminator; empty past the end. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, Math.max(start, end));
    }

    public int lineCount() {
        return lineStarts.length;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
