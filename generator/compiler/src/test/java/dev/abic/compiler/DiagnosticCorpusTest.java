package dev.abic.compiler;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.diag.Diagnostic;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The diagnostics corpus: every {@code src/test/resources/diagnostics/<case>.abi} is a malformed
 * input, and {@code <case>.expected} holds exactly what the compiler must say about it: each
 * diagnostic's {@link Diagnostic#render()} joined by newlines (plus one final newline), with file
 * paths relative to the resources directory ({@code diagnostics/<case>.abi:3:7: error: …}). Files a
 * case imports live in {@code diagnostics/<case>/}.
 *
 * <p>Each expected file is written and reviewed by hand: the position, the wording and the fix are
 * part of the contract. To regenerate them after a deliberate change to the messages, run
 *
 * <pre>
 *   mvn -q -o -pl generator/compiler test -Dtest=DiagnosticCorpusTest -Dabic.updateGoldens=true
 * </pre>
 *
 * <p>With {@code abic.updateGoldens=true} every case writes its {@code .expected} file from the
 * current output and then <em>fails</em>, saying so, so that a regenerated golden never passes
 * silently: review the diff ({@code git diff}) and run again without the flag.
 */
class DiagnosticCorpusTest {
    /** Surefire runs in the module directory. */
    private static final Path RESOURCES = Path.of("src", "test", "resources");
    private static final Path DIR = RESOURCES.resolve("diagnostics");
    private static final int MINIMUM_CASES = 45;
    private static final boolean UPDATE = Boolean.getBoolean("abic.updateGoldens");

    /** The case names: every {@code *.abi} directly under {@link #DIR}, without the extension. */
    static List<String> cases() throws IOException {
        return namesEndingWith(".abi");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedDiagnostics(String name) throws IOException {
        Path input = DIR.resolve(name + ".abi");
        Path expectedFile = DIR.resolve(name + ".expected");
        Abic.Result result = Abic.compile(List.of(input));
        String actual = render(result.diagnostics());

        if (UPDATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            throw new AssertionError("regenerated " + expectedFile + " (abic.updateGoldens=true); review the change"
                    + " and run the test again without -Dabic.updateGoldens");
        }

        assertWithMessage("%s has no .expected file; write one (see the class comment)", input)
                .that(Files.isRegularFile(expectedFile)).isTrue();
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertWithMessage("diagnostics for %s", input).that(actual).isEqualTo(expected);
        assertWithMessage("%s is malformed, but it compiled", input).that(result.succeeded()).isFalse();
        assertWithMessage("%s failed to compile without any error diagnostic", input)
                .that(result.diagnostics().stream().anyMatch(Diagnostic::isError)).isTrue();
    }

    @Test
    void theCorpusCoversEnoughCases() throws IOException {
        assertWithMessage("diagnostic cases in %s", DIR.toAbsolutePath())
                .that(cases().size()).isAtLeast(MINIMUM_CASES);
    }

    @Test
    void everyCaseHasAnExpectedFileAndEveryExpectedFileACase() throws IOException {
        Set<String> inputs = new TreeSet<>(namesEndingWith(".abi"));
        Set<String> expected = new TreeSet<>(namesEndingWith(".expected"));
        assertWithMessage(".abi cases without an .expected file")
                .that(difference(inputs, expected)).isEmpty();
        assertWithMessage(".expected files without an .abi case")
                .that(difference(expected, inputs)).isEmpty();
        Set<String> directories;
        try (Stream<Path> list = Files.list(DIR)) {
            directories = list.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertWithMessage("directories of extra files must be named after their case")
                .that(difference(directories, inputs)).isEmpty();
    }

    /**
     * The diagnostics as the user sees them, one {@link Diagnostic#render()} after another, with the
     * corpus directory written as {@code diagnostics/} whatever the working directory.
     */
    private static String render(List<Diagnostic> diagnostics) {
        String text = diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining("\n"));
        String prefix = DIR.toString();
        text = text.replace(prefix + File.separator, "diagnostics/").replace(prefix.replace('\\', '/') + "/",
                "diagnostics/");
        return text.isEmpty() ? "" : text + "\n";
    }

    private static List<String> namesEndingWith(String suffix) throws IOException {
        assertWithMessage("the corpus directory %s (tests run in the module directory)", DIR.toAbsolutePath())
                .that(Files.isDirectory(DIR)).isTrue();
        try (Stream<Path> list = Files.list(DIR)) {
            return list.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length()))
                    .sorted()
                    .toList();
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
