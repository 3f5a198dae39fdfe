package dev.abic.runtime;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.abic.runtime.QueueRegion.Config;
import dev.abic.shm.ShmFileKind;
import dev.abic.shm.ShmQueueFileLayout;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import simpler.l3l2.L3L2QueueArgs;
import simpler.l3l2.L3L2QueueOpcode;
import simpler.l3l2.L3L2QueueRegionLayout;
import simpler.l3l2.L3L2QueueTaskArgs;
import simpler.orch.L3L2OrchRegionDesc;

/**
 * Jazzer fuzzing of the queue against a peer that writes anything: the fuzzer's bytes overwrite
 * parts of a valid region (task scalars, counters, descriptor rings, or everything after the
 * header), and then drive a bounded sequence of calls on both endpoints, with more overwrites in
 * between. Only {@link AbicRuntimeException} may come out of the runtime (any kind), never another
 * exception and never a hang, and every payload handed out must lie inside its arena.
 *
 * <p>In {@code mvn verify} this runs in regression mode over the seed inputs in
 * {@code src/test/resources/dev/abic/runtime/QueueFuzzTestInputs/<method>/}. To fuzz for real:
 * {@code JAZZER_FUZZ=1 mvn -pl runtime test -Dtest=QueueFuzzTest#queueSurvivesAnyRegion} (or
 * {@code #openSurvivesAnyFile}); a crash is saved in that directory, where it then stays as a
 * regression input.
 */
class QueueFuzzTest {
    /** Calls per input. */
    static final int MAX_STEPS = 96;
    static final Duration NONE = Duration.ZERO;
    /** Actions per side in {@link #step}. */
    static final int ACTIONS = 9;

    /** The twelve task scalars, by their generated setters (region descriptor, then queue arguments). */
    static final List<BiConsumer<MemorySegment, Long>> SCALARS = List.of(
            (a, v) -> L3L2OrchRegionDesc.magicVersion(L3L2QueueTaskArgs.region(a), v),
            (a, v) -> L3L2OrchRegionDesc.regionId(L3L2QueueTaskArgs.region(a), v),
            (a, v) -> L3L2OrchRegionDesc.payloadBase(L3L2QueueTaskArgs.region(a), v),
            (a, v) -> L3L2OrchRegionDesc.payloadBytes(L3L2QueueTaskArgs.region(a), v),
            (a, v) -> L3L2OrchRegionDesc.counterBase(L3L2QueueTaskArgs.region(a), v),
            (a, v) -> L3L2OrchRegionDesc.counterBytes(L3L2QueueTaskArgs.region(a), v),
            (a, v) -> L3L2QueueArgs.magicVersion(L3L2QueueTaskArgs.queue(a), v),
            (a, v) -> L3L2QueueArgs.depth(L3L2QueueTaskArgs.queue(a), v),
            (a, v) -> L3L2QueueArgs.inputArenaBytes(L3L2QueueTaskArgs.queue(a), v),
            (a, v) -> L3L2QueueArgs.outputArenaBytes(L3L2QueueTaskArgs.queue(a), v),
            (a, v) -> L3L2QueueArgs.payloadBytes(L3L2QueueTaskArgs.queue(a), v),
            (a, v) -> L3L2QueueArgs.counterBytes(L3L2QueueTaskArgs.queue(a), v));
    /** Their present values, by the generated getters, for small changes of a valid value. */
    static final List<Function<MemorySegment, Long>> SCALAR_VALUES = List.of(
            a -> L3L2OrchRegionDesc.magicVersion(L3L2QueueTaskArgs.region(a)),
            a -> L3L2OrchRegionDesc.regionId(L3L2QueueTaskArgs.region(a)),
            a -> L3L2OrchRegionDesc.payloadBase(L3L2QueueTaskArgs.region(a)),
            a -> L3L2OrchRegionDesc.payloadBytes(L3L2QueueTaskArgs.region(a)),
            a -> L3L2OrchRegionDesc.counterBase(L3L2QueueTaskArgs.region(a)),
            a -> L3L2OrchRegionDesc.counterBytes(L3L2QueueTaskArgs.region(a)),
            a -> L3L2QueueArgs.magicVersion(L3L2QueueTaskArgs.queue(a)),
            a -> L3L2QueueArgs.depth(L3L2QueueTaskArgs.queue(a)),
            a -> L3L2QueueArgs.inputArenaBytes(L3L2QueueTaskArgs.queue(a)),
            a -> L3L2QueueArgs.outputArenaBytes(L3L2QueueTaskArgs.queue(a)),
            a -> L3L2QueueArgs.payloadBytes(L3L2QueueTaskArgs.queue(a)),
            a -> L3L2QueueArgs.counterBytes(L3L2QueueTaskArgs.queue(a)));

