package dev.abic.runtime;

import java.lang.foreign.MemorySegment;
import simpler.l3l2.L3L2QueueCounterLine;
import simpler.l3l2.L3L2QueueDescSlot;
import simpler.l3l2.L3L2QueueOpcode;

/**
 * The producing half of one queue direction. It alone writes the direction's descriptors, arena
 * bytes and tail counter; it reads the head counter, which the consumer writes.
 *
 * <p>Arena space is tracked with two monotonic cursors: {@code arenaTail} (end of the last
 * published payload, counting the bytes skipped at wrap-around) and {@code arenaHead} (the same
 * cursor as it was after the last message the consumer released). The producer remembers, in a
 * private array, the cursor after each message it published, so learning how much space a new
 * head frees never depends on shared memory the peer could have changed. That table starts small
 * and doubles (up to {@code depth}) only when this producer has more of its own messages in flight,
 * so a large {@code depth} in the file costs nothing until it is used.
 */
final class Producer {
    /** Entries of the cursor table before it first grows. */
    private static final int INITIAL_CURSORS = 1 << 6; // not ABI: tuning, grows on demand up to depth

    private final EndpointState state;
    private final String name;
    private final MemorySegment ring;
    private final MemorySegment tailCounter;
    private final MemorySegment headCounter;
    private final long depth;
    private final long mask;
    private final long arenaOffset;
    private final long arenaBytes;
    private long[] cursorAfter;
    private final Reservation reservation;

    private long tail;
    private long head;
    private long arenaTail;
    /** arenaTail % arenaBytes, kept up to date instead of divided out for every message. */
    private long arenaPosition;
    private long arenaHead;
    private boolean reserved;
    private boolean stopped;

    Producer(EndpointState state, String name, QueueDirection direction) {
        this.state = state;
        this.name = name;
        this.ring = direction.ring();
        this.tailCounter = direction.tailCounter();
        this.headCounter = direction.headCounter();
        this.depth = direction.depth();
        this.mask = depth - 1;
        this.arenaOffset = direction.arenaOffset();
        this.arenaBytes = direction.arenaBytes();
        this.cursorAfter = new long[(int) Math.min(depth, INITIAL_CURSORS)];
        this.reservation = new Reservation(this, direction.payload());
    }

    /** A reservation of {@code size} bytes, or null while the ring or the arena is full. */
    Reservation tryReserve(long size) {
        state.checkUsable();
        if (stopped) {
            throw new AbicRuntimeException(ErrorKind.CLOSED, state.side() + ": the " + name + " direction was stopped");
        }
        if (reserved) {
            throw new AbicRuntimeException(ErrorKind.OWNERSHIP, state.side() + ": a reservation is already open on the "
                    + name + " direction; publish it first");
        }
        if (size < 0) {
            throw new AbicRuntimeException(ErrorKind.BAD_ARGUMENT, "a payload size cannot be negative: " + size);
        }
        if (size > arenaBytes) {
            throw new AbicRuntimeException(ErrorKind.OUT_OF_SPACE, "a payload of " + size + " bytes can never fit the "
                    + name + " arena of " + arenaBytes + " bytes");
        }
        if (!claim(size)) {
            if (!state.peerAborted() || !claim(size)) {
                state.checkPeer();
                return null;
            }
        }
        reserved = true;
        return reservation;
    }

    /** Publishes the open reservation as a message with {@code opcode}. */
    void publish(Reservation claimed, L3L2QueueOpcode opcode) {
        state.checkUsable();
        if (!reserved || claimed != reservation) {
            throw new AbicRuntimeException(ErrorKind.OWNERSHIP, state.side() + ": " + (claimed.belongsTo(this)
                    ? "this reservation was already published" : "this reservation belongs to another queue direction"));
        }
        if (opcode != L3L2QueueOpcode.DATA && opcode != L3L2QueueOpcode.ERROR) {
            throw new AbicRuntimeException(ErrorKind.BAD_ARGUMENT, "a message is DATA or ERROR, not " + opcode
                    + (opcode == L3L2QueueOpcode.STOP ? " (use stop())" : ""));
        }
        write(opcode);
    }

    /** Sends STOP (a terminal zero-byte message) if the ring has room; false if it is full. */
    boolean tryStop() {
        Reservation claimed = tryReserve(0);
        if (claimed == null) {
            return false;
        }
        write(L3L2QueueOpcode.STOP);
        stopped = true;
        return true;
    }

    private void write(L3L2QueueOpcode opcode) {
        long index = reservation.index;
        MemorySegment slot = L3L2QueueDescSlot.element(ring, index & mask);
        L3L2QueueDescSlot.opcodeRaw(slot, opcode.value());
        L3L2QueueDescSlot.payloadOffset(slot, reservation.offset);
        L3L2QueueDescSlot.payloadNbytes(slot, reservation.size);
        L3L2QueueDescSlot.seqRelease(slot, index + 1);
        if (index - head >= cursorAfter.length) {
            growCursors();
        }
        cursorAfter[(int) (index & (cursorAfter.length - 1))] = reservation.cursorAfter;
        arenaTail = reservation.cursorAfter;
        arenaPosition = reservation.positionAfter;
        tail = index + 1;
        reserved = false;
        L3L2QueueCounterLine.valueRelease(tailCounter, (int) tail);
    }

    /** Claims ring and arena space for {@code size} bytes into {@link #reservation}. */
    private boolean claim(long size) {
        if (tail - head >= depth) {
            refreshHead();
            if (tail - head >= depth) {
                return false;
            }
        }
        long start = arenaTail;
        long offset = 0;
        long positionAfter = arenaPosition;
        if (size > 0) {
            long position = arenaPosition;
            if (position + size > arenaBytes) {
                start = arenaTail + (arenaBytes - position);
                position = 0;
            }
            if (start + size - arenaHead > arenaBytes) {
                refreshHead();
                // An empty arena takes any payload that fits it at all, wherever the cursor is:
                // counting the skipped tail bytes as used would make a payload larger than the
                // room after the skip wait for ever, since nothing is left to release.
                if (start + size - arenaHead > arenaBytes && arenaHead != arenaTail) {
                    return false;
                }
            }
            offset = arenaOffset + position;
            positionAfter = position + size == arenaBytes ? 0 : position + size;
        }
        reservation.index = tail;
        reservation.offset = offset;
        reservation.size = size;
        reservation.cursorAfter = start + size;
        reservation.positionAfter = positionAfter;
        return true;
    }

    /** Reads the consumer's head counter and, if it moved, frees the arena up to it. */
    private void refreshHead() {
        int observed = L3L2QueueCounterLine.valueAcquire(headCounter);
        int delta = observed - (int) head;
        if (delta < 0 || head + delta > tail) {
            throw state.poison(name + " head counter reads " + Integer.toUnsignedString(observed)
                    + ", which is not between the known head " + head + " and the published tail " + tail
                    + " (counter reconstruction failed)");
        }
        if (delta > 0) {
            head += delta;
            arenaHead = cursorAfter[(int) ((head - 1) & (cursorAfter.length - 1))];
        }
    }

    /** Doubles the cursor table (at most to depth: at most depth messages are in flight), keeping head to tail. */
    private void growCursors() {
        long[] grown = new long[cursorAfter.length << 1];
        for (long i = head; i < tail; i++) {
            grown[(int) (i & (grown.length - 1))] = cursorAfter[(int) (i & (cursorAfter.length - 1))];
        }
        cursorAfter = grown;
    }
}
