package dev.abic.runtime.cpp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The C++ half of the runtime as programs: the test peer ({@code runtime/cpp/peer/abic_peer.cpp})
 * and the C++ test binary ({@code runtime/cpp/test/*.cpp}), built with g++ from the header-only
 * library in {@code runtime/cpp/include} and the generated headers in {@code generated-cpp/include}.
 *
 * <p>Each program is built at most once per JVM, into {@code runtime/target/cpp/}. A build is
 * reused across JVMs while a SHA-256 over the compiler's version, the command line and every source
 * and header it can include is unchanged. A failed build fails every later call in the same JVM
 * with the compiler's output.
 *
 * <p>Cross-process tests start the peer from {@link #peer()}; its modes, arguments and exit
 * statuses are documented at the top of {@code abic_peer.cpp}.
 */
public final class CppPrograms {
    /** The g++ flags of every build: C++17, optimised, every warning an error. */
    public static final List<String> GXX_FLAGS = List.of("-std=c++17", "-O2", "-Wall", "-Wextra", "-Werror", "-pthread");

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

    private static Build peer;
    private static Build tests;

    private CppPrograms() {}

    /** The repository root, from the {@code abic.root} property that surefire sets. */
    public static Path root() {
        String root = System.getProperty("abic.root");
        if (root == null) {
            throw new AssertionError("system property abic.root is not set (run the tests through Maven)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** {@code generated-cpp/include}: the headers generated from idl/. */
    public static Path generatedInclude() {
        return root().resolve("generated-cpp/include");
    }

    /** {@code runtime/cpp/include}: the header-only runtime ({@code abic_runtime/*.hpp}). */
    public static Path runtimeInclude() {
        return root().resolve("runtime/cpp/include");
    }

    /** {@code runtime/cpp}: the runtime's C++ sources (include/, peer/, test/). */
    public static Path cppSources() {
        return root().resolve("runtime/cpp");
    }

    /** The test peer executable, built on first use. */
    public static synchronized Path peer() {
        if (peer == null) {
            peer = build("abic_peer", List.of(cppSources().resolve("peer/abic_peer.cpp")));
        }
        return peer.path();
    }

    /** The C++ test executable (every {@code runtime/cpp/test/*.cpp}), built on first use. */
    public static synchronized Path tests() {
        if (tests == null) {
            tests = build("abic_runtime_tests", sources(cppSources().resolve("test"), ".cpp"));
        }
        return tests.path();
    }

    /** Exit status and everything a process wrote to stdout and stderr, interleaved. */
    public record Run(List<String> command, int exitCode, String output) {
        /** The command, its exit status and its output, for a failure message. */
        public String describe() {
            return String.join(" ", command) + "\nexit " + exitCode + "\n" + output;
        }
    }

    /** Runs `command` in the repository root; fails when it does not end within `timeout`. */
    public static Run run(List<String> command, Duration timeout) {
        try {
            Path log = Files.createTempFile("abic-cpp", ".log");
            try {
                Process p = new ProcessBuilder(command).directory(root().toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command) + "\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Run(command, p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }

    /**
     * Fails (never skips) when `tool` is not on the PATH, naming the Debian package that provides it.
     */
    public static void requireTool(String tool, String debianPackage) {
        if (!hasTool(tool)) {
            throw new AssertionError(tool + " is required by this test but was not found on the PATH; install it "
                    + "(Debian package: " + debianPackage + ").");
        }
    }

    /** True when `tool --version` runs and exits 0. */
    public static boolean hasTool(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The files in `dir` whose names end with `suffix`, sorted. */
    static List<Path> sources(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A built program, or why the build failed. */
    private record Build(Path built, String failure) {
        Path path() {
            if (failure != null) {
                throw new AssertionError(failure);
            }
            return built;
        }
    }

    private static Build build(String name, List<Path> sources) {
        requireTool("g++", "g++");
        List<String> command = new ArrayList<>(List.of("g++"));
        command.addAll(GXX_FLAGS);
        command.add("-I" + generatedInclude());
        command.add("-I" + runtimeInclude());
        sources.forEach(s -> command.add(s.toString()));
        Path out = root().resolve("runtime/target/cpp").resolve(name);
        try {
            Files.createDirectories(out.getParent());
            Path stamp = out.resolveSibling(name + ".sha256");
            String key = buildKey(command);
            if (Files.isExecutable(out) && Files.exists(stamp) && Files.readString(stamp).equals(key)) {
                return new Build(out, null);
            }
            Path temp = Files.createTempFile(out.getParent(), name, ".tmp");
            List<String> full = new ArrayList<>(command);
            full.addAll(List.of("-o", temp.toString()));
            Run run = run(full, BUILD_TIMEOUT);
            if (run.exitCode() != 0) {
                Files.deleteIfExists(temp);
                return new Build(null, "building " + name + " failed:\n" + run.describe());
            }
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(stamp, key);
            return new Build(out, null);
        } catch (IOException e) {
            return new Build(null, "building " + name + " failed: " + e);
        }
    }

    /** SHA-256 over g++'s version, the command line and every file a build can read. */
    private static String buildKey(List<String> command) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(run(List.of("g++", "--version"), Duration.ofMinutes(1)).output().getBytes(StandardCharsets.UTF_8));
            sha.update(String.join("\0", command).getBytes(StandardCharsets.UTF_8));
            for (Path dir : List.of(generatedInclude(), cppSources())) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        sha.update(dir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                        sha.update(Files.readAllBytes(file));
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is missing from this JDK", e);
        }
    }
}
