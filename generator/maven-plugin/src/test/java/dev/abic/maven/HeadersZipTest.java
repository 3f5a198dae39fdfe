package dev.abic.maven;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.abic.compiler.Abic;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.emit.cpp.CppEmitter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The headers zip: its entries, its bytes (the same for the same input), and its CMake package as
 * real CMake (required, like g++ in the other tests) reads it.
 */
class HeadersZipTest {
    private static final String ABI = """
            package t.a;
            const CAPACITY: u32 = 8;
            struct Slot {
                seq: atomic u64 @ 0;
                kind: u32 @ 8;
                reserved0: reserved u32 @ 12;
            } size 16;
            """;

    @TempDir
    Path dir;

    @Test
    void theHeadersUnderIncludeAndTheCmakePackageUnderLibCmakeInNameOrderWithTheirFolders() {
        Map<String, byte[]> entries = HeadersZip.entries(headers(), "Demo", "1.2.3-SNAPSHOT");

        assertThat(entries.keySet()).containsExactly(
                "include/", "include/abi.h", "include/abic/", "include/abic/support.h", "include/t/", "include/t/a.h",
                "lib/", "lib/cmake/", "lib/cmake/Demo/", "lib/cmake/Demo/DemoConfig.cmake",
                "lib/cmake/Demo/DemoConfigVersion.cmake").inOrder();
        for (GeneratedFile header : headers()) {
            assertThat(new String(entries.get("include/" + header.path()), StandardCharsets.UTF_8))
                    .isEqualTo(header.content());
        }
        assertThat(entries.get("include/")).isEmpty();
    }

