package dev.abic.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The round-trip floor: two C++ processes with the same protocol and the same runtime
 * ({@code abic_peer rtt} against {@code abic_peer echo}), 64-byte messages, timed by the C++ side with
 * {@code steady_clock} around each enqueue and peek. JMH cannot time another process, so the suite runs
 * this right after the JMH run and reports the Java ↔ C++ median as a ratio to this one.
 */
public final class CppRoundTrip {
    /** Nearest-rank percentiles of one run, in nanoseconds. */
    public record Result(long samples, long medianNanos, long p99Nanos, long p999Nanos) {}

    private static final Pattern LINE = Pattern.compile("rtt_ns median=(\\d+) p99=(\\d+) p999=(\\d+)");

    private CppRoundTrip() {}

    public static Result run(long samples) {
        Path peer = Repo.peer();
        Path file = Path.of("/dev/shm", "abic-bench-floor-" + ProcessHandle.current().pid());
        try {
            Files.deleteIfExists(file);
            Repo.run(List.of(peer.toString(), "create-queue", file.toString(), String.valueOf(RoundTripBench.CONFIG.depth()),
                    String.valueOf(RoundTripBench.CONFIG.inputArenaBytes()),
                    String.valueOf(RoundTripBench.CONFIG.outputArenaBytes())), 60);
            Process echo = new ProcessBuilder(peer.toString(), "echo", file.toString(), "60000")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                String out = Repo.run(List.of(peer.toString(), "rtt", file.toString(), String.valueOf(samples), "60000"), 600);
                Matcher m = LINE.matcher(out);
                if (!m.find()) {
                    throw new IllegalStateException("abic_peer rtt printed no result line:\n" + out);
                }
                return new Result(samples, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
            } finally {
                echo.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the C++ round trip", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stale file in /dev/shm is harmless: its name has this pid
            }
        }
    }
}
