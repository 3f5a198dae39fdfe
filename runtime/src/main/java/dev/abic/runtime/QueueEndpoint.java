package dev.abic.runtime;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import simpler.l3l2.L3L2QueueCounters;
import simpler.l3l2.L3L2QueueOpcode;
import simpler.l3l2.L3L2QueueRegionLayout;

/**
 * One side of an L3-L2 message queue: two single-producer single-consumer directions over one
 * {@link QueueRegion}. The host (L3) side produces the input direction and consumes the output
 * direction; the device (L2) side does the opposite. Only the host may send STOP, which ends the
 * input direction.
 *
 * <p>Outgoing: {@link #tryReserve} / {@link #publish} (zero-copy), {@link #tryEnqueue} (copying),
 * blocking {@link #reserve} and {@link #enqueue}. Incoming: {@link #tryPeek} / {@link #release},
 * blocking {@link #peek}, batch {@link #drain}. {@code try} methods return null or false when the
 * ring or arena is full or nothing is there; blocking ones wait up to their timeout and then throw
 * TIMEOUT, or REMOTE_ABORTED if the peer has set its abort flag. Errors are
 * {@link AbicRuntimeException}s with an {@link ErrorKind}; a protocol violation by the peer
 * (INVALID_DESCRIPTOR) poisons the endpoint: its abort flag is set and every later call fails with
 * that error.
 *
 * <p>Threads: the outgoing half and the incoming half may each be used by one thread at a time
 * (two threads in all). {@link #close()} does not unmap the region; close the region after the
 * endpoint.
 */
public final class QueueEndpoint implements AutoCloseable {
    /** Which side of the queue an endpoint is. */
    public enum Role {
        /** L3: produces input, consumes output, may send STOP. */
        HOST,
        /** L2: consumes input, produces output. */
        DEVICE
    }

    private final Role role;
    private final EndpointState state;
    private final Producer out;
    private final Consumer in;

    private QueueEndpoint(Role role, SharedRegion region) {
        this.role = role;
        QueueRegion.Geometry geometry = QueueRegion.validate(region);
        MemorySegment counters = geometry.counters();
        L3L2QueueRegionLayout layout = geometry.layout();
        MemorySegment payload = geometry.payload();
        QueueDirection input = new QueueDirection(
                payload.asSlice(layout.inputDescOffset(), layout.inputDescBytes()), payload,
                layout.inputArenaOffset(), layout.inputArenaBytes(),
                L3L2QueueCounters.inputDescTail(counters), L3L2QueueCounters.inputDescHead(counters), geometry.depth());
        QueueDirection output = new QueueDirection(
                payload.asSlice(layout.outputDescOffset(), layout.outputDescBytes()), payload,
                layout.outputArenaOffset(), layout.outputArenaBytes(),
                L3L2QueueCounters.outputDescTail(counters), L3L2QueueCounters.outputDescHead(counters), geometry.depth());
        if (role == Role.HOST) {
            state = new EndpointState(L3L2QueueCounters.l3AbortFlag(counters), L3L2QueueCounters.l2AbortFlag(counters), "L3");
            out = new Producer(state, "input", input);
            in = new Consumer(state, "output", output, false);
        } else {
            state = new EndpointState(L3L2QueueCounters.l2AbortFlag(counters), L3L2QueueCounters.l3AbortFlag(counters), "L2");
            out = new Producer(state, "output", output);
            in = new Consumer(state, "input", input, true);
        }
    }

    /**
     * The host (L3) side of the queue in {@code region}, which must be fresh (all counters zero).
     *
     * @throws AbicRuntimeException BAD_DESCRIPTOR if the region's task scalars do not describe a valid queue in it
     */
    public static QueueEndpoint host(SharedRegion region) {
        return new QueueEndpoint(Role.HOST, region);
    }

    /** The device (L2) side of the queue in {@code region}; see {@link #host}. */
    public static QueueEndpoint device(SharedRegion region) {
        return new QueueEndpoint(Role.DEVICE, region);
    }

    public Role role() {
        return role;
    }

    // ---- outgoing ----------------------------------------------------------------------------

    /**
     * Claims {@code size} bytes of the outgoing arena and a descriptor slot; null while either is
     * full. Write the payload into the reservation's segment, then {@link #publish} it.
     *
     * @throws AbicRuntimeException OUT_OF_SPACE if {@code size} exceeds the whole arena, OWNERSHIP if
     *     a reservation is already open, REMOTE_ABORTED if full and the peer aborted
     */
    public Reservation tryReserve(long size) {
        return out.tryReserve(size);
    }

    /** {@link #tryReserve}, waiting up to {@code timeout} for space. */
    public Reservation reserve(long size, Duration timeout) {
        Waiter.checked(timeout);
        Reservation reservation = out.tryReserve(size);
        if (reservation != null) {
            return reservation;
        }
        Waiter waiter = new Waiter(timeout);
        while (true) {
            if (waiter.idle() && waiter.expired()) {
                throw timeout("reserve " + size + " bytes");
            }
            reservation = out.tryReserve(size);
            if (reservation != null) {
                return reservation;
            }
        }
    }

