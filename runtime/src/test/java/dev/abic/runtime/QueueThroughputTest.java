package dev.abic.runtime;

import static com.google.common.truth.Truth.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * In-process throughput: a producer thread sends fixed-size messages on the input direction
 * (reserve, copy the whole payload in, stamp the message number over its first bytes, publish), a
 * consumer thread drains them in batches and checks every number and the last byte. Prints messages/s per payload size; the numbers in
 * docs/runtime.md come from {@code mvn -o -pl runtime test -Dtest=QueueThroughputTest}. The
 * comparison with other queues is the JMH suite's job.
 */
class QueueThroughputTest {
    static final QueueRegion.Config CONFIG = new QueueRegion.Config(4096, 1 << 20, 1 << 12);
    static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest
    @ValueSource(ints = {8, 64, 256, 1024})
    void messagesPerSecond(int size) throws Exception {
        long messages = size <= 64 ? 10_000_000 : size <= 256 ? 5_000_000 : 2_000_000;
        run(size, messages / 10); // warm-up: let the JIT compile both loops
        double seconds = run(size, messages);
        System.out.printf("in-process, %4d B payloads: %,d messages in %.2f s = %,.0f messages/s (%.0f MB/s)%n",
                size, messages, seconds, messages / seconds, messages * (double) size / seconds / 1e6);
    }

    private static double run(int size, long messages) throws Exception {
        try (SharedRegion region = QueueRegion.anonymous(CONFIG);
                QueueEndpoint host = QueueEndpoint.host(region);
                QueueEndpoint device = QueueEndpoint.device(region)) {
            long start = System.nanoTime();
            MemorySegment source = MemorySegment.ofArray(new byte[size]).fill((byte) size);
            CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
                for (long k = 0; k < messages; k++) {
                    Reservation r = host.tryReserve(size);
                    while (r == null) {
                        Thread.onSpinWait();
                        r = host.tryReserve(size);
                    }
                    MemorySegment.copy(source, 0, r.segment(), 0, size);
                    r.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, 0, k);
                    host.publish(r);
                }
            });
            long[] received = {0};
            while (received[0] < messages) {
                int n = device.drain(m -> {
                    MemorySegment payload = m.payload();
                    if (payload.byteSize() != size || payload.get(ValueLayout.JAVA_LONG_UNALIGNED, 0) != received[0]
                            || payload.get(ValueLayout.JAVA_BYTE, size - 1) != (byte) size && size > Long.BYTES) {
                        throw new AssertionError("message " + received[0] + " is wrong");
                    }
                    received[0]++;
                }, 256);
                if (n == 0) {
                    Thread.onSpinWait();
                }
            }
            producer.get();
            assertThat(received[0]).isEqualTo(messages);
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
