package dev.abic.runtime;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.abic.runtime.QueueRegion.Config;
import dev.abic.shm.ShmQueueFileLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import simpler.l3l2.L3L2QueueCounterLine;
import simpler.l3l2.L3L2QueueCounters;
import simpler.l3l2.L3L2QueueDescSlot;
import simpler.l3l2.L3L2QueueOpcode;
import simpler.l3l2.L3L2QueueRegionLayout;

/**
 * Host and device endpoints of one in-process queue on two threads, millions of messages with
 * payload sizes 0 … arena/2 from {@link TestStream}, every payload checked byte for byte and its
 * place in the arena re-derived. Small depths and arenas make the ring and the arena wrap around
 * all the time. Each stream uses a different mix of the API: copying and zero-copy sends, try and
 * blocking calls, single messages and drain batches, and the echo shape where the device forwards
 * each input message to the output direction.
 *
 * <p>The seed is random per run and printed with every result and failure; rerun one with
 * {@code -Dabic.stream.seed=N}.
 */
class QueueStreamTest {
    static final long SEED = Long.getLong("abic.stream.seed", new Random().nextLong());
    /** A blocking call that waits this long means the other side is gone. */
    static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * A stream that delivers no message for this long has hung. (Progress, not total time, is
     * watched: on a machine shared with other busy processes a stream may be slow without hanging.)
     */
    static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    static final AtomicLong TOTAL_MESSAGES = new AtomicLong();
    static final AtomicLong TOTAL_NANOS = new AtomicLong();
    static final List<String> RESULTS = Collections.synchronizedList(new ArrayList<>());

    enum Direction {
        /** Host to device. */
        INPUT,
        /** Device to host. */
        OUTPUT
    }

    enum Send {
        /** tryEnqueue (a copy) until it is accepted. */
        TRY_ENQUEUE,
        /** tryReserve until there is room, write the payload in place, publish. */
        TRY_RESERVE,
        /** enqueue with a timeout. */
        ENQUEUE,
        /** reserve with a timeout, write in place, publish. */
        RESERVE
    }

    enum Receive {
        /** tryPeek until a message is there, release. */
        TRY_PEEK,
        /** peek with a timeout, release. */
        PEEK,
        /** drain batches of up to 3 messages. */
        DRAIN_3,
        /** drain batches of up to the whole depth. */
        DRAIN_ALL
    }

    @AfterAll
    static void summary() {
        RESULTS.stream().sorted().forEach(System.out::println);
        System.out.printf("QueueStreamTest: %,d messages in %.2f s of streaming (seed %d)%n", TOTAL_MESSAGES.get(),
                TOTAL_NANOS.get() / 1e9, SEED);
    }

    // ---- one direction -------------------------------------------------------------------------

    @Test
    void inputDepth1Arena64TryEnqueueTryPeek() {
        stream(Direction.INPUT, 1, 64, 600_000, Send.TRY_ENQUEUE, Receive.TRY_PEEK);
    }

    @Test
    void inputDepth2Arena128TryReserveDrain() {
        stream(Direction.INPUT, 2, 128, 800_000, Send.TRY_RESERVE, Receive.DRAIN_ALL);
    }

    @Test
    void inputDepth8Arena64ReserveDrain() {
        stream(Direction.INPUT, 8, 64, 700_000, Send.RESERVE, Receive.DRAIN_3);
    }

    @Test
    void inputDepth8Arena4096EnqueuePeek() {
        stream(Direction.INPUT, 8, 4096, 200_000, Send.ENQUEUE, Receive.PEEK);
    }

    @Test
    void outputDepth1Arena128TryReservePeek() {
        stream(Direction.OUTPUT, 1, 128, 500_000, Send.TRY_RESERVE, Receive.PEEK);
    }

    @Test
    void outputDepth2Arena64TryEnqueueDrain() {
        stream(Direction.OUTPUT, 2, 64, 700_000, Send.TRY_ENQUEUE, Receive.DRAIN_ALL);
    }

