package dev.abic.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs real programs (compilers, the abic jar, test binaries) as separate processes. */
public final class Processes {
    private Processes() {}

    /** Exit status and everything the process wrote to stdout and stderr, interleaved. */
    public record Run(List<String> command, int exitCode, String output) {
        public String describe() {
            return String.join(" ", command) + "\nexit " + exitCode + "\n" + output;
        }
    }

    public static Run run(Path workDir, List<String> command) {
        return run(workDir, command, 300);
    }

    public static Run run(Path workDir, List<String> command, long timeoutSeconds) {
        try {
            Path log = Files.createTempFile("abic-process", ".log");
            try {
                Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
                }
                return new Run(command, p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The {@code abic} command as users run it: the runnable jar, in its own process. */
    public static Run abic(Path workDir, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-jar", Repo.cliJar().toString()));
        cmd.addAll(List.of(args));
        return run(workDir, cmd, 120);
    }

    /**
     * Fails (never skips) when a tool the test needs is missing, naming the Debian package that
     * provides it.
     */
    public static void requireTool(String tool, String debianPackage) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            // fall through to the failure below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError(tool + " is required by this test but was not found on the PATH; install it "
                + "(Debian package: " + debianPackage + "). .ci/run installs it on a fresh machine.");
    }
}
