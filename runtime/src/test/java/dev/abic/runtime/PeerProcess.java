package dev.abic.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process the cross-process tests start (the C++ peer, or a Java {@link HostMain}), with its
 * output going to files so that a chatty process never blocks on a full pipe, and a shared-memory
 * file name that is unique to the test and removed afterwards.
 */
final class PeerProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final String command;

    private PeerProcess(List<String> command) {
        this.command = String.join(" ", command);
        try {
            stdout = Files.createTempFile("abic-peer", ".out");
            stderr = Files.createTempFile("abic-peer", ".err");
            process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + this.command, e);
        }
    }

    /** Starts {@code program} with {@code args} (each turned into a string). */
    static PeerProcess start(Path program, Object... args) {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        return new PeerProcess(command);
    }

    /** Starts {@link HostMain} in a new JVM with this JVM's class path. */
    static PeerProcess startJava(Object... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                HostMain.class.getName()));
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        return new PeerProcess(command);
    }

    /** A fresh name in /dev/shm for one test. */
    static Path shmFile(String tag) {
        return Path.of("/dev/shm", "abic-test-" + ProcessHandle.current().pid() + "-" + tag + "-" + System.nanoTime());
    }

    /** Waits up to {@code seconds} for the exit status; fails (after killing it) if it does not exit. */
    int waitFor(long seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not exit within " + seconds + " s\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** SIGKILL, then wait until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    /** Everything it printed, for failure messages. */
    String output() {
        return "$ " + command + "\n--- stdout\n" + stdout() + "--- stderr\n" + stderr();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        try {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        } catch (IOException e) {
            // temporary files only
        }
    }
}
