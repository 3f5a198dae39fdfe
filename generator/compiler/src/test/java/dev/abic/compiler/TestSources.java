package dev.abic.compiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Compiles .abi text written by a test into a temporary directory. */
public final class TestSources {
    private TestSources() {}

    public static Abic.Result compile(Path dir, String text) {
        try {
            Path file = dir.resolve("test.abi");
            Files.writeString(file, text);
            return Abic.compile(List.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders every diagnostic, one after another, for assertion messages. */
    public static String render(Abic.Result r) {
        StringBuilder b = new StringBuilder();
        r.diagnostics().forEach(d -> b.append(d.render()).append('\n'));
        return b.toString();
    }
}