    @Test
    void outputDepth8Arena128ReserveDrain() {
        stream(Direction.OUTPUT, 8, 128, 700_000, Send.RESERVE, Receive.DRAIN_3);
    }

    @Test
    void outputDepth8Arena4096TryReserveTryPeek() {
        stream(Direction.OUTPUT, 8, 4096, 200_000, Send.TRY_RESERVE, Receive.TRY_PEEK);
    }

    /** Throughput by payload size: every message the same size, 0 to arena/2. */
    @Test
    void inputDepth8Arena4096BySize() {
        for (long size : new long[] {0, 16, 64, 256, 1024, 2048}) {
            stream(Direction.INPUT, 8, 4096, 200_000, Send.TRY_RESERVE, Receive.DRAIN_ALL, size);
        }
    }

    // ---- echo ---------------------------------------------------------------------------------

    @Test
    void echoDepth1Arena64() {
        echo(1, 64, 200_000, false);
    }

    @Test
    void echoDepth8Arena128() {
        echo(8, 128, 300_000, false);
    }

    @Test
    void echoDepth2Arena4096Drain() {
        echo(2, 4096, 100_000, true);
    }

    @Test
    void echoDepth8Arena64Drain() {
        echo(8, 64, 200_000, true);
    }

    // ---- explicit cases -----------------------------------------------------------------------

    @Test
    void aPayloadThatDoesNotFitAtTheEndGoesToTheArenaStart() {
        Config config = new Config(8, 128, 128);
        try (SharedRegion region = QueueRegion.anonymous(config)) {
            QueueEndpoint host = QueueEndpoint.host(region);
            QueueEndpoint device = QueueEndpoint.device(region);
            for (Direction dir : Direction.values()) {
                QueueEndpoint from = dir == Direction.INPUT ? host : device;
                QueueEndpoint to = dir == Direction.INPUT ? device : host;
                Arenas where = new Arenas(region, config, dir);
                long start = where.start();
                // 48 at 0, 48 at 48: 32 bytes are left at the end.
                assertThat(reserveAndPublish(from, 48, 1).address()).isEqualTo(start);
                assertThat(reserveAndPublish(from, 48, 2).address()).isEqualTo(start + 48);
                assertThat(takeAddress(to, 48, 1)).isEqualTo(start);
                assertThat(takeAddress(to, 48, 2)).isEqualTo(start + 48);
                // 33 bytes do not fit in the last 32: the producer skips to the arena start...
                assertThat(reserveAndPublish(from, 33, 3).address()).isEqualTo(start);
                MemorySegment slot = where.slot(2);
                assertThat(L3L2QueueDescSlot.payloadOffset(slot)).isEqualTo(where.offset());
                assertThat(L3L2QueueDescSlot.payloadNbytes(slot)).isEqualTo(33);
                // ...and the consumer finds it there.
                assertThat(takeAddress(to, 33, 3)).isEqualTo(start);
                // 95 bytes fit exactly up to the end: no skip.
                assertThat(reserveAndPublish(from, 95, 4).address()).isEqualTo(start + 33);
                assertThat(takeAddress(to, 95, 4)).isEqualTo(start + 33);
                // Payloads are never split: 40 at the start, 60 after it, the 40 released, the 60 held.
                assertThat(reserveAndPublish(from, 40, 5).address()).isEqualTo(start);
                assertThat(reserveAndPublish(from, 60, 6).address()).isEqualTo(start + 40);
                assertThat(takeAddress(to, 40, 5)).isEqualTo(start);
                Message held = to.tryPeek();
                assertThat(held.payload().address()).isEqualTo(start + 40);
                // 68 bytes are free, but 28 at the end and 40 at the start: 41 fit in neither.
                assertThat(from.tryReserve(41)).isNull();
                // 40 fit at the start (the 28 at the end are skipped).
                assertThat(reserveAndPublish(from, 40, 7).address()).isEqualTo(start);
                assertThat(from.tryReserve(1)).isNull();
                to.release(held);
                assertThat(takeAddress(to, 40, 7)).isEqualTo(start);
                // With everything released, the next 41 go right after (position 40).
                assertThat(reserveAndPublish(from, 41, 8).address()).isEqualTo(start + 40);
                assertThat(takeAddress(to, 41, 8)).isEqualTo(start + 40);
                assertThat(from.error()).isEqualTo(ErrorKind.NONE);
                assertThat(to.error()).isEqualTo(ErrorKind.NONE);
            }
        }
    }

