package dev.abic.runtime;

import java.lang.foreign.MemorySegment;

/**
 * Space claimed in the outgoing arena by {@link QueueEndpoint#tryReserve}: write the payload into
 * {@link #segment()}, then {@link QueueEndpoint#publish(Reservation)} it. An endpoint has at most
 * one reservation at a time and reuses this object for the next one; after publishing, the segment
 * belongs to the consumer.
 */
public final class Reservation {
    private final Object owner;
    private final MemorySegment payloadRange;
    long index;
    long offset;
    long size;
    long cursorAfter;
    long positionAfter;

    Reservation(Object owner, MemorySegment payloadRange) {
        this.owner = owner;
        this.payloadRange = payloadRange;
    }

    /**
     * The writable payload space, exactly the reserved size (empty for a zero-byte message). A new
     * view each call, made here rather than when the space is claimed, so that a caller that never
     * asks for it (or whose use the JIT can see through) does not pay for one.
     */
    public MemorySegment segment() {
        return payloadRange.asSlice(offset, size);
    }

    /** The size reserved. */
    public long size() {
        return size;
    }

    /** The logical index the message will have. */
    public long index() {
        return index;
    }

    boolean belongsTo(Object producer) {
        return owner == producer;
    }
}
