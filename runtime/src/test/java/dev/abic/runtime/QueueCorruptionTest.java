package dev.abic.runtime;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.abic.runtime.QueueRegion.Config;
import dev.abic.shm.ShmQueueFileLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import simpler.l3l2.L3L2QueueCounterLine;
import simpler.l3l2.L3L2QueueCounters;
import simpler.l3l2.L3L2QueueDescSlot;
import simpler.l3l2.L3L2QueueOpcode;
import simpler.l3l2.L3L2QueueRegionLayout;

/**
 * A third thread scribbles seeded random values into shared memory while a queue runs. The side
 * that reads those values must end only with INVALID_DESCRIPTOR (or keep running), never with any
 * other exception and never hang; every payload it hands out must lie inside its arena.
 *
 * <p>Consumer tests scribble the descriptor ring and the tail counter of one direction (what its
 * consumer reads); producer tests scribble the head counter (what its producer reads). Each test
 * runs many short rounds on fresh regions, with random depths, arena sizes and scribble rates.
 * The seed is printed; rerun one with {@code -Dabic.corruption.seed=N}.
 */
class QueueCorruptionTest {
    static final long SEED = Long.getLong("abic.corruption.seed", new Random().nextLong());
    /** Time spent scribbling per test. */
    static final Duration BUDGET = Duration.ofMillis(1000);
    static final Duration ROUND = Duration.ofMillis(60);
    /** A peek or reserve in the loops waits at most this long. */
    static final Duration SHORT_WAIT = Duration.ofMillis(2);

    enum Victim {
        /** The device consumes the input direction. */
        INPUT_CONSUMER,
        /** The host consumes the output direction. */
        OUTPUT_CONSUMER,
        /** The host produces the input direction. */
        INPUT_PRODUCER,
        /** The device produces the output direction. */
        OUTPUT_PRODUCER;

        boolean input() {
            return this == INPUT_CONSUMER || this == INPUT_PRODUCER;
        }

        boolean consumer() {
            return this == INPUT_CONSUMER || this == OUTPUT_CONSUMER;
        }
    }

    /** One round: a region, its endpoints, and where the scribbled words are. */
    static final class Round {
        final Victim victim;
        final Random random;
        final Config config;
        final SharedRegion region;
        final QueueEndpoint host;
        final QueueEndpoint device;
        final QueueEndpoint producer;
        final QueueEndpoint consumer;
        final MemorySegment ring;
        final MemorySegment tail;
        final MemorySegment head;
        final long arenaOffset;
        final long arenaBytes;
        final long arenaStart;
        final long scribbleGapNanos;
        volatile boolean stop;
        final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong consumed = new AtomicLong();
        final AtomicLong scribbles = new AtomicLong();
        volatile AbicRuntimeException producerEnd;
        volatile AbicRuntimeException consumerEnd;

        Round(Victim victim, long seed) {
            this.victim = victim;
            this.random = new Random(seed);
            long depth = 1L << random.nextInt(4);
            long arena = 64L << random.nextInt(3);
            this.config = new Config(depth, arena, arena);
            this.region = QueueRegion.anonymous(config);
            this.host = QueueEndpoint.host(region);
            this.device = QueueEndpoint.device(region);
            this.producer = victim.input() ? host : device;
            this.consumer = victim.input() ? device : host;
            ShmQueueFileLayout file = config.fileLayout();
            L3L2QueueRegionLayout layout = config.layout();
            MemorySegment payload = region.segment().asSlice(file.payloadOffset(), file.payloadBytes());
            MemorySegment counters = region.segment().asSlice(file.countersOffset(), file.countersBytes());
            if (victim.input()) {
                ring = payload.asSlice(layout.inputDescOffset(), layout.inputDescBytes());
                tail = L3L2QueueCounters.inputDescTail(counters);
                head = L3L2QueueCounters.inputDescHead(counters);
                arenaOffset = layout.inputArenaOffset();
                arenaBytes = layout.inputArenaBytes();
            } else {
                ring = payload.asSlice(layout.outputDescOffset(), layout.outputDescBytes());
                tail = L3L2QueueCounters.outputDescTail(counters);
                head = L3L2QueueCounters.outputDescHead(counters);
                arenaOffset = layout.outputArenaOffset();
                arenaBytes = layout.outputArenaBytes();
            }
            arenaStart = payload.address() + arenaOffset;
            // From a scribble every microsecond to one every few milliseconds.
            scribbleGapNanos = 1_000L << random.nextInt(12);
        }

        QueueEndpoint victimEndpoint() {
            return victim.consumer() ? consumer : producer;
        }
    }

