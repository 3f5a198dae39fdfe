package dev.abic.runtime;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.abic.runtime.cpp.CppPrograms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import simpler.l3l2.L3L2QueueCounterLine;
import simpler.l3l2.L3L2QueueCounters;
import simpler.l3l2.L3L2QueueOpcode;

/**
 * The Java endpoint against the C++ endpoint of {@code runtime/cpp}, each in its own process,
 * through a file in {@code /dev/shm}: a million messages each way with every payload checked on the
 * receiving side, both directions at once, the 64-byte round trip, and either process killed with
 * SIGKILL in the middle of a stream.
 */
class CrossProcessQueueTest {
    static final long MESSAGES = 1_000_000;
    static final long ECHO_MESSAGES = 250_000;
    static final QueueRegion.Config CONFIG = new QueueRegion.Config(1024, 1 << 16, 1 << 16);
    static final long MAX_PAYLOAD = 512;
    static final Duration WAIT = Duration.ofSeconds(20);

    private final Path file = PeerProcess.shmFile("queue");

    @AfterEach
    void removeFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @Test
    void aMillionMessagesFromJavaToCpp() {
        TestStream stream = new TestStream(0x5EED_0001L, MAX_PAYLOAD);
        try (SharedRegion region = QueueRegion.create(file, CONFIG);
                QueueEndpoint host = QueueEndpoint.host(region);
                PeerProcess peer = PeerProcess.start(CppPrograms.peer(), "consume", file, stream.seed(), MAX_PAYLOAD, 20_000)) {
            long start = System.nanoTime();
            for (long k = 0; k < MESSAGES; k++) {
                Reservation r = host.reserve(stream.size(k), WAIT);
                stream.fill(k, r.segment());
                host.publish(r, stream.opcode(k));
            }
            host.stop(WAIT);
            assertWithMessage(peer.output()).that(peer.waitFor(60)).isEqualTo(0);
            report("Java -> C++", MESSAGES, start);
            assertThat(peer.stdout()).contains("consumed " + MESSAGES);
        }
    }

    @Test
    void aMillionMessagesFromCppToJava() {
        TestStream stream = new TestStream(0x5EED_0002L, MAX_PAYLOAD);
        try (SharedRegion region = QueueRegion.create(file, CONFIG);
                QueueEndpoint host = QueueEndpoint.host(region);
                PeerProcess peer = PeerProcess.start(CppPrograms.peer(), "produce", file, stream.seed(), MAX_PAYLOAD,
                        MESSAGES, 20_000)) {
            long start = System.nanoTime();
            long[] received = {0};
            AtomicReference<String> mismatch = new AtomicReference<>();
            MessageHandler check = m -> {
                String wrong = stream.mismatch(received[0], m.opcode(), m.payload());
                if (wrong != null) {
                    mismatch.compareAndSet(null, wrong);
                }
                received[0]++;
            };
            while (received[0] < MESSAGES) {
                if (host.drain(check, 256) == 0) {
                    // The peer may have published its last messages and exited: drain once more.
                    boolean exited = !peer.isAlive();
                    if (exited && host.drain(check, 256) == 0) {
                        throw new AssertionError("the peer exited after " + received[0] + " messages\n" + peer.output());
                    }
                    Thread.onSpinWait();
                }
            }
            report("C++ -> Java", MESSAGES, start);
            assertThat(mismatch.get()).isNull();
            assertWithMessage(peer.output()).that(peer.waitFor(60)).isEqualTo(0);
            assertThat(peer.stdout()).contains("produced " + MESSAGES);
            assertThat(host.tryPeek()).isNull();
        }
    }

