package dev.abic.compiler.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Collects the diagnostics of one compilation. Every stage reports everything it finds and goes
 * on; a stage that needs a sound input checks {@link #hasErrors()} before it starts.
 */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();
    private int errors;

    /** Records a finding. */
    public void report(Diagnostic diagnostic) {
        items.add(diagnostic);
        if (diagnostic.isError()) {
            errors++;
        }
    }

    /** Records an error at {@code span}. */
    public void error(SourceSpan span, String message) {
        report(Diagnostic.error(span, message));
    }

    /** True once any error has been reported. */
    public boolean hasErrors() {
        return errors > 0;
    }

    /** Errors reported so far (a stage compares counts to tell whether a call reported anything). */
    public int errorCount() {
        return errors;
    }

    /**
     * Everything reported, without duplicates, in a stable order: by file in the order the files
     * were loaded, then by line and column; findings without a position come first.
     */
    public List<Diagnostic> sorted(List<SourceFile> fileOrder) {
        Comparator<Diagnostic> byFile = Comparator.comparingInt(d -> d.span()
                .map(s -> {
                    int i = fileOrder.indexOf(s.file());
                    return i < 0 ? Integer.MAX_VALUE : i;
                })
                .orElse(-1));
        Comparator<Diagnostic> order = byFile
                .thenComparingInt(d -> d.span().map(SourceSpan::line).orElse(0))
                .thenComparingInt(d -> d.span().map(SourceSpan::column).orElse(0));
        List<Diagnostic> unique = new ArrayList<>(new LinkedHashSet<>(items));
        unique.sort(order);
        return List.copyOf(unique);
    }
}
