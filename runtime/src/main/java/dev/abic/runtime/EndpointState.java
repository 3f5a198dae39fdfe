package dev.abic.runtime;

import java.lang.foreign.MemorySegment;
import simpler.l3l2.L3L2QueueCounterLine;

/**
 * What the two halves of an endpoint share: the abort flags (its own, which only it writes, and
 * the peer's) and the sticky failure that poisoning, {@code abort()} and {@code close()} leave
 * behind. The halves may run on two threads, so the failure is volatile.
 */
final class EndpointState {
    private final MemorySegment ownAbortFlag;
    private final MemorySegment peerAbortFlag;
    private final String side;
    private volatile AbicRuntimeException failure;

    EndpointState(MemorySegment ownAbortFlag, MemorySegment peerAbortFlag, String side) {
        this.ownAbortFlag = ownAbortFlag;
        this.peerAbortFlag = peerAbortFlag;
        this.side = side;
    }

    /** Throws the sticky failure, if there is one (a new exception each time, caused by the first). */
    void checkUsable() {
        AbicRuntimeException first = failure;
        if (first != null) {
            throw again(first);
        }
    }

    private static AbicRuntimeException again(AbicRuntimeException first) {
        return new AbicRuntimeException(first.kind(), first.detail(), first);
    }

    /**
     * The peer broke the protocol: set our abort flag, remember the first such error, throw it.
     * Always throws; the return type lets callers write {@code throw state.poison(...)}.
     */
    AbicRuntimeException poison(String why) {
        AbicRuntimeException error = new AbicRuntimeException(ErrorKind.INVALID_DESCRIPTOR, side + ": " + why);
        synchronized (this) {
            if (failure == null) {
                failure = error;
                L3L2QueueCounterLine.valueRelease(ownAbortFlag, 1);
            }
        }
        throw again(failure);
    }

    /** This side gives up: set our abort flag; later calls fail with ABORTED (unless already poisoned). */
    synchronized void abort() {
        L3L2QueueCounterLine.valueRelease(ownAbortFlag, 1);
        if (failure == null) {
            failure = new AbicRuntimeException(ErrorKind.ABORTED, side + ": aborted by this side");
        }
    }

    /** Later calls fail with CLOSED. Does not touch shared memory. */
    synchronized void close() {
        if (failure == null || failure.kind() != ErrorKind.CLOSED) {
            failure = new AbicRuntimeException(ErrorKind.CLOSED, side + ": endpoint closed");
        }
    }

    /** The kind of the sticky failure, or NONE. */
    ErrorKind error() {
        AbicRuntimeException first = failure;
        return first == null ? ErrorKind.NONE : first.kind();
    }

    /** True when the peer's abort flag is set (1 or more; the peer only ever stores 1). */
    boolean peerAborted() {
        return L3L2QueueCounterLine.valueAcquire(peerAbortFlag) >= 1;
    }

    /** Throws REMOTE_ABORTED if the peer's abort flag is set. */
    void checkPeer() {
        if (peerAborted()) {
            throw new AbicRuntimeException(ErrorKind.REMOTE_ABORTED, side + ": the peer set its abort flag");
        }
    }

    String side() {
        return side;
    }
}
