package dev.abic.runtime;

import java.lang.foreign.MemorySegment;
import simpler.l3l2.L3L2QueueCounterLine;
import simpler.l3l2.L3L2QueueDescSlot;
import simpler.l3l2.L3L2QueueOpcode;

/**
 * The consuming half of one queue direction. It alone writes the direction's head counter; every
 * other word it reads was written by the peer and is untrusted: read once into a local, validated,
 * and only then used. The expected payload offset of each message is re-derived from a private
 * arena cursor with the producer's rule, so a descriptor can only point where the producer was
 * obliged to put the payload.
 */
final class Consumer {
    private final EndpointState state;
    private final String name;
    private final MemorySegment ring;
    private final MemorySegment tailCounter;
    private final MemorySegment headCounter;
    private final long depth;
    private final long mask;
    private final long arenaOffset;
    private final long arenaBytes;
    private final boolean stopAllowed;
    private final Message message;

    private long head;
    private long next;
    /**
     * The tail counter as last read, reconstructed to 64 bits. Messages below it are known to be
     * published; from it on, this side learns of a message by its seq (or by reading the counter).
     */
    private long counterTail;
    private long cursor;
    /** cursor % arenaBytes, kept up to date instead of divided out for every message. */
    private long cursorPosition;
    private boolean stopSeen;
    private boolean holding;
    private boolean draining;

    Consumer(EndpointState state, String name, QueueDirection direction, boolean stopAllowed) {
        this.state = state;
        this.name = name;
        this.ring = direction.ring();
        this.tailCounter = direction.tailCounter();
        this.headCounter = direction.headCounter();
        this.depth = direction.depth();
        this.mask = depth - 1;
        this.arenaOffset = direction.arenaOffset();
        this.arenaBytes = direction.arenaBytes();
        this.stopAllowed = stopAllowed;
        this.message = new Message(this, direction.payload());
    }

    /** The next message, or null if none is published yet. */
    Message tryPeek() {
        state.checkUsable();
        if (draining) {
            throw insideDrain("peek");
        }
        if (holding) {
            throw new AbicRuntimeException(ErrorKind.OWNERSHIP, state.side() + ": message " + message.index
                    + " of the " + name + " direction is still held; release it first");
        }
        if (!readNextOrPeerAborted()) {
            return null;
        }
        holding = true;
        return message;
    }

    /**
     * {@link #readNext}; when nothing is there and the peer has aborted, REMOTE_ABORTED, but only
     * after one more look, so that what the peer published before it aborted is still delivered.
     */
    private boolean readNextOrPeerAborted() {
        if (readNext()) {
            return true;
        }
        if (state.peerAborted()) {
            if (readNext()) {
                return true;
            }
            state.checkPeer();
        }
        return false;
    }

    /** Releases the held message: the producer may reuse its slot and arena bytes. */
    void release(Message held) {
        state.checkUsable();
        if (draining || !holding || held != message) {
            throw new AbicRuntimeException(ErrorKind.OWNERSHIP, state.side() + ": " + (draining
                    ? "messages of a drain batch are released by drain itself"
                    : held.belongsTo(this) ? "message " + held.index + " was already released"
                    : "this message belongs to another queue direction"));
        }
        holding = false;
        publishHead();
    }

    /** Hands up to {@code limit} messages to {@code handler}, then releases them with one store. */
    int drain(MessageHandler handler, int limit) {
        state.checkUsable();
        if (draining) {
            throw insideDrain("drain");
        }
        if (holding) {
            throw new AbicRuntimeException(ErrorKind.OWNERSHIP, state.side() + ": release the held message before drain");
        }
        if (limit <= 0) {
            throw new AbicRuntimeException(ErrorKind.BAD_ARGUMENT, "a drain limit must be positive: " + limit);
        }
        int count = 0;
        draining = true;
        try {
            while (count < limit && (count == 0 ? readNextOrPeerAborted() : readNext())) {
                count++;
                handler.onMessage(message);
                if (stopSeen) {
                    break;
                }
            }
        } finally {
            draining = false;
            if (next != head) {
                publishHead();
            }
        }
        return count;
    }

    /**
     * A drain releases its whole batch when it returns, so a message taken by a handler would be
     * released while still held (and the shared {@link Message} would change under the handler).
     */
    private AbicRuntimeException insideDrain(String what) {
        return new AbicRuntimeException(ErrorKind.OWNERSHIP, state.side() + ": cannot " + what + " the " + name
                + " direction from inside a drain handler; the drain releases its batch when it returns");
    }

    private void publishHead() {
        head = next;
        L3L2QueueCounterLine.valueRelease(headCounter, (int) head);
    }

