package dev.abic.compiler.emit;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.Abic;
import dev.abic.compiler.emit.cpp.CppEmitter;
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

/**
 * Pins the generated C++ byte for byte: src/test/resources/golden/input/*.abi must generate exactly
 * src/test/resources/golden/cpp/. After an intended change to the output, regenerate with
 * {@code mvn -pl generator/compiler test -Dtest=CppGoldenTest -Dabic.updateGoldens=true}, review
 * the diff, and commit; the run that regenerates still fails, so a golden never passes unread.
 */
class CppGoldenTest {
    private static final Path INPUT = Path.of("src/test/resources/golden/input");
    private static final Path EXPECTED = Path.of("src/test/resources/golden/cpp");

    @Test
    void generatedHeadersMatchTheGoldenFiles() throws IOException {
        Abic.Result result = Abic.compile(List.of(INPUT));
        assertWithMessage("golden input compiles").that(result.diagnostics()).isEmpty();
        Abic.Output out = Abic.generateCpp(result.model().orElseThrow(), CppEmitter.Options.DEFAULTS);
        assertThat(out.diagnostics()).isEmpty();

        if (Boolean.getBoolean("abic.updateGoldens")) {
            if (Files.exists(EXPECTED)) {
                try (Stream<Path> walk = Files.walk(EXPECTED)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            OutputWriter.write(EXPECTED, out.files());
            throw new AssertionError("golden files regenerated in " + EXPECTED + "; review the diff and rerun");
        }

        Set<String> expectedPaths;
        try (Stream<Path> walk = Files.walk(EXPECTED)) {
            expectedPaths = walk.filter(Files::isRegularFile).map(p -> EXPECTED.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> actualPaths = out.files().stream().map(GeneratedFile::path)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(actualPaths).containsExactlyElementsIn(expectedPaths);
        for (GeneratedFile f : out.files()) {
            assertWithMessage(f.path()).that(f.content())
                    .isEqualTo(Files.readString(EXPECTED.resolve(f.path()), StandardCharsets.UTF_8));
        }
    }

    @Test
    void outputIsDeterministic() {
        Abic.Result first = Abic.compile(List.of(INPUT));
        Abic.Result second = Abic.compile(List.of(INPUT));
        assertThat(Abic.generateCpp(first.model().orElseThrow(), CppEmitter.Options.DEFAULTS).files())
                .isEqualTo(Abic.generateCpp(second.model().orElseThrow(), CppEmitter.Options.DEFAULTS).files());
    }
}