    @ParameterizedTest
    @EnumSource(Victim.class)
    void onlyDefinedErrorsNeverAHang(Victim victim) {
        long seed = SEED ^ victim.ordinal();
        Map<String, Long> outcomes = new TreeMap<>();
        long[] totals = new long[3];
        assertTimeoutPreemptively(BUDGET.plus(Duration.ofSeconds(60)), () -> {
            long end = System.nanoTime() + BUDGET.toNanos();
            for (int r = 0; System.nanoTime() < end; r++) {
                Round round = new Round(victim, seed + r);
                try {
                    String outcome = run(round, "seed " + SEED + " victim " + victim + " round " + r);
                    outcomes.merge(outcome, 1L, Long::sum);
                    totals[0]++;
                    totals[1] += round.consumed.get();
                    totals[2] += round.scribbles.get();
                } finally {
                    round.region.close();
                }
            }
        }, () -> "seed " + SEED + " victim " + victim + ": hung");
        System.out.printf("QueueCorruptionTest %s (seed %d): %d rounds, %,d messages consumed, %,d scribbles; outcomes %s%n",
                victim, SEED, totals[0], totals[1], totals[2], outcomes);
        assertWithMessage("rounds").that(totals[0]).isAtLeast(5);
        assertWithMessage("some rounds end poisoned (seed %s): %s", SEED, outcomes).that(outcomes.keySet().stream()
                .anyMatch(o -> o.startsWith("poisoned"))).isTrue();
        assertWithMessage("messages went through between scribbles (seed %s)", SEED).that(totals[1]).isGreaterThan(0);
    }