    /** Reads and validates descriptor {@code next} into {@link #message}; false if none is published. */
    private boolean readNext() {
        long index = next;
        MemorySegment slot = L3L2QueueDescSlot.element(ring, index & mask);
        long seq;
        if (index >= counterTail) {
            // Not announced by the counter as last read. The producer stores seq (release) after the payload
            // and the rest of the descriptor, and only then its tail counter, so seq == index + 1,
            // read with acquire, already proves the message complete. Polling the descriptor (a
            // line this side reads anyway) instead of the producer's counter line halves the lines
            // that move between the cores per message when the queue runs nearly empty. Only a slot
            // this side has released may hold a new message: beyond depth, and after STOP, the
            // counter decides.
            seq = stopSeen || index - head >= depth ? 0 : L3L2QueueDescSlot.seqAcquire(slot);
            if (seq != index + 1) {
                refreshTail();
                if (index >= counterTail) {
                    if (stopSeen) {
                        throw new AbicRuntimeException(ErrorKind.CLOSED, state.side() + ": the " + name
                                + " direction ended with STOP");
                    }
                    return false;
                }
                seq = L3L2QueueDescSlot.seq(slot); // the counter says it is there: this read is the one checked
            }
        } else {
            seq = L3L2QueueDescSlot.seq(slot);
        }
        if (stopSeen) {
            throw state.poison(name + " descriptor " + index + " was published after STOP");
        }
        long opcodeRaw = L3L2QueueDescSlot.opcodeRaw(slot);
        long offset = L3L2QueueDescSlot.payloadOffset(slot);
        long size = L3L2QueueDescSlot.payloadNbytes(slot);

        if (seq != index + 1) {
            throw state.poison(name + " descriptor " + index + ": seq is " + Long.toUnsignedString(seq) + ", expected "
                    + (index + 1));
        }
        L3L2QueueOpcode opcode = decode(index, opcodeRaw);
        if (size == 0) {
            if (offset != 0) {
                throw state.poison(name + " descriptor " + index + ": a zero-byte message has payload_offset "
                        + Long.toUnsignedString(offset) + ", not 0");
            }
            message.offset = 0;
        } else {
            if (opcode == L3L2QueueOpcode.STOP) {
                throw state.poison(name + " descriptor " + index + ": STOP carries " + Long.toUnsignedString(size)
                        + " payload bytes");
            }
            if (Long.compareUnsigned(size, arenaBytes) > 0) {
                throw state.poison(name + " descriptor " + index + ": payload_nbytes " + Long.toUnsignedString(size)
                        + " is larger than the arena (" + arenaBytes + ")");
            }
            long position = cursorPosition;
            long start = cursor;
            if (position + size > arenaBytes) {
                start = cursor + (arenaBytes - position);
                position = 0;
            }
            long expected = arenaOffset + position;
            if (offset != expected) {
                throw state.poison(name + " descriptor " + index + ": payload_offset " + Long.toUnsignedString(offset)
                        + " is not where the producer had to put " + size + " bytes (" + expected + ")");
            }
            cursor = start + size;
            cursorPosition = position + size == arenaBytes ? 0 : position + size;
            message.offset = expected;
        }
        if (opcode == L3L2QueueOpcode.STOP) {
            refreshTail(); // STOP must be the last message: the counter may not announce one behind it
            if (counterTail > index + 1) {
                throw state.poison(name + " descriptor " + (index + 1) + " was published after STOP");
            }
            stopSeen = true;
        }
        message.index = index;
        message.opcode = opcode;
        message.size = size;
        next = index + 1;
        return true;
    }

    private L3L2QueueOpcode decode(long index, long raw) {
        if (!L3L2QueueOpcode.isKnown(raw) || raw == L3L2QueueOpcode.INVALID.value()
                || (raw == L3L2QueueOpcode.STOP.value() && !stopAllowed)) {
            throw state.poison(name + " descriptor " + index + ": opcode " + L3L2QueueOpcode.toString(raw)
                    + " is not allowed on this direction");
        }
        return L3L2QueueOpcode.of(raw);
    }

    /** Reads the producer's tail counter and reconstructs the 64-bit tail from its low 32 bits. */
    private void refreshTail() {
        int observed = L3L2QueueCounterLine.valueAcquire(tailCounter);
        long tail = reconstructTail(observed, counterTail, next, head, depth);
        if (tail < 0) {
            throw state.poison(name + " tail counter reads " + Integer.toUnsignedString(observed) + ": with head " + head
                    + " and known tail " + Math.max(counterTail, next) + " that is not 0 to " + depth
                    + " messages in flight (counter reconstruction failed)");
        }
        counterTail = tail;
    }

    /**
     * The 64-bit tail an observed counter word stands for, or -1 if no honest producer could have
     * stored it. An honest counter never goes below the value last read, nor below {@code next - 1}
     * (the producer stores counter k before seq of message k, and seq showed every message before
     * {@code next}), nor beyond {@code head + depth}. Reconstructing from the larger of the first two
     * keeps the difference to at most {@code depth + 1}, well inside 32 bits, however long the
     * counter went unread while seq announced the messages.
     */
    static long reconstructTail(int observed, long lastRead, long next, long head, long depth) {
        long base = Math.max(lastRead, next - 1);
        int delta = observed - (int) base;
        long tail = base + delta;
        return delta < 0 || tail - head > depth ? -1 : tail;
    }

    /** True once STOP was read. */
    boolean stopped() {
        return stopSeen;
    }
}
