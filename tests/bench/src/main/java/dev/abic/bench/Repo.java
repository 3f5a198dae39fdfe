package dev.abic.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the benchmarks need from the repository: its root (system property {@code abic.root}), the
 * runnable abic jar the reactor built, and the runtime's C++ test peer, compiled here on first use.
 */
public final class Repo {
    private Repo() {}

    public static Path root() {
        String root = System.getProperty("abic.root");
        if (root == null) {
            throw new IllegalStateException("system property abic.root is not set (run through tests/bench/run-benchmarks)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** The JDK running this JVM: forks and child processes use the same one. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** generator/cli/target/abic-cli-*-all.jar. */
    public static Path cliJar() {
        Path dir = root().resolve("generator/cli/target");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("abic-cli-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no abic-cli-*-all.jar in " + dir + ": build the project first"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * The C++ peer (runtime/cpp/peer/abic_peer.cpp) built with {@code g++ -O2} into
     * tests/bench/target, again whenever a source or header is newer than the binary.
     */
    public static synchronized Path peer() {
        Path root = root();
        Path out = root.resolve("tests/bench/target/abic_peer");
        List<Path> inputs = List.of(root.resolve("runtime/cpp/peer"), root.resolve("runtime/cpp/include"),
                root.resolve("generated-cpp/include"));
        try {
            if (Files.isExecutable(out) && newest(inputs).compareTo(Files.getLastModifiedTime(out)) <= 0) {
                return out;
            }
            Files.createDirectories(out.getParent());
            Path temp = Files.createTempFile(out.getParent(), "abic_peer", ".tmp");
            try {
                run(List.of("g++", "-std=c++17", "-O2", "-pthread", "-I" + root.resolve("generated-cpp/include"),
                        "-I" + root.resolve("runtime/cpp/include"), root.resolve("runtime/cpp/peer/abic_peer.cpp").toString(),
                        "-o", temp.toString()), 300);
                Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the C++ peer", e);
        }
    }

    /** Runs a command to the end; its output (stdout and stderr), or an exception if it failed. */
    public static String run(List<String> command, int timeoutSeconds) {
        try {
            Path log = Files.createTempFile("abic-bench", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + output);
                }
                return output;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    private static FileTime newest(List<Path> dirs) throws IOException {
        FileTime newest = FileTime.fromMillis(0);
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    FileTime t = Files.getLastModifiedTime(f);
                    if (t.compareTo(newest) > 0) {
                        newest = t;
                    }
                }
            }
        }
        return newest;
    }
}
