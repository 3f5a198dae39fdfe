package dev.abic.runtime;

import java.lang.foreign.MemorySegment;
import simpler.l3l2.L3L2QueueOpcode;

/**
 * A message handed out by {@link QueueEndpoint#tryPeek} or {@link QueueEndpoint#drain}: its opcode
 * and a read-only view of its payload in the shared arena, already validated. The view stays
 * readable until the message is released; after that the producer may overwrite those bytes. An
 * endpoint reuses this object for its next message.
 */
public final class Message {
    private final Object owner;
    private final MemorySegment readOnlyPayloadRange;
    long index;
    L3L2QueueOpcode opcode;
    long offset;
    long size;

    Message(Object owner, MemorySegment payloadRange) {
        this.owner = owner;
        this.readOnlyPayloadRange = payloadRange.asReadOnly();
    }

    /** DATA, ERROR, or (input direction only) STOP. */
    public L3L2QueueOpcode opcode() {
        return opcode;
    }

    /**
     * The payload, read-only (empty for a zero-byte message and for STOP). A new view each call,
     * made here rather than when the message is read, so that a caller that never asks for it (or
     * whose use the JIT can see through) does not pay for one.
     */
    public MemorySegment payload() {
        return readOnlyPayloadRange.asSlice(offset, size);
    }

    /** The payload size in bytes. */
    public long size() {
        return size;
    }

    /** The 0-based logical index of the message in its direction. */
    public long index() {
        return index;
    }

    boolean belongsTo(Object consumer) {
        return owner == consumer;
    }

    @Override
    public String toString() {
        return "Message[" + index + ", " + opcode + ", " + size + " bytes]";
    }
}
