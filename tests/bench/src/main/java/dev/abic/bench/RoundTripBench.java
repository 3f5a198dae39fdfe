package dev.abic.bench;

import dev.abic.runtime.Message;
import dev.abic.runtime.QueueEndpoint;
import dev.abic.runtime.QueueRegion;
import dev.abic.runtime.SharedRegion;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import simpler.l3l2.L3L2QueueOpcode;

/**
 * A 64-byte round trip from Java to a C++ process and back through a queue file in /dev/shm: the
 * Java host enqueues a message (copying the payload in), the C++ peer ({@code abic_peer echo}, the
 * runtime's C++ endpoint) copies it to the output direction, and the host peeks and releases the
 * reply. The C++ ↔ C++ floor ({@code abic_peer rtt} against the same echo, see {@link CppRoundTrip})
 * times the same enqueue and peek, without the release this side also pays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoundTripBench {
    static final int PAYLOAD = 64;
    static final QueueRegion.Config CONFIG = new QueueRegion.Config(1024, 1 << 16, 1 << 16);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Path file;
    private SharedRegion region;
    private QueueEndpoint host;
    private Process echo;
    private MemorySegment payload;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path peer = Repo.peer();
        file = Path.of("/dev/shm", "abic-bench-rtt-" + ProcessHandle.current().pid());
        Files.deleteIfExists(file);
        region = QueueRegion.create(file, CONFIG);
        try {
            host = QueueEndpoint.host(region);
            echo = new ProcessBuilder(peer.toString(), "echo", file.toString(), "60000")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException | RuntimeException e) { // JMH runs no TearDown after a failed Setup
            region.close();
            Files.deleteIfExists(file);
            throw e;
        }
        payload = MemorySegment.ofArray(new byte[PAYLOAD]).fill((byte) 0x5a);
    }

    @Benchmark
    public long javaToCpp() {
        host.enqueue(L3L2QueueOpcode.DATA, payload, WAIT);
        Message reply = host.peek(WAIT);
        long size = reply.size();
        host.release(reply);
        return size;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            host.stop(WAIT);
            if (!echo.waitFor(30, TimeUnit.SECONDS) || echo.exitValue() != 0) {
                throw new IllegalStateException("the C++ echo peer did not end cleanly");
            }
        } finally {
            echo.destroyForcibly();
            host.close();
            region.close();
            Files.deleteIfExists(file);
        }
    }
}
