package golden.common;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/**
 * A 16-byte pair, used nested and in arrays.
 * <p>16 bytes, aligned to 8. Accessors take a segment holding the struct at offset 0, such as one from
 * {@link #allocate}, {@link #element} or a slice; each {@code *_OFFSET} constant is a field's byte
 * offset.
 *
 * <p>Generated from {@code common.abi} by abic; do not edit.
 */
public final class Pair {
    /**
     * The layout: little-endian, every field named, reserved fields included.
     */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            AbiSupport.LONG_LE.withName("first"),
            AbiSupport.LONG_LE.withName("second"))
            .withName("Pair");

    /**
     * {@code sizeof}: the size in bytes.
     */
    public static final long BYTES = 16;

    public static final long FIRST_OFFSET = 0;

    public static final long SECOND_OFFSET = 8;

    static {
        AbiSupport.checkLayout(LAYOUT, BYTES, 8);
        AbiSupport.checkOffset(LAYOUT, "first", FIRST_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "second", SECOND_OFFSET);
    }

    private Pair() {
    }

    /**
     * Unsigned u64, in a signed long.
     */
    public static long first(MemorySegment segment) {
        return segment.get(AbiSupport.LONG_LE, FIRST_OFFSET);
    }

    /**
     * Writes {@code first}.
     */
    public static void first(MemorySegment segment, long value) {
        segment.set(AbiSupport.LONG_LE, FIRST_OFFSET, value);
    }

    /**
     */
    public static long second(MemorySegment segment) {
        return segment.get(AbiSupport.LONG_LE, SECOND_OFFSET);
    }

    /**
     * Writes {@code second}.
     */
    public static void second(MemorySegment segment, long value) {
        segment.set(AbiSupport.LONG_LE, SECOND_OFFSET, value);
    }

    /**
     * A new zeroed Pair from {@code allocator}.
     */
    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate(LAYOUT).fill((byte) 0);
    }

    /**
     * Element {@code index} of an array of Pair that starts at offset 0 of {@code array}: a live slice.
     */
    public static MemorySegment element(MemorySegment array, long index) {
        // asSlice checks that the element lies inside the array; this keeps index * BYTES from overflowing
        if (index < 0 || index > Long.MAX_VALUE / BYTES) {
            throw new IndexOutOfBoundsException("no element " + index);
        }
        return array.asSlice(index * BYTES, LAYOUT);
    }

    /**
     * The fields of a Pair, reserved ones left out, for debugging and logs.
     */
    public static String toString(MemorySegment segment) {
        StringBuilder out = new StringBuilder("Pair{");
        out.append("first=").append(Long.toUnsignedString(first(segment)));
        out.append(", second=").append(String.valueOf(second(segment)));
        return out.append('}').toString();
    }

    /**
     * Checks what the ABI requires of a Pair in memory, nested structs included: reserved fields zero, enums known, flags declared, bools 0 or 1, counts and bounded values within their limits.
     *
     * @throws AbiViolationException at the first violation
     */
    public static void validate(MemorySegment segment) {
        if (segment.byteSize() < BYTES) {
            throw new AbiViolationException("Pair needs 16 bytes; the segment has " + segment.byteSize());
        }
    }
}