    static MemorySegment reserveAndPublish(QueueEndpoint from, int size, int salt) {
        Reservation r = from.tryReserve(size);
        assertWithMessage("room for %s bytes", size).that(r).isNotNull();
        assertThat(r.size()).isEqualTo(size);
        for (int i = 0; i < size; i++) {
            r.segment().set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (salt + i));
        }
        MemorySegment where = r.segment();
        from.publish(r);
        return where;
    }

    static long takeAddress(QueueEndpoint to, int size, int salt) {
        Message m = to.tryPeek();
        assertThat(m).isNotNull();
        assertThat(m.size()).isEqualTo(size);
        for (int i = 0; i < size; i++) {
            assertThat(m.payload().get(java.lang.foreign.ValueLayout.JAVA_BYTE, i)).isEqualTo((byte) (salt + i));
        }
        long address = m.payload().address();
        to.release(m);
        return address;
    }

    @Test
    void depthOneHoldsExactlyOneMessage() {
        Config config = new Config(1, 64, 64);
        try (SharedRegion region = QueueRegion.anonymous(config)) {
            QueueEndpoint host = QueueEndpoint.host(region);
            QueueEndpoint device = QueueEndpoint.device(region);
            MemorySegment one = Arena.ofAuto().allocate(1);
            for (int i = 0; i < 1000; i++) {
                QueueEndpoint from = i % 2 == 0 ? host : device;
                QueueEndpoint to = from == host ? device : host;
                one.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) i);
                assertThat(from.tryEnqueue(L3L2QueueOpcode.DATA, one)).isTrue();
                assertWithMessage("a second message in a depth-1 ring").that(from.tryEnqueue(L3L2QueueOpcode.DATA, one))
                        .isFalse();
                assertThat(from.tryReserve(0)).isNull();
                Message m = to.tryPeek();
                assertThat(m.index()).isEqualTo(i / 2);
                assertThat(m.payload().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) i);
                assertThat(from.tryReserve(0)).isNull();
                to.release(m);
                assertThat(to.tryPeek()).isNull();
            }
            assertThat(host.tryStop()).isTrue();
            assertThat(device.tryEnqueue(L3L2QueueOpcode.DATA, one)).isTrue();
            assertThat(device.tryEnqueue(L3L2QueueOpcode.DATA, one)).isFalse();
            Message stop = device.tryPeek();
            assertThat(stop.opcode()).isEqualTo(L3L2QueueOpcode.STOP);
            assertThat(stop.index()).isEqualTo(500);
            device.release(stop);
            assertThat(device.stopReceived()).isTrue();
            Message last = host.tryPeek();
            assertThat(last.index()).isEqualTo(500);
            host.release(last);
        }
    }

    @Test
    void stopEndsTheStream() {
        Config config = new Config(4, 256, 256);
        try (SharedRegion region = QueueRegion.anonymous(config)) {
            QueueEndpoint host = QueueEndpoint.host(region);
            QueueEndpoint device = QueueEndpoint.device(region);
            TestStream stream = new TestStream(SEED, 64);
            Payloads payloads = new Payloads(stream);
            for (int k = 0; k < 3; k++) {
                Reservation r = host.reserve(stream.size(k), WAIT);
                payloads.fill(k, r.segment());
                host.publish(r, stream.opcode(k));
            }
            host.stop(WAIT);
            long[] k = {0};
            assertThat(device.drain(m -> {
                if (k[0] < 3) {
                    check(payloads, k[0]++, m);
                } else {
                    assertThat(m.opcode()).isEqualTo(L3L2QueueOpcode.STOP);
                    assertThat(m.size()).isEqualTo(0);
                    assertThat(m.index()).isEqualTo(3);
                }
            }, 10)).isEqualTo(4);
            assertThat(device.stopReceived()).isTrue();
            assertThat(assertThrows(AbicRuntimeException.class, device::tryPeek).kind()).isEqualTo(ErrorKind.CLOSED);
            assertThat(device.error()).isEqualTo(ErrorKind.NONE);
            AbicRuntimeException closed = assertThrows(AbicRuntimeException.class,
                    () -> host.tryEnqueue(L3L2QueueOpcode.DATA, Arena.ofAuto().allocate(1)));
            assertThat(closed.kind()).isEqualTo(ErrorKind.CLOSED);
            assertThat(host.error()).isEqualTo(ErrorKind.NONE);
            // The output direction is not affected.
            assertThat(device.tryEnqueue(L3L2QueueOpcode.DATA, Arena.ofAuto().allocate(2))).isTrue();
            Message back = host.tryPeek();
            assertThat(back.size()).isEqualTo(2);
            host.release(back);
            // A descriptor after STOP (a broken producer) poisons the device.
            Arenas input = new Arenas(region, config, Direction.INPUT);
            MemorySegment slot = input.slot(4);
            L3L2QueueDescSlot.opcode(slot, L3L2QueueOpcode.DATA);
            L3L2QueueDescSlot.payloadOffset(slot, 0);
            L3L2QueueDescSlot.payloadNbytes(slot, 0);
            L3L2QueueDescSlot.seqRelease(slot, 5);
            L3L2QueueCounterLine.valueRelease(input.tail(), 5);
            AbicRuntimeException after = assertThrows(AbicRuntimeException.class, device::tryPeek);
            assertThat(after.kind()).isEqualTo(ErrorKind.INVALID_DESCRIPTOR);
            assertThat(after).hasMessageThat().contains("after STOP");
            assertThat(device.error()).isEqualTo(ErrorKind.INVALID_DESCRIPTOR);
        }
    }

    @Test
    void fastPayloadsMatchTheTestStream() {
        TestStream stream = new TestStream(SEED, 2048);
        Payloads payloads = new Payloads(stream);
        MemorySegment a = Arena.ofAuto().allocate(2048);
        for (long k = 0; k < 2000; k++) {
            MemorySegment target = a.asSlice(0, stream.size(k));
            payloads.fill(k, target);
            assertWithMessage("seed %s message %s", SEED, k).that(stream.mismatch(k, stream.opcode(k), target)).isNull();
            assertThat(payloads.mismatch(k, stream.opcode(k), target)).isNull();
            if (target.byteSize() > 0) {
                long i = k % target.byteSize();
                target.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i,
                        (byte) (target.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i) + 1));
                assertThat(payloads.mismatch(k, stream.opcode(k), target)).contains("byte " + i + " differs");
            }
        }
        // Fixed sizes use the same bytes, TestStream.fill writes them for any length.
        Payloads fixed = new Payloads(stream, 1500);
        MemorySegment target = a.asSlice(0, 1500);
        for (long k = 0; k < 100; k++) {
            stream.fill(k, target);
            assertThat(fixed.mismatch(k, stream.opcode(k), target)).isNull();
        }
    }

    // ---- machinery ----------------------------------------------------------------------------

    /** Where one direction's ring, arena and tail counter are, from the generated layouts. */
    record Arenas(SharedRegion region, Config config, Direction dir) {
        ShmQueueFileLayout file() {
            return config.fileLayout();
        }

        MemorySegment payload() {
            return region.segment().asSlice(file().payloadOffset(), file().payloadBytes());
        }

        /** The arena's offset in the payload range (what descriptors carry). */
        long offset() {
            L3L2QueueRegionLayout l = config.layout();
            return dir == Direction.INPUT ? l.inputArenaOffset() : l.outputArenaOffset();
        }

        long bytes() {
            L3L2QueueRegionLayout l = config.layout();
            return dir == Direction.INPUT ? l.inputArenaBytes() : l.outputArenaBytes();
        }

        /** The arena's address. */
        long start() {
            return payload().address() + offset();
        }

        MemorySegment slot(long index) {
            L3L2QueueRegionLayout l = config.layout();
            MemorySegment ring = dir == Direction.INPUT ? payload().asSlice(l.inputDescOffset(), l.inputDescBytes())
                    : payload().asSlice(l.outputDescOffset(), l.outputDescBytes());
            return L3L2QueueDescSlot.element(ring, index & (config.depth() - 1));
        }

        MemorySegment tail() {
            MemorySegment counters = region.segment().asSlice(file().countersOffset(), file().countersBytes());
            return dir == Direction.INPUT ? L3L2QueueCounters.inputDescTail(counters)
                    : L3L2QueueCounters.outputDescTail(counters);
        }
    }

    /**
     * The {@link TestStream} bytes, made fast: byte i of a message depends on i mod 256 only, so
     * 256 bytes are computed and the rest copied, and checking is one {@code mismatch}.
     */
    static final class Payloads {
        private static final int PERIOD = 256;
        final TestStream stream;
        /** Every message has this size, or (when negative) the stream's size. */
        final long fixedSize;
        private final byte[] buffer;
        private final MemorySegment heap;

        Payloads(TestStream stream) {
            this(stream, -1);
        }

        Payloads(TestStream stream, long fixedSize) {
            this.stream = stream;
            this.fixedSize = fixedSize;
            this.buffer = new byte[(int) Math.max(stream.maxSize(), fixedSize) + PERIOD];
            this.heap = MemorySegment.ofArray(buffer);
        }

        long size(long k) {
            return fixedSize >= 0 ? fixedSize : stream.size(k);
        }

        L3L2QueueOpcode opcode(long k) {
            return stream.opcode(k);
        }

        /** Message k's bytes into buffer[0, size); returns size. */
        private int expected(long k) {
            long x = stream.x(k);
            int n = (int) size(k);
            int first = Math.min(n, PERIOD);
            for (int i = 0; i < first; i++) {
                buffer[i] = TestStream.at(x, i);
            }
            for (int done = first; done < n; ) {
                int chunk = Math.min(done, n - done);
                System.arraycopy(buffer, 0, buffer, done, chunk);
                done += chunk;
            }
            return n;
        }

        void fill(long k, MemorySegment target) {
            int n = expected(k);
            assertThat(target.byteSize()).isEqualTo(n);
            MemorySegment.copy(heap, 0, target, 0, n);
        }

        /** Null if the message is message k; otherwise what differs. */
        String mismatch(long k, L3L2QueueOpcode opcode, MemorySegment payload) {
            if (opcode != opcode(k) || payload.byteSize() != size(k)) {
                return "message " + k + ": " + opcode + " with " + payload.byteSize() + " bytes, expected " + opcode(k)
                        + " with " + size(k);
            }
            int n = expected(k);
            long at = MemorySegment.mismatch(payload, 0, n, heap, 0, n);
            return at < 0 ? null : "message " + k + ": byte " + at + " differs";
        }
    }

    /** Checks message k and its place in the arena, which the consumer side re-derives independently. */
    static final class Checker {
        final Payloads payloads;
        final long arenaStart;
        final long arenaBytes;
        final String what;
        /** Messages checked so far, published for the watchdog on another thread. */
        final AtomicLong progress = new AtomicLong();
        long next;
        long cursor;
        long skips;
        long bytes;

        Checker(Payloads payloads, Arenas arenas, String what) {
            this.payloads = payloads;
            this.arenaStart = arenas.start();
            this.arenaBytes = arenas.bytes();
            this.what = what;
        }

        void check(Message m) {
            long k = next++;
            progress.lazySet(next);
            if (m.index() != k) {
                throw new AssertionError(what + ": message index " + m.index() + ", expected " + k);
            }
            String wrong = payloads.mismatch(k, m.opcode(), m.payload());
            if (wrong != null) {
                throw new AssertionError(what + ": " + wrong);
            }
            if (!m.payload().isReadOnly()) {
                throw new AssertionError(what + ": message " + k + " has a writable payload view");
            }
            long size = m.size();
            if (size > 0) {
                long position = cursor % arenaBytes;
                if (position + size > arenaBytes) {
                    cursor += arenaBytes - position;
                    position = 0;
                    skips++;
                }
                cursor += size;
                bytes += size;
                long address = m.payload().address();
                if (address != arenaStart + position) {
                    throw new AssertionError(what + ": message " + k + " of " + size + " bytes at arena offset "
                            + (address - arenaStart) + ", expected " + position);
                }
            }
        }
    }

    static void check(Payloads payloads, long k, Message m) {
        assertThat(m.index()).isEqualTo(k);
        assertWithMessage("seed %s", SEED).that(payloads.mismatch(k, m.opcode(), m.payload())).isNull();
    }

    /** Spin a little, then yield: two busy threads share this machine's cores with whatever else runs. */
    static final class Backoff {
        private int idle;

        void idle() {
            if (++idle < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }

        void reset() {
            idle = 0;
        }
    }

    interface Task {
        void run() throws Exception;
    }

    /**
     * Runs each task on its own thread. A task that fails aborts its endpoint, so the other side
     * sees REMOTE_ABORTED instead of waiting; when {@code progress} stands still for
     * {@link #STALL_LIMIT} both are aborted and the run fails as hung. The first failure is
     * rethrown with the seed.
     */
    static void run(String what, LongSupplier progress, QueueEndpoint a, Task ta, QueueEndpoint b, Task tb) {
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        QueueEndpoint[] endpoints = {a, b};
        Task[] tasks = {ta, tb};
        for (int i = 0; i < 2; i++) {
            QueueEndpoint endpoint = endpoints[i];
            Task task = tasks[i];
            Thread t = new Thread(() -> {
                try {
                    task.run();
                } catch (Throwable e) {
                    failures.add(e);
                    endpoint.abort();
                }
            }, what + " " + endpoint.role());
            threads.add(t);
            t.start();
        }
        boolean hung = false;
        try {
            long last = progress.getAsLong();
            long lastChange = System.nanoTime();
            while (threads.stream().anyMatch(Thread::isAlive)) {
                threads.get(0).join(100);
                threads.get(1).join(100);
                long now = progress.getAsLong();
                if (now != last) {
                    last = now;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > STALL_LIMIT.toNanos()) {
                    hung = true;
                    break;
                }
            }
            if (hung) {
                a.abort();
                b.abort();
                for (Thread t : threads) {
                    t.join(WAIT.toMillis() * 2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (hung) {
            throw new AssertionError(what + " (seed " + SEED + ") made no progress for " + STALL_LIMIT + " after "
                    + progress.getAsLong() + " messages", failures.isEmpty() ? null : failures.get(0));
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(what + " failed (seed " + SEED + "): " + failures.get(0), failures.get(0));
        }
    }

    static void record(String what, long messages, long bytes, long nanos, long skips, long depth) {
        TOTAL_MESSAGES.addAndGet(messages);
        TOTAL_NANOS.addAndGet(nanos);
        RESULTS.add(String.format("%-58s %,10d messages %6.2f s %,12.0f messages/s %8.1f MB/s, ring laps %,d, arena skips %,d",
                what, messages, nanos / 1e9, messages / (nanos / 1e9), bytes / (nanos / 1e3), messages / depth, skips));
    }

    static long seedFor(String what) {
        return SEED ^ what.hashCode();
    }

    // ---- one direction -------------------------------------------------------------------------

    void stream(Direction dir, long depth, long arena, long count, Send send, Receive receive) {
        stream(dir, depth, arena, count, send, receive, -1);
    }

    void stream(Direction dir, long depth, long arena, long count, Send send, Receive receive, long fixedSize) {
        String what = dir + " depth " + depth + " arena " + arena + " " + send + "/" + receive
                + (fixedSize >= 0 ? " size " + fixedSize : " sizes 0.." + arena / 2);
        Config config = new Config(depth, arena, arena);
        try (SharedRegion region = QueueRegion.anonymous(config)) {
            QueueEndpoint host = QueueEndpoint.host(region);
            QueueEndpoint device = QueueEndpoint.device(region);
            QueueEndpoint producer = dir == Direction.INPUT ? host : device;
            QueueEndpoint consumer = dir == Direction.INPUT ? device : host;
            TestStream stream = new TestStream(seedFor(what), arena / 2);
            Checker checker = new Checker(new Payloads(stream, fixedSize), new Arenas(region, config, dir),
                    what + " seed " + SEED);
            long start = System.nanoTime();
            run(what, checker.progress::get, producer, () -> produce(producer, new Payloads(stream, fixedSize), count, send,
                    dir == Direction.INPUT), consumer,
                    () -> consume(consumer, checker, count, receive, dir == Direction.INPUT, depth));
            long nanos = System.nanoTime() - start;
            assertThat(checker.next).isEqualTo(count);
            if (arena <= 128 && fixedSize < 0) {
                assertWithMessage("arena skips at wrap-around").that(checker.skips).isGreaterThan(count / 100);
            }
            assertThat(host.error()).isEqualTo(ErrorKind.NONE);
            assertThat(device.error()).isEqualTo(ErrorKind.NONE);
            record(what, count, checker.bytes, nanos, checker.skips, depth);
        }
    }

    static void produce(QueueEndpoint producer, Payloads payloads, long count, Send send, boolean stop) {
        MemorySegment scratch = Arena.ofAuto().allocate(Math.max(payloads.stream.maxSize(), payloads.fixedSize) + 1);
        Backoff backoff = new Backoff();
        for (long k = 0; k < count; k++) {
            long size = payloads.size(k);
            L3L2QueueOpcode opcode = payloads.opcode(k);
            switch (send) {
                case TRY_ENQUEUE -> {
                    MemorySegment payload = scratch.asSlice(0, size);
                    payloads.fill(k, payload);
                    while (!producer.tryEnqueue(opcode, payload)) {
                        backoff.idle();
                    }
                }
                case TRY_RESERVE -> {
                    Reservation r;
                    while ((r = producer.tryReserve(size)) == null) {
                        backoff.idle();
                    }
                    payloads.fill(k, r.segment());
                    producer.publish(r, opcode);
                }
                case ENQUEUE -> {
                    MemorySegment payload = scratch.asSlice(0, size);
                    payloads.fill(k, payload);
                    producer.enqueue(opcode, payload, WAIT);
                }
                case RESERVE -> {
                    Reservation r = producer.reserve(size, WAIT);
                    payloads.fill(k, r.segment());
                    producer.publish(r, opcode);
                }
            }
            backoff.reset();
        }
        if (stop) {
            producer.stop(WAIT);
        }
    }

    static void consume(QueueEndpoint consumer, Checker checker, long count, Receive receive, boolean expectStop,
            long depth) {
        Backoff backoff = new Backoff();
        while (checker.next < count) {
            switch (receive) {
                case TRY_PEEK -> {
                    Message m = consumer.tryPeek();
                    if (m == null) {
                        backoff.idle();
                        continue;
                    }
                    checker.check(m);
                    consumer.release(m);
                }
                case PEEK -> {
                    Message m = consumer.peek(WAIT);
                    checker.check(m);
                    consumer.release(m);
                }
                case DRAIN_3, DRAIN_ALL -> {
                    long left = count - checker.next;
                    int limit = (int) Math.min(left, receive == Receive.DRAIN_3 ? 3 : depth);
                    if (consumer.drain(checker::check, limit) == 0) {
                        backoff.idle();
                        continue;
                    }
                }
            }
            backoff.reset();
        }
        if (expectStop) {
            Message stop = consumer.peek(WAIT);
            if (stop.opcode() != L3L2QueueOpcode.STOP || stop.size() != 0 || stop.index() != count) {
                throw new AssertionError(checker.what + ": expected STOP as message " + count + ", got " + stop);
            }
            consumer.release(stop);
            if (!consumer.stopReceived()) {
                throw new AssertionError(checker.what + ": stopReceived() is false after STOP");
            }
        }
        if (expectStop) {
            try {
                consumer.tryPeek();
                throw new AssertionError(checker.what + ": a peek after STOP did not fail with CLOSED");
            } catch (AbicRuntimeException e) {
                if (e.kind() != ErrorKind.CLOSED) {
                    throw new AssertionError(checker.what + ": a peek after STOP failed with " + e.kind(), e);
                }
            }
        } else if (consumer.tryPeek() != null) {
            throw new AssertionError(checker.what + ": a message after the end of the stream");
        }
    }

    // ---- echo ---------------------------------------------------------------------------------

    /**
     * The host sends {@code count} messages and STOP; the device forwards each input message to the
     * output direction (reserving output space and copying straight from the input view), releases
     * it, and stops at STOP; the host checks what comes back. The host alternates try calls on one
     * thread.
     */
    void echo(long depth, long arena, long count, boolean drain) {
        String what = "ECHO depth " + depth + " arena " + arena + (drain ? " drain" : " peek");
        Config config = new Config(depth, arena, arena);
        try (SharedRegion region = QueueRegion.anonymous(config)) {
            QueueEndpoint host = QueueEndpoint.host(region);
            QueueEndpoint device = QueueEndpoint.device(region);
            TestStream stream = new TestStream(seedFor(what), arena / 2);
            Checker forwarded = new Checker(new Payloads(stream), new Arenas(region, config, Direction.INPUT),
                    what + " device seed " + SEED);
            Checker returned = new Checker(new Payloads(stream), new Arenas(region, config, Direction.OUTPUT),
                    what + " host seed " + SEED);
            long start = System.nanoTime();
            run(what, () -> forwarded.progress.get() + returned.progress.get(), host, () -> echoHost(host, stream, count, returned), device,
                    () -> echoDevice(device, forwarded, drain, depth));
            long nanos = System.nanoTime() - start;
            assertThat(forwarded.next).isEqualTo(count);
            assertThat(returned.next).isEqualTo(count);
            assertThat(device.stopReceived()).isTrue();
            record(what, 2 * count, forwarded.bytes + returned.bytes, nanos, forwarded.skips + returned.skips, depth);
        }
    }

    static void echoHost(QueueEndpoint host, TestStream stream, long count, Checker returned) {
        Payloads payloads = new Payloads(stream);
        Backoff backoff = new Backoff();
        long sent = 0;
        boolean stopped = false;
        while (returned.next < count || !stopped) {
            boolean progress = false;
            if (sent < count) {
                Reservation r = host.tryReserve(stream.size(sent));
                if (r != null) {
                    payloads.fill(sent, r.segment());
                    host.publish(r, stream.opcode(sent));
                    sent++;
                    progress = true;
                }
            } else if (!stopped) {
                stopped = host.tryStop();
                progress = stopped;
            }
            Message m = host.tryPeek();
            if (m != null) {
                returned.check(m);
                host.release(m);
                progress = true;
            }
            if (progress) {
                backoff.reset();
            } else {
                backoff.idle();
            }
        }
        if (host.tryPeek() != null) {
            throw new AssertionError(returned.what + ": more came back than was sent");
        }
    }

    static void echoDevice(QueueEndpoint device, Checker forwarded, boolean drain, long depth) {
        boolean[] stop = {false};
        MessageHandler forward = m -> {
            if (m.opcode() == L3L2QueueOpcode.STOP) {
                stop[0] = true;
                return;
            }
            forwarded.check(m);
            Reservation out = device.reserve(m.size(), WAIT);
            MemorySegment.copy(m.payload(), 0, out.segment(), 0, m.size());
            device.publish(out, m.opcode());
        };
        Backoff backoff = new Backoff();
        while (!stop[0]) {
            if (drain) {
                if (device.drain(forward, (int) depth) == 0) {
                    backoff.idle();
                } else {
                    backoff.reset();
                }
            } else {
                Message m = device.peek(WAIT);
                forward.onMessage(m);
                device.release(m);
            }
        }
        if (!device.stopReceived()) {
            throw new AssertionError(forwarded.what + ": stopReceived() is false after STOP");
        }
    }
}