    /** Where the parts of the region are, from the generated layouts. */
    record Parts(MemorySegment args, MemorySegment counters, MemorySegment payload, MemorySegment rings,
            MemorySegment afterHeader, long inputArena, long inputArenaBytes, long outputArena, long outputArenaBytes) {
        static Parts of(SharedRegion region, Config config) {
            ShmQueueFileLayout file = config.fileLayout();
            L3L2QueueRegionLayout layout = config.layout();
            MemorySegment segment = region.segment();
            MemorySegment payload = segment.asSlice(file.payloadOffset(), file.payloadBytes());
            return new Parts(segment.asSlice(file.argsOffset(), file.argsBytes()),
                    segment.asSlice(file.countersOffset(), file.countersBytes()), payload,
                    payload.asSlice(layout.inputDescOffset(), layout.inputDescBytes() + layout.outputDescBytes()),
                    segment.asSlice(file.argsOffset()), payload.address() + layout.inputArenaOffset(),
                    layout.inputArenaBytes(), payload.address() + layout.outputArenaOffset(), layout.outputArenaBytes());
        }
    }

    @FuzzTest(maxDuration = "60s")
    void queueSurvivesAnyRegion(FuzzedDataProvider data) {
        long depth = 1L << data.consumeInt(0, 3);
        long inputArena = 64L * data.consumeInt(1, 4);
        long outputArena = 64L * data.consumeInt(1, 4);
        Config config = new Config(depth, inputArena, outputArena);
        try (SharedRegion region = QueueRegion.anonymous(config)) {
            Parts parts = Parts.of(region, config);
            switch (data.consumeInt(0, 4)) {
                case 0 -> { } // a valid, fresh region: only the overwrites between calls corrupt it
                case 1 -> overwriteScalars(data, parts.args());
                case 2 -> overwrite(data, parts.counters());
                case 3 -> overwrite(data, parts.rings());
                default -> overwrite(data, parts.afterHeader());
            }
            exercise(data, region, parts);
        }
    }

    /**
     * The same through a file: the header too comes from the fuzzer. A file that opens as a valid
     * queue is then exercised like a region.
     */
    @FuzzTest(maxDuration = "60s")
    void openSurvivesAnyFile(FuzzedDataProvider data) throws IOException {
        Path file = scratchFile();
        Files.write(file, data.consumeBytes(data.consumeInt(0, 3 * 4096)));
        SharedRegion region;
        try {
            region = QueueRegion.open(file);
        } catch (AbicRuntimeException e) {
            if (e.kind() != ErrorKind.BAD_DESCRIPTOR) {
                throw new AssertionError("opening failed with " + e.kind() + ", not BAD_DESCRIPTOR", e);
            }
            return;
        }
        try (region) {
            if (region.kind() != ShmFileKind.L3L2_QUEUE) {
                throw new AssertionError("opened a queue file as " + region.kind());
            }
            try {
                QueueEndpoint.device(region);
            } catch (AbicRuntimeException e) {
                if (e.kind() != ErrorKind.BAD_DESCRIPTOR) {
                    throw new AssertionError("validation failed with " + e.kind() + ", not BAD_DESCRIPTOR", e);
                }
                return;
            }
            // Valid: the scalars describe the file, so they give its configuration.
            ShmQueueFileLayout smallest = new Config(1, 64, 64).fileLayout();
            MemorySegment args = L3L2QueueTaskArgs.queue(region.segment().asSlice(smallest.argsOffset(), smallest.argsBytes()));
            Config config = new Config(L3L2QueueArgs.depth(args), L3L2QueueArgs.inputArenaBytes(args),
                    L3L2QueueArgs.outputArenaBytes(args));
            exercise(data, region, Parts.of(region, config));
        }
    }

