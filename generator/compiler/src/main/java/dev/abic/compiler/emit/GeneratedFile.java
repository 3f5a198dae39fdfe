package dev.abic.compiler.emit;

import java.util.Objects;

/** One output file: a path relative to the output directory (forward slashes) and its text. */
public record GeneratedFile(String path, String content) {
    public GeneratedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
            throw new IllegalArgumentException("output paths are relative and normalized: " + path);
        }
    }
}
