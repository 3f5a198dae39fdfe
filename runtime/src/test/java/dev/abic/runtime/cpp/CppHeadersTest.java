package dev.abic.runtime.cpp;

import static com.google.common.truth.Truth.assertWithMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime headers ({@code runtime/cpp/include/abic_runtime/*.hpp}) compile on their own and all
 * together, included twice (include guards), with g++ at C++17 and C++20 under -Wpedantic and
 * -Wconversion with every warning an error.
 */
class CppHeadersTest {
    private static final List<String> WARNINGS =
            List.of("-Wall", "-Wextra", "-Wpedantic", "-Wconversion", "-Wshadow", "-Werror");

    @TempDir
    Path work;

    private static List<String> headers() {
        List<String> headers = CppPrograms.sources(CppPrograms.runtimeInclude().resolve("abic_runtime"), ".hpp")
                .stream().map(p -> "abic_runtime/" + p.getFileName()).toList();
        assertWithMessage("headers in runtime/cpp/include/abic_runtime").that(headers)
                .containsAtLeast("abic_runtime/queue.hpp", "abic_runtime/mailbox.hpp", "abic_runtime/shm_file.hpp");
        return headers;
    }

    private void compiles(String name, List<String> includes) throws Exception {
        Path tu = work.resolve(name + ".cpp");
        String text = includes.stream().map(h -> "#include \"" + h + "\"\n").collect(Collectors.joining());
        Files.writeString(tu, text + text + "int main() { return 0; }\n");
        for (String std : List.of("c++17", "c++20")) {
            List<String> command = new ArrayList<>(List.of("g++", "-std=" + std));
            command.addAll(WARNINGS);
            command.addAll(List.of("-I" + CppPrograms.generatedInclude(), "-I" + CppPrograms.runtimeInclude(), "-c",
                    tu.toString(), "-o", work.resolve(name + "-" + std + ".o").toString()));
            CppPrograms.Run run = CppPrograms.run(command, Duration.ofMinutes(2));
            assertWithMessage(run.describe()).that(run.exitCode()).isEqualTo(0);
            assertWithMessage(run.describe()).that(run.output()).isEmpty();
        }
    }

    @Test
    void allHeadersCompileTogetherWithPedanticWarnings() throws Exception {
        CppPrograms.requireTool("g++", "g++");
        compiles("all_headers", headers());
    }

    @Test
    void eachHeaderCompilesOnItsOwn() throws Exception {
        CppPrograms.requireTool("g++", "g++");
        for (String header : headers()) {
            compiles(header.replaceAll("[^A-Za-z0-9]", "_"), List.of(header));
        }
    }
}
