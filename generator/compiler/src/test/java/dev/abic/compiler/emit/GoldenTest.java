package dev.abic.compiler.emit;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.Abic;
import dev.abic.compiler.emit.cpp.CppEmitter;
import dev.abic.compiler.emit.java.JavaEmitter;
import dev.abic.compiler.model.AbiModel;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins the generated C++ and Java byte for byte: src/test/resources/golden/input/*.abi must
 * generate exactly src/test/resources/golden/cpp/ and golden/java/. After an intended change to the
 * output, regenerate with {@code mvn -pl generator/compiler test -Dtest=GoldenTest
 * -Dabic.updateGoldens=true}, review the diff, and commit; the run that regenerates still fails, so
 * a golden never passes unread. The golden Java is also compiled with the tests (see
 * GoldenJavaBehaviourTest); when a change makes the tests stop compiling against the old goldens,
 * regenerate the Java first with {@code ./abic generate --java-out
 * generator/compiler/src/test/resources/golden/java generator/compiler/src/test/resources/golden/input}.
 */
class GoldenTest {
    private static final Path INPUT = Path.of("src/test/resources/golden/input");

    enum Language {
        CPP(m -> Abic.generateCpp(m, CppEmitter.Options.DEFAULTS)),
        JAVA(m -> Abic.generateJava(m, JavaEmitter.Options.DEFAULTS));

        final Function<AbiModel, Abic.Output> generate;

        Language(Function<AbiModel, Abic.Output> generate) {
            this.generate = generate;
        }

        Path expected() {
            return Path.of("src/test/resources/golden", name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static Abic.Output generate(Language language) {
        Abic.Result result = Abic.compile(List.of(INPUT));
        assertWithMessage("golden input compiles").that(result.diagnostics()).isEmpty();
        Abic.Output out = language.generate.apply(result.model().orElseThrow());
        assertThat(out.diagnostics()).isEmpty();
        return out;
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void generatedFilesMatchTheGoldenFiles(Language language) throws IOException {
        Abic.Output out = generate(language);
        Path expected = language.expected();
        if (Boolean.getBoolean("abic.updateGoldens")) {
            if (Files.exists(expected)) {
                try (Stream<Path> walk = Files.walk(expected)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            OutputWriter.write(expected, out.files());
            throw new AssertionError("golden files regenerated in " + expected + "; review the diff and rerun");
        }

        Set<String> expectedPaths;
        try (Stream<Path> walk = Files.walk(expected)) {
            expectedPaths = walk.filter(Files::isRegularFile).map(p -> expected.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> actualPaths = out.files().stream().map(GeneratedFile::path)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(actualPaths).containsExactlyElementsIn(expectedPaths);
        for (GeneratedFile f : out.files()) {
            assertWithMessage(f.path()).that(f.content())
                    .isEqualTo(Files.readString(expected.resolve(f.path()), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void outputIsDeterministic(Language language) {
        assertThat(generate(language).files()).isEqualTo(generate(language).files());
    }

    /** The Java goldens compile for release 22 without a single warning, Javadoc included. */
    @Test
    void javaOutputCompilesWithoutWarnings(@TempDir Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertWithMessage("the tests run on a JDK (22+) with javac").that(javac).isNotNull();
        List<String> args = new ArrayList<>(List.of("--release", "22", "-Xlint:all", "-Xdoclint:all,-missing",
                "-Werror", "-d", classes.toString()));
        try (Stream<Path> walk = Files.walk(Language.JAVA.expected())) {
            walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(p -> args.add(p.toString()));
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = javac.run(null, log, log, args.toArray(String[]::new));
        assertWithMessage("javac " + String.join(" ", args) + "\n" + log).that(status).isEqualTo(0);
    }
}