    @Test
    void everyEntryHasTheFixedTimeAndNoExtraField() throws IOException {
        byte[] zip = HeadersZip.zip(HeadersZip.entries(headers(), "Demo", "1.0"));

        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
                assertThat(entry.getTimeLocal()).isEqualTo(HeadersZip.ENTRY_TIME);
                assertThat(entry.getExtra()).isNull();
            }
        }
        assertThat(names).isEqualTo(new ArrayList<>(HeadersZip.entries(headers(), "Demo", "1.0").keySet()));
    }

    @Test
    void theSameInputGivesTheSameBytesInAnyOrderAndAnyTimeZone() {
        byte[] first = HeadersZip.zip(HeadersZip.entries(headers(), "Demo", "1.0"));
        List<GeneratedFile> reversed = new ArrayList<>(headers());
        Collections.reverse(reversed);
        TimeZone zone = TimeZone.getDefault();
        byte[] second;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));  // UTC+14
            second = HeadersZip.zip(HeadersZip.entries(reversed, "Demo", "1.0"));
        } finally {
            TimeZone.setDefault(zone);
        }

        assertThat(second).isEqualTo(first);
        assertThat(HeadersZip.zip(HeadersZip.entries(headers(), "Demo", "1.1"))).isNotEqualTo(first);
    }

    @Test
    void cmakeVersionIsTheLeadingNumbers() {
        assertThat(HeadersZip.cmakeVersion("1.2.3-SNAPSHOT")).isEqualTo("1.2.3");
        assertThat(HeadersZip.cmakeVersion("1.0")).isEqualTo("1.0");
        assertThat(HeadersZip.cmakeVersion("2")).isEqualTo("2");
        assertThat(HeadersZip.cmakeVersion("3.0.0-rc1")).isEqualTo("3.0.0");
        assertThat(HeadersZip.cmakeVersion("1.2.3.4.5")).isEqualTo("1.2.3.4");
        assertThat(HeadersZip.cmakeVersion("1.x")).isEqualTo("1");
        assertThat(HeadersZip.cmakeVersion("SNAPSHOT")).isNull();
        assertThat(HeadersZip.cmakeVersion("v1.0")).isNull();
        assertThrows(IllegalArgumentException.class, () -> HeadersZip.configVersion("Demo", "v1.0"));
    }

    @Test
    void packageNamesAreWhatCmakeTakesForAPackageAndATarget() {
        for (String good : List.of("demo-abi", "DemoAbi", "demo_abi", "demo.abi", "abi++", "1abi")) {
            assertWithMessage(good).that(HeadersZip.nameProblem(good)).isNull();
        }
        for (String bad : List.of("", "demo abi", "demo::abi", "demo/abi", ".demo", "démo", "demo;abi")) {
            assertWithMessage(bad).that(HeadersZip.nameProblem(bad)).isNotNull();
        }
    }

    /** Requests of find_package, as its arguments after the package name. */
    private static final List<String> REQUESTS = List.of(
            "", "0", "0.4", "0.9", "1", "1.0", "1.2", "1.2.3", "1.2.4", "1.3", "2", "2.0", "2.0.0", "10", "10.0.1",
            "11", "1 EXACT", "1.0 EXACT", "1.2 EXACT", "1.2.3 EXACT", "1.2.3.0 EXACT", "1.2.4 EXACT", "2 EXACT",
            "0.4.1 EXACT", "10.0.1 EXACT", "1.0...2.0", "1.0...<2.0", "1.0...<2", "1.0...<2.1", "1.0...1.2",
            "1.0...1.3", "1.2.3...1.2.3", "1.2.3...<1.2.4", "1.0...<1.2.3", "0.5...1.5", "0.1...0.5", "0.4...<1",
            "2...<3", "2...2.5", "10...<11", "9...<11");

    /**
     * The version file gives the answers of the file CMake itself writes for SameMajorVersion, for
     * the version without the Maven qualifier, to every request; and some answers are spelled out.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1.2.3-SNAPSHOT", "1.2.3", "1.0", "2", "0.4.1", "10.0.1-rc1"})
    void theVersionFileAnswersAsCmakesSameMajorVersionFile(String mavenVersion) throws Exception {
        Path prefix = unpack(HeadersZip.zip(HeadersZip.entries(headers(), "Demo", mavenVersion)), dir.resolve("prefix"));
        StringBuilder requests = new StringBuilder();
        REQUESTS.forEach(r -> requests.append(" \"").append(r).append('"'));
        Files.writeString(dir.resolve("CMakeLists.txt"), """
                cmake_minimum_required(VERSION 3.19)
                project(versions NONE)
                include(CMakePackageConfigHelpers)
                write_basic_package_version_file("${CMAKE_BINARY_DIR}/ref/lib/cmake/Ref/RefConfigVersion.cmake"
                    VERSION %s COMPATIBILITY SameMajorVersion ARCH_INDEPENDENT)
                file(WRITE "${CMAKE_BINARY_DIR}/ref/lib/cmake/Ref/RefConfig.cmake" "")
                function(request package prefix args)
                  unset(${package}_DIR CACHE)
                  separate_arguments(arguments UNIX_COMMAND "${args}")
                  find_package(${package} ${arguments} CONFIG QUIET PATHS "${prefix}" NO_DEFAULT_PATH)
                  if(${package}_FOUND)
                    message(STATUS "${package} [${args}] found ${${package}_VERSION}")
                  else()
                    message(STATUS "${package} [${args}] not found")
                  endif()
                endfunction()
                foreach(args IN ITEMS %s)
                  request(Demo "%s" "${args}")
                  request(Ref "${CMAKE_BINARY_DIR}/ref" "${args}")
                endforeach()
                """.formatted(HeadersZip.cmakeVersion(mavenVersion), requests, cmakePath(prefix)));

        String output = cmake("-S", dir.toString(), "-B", dir.resolve("build").toString());

        Map<String, String> ours = answers(output, "Demo");
        assertThat(ours.keySet()).containsExactlyElementsIn(REQUESTS);
        assertThat(ours).isEqualTo(answers(output, "Ref"));
        String found = "found " + HeadersZip.cmakeVersion(mavenVersion);
        if (mavenVersion.equals("1.2.3-SNAPSHOT")) {
            for (String compatible : List.of("", "1", "1.2", "1.2.3", "1.2.3 EXACT", "1.0...<2", "1.2.3...1.2.3")) {
                assertWithMessage(compatible).that(ours.get(compatible)).isEqualTo(found);
            }
            for (String not : List.of("0.9", "1.2.4", "2", "1.2 EXACT", "1.2.4 EXACT", "1.0...1.2", "0.5...1.5")) {
                assertWithMessage(not).that(ours.get(not)).isEqualTo("not found");
            }
        }
    }

    /** The tree unpacked and then moved elsewhere (into a folder with a space) still works. */
    @Test
    void findPackageDefinesTheInterfaceTargetWithTheIncludeFolderWhereverTheTreeWasMoved() throws Exception {
        Path unpacked = unpack(HeadersZip.zip(HeadersZip.entries(headers(), "demo-abi", "1.0-SNAPSHOT")),
                dir.resolve("unpacked"));
        Path moved = Files.move(unpacked, Files.createDirectories(dir.resolve("moved here")).resolve("prefix"));
        Files.writeString(dir.resolve("CMakeLists.txt"), """
                cmake_minimum_required(VERSION 3.13)
                project(consumer NONE)
                find_package(demo-abi 1.0 EXACT CONFIG REQUIRED)
                foreach(property TYPE IMPORTED INTERFACE_INCLUDE_DIRECTORIES INTERFACE_COMPILE_FEATURES)
                  get_target_property(value demo-abi::headers ${property})
                  message(STATUS "${property}=${value}")
                endforeach()
                message(STATUS "VERSION=${demo-abi_VERSION}")
                """);

        String output = cmake("-S", dir.toString(), "-B", dir.resolve("build").toString(),
                "-DCMAKE_PREFIX_PATH=" + moved);

        assertThat(output).contains("-- TYPE=INTERFACE_LIBRARY\n");
        assertThat(output).contains("-- IMPORTED=TRUE\n");
        assertThat(output).contains("-- INTERFACE_INCLUDE_DIRECTORIES=" + cmakePath(moved.resolve("include")) + "\n");
        assertThat(output).contains("-- INTERFACE_COMPILE_FEATURES=cxx_std_17\n");
        assertThat(output).contains("-- VERSION=1.0\n");
        assertThat(Files.isRegularFile(moved.resolve("include/abi.h"))).isTrue();
    }

    /** The headers of {@link #ABI}, as the goal generates them. */
    private static List<GeneratedFile> headers() {
        Abic.Result result = Abic.compileText(Path.of("t/a.abi"), ABI);
        assertThat(result.diagnostics()).isEmpty();
        return Abic.generateCpp(result.model().orElseThrow(), CppEmitter.Options.DEFAULTS).files();
    }

    /** Each request's answer, from the lines {@code -- <package> [<request>] <answer>}. */
    private static Map<String, String> answers(String output, String packageName) {
        Map<String, String> answers = new LinkedHashMap<>();
        String prefix = "-- " + packageName + " [";
        for (String line : output.split("\n")) {
            if (line.startsWith(prefix)) {
                int end = line.indexOf("] ");
                answers.put(line.substring(prefix.length(), end), line.substring(end + 2));
            }
        }
        return answers;
    }

    /** Unpacks a zip into a new folder. */
    static Path unpack(byte[] zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(into)).isTrue();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.write(target, in.readAllBytes());
                }
            }
        }
        return into;
    }

    private static String cmakePath(Path path) {
        return path.toAbsolutePath().toString().replace('\\', '/');
    }

    /** Runs cmake (required: the test fails, never skips, without it); its output, after success. */
    static String cmake(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cmake"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cmake is required by this test and is not on the PATH: " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(out, StandardCharsets.UTF_8);
        assertWithMessage("%s failed:\n%s", command, output).that(process.exitValue()).isEqualTo(0);
        return output;
    }
}