    private static Path scratch;

    static synchronized Path scratchFile() throws IOException {
        if (scratch == null) {
            scratch = Files.createTempFile("abic-queue-fuzz", ".shm");
        }
        return scratch;
    }

    @AfterAll
    static void removeScratch() throws IOException {
        if (scratch != null) {
            Files.deleteIfExists(scratch);
        }
    }

    static void overwriteScalars(FuzzedDataProvider data, MemorySegment args) {
        for (int i = 0; i < SCALARS.size(); i++) {
            switch (data.consumeInt(0, 3)) {
                case 0 -> { }
                case 1 -> SCALARS.get(i).accept(args, data.consumeLong());
                case 2 -> SCALARS.get(i).accept(args, SCALAR_VALUES.get(i).apply(args) + data.consumeInt(-130, 130));
                default -> SCALARS.get(i).accept(args, SCALAR_VALUES.get(i).apply(args) * (1L << data.consumeInt(0, 3)));
            }
        }
    }

    /** Copies the fuzzer's next bytes over the start of {@code target}. */
    static void overwrite(FuzzedDataProvider data, MemorySegment target) {
        byte[] bytes = data.consumeBytes((int) Math.min(target.byteSize(), Integer.MAX_VALUE));
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, target, 0, bytes.length);
    }

    /** A few bytes of the fuzzer's at a place it picks in the counters or the rings. */
    static void scribble(FuzzedDataProvider data, Parts parts) {
        MemorySegment target = data.consumeBoolean() ? parts.counters() : parts.rings();
        long at = data.consumeLong(0, target.byteSize() - 1);
        byte[] bytes = data.consumeBytes((int) Math.min(data.consumeInt(1, Long.BYTES), target.byteSize() - at));
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, target, at, bytes.length);
    }

    /** One side's state in the harness: what it holds, and stale handles to hand back. */
    static final class Side {
        final QueueEndpoint endpoint;
        final long arenaStart;
        final long arenaBytes;
        Reservation reservation;
        Reservation staleReservation;
        Message message;
        Message staleMessage;

        Side(QueueEndpoint endpoint, long arenaStart, long arenaBytes) {
            this.endpoint = endpoint;
            this.arenaStart = arenaStart;
            this.arenaBytes = arenaBytes;
        }
    }

    static void exercise(FuzzedDataProvider data, SharedRegion region, Parts parts) {
        QueueEndpoint host;
        QueueEndpoint device;
        try {
            host = QueueEndpoint.host(region);
            device = QueueEndpoint.device(region);
        } catch (AbicRuntimeException e) {
            if (e.kind() != ErrorKind.BAD_DESCRIPTOR) {
                throw new AssertionError("opening failed with " + e.kind() + ", not BAD_DESCRIPTOR", e);
            }
            return;
        }
        // Incoming arenas: the host reads the output direction, the device the input direction.
        Side h = new Side(host, parts.outputArena(), parts.outputArenaBytes());
        Side d = new Side(device, parts.inputArena(), parts.inputArenaBytes());
        MemorySegment source = Arena.ofAuto().allocate(Math.max(parts.inputArenaBytes(), parts.outputArenaBytes()) + 1);
        for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
            int op = data.consumeInt(0, 2 * ACTIONS - 1);
            Side side = op < ACTIONS ? h : d;
            Side other = side == h ? d : h;
            try {
                step(data, op % ACTIONS, side, other, parts, source);
            } catch (AbicRuntimeException e) {
                // Any kind is a defined answer; the harness goes on calling.
                if (e.kind() == ErrorKind.NONE) {
                    throw new AssertionError("an error of kind NONE", e);
                }
            }
        }
    }

    static void step(FuzzedDataProvider data, int op, Side side, Side other, Parts parts, MemorySegment source) {
        QueueEndpoint e = side.endpoint;
        switch (op) {
            case 0 -> {
                long size = data.consumeLong(0, source.byteSize());
                e.tryEnqueue(data.consumeBoolean() ? L3L2QueueOpcode.DATA : L3L2QueueOpcode.ERROR,
                        source.asSlice(0, size));
            }
            case 1 -> {
                long size = data.consumeLong(-1, source.byteSize());
                Reservation r = data.consumeBoolean() ? e.tryReserve(size) : e.reserve(size, NONE);
                if (r != null) {
                    r.segment().fill((byte) size);
                    side.reservation = r;
                }
            }
            case 2 -> {
                Reservation r = switch (data.consumeInt(0, 2)) {
                    case 0 -> side.reservation;
                    case 1 -> side.staleReservation;
                    default -> other.reservation;
                };
                if (r != null) {
                    e.publish(r, L3L2QueueOpcode.values()[data.consumeInt(0, L3L2QueueOpcode.values().length - 1)]);
                    side.staleReservation = r;
                    side.reservation = null;
                }
            }
            case 3 -> {
                Message m = data.consumeBoolean() ? e.tryPeek() : e.peek(NONE);
                if (m != null) {
                    check(side, m);
                    side.message = m;
                }
            }
            case 4 -> {
                Message m = switch (data.consumeInt(0, 2)) {
                    case 0 -> side.message;
                    case 1 -> side.staleMessage;
                    default -> other.message;
                };
                if (m != null) {
                    e.release(m);
                    side.staleMessage = m;
                    side.message = null;
                }
            }
            case 5 -> e.drain(m -> check(side, m), data.consumeInt(1, 9));
            case 6 -> {
                if (data.consumeBoolean()) {
                    e.tryStop();
                } else {
                    e.stop(NONE);
                }
            }
            case 7 -> scribble(data, parts);
            default -> {
                switch (data.consumeInt(0, 7)) {
                    case 0 -> e.abort();
                    case 1 -> e.close();
                    default -> {
                        e.peerAborted();
                        e.error();
                        e.stopReceived();
                    }
                }
            }
        }
    }

    /** A payload handed out is read-only, inside its arena, and readable to the end. */
    static void check(Side side, Message m) {
        MemorySegment payload = m.payload();
        if (!payload.isReadOnly()) {
            throw new AssertionError(m + ": writable payload view");
        }
        long size = payload.byteSize();
        if (size > 0) {
            long address = payload.address();
            if (address < side.arenaStart || address + size > side.arenaStart + side.arenaBytes) {
                throw new AssertionError(m + " at " + (address - side.arenaStart) + " is outside the arena of "
                        + side.arenaBytes + " bytes");
            }
            payload.get(ValueLayout.JAVA_BYTE, 0);
            payload.get(ValueLayout.JAVA_BYTE, size - 1);
        }
        if (m.opcode() == L3L2QueueOpcode.INVALID || m.opcode() == null) {
            throw new AssertionError(m + ": opcode " + m.opcode());
        }
        if (m.opcode() == L3L2QueueOpcode.STOP && (size != 0 || side.endpoint.role() == QueueEndpoint.Role.HOST)) {
            throw new AssertionError(m + ": STOP handed to the " + side.endpoint.role());
        }
    }
}