    /** Runs one round to its end; returns how it ended. */
    static String run(Round round, String what) throws InterruptedException {
        List<Thread> threads = List.of(
                new Thread(() -> guard(round, () -> produce(round)), what + " producer"),
                new Thread(() -> guard(round, () -> consume(round)), what + " consumer"),
                new Thread(() -> guard(round, () -> scribble(round)), what + " scribbler"));
        threads.forEach(Thread::start);
        long end = System.nanoTime() + ROUND.toNanos();
        QueueEndpoint victim = round.victimEndpoint();
        while (System.nanoTime() < end && victim.error() == ErrorKind.NONE && round.failures.isEmpty()) {
            Thread.sleep(1);
        }
        round.stop = true;
        for (Thread t : threads) {
            t.join();
        }
        if (!round.failures.isEmpty()) {
            AssertionError error = new AssertionError(what + ": " + round.failures.get(0), round.failures.get(0));
            round.failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
        // What ended each side must be a defined outcome for that side.
        QueueEndpoint other = victim == round.consumer ? round.producer : round.consumer;
        AbicRuntimeException victimEnd = victim == round.consumer ? round.consumerEnd : round.producerEnd;
        AbicRuntimeException otherEnd = victim == round.consumer ? round.producerEnd : round.consumerEnd;
        if (victimEnd != null && victimEnd.kind() == ErrorKind.CLOSED) {
            // A scribble turned a zero-byte input message into a well-formed STOP: the stream ended
            // as if the host had stopped it, which the device cannot tell apart.
            assertWithMessage("%s: CLOSED without STOP", what).that(victim == round.device && victim.stopReceived())
                    .isTrue();
            assertThat(victimEnd).hasMessageThat().contains("ended with STOP");
            return "forged STOP";
        }
        if (victimEnd != null) {
            assertWithMessage("%s: the victim ended with %s", what, victimEnd).that(victimEnd.kind())
                    .isAnyOf(ErrorKind.INVALID_DESCRIPTOR, ErrorKind.REMOTE_ABORTED);
            if (victimEnd.kind() == ErrorKind.REMOTE_ABORTED) {
                // Only after the peer was poisoned: a plausible scribble the victim could not tell
                // from a real value made it break the protocol in turn.
                assertWithMessage("%s: REMOTE_ABORTED without a poisoned peer", what).that(other.error())
                        .isEqualTo(ErrorKind.INVALID_DESCRIPTOR);
            } else {
                assertWithMessage("%s: own abort flag after poisoning", what).that(victim.error())
                        .isEqualTo(ErrorKind.INVALID_DESCRIPTOR);
                assertThat(other.peerAborted()).isTrue();
            }
        }
        if (otherEnd != null) {
            assertWithMessage("%s: the other side ended with %s", what, otherEnd).that(otherEnd.kind())
                    .isAnyOf(ErrorKind.INVALID_DESCRIPTOR, ErrorKind.REMOTE_ABORTED);
        }
        if (victimEnd == null) {
            return "ran fine";
        }
        return (victimEnd.kind() == ErrorKind.INVALID_DESCRIPTOR ? "poisoned: " + reason(victimEnd) : "remote aborted");
    }

    static String reason(AbicRuntimeException e) {
        String m = e.getMessage();
        for (String key : List.of("after STOP", "seq is", "opcode", "counter reconstruction", "zero-byte",
                "STOP carries", "larger than the arena", "payload_offset")) {
            if (m.contains(key)) {
                return key;
            }
        }
        return m;
    }

    interface Body {
        void run() throws Exception;
    }

    /** Any throwable a body lets out is a failure of the test. */
    static void guard(Round round, Body body) {
        try {
            body.run();
        } catch (Throwable t) {
            round.failures.add(t);
            round.stop = true;
        }
    }

    // ---- the three threads ----------------------------------------------------------------------

    static void produce(Round round) {
        Random random = new Random(round.random.nextLong());
        QueueEndpoint p = round.producer;
        MemorySegment source = java.lang.foreign.Arena.ofAuto().allocate(round.arenaBytes);
        long k = 0;
        while (!round.stop) {
            long size = random.nextLong(round.arenaBytes / 2 + 1);
            try {
                switch (random.nextInt(4)) {
                    case 0 -> {
                        Reservation r = p.tryReserve(size);
                        if (r != null) {
                            r.segment().fill((byte) k++);
                            p.publish(r, random.nextBoolean() ? L3L2QueueOpcode.DATA : L3L2QueueOpcode.ERROR);
                        } else {
                            Thread.onSpinWait();
                        }
                    }
                    case 1 -> {
                        if (!p.tryEnqueue(L3L2QueueOpcode.DATA, source.asSlice(0, size))) {
                            Thread.onSpinWait();
                        }
                    }
                    case 2 -> {
                        Reservation r = p.reserve(size, SHORT_WAIT);
                        p.publish(r);
                    }
                    default -> p.enqueue(L3L2QueueOpcode.ERROR, source.asSlice(0, size), SHORT_WAIT);
                }
            } catch (AbicRuntimeException e) {
                if (e.kind() == ErrorKind.TIMEOUT) {
                    continue;
                }
                round.producerEnd = e;
                return;
            }
        }
    }

    static void consume(Round round) {
        Random random = new Random(round.random.nextLong());
        QueueEndpoint c = round.consumer;
        MessageHandler check = m -> checkPayload(round, m);
        while (!round.stop) {
            try {
                switch (random.nextInt(3)) {
                    case 0 -> {
                        Message m = c.tryPeek();
                        if (m == null) {
                            Thread.onSpinWait();
                        } else {
                            checkPayload(round, m);
                            c.release(m);
                        }
                    }
                    case 1 -> {
                        Message m = c.peek(SHORT_WAIT);
                        checkPayload(round, m);
                        c.release(m);
                    }
                    default -> c.drain(check, 1 + random.nextInt((int) round.config.depth() + 1));
                }
            } catch (AbicRuntimeException e) {
                if (e.kind() == ErrorKind.TIMEOUT) {
                    continue;
                }
                round.consumerEnd = e;
                return;
            }
        }
    }

    /** A validated payload lies inside the direction's arena, is read-only, and every byte is readable. */
    static void checkPayload(Round round, Message m) {
        round.consumed.incrementAndGet();
        MemorySegment payload = m.payload();
        assertThat(payload.isReadOnly()).isTrue();
        long size = payload.byteSize();
        assertThat(size).isAtMost(round.arenaBytes);
        if (size > 0) {
            long address = payload.address();
            if (address < round.arenaStart || address + size > round.arenaStart + round.arenaBytes) {
                throw new AssertionError("message " + m + " at arena offset " + (address - round.arenaStart)
                        + " is outside the arena of " + round.arenaBytes + " bytes");
            }
            long sum = 0;
            for (long i = 0; i < size; i++) {
                sum += payload.get(ValueLayout.JAVA_BYTE, i);
            }
            assertThat(sum).isNotEqualTo(Long.MIN_VALUE);
        }
        assertThat(m.opcode()).isAnyOf(L3L2QueueOpcode.DATA, L3L2QueueOpcode.ERROR, L3L2QueueOpcode.STOP);
    }

    static void scribble(Round round) {
        Random random = new Random(round.random.nextLong());
        long depth = round.config.depth();
        while (!round.stop) {
            if (round.victim.consumer()) {
                if (random.nextInt(4) == 0) {
                    L3L2QueueCounterLine.valueRelease(round.tail, counterValue(random, round.tail, depth));
                } else {
                    MemorySegment slot = L3L2QueueDescSlot.element(round.ring, random.nextLong(depth));
                    switch (random.nextInt(4)) {
                        case 0 -> L3L2QueueDescSlot.seqRelease(slot, random.nextInt(3) == 0 ? random.nextLong()
                                : L3L2QueueDescSlot.seq(slot) + random.nextLong(-2, depth + 3));
                        case 1 -> L3L2QueueDescSlot.opcodeRaw(slot, random.nextInt(4) == 0 ? random.nextLong()
                                : random.nextLong(6));
                        case 2 -> L3L2QueueDescSlot.payloadOffset(slot, random.nextInt(4) == 0 ? random.nextLong()
                                : random.nextInt(3) == 0 ? 0 : round.arenaOffset + random.nextLong(-8, round.arenaBytes + 8));
                        default -> L3L2QueueDescSlot.payloadNbytes(slot, random.nextInt(4) == 0 ? random.nextLong()
                                : random.nextLong(round.arenaBytes + 9));
                    }
                }
            } else {
                L3L2QueueCounterLine.valueRelease(round.head, counterValue(random, round.head, depth));
            }
            round.scribbles.incrementAndGet();
            LockSupport.parkNanos(round.scribbleGapNanos);
        }
    }

    /** Random, or near the counter's present value (the values hardest to tell from real ones). */
    static int counterValue(Random random, MemorySegment counter, long depth) {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt();
            case 1 -> random.nextBoolean() ? -1 : Integer.MIN_VALUE;
            default -> L3L2QueueCounterLine.valueAcquire(counter) + random.nextInt(-2, (int) depth + 3);
        };
    }
}
