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
    long index;
    long offset;
    long cursorAfter;
    MemorySegment segment;

    Reservation(Object owner) {
        this.owner = owner;
    }

    /** The writable payload space, exactly the reserved size (empty for a zero-byte message). */
    public MemorySegment segment() {
        return segment;
    }

    /** The size reserved. */
    public long size() {
        return segment.byteSize();
    }

    /** The logical index the message will have. */
    public long index() {
        return index;
    }

    boolean belongsTo(Object producer) {
        return owner == producer;
    }
}
