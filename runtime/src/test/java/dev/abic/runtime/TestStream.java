package dev.abic.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import simpler.l3l2.L3L2QueueOpcode;

/**
 * The deterministic message stream the tests send and check, identical to the one in
 * {@code runtime/cpp/peer/abic_peer.cpp}: message k of stream (seed, max) has x = splitmix64(seed + k),
 * size x % (max + 1), byte i = (x >>> ((i & 7) * 8)) + i, and opcode ERROR when the top four bits
 * of x are all set, DATA otherwise. Both languages produce and verify the same bytes.
 */
public record TestStream(long seed, long maxSize) {
    /** SplitMix64 (Steele, Lea and Flood), unsigned 64-bit arithmetic. */
    public static long splitmix64(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long x(long k) {
        return splitmix64(seed + k);
    }

    public long size(long k) {
        return Long.remainderUnsigned(x(k), maxSize + 1);
    }

    public L3L2QueueOpcode opcode(long k) {
        return (x(k) >>> 60) == 0xF ? L3L2QueueOpcode.ERROR : L3L2QueueOpcode.DATA;
    }

    public static byte at(long x, long i) {
        return (byte) ((x >>> ((i & 7) * 8)) + i);
    }

    /** Writes the payload of message k into {@code target} (which must be size(k) bytes). */
    public void fill(long k, MemorySegment target) {
        long x = x(k);
        long n = target.byteSize();
        for (long i = 0; i < n; i++) {
            target.set(ValueLayout.JAVA_BYTE, i, at(x, i));
        }
    }

    /** Null if {@code payload} and {@code opcode} are message k; otherwise what differs. */
    public String mismatch(long k, L3L2QueueOpcode opcode, MemorySegment payload) {
        long x = x(k);
        if (opcode != opcode(k)) {
            return "message " + k + ": opcode " + opcode + ", expected " + opcode(k);
        }
        if (payload.byteSize() != size(k)) {
            return "message " + k + ": " + payload.byteSize() + " bytes, expected " + size(k);
        }
        for (long i = 0; i < payload.byteSize(); i++) {
            if (payload.get(ValueLayout.JAVA_BYTE, i) != at(x, i)) {
                return "message " + k + ": byte " + i + " differs";
            }
        }
        return null;
    }
}
