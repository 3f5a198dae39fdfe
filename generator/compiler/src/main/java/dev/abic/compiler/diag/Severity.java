package dev.abic.compiler.diag;

import java.util.Locale;

/** How bad a diagnostic is. Only errors fail a compilation. */
public enum Severity {
    ERROR,
    WARNING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