    /** Publishes the open reservation as a DATA message. */
    public void publish(Reservation reservation) {
        out.publish(reservation, L3L2QueueOpcode.DATA);
    }

    /** Publishes the open reservation with {@code opcode}: DATA or ERROR. */
    public void publish(Reservation reservation, L3L2QueueOpcode opcode) {
        out.publish(reservation, opcode);
    }

    /** Copies {@code payload} into a new message with {@code opcode}; false while the ring or arena is full. */
    public boolean tryEnqueue(L3L2QueueOpcode opcode, MemorySegment payload) {
        checkMessageOpcode(opcode);
        Reservation reservation = out.tryReserve(payload.byteSize());
        if (reservation == null) {
            return false;
        }
        MemorySegment.copy(payload, 0, reservation.segment(), 0, payload.byteSize());
        out.publish(reservation, opcode);
        return true;
    }

    /** {@link #tryEnqueue}, waiting up to {@code timeout} for space. */
    public void enqueue(L3L2QueueOpcode opcode, MemorySegment payload, Duration timeout) {
        checkMessageOpcode(opcode);
        Reservation reservation = reserve(payload.byteSize(), timeout);
        MemorySegment.copy(payload, 0, reservation.segment(), 0, payload.byteSize());
        out.publish(reservation, opcode);
    }

    private static void checkMessageOpcode(L3L2QueueOpcode opcode) {
        if (opcode != L3L2QueueOpcode.DATA && opcode != L3L2QueueOpcode.ERROR) {
            throw new AbicRuntimeException(ErrorKind.BAD_ARGUMENT, "a message is DATA or ERROR, not " + opcode);
        }
    }

    /**
     * Host only: sends STOP, the last message of the input direction; false while the ring is full.
     * After it, the input direction refuses messages (CLOSED).
     */
    public boolean tryStop() {
        requireHost("STOP");
        return out.tryStop();
    }

    /** {@link #tryStop}, waiting up to {@code timeout} for a free slot. */
    public void stop(Duration timeout) {
        requireHost("STOP");
        Waiter.checked(timeout);
        if (out.tryStop()) {
            return;
        }
        Waiter waiter = new Waiter(timeout);
        while (true) {
            if (waiter.idle() && waiter.expired()) {
                throw timeout("send STOP");
            }
            if (out.tryStop()) {
                return;
            }
        }
    }

    private void requireHost(String what) {
        if (role != Role.HOST) {
            throw new AbicRuntimeException(ErrorKind.BAD_ARGUMENT, "only the host side sends " + what
                    + "; the output direction never carries it");
        }
    }

    // ---- incoming ----------------------------------------------------------------------------

    /**
     * The next incoming message, validated, or null if none is there. Hold at most one at a time
     * and {@link #release} it when done.
     *
     * @throws AbicRuntimeException INVALID_DESCRIPTOR if the peer broke the protocol (the endpoint is
     *     then poisoned), OWNERSHIP if a message is still held, REMOTE_ABORTED if empty and the peer aborted
     */
    public Message tryPeek() {
        return in.tryPeek();
    }

    /** {@link #tryPeek}, waiting up to {@code timeout} for a message. */
    public Message peek(Duration timeout) {
        Waiter.checked(timeout);
        Message message = in.tryPeek();
        if (message != null) {
            return message;
        }
        Waiter waiter = new Waiter(timeout);
        while (true) {
            if (waiter.idle() && waiter.expired()) {
                throw timeout("peek");
            }
            message = in.tryPeek();
            if (message != null) {
                return message;
            }
        }
    }

    /** Releases the held message, giving its slot and arena bytes back to the producer. */
    public void release(Message message) {
        in.release(message);
    }

    /**
     * Hands up to {@code limit} waiting messages to {@code handler} in order and releases them all
     * with one counter store; returns how many (0 if none was there). The handler must not peek,
     * drain or release on this endpoint (OWNERSHIP): the batch is released when drain returns.
     */
    public int drain(MessageHandler handler, int limit) {
        return in.drain(handler, limit);
    }

    /** True once the incoming direction delivered STOP (device side only). */
    public boolean stopReceived() {
        return in.stopped();
    }

    // ---- state -------------------------------------------------------------------------------

    /** Sets this side's abort flag; the peer sees REMOTE_ABORTED, and later calls here fail with ABORTED. */
    public void abort() {
        state.abort();
    }

    /** True when the peer has set its abort flag. */
    public boolean peerAborted() {
        return state.peerAborted();
    }

    /** The sticky error (INVALID_DESCRIPTOR, ABORTED or CLOSED), or NONE while the endpoint is usable. */
    public ErrorKind error() {
        return state.error();
    }

    /** Ends this endpoint: later calls fail with CLOSED. Shared memory is left as it is. */
    @Override
    public void close() {
        state.close();
    }

    private AbicRuntimeException timeout(String what) {
        state.checkPeer();
        return new AbicRuntimeException(ErrorKind.TIMEOUT, state.side() + ": " + what + " timed out");
    }
}
