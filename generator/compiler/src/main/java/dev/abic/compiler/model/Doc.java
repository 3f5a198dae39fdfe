package dev.abic.compiler.model;

import java.util.List;

/** Documentation from {@code ///} comments, one entry per line. */
public record Doc(List<String> lines) {
    public static final Doc NONE = new Doc(List.of());

    public Doc {
        lines = List.copyOf(lines);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }
}
