package dev.abic.runtime;

import java.lang.foreign.MemorySegment;

/**
 * One direction of a validated queue region: its descriptor ring, the payload range its offsets
 * are relative to, its arena within that range, and its two counters.
 */
record QueueDirection(MemorySegment ring, MemorySegment payload, long arenaOffset, long arenaBytes,
        MemorySegment tailCounter, MemorySegment headCounter, long depth) {
}