    /**
     * Both directions at once: three spinning threads (sender, receiver, the C++ echo), so on a
     * two-core machine this runs a quarter of a million messages rather than a million (the
     * one-way tests above carry a million each).
     */
    @Test
    void bothDirectionsAtOnceThroughTheCppEcho() throws Exception {
        long messages = ECHO_MESSAGES;
        TestStream stream = new TestStream(0x5EED_0003L, MAX_PAYLOAD);
        try (SharedRegion region = QueueRegion.create(file, CONFIG);
                QueueEndpoint host = QueueEndpoint.host(region);
                PeerProcess peer = PeerProcess.start(CppPrograms.peer(), "echo", file, 20_000)) {
            long start = System.nanoTime();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                for (long k = 0; k < messages; k++) {
                    Reservation r = host.reserve(stream.size(k), WAIT);
                    stream.fill(k, r.segment());
                    host.publish(r, stream.opcode(k));
                }
                host.stop(WAIT);
            });
            for (long k = 0; k < messages; k++) {
                Message m = host.peek(WAIT);
                String wrong = stream.mismatch(k, m.opcode(), m.payload());
                assertWithMessage(peer.output()).that(wrong).isNull();
                host.release(m);
            }
            sender.get();
            report("Java -> C++ -> Java (each way)", messages, start);
            assertWithMessage(peer.output()).that(peer.waitFor(60)).isEqualTo(0);
            assertThat(peer.stdout()).contains("echoed " + messages);
        }
    }

    @Test
    void roundTripOf64ByteMessages() {
        int warmup = 20_000;
        int measured = 100_000;
        try (SharedRegion region = QueueRegion.create(file, CONFIG);
                QueueEndpoint host = QueueEndpoint.host(region);
                PeerProcess peer = PeerProcess.start(CppPrograms.peer(), "echo", file, 20_000)) {
            long[] nanos = new long[measured];
            for (int i = 0; i < warmup + measured; i++) {
                long start = System.nanoTime();
                Reservation r = host.reserve(64, WAIT);
                r.segment().fill((byte) i);
                host.publish(r);
                Message m = host.peek(WAIT);
                long end = System.nanoTime();
                assertThat(m.size()).isEqualTo(64);
                host.release(m);
                if (i >= warmup) {
                    nanos[i - warmup] = end - start;
                }
            }
            host.stop(WAIT);
            assertWithMessage(peer.output()).that(peer.waitFor(60)).isEqualTo(0);
            Arrays.sort(nanos);
            long median = nanos[measured / 2];
            long p99 = nanos[(int) (measured * 0.99)];
            System.out.printf("round trip Java -> C++ -> Java, 64 B, %d samples: median %d ns, p99 %d ns%n",
                    measured, median, p99);
            assertWithMessage("median round trip (ns)").that(median).isLessThan(1_000_000);
        }
    }

    @Test
    void theCppPeerKilledMidStreamIsATimeoutHere() {
        try (SharedRegion region = QueueRegion.create(file, CONFIG);
                QueueEndpoint host = QueueEndpoint.host(region);
                PeerProcess peer = PeerProcess.start(CppPrograms.peer(), "echo", file, 20_000)) {
            for (int k = 0; k < 10_000; k++) {
                host.enqueue(L3L2QueueOpcode.DATA, java.lang.foreign.MemorySegment.ofArray(new byte[k % 100]), WAIT);
                host.release(host.peek(WAIT));
            }
            peer.kill();
            Duration timeout = Duration.ofMillis(300);
            long start = System.nanoTime();
            AbicRuntimeException e = assertThrows(AbicRuntimeException.class, () -> host.peek(timeout));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(e.kind()).isAnyOf(ErrorKind.TIMEOUT, ErrorKind.REMOTE_ABORTED);
            assertThat(took).isAtLeast(timeout);
            assertThat(took).isLessThan(timeout.plusSeconds(2));
            // The ring fills up, then sending times out too; nothing was poisoned.
            assertThrows(AbicRuntimeException.class, () -> {
                for (long k = 0; ; k++) {
                    host.enqueue(L3L2QueueOpcode.DATA, java.lang.foreign.MemorySegment.ofArray(new byte[8]), timeout);
                }
            });
            assertThat(host.error()).isEqualTo(ErrorKind.NONE);
        }
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void theJavaProcessKilledMidStreamIsATimeoutForTheCppPeer() throws Exception {
        long seed = 0x5EED_0004L;
        try (SharedRegion region = QueueRegion.create(file, CONFIG)) {
            int peerTimeoutMs = 500;
            // The Java host starts first (a JVM may take longer to start than the peer's timeout);
            // it fills the ring and waits until the peer, started once the host is running, drains it.
            try (PeerProcess java = PeerProcess.startJava("produce", file, seed, MAX_PAYLOAD, 20_000)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!java.stdout().contains("started")) {
                    assertWithMessage(java.output()).that(java.isAlive()).isTrue();
                    assertWithMessage(java.output()).that(System.nanoTime() - deadline).isLessThan(0L);
                    Thread.sleep(10);
                }
                try (PeerProcess peer = PeerProcess.start(CppPrograms.peer(), "consume", file, seed, MAX_PAYLOAD,
                        peerTimeoutMs)) {
                    Thread.sleep(200);
                    assertWithMessage(peer.output()).that(peer.isAlive()).isTrue();
                    java.kill();
                    long killed = System.nanoTime();
                    int status = peer.waitFor(10);
                    Duration took = Duration.ofNanos(System.nanoTime() - killed);
                    assertWithMessage(peer.output()).that(status).isEqualTo(4);
                    assertThat(peer.stderr()).contains("TIMEOUT");
                    assertThat(took).isLessThan(Duration.ofMillis(peerTimeoutMs).plusSeconds(3));
                    // The peer consumed what the killed host published, and said so by moving the head.
                    assertThat(L3L2QueueCounterLine.value(L3L2QueueCounters.inputDescHead(region.segment().asSlice(
                            CONFIG.fileLayout().countersOffset(), L3L2QueueCounters.BYTES)))).isNotEqualTo(0);
                }
            }
        }
    }

    @Test
    void anAbortHereIsRemoteAbortedThere() {
        TestStream stream = new TestStream(0x5EED_0005L, MAX_PAYLOAD);
        try (SharedRegion region = QueueRegion.create(file, CONFIG);
                QueueEndpoint host = QueueEndpoint.host(region);
                PeerProcess peer = PeerProcess.start(CppPrograms.peer(), "consume", file, stream.seed(), MAX_PAYLOAD, 60_000)) {
            for (long k = 0; k < 1000; k++) {
                Reservation r = host.reserve(stream.size(k), WAIT);
                stream.fill(k, r.segment());
                host.publish(r, stream.opcode(k));
            }
            host.abort();
            long start = System.nanoTime();
            assertWithMessage(peer.output()).that(peer.waitFor(30)).isEqualTo(4);
            assertThat(peer.stderr()).contains("REMOTE_ABORTED");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(assertThrows(AbicRuntimeException.class, host::tryPeek).kind()).isEqualTo(ErrorKind.ABORTED);
        }
    }

    private static void report(String what, long messages, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%s: %,d messages (0..%d B) in %.2f s, %,.0f messages/s%n", what, messages, MAX_PAYLOAD,
                seconds, messages / seconds);
    }
}
