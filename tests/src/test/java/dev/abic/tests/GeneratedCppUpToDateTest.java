package dev.abic.tests;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.Abic;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.emit.cpp.CppEmitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The headers committed in generated-cpp/include are exactly what idl/ generates today: device
 * builds use them without a JVM, so they must never drift from the .abi files. To fix a failure,
 * run {@code ./abic generate --cpp-out generated-cpp/include idl/} and commit the result.
 */
class GeneratedCppUpToDateTest {
    @Test
    void committedHeadersMatchIdl() throws IOException {
        Abic.Result idl = Abic.compile(List.of(Repo.idl()));
        assertWithMessage("idl/ compiles").that(idl.diagnostics()).isEmpty();
        Abic.Output cpp = Abic.generateCpp(idl.model().orElseThrow(), CppEmitter.Options.DEFAULTS);
        assertWithMessage("C++ generation from idl/").that(cpp.diagnostics()).isEmpty();
        Path include = Repo.generatedCppInclude();
        List<String> stale = new ArrayList<>();
        Set<String> expected = new TreeSet<>();
        for (GeneratedFile f : cpp.files()) {
            expected.add(f.path());
            Path committed = include.resolve(f.path());
            if (!Files.isRegularFile(committed)) {
                stale.add("missing: generated-cpp/include/" + f.path());
            } else if (!Files.readString(committed, StandardCharsets.UTF_8).equals(f.content())) {
                stale.add("differs: generated-cpp/include/" + f.path());
            }
        }
        try (Stream<Path> walk = Files.walk(include)) {
            for (String extra : walk.filter(Files::isRegularFile).map(p -> include.relativize(p).toString())
                    .filter(p -> !expected.contains(p)).sorted().collect(Collectors.toList())) {
                stale.add("not generated from idl/ (delete it): generated-cpp/include/" + extra);
            }
        }
        assertWithMessage("generated-cpp/ is stale; run ./abic generate --cpp-out generated-cpp/include idl/ "
                + "and commit:\n  " + String.join("\n  ", stale)).that(stale).isEmpty();
    }
}
