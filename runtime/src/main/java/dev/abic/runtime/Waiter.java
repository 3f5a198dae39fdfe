package dev.abic.runtime;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * How a blocking call waits: spin with {@link Thread#onSpinWait()} first (the answer usually comes
 * within microseconds), then yield the processor, then park for growing intervals. The clock is read
 * only every {@link #CLOCK_EVERY} spins while spinning, and on every step once the wait has slowed
 * down. One instance per wait; not shared.
 */
final class Waiter {
    /** Spins before the first yield. */
    static final int SPINS = 1 << 10; // not ABI: tuning, a few µs; longer spins starve the peer on few cores
    /** Yields before the first park. */
    static final int YIELDS = 1 << 12; // not ABI: tuning
    /** While spinning, the clock (and the peer's abort flag) is looked at once per this many spins. */
    static final int CLOCK_EVERY = 1 << 10; // not ABI: tuning, a power of two
    /** The first park and the longest one, in nanoseconds. */
    static final long PARK_MIN_NANOS = 1 << 10; // not ABI: tuning, about 1 µs
    static final long PARK_MAX_NANOS = 1 << 17; // not ABI: tuning, about 130 µs

    private final long deadline;
    private final boolean immediate;
    private long steps;
    private long park = PARK_MIN_NANOS;

    Waiter(Duration timeout) {
        long nanos = saturatedNanos(checked(timeout));
        this.immediate = nanos == 0;
        this.deadline = System.nanoTime() + nanos;
    }

    /**
     * Returns {@code timeout} if a wait may use it. Blocking calls check their timeout with this
     * before their first attempt, so a bad argument is refused whether or not they would have waited.
     *
     * @throws AbicRuntimeException BAD_ARGUMENT if it is negative
     */
    static Duration checked(Duration timeout) {
        if (timeout.isNegative()) {
            throw new AbicRuntimeException(ErrorKind.BAD_ARGUMENT, "a timeout cannot be negative: " + timeout);
        }
        return timeout;
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE >>> 1; // far enough away, and deadline arithmetic cannot overflow
        }
    }

    /**
     * Waits one step. Returns true when this step is a check point: the caller should look at the
     * peer's abort flag and then call {@link #expired()}.
     */
    boolean idle() {
        long step = steps++;
        if (step < SPINS) {
            Thread.onSpinWait();
            return (step & (CLOCK_EVERY - 1)) == 0;
        }
        if (step < SPINS + YIELDS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(park);
            park = Math.min(park << 1, PARK_MAX_NANOS);
        }
        return true;
    }

    /** True once the timeout has passed (at once for a zero timeout). */
    boolean expired() {
        return immediate || System.nanoTime() - deadline >= 0;
    }
}
