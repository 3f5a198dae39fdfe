package golden.common;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A tagged word, with rules of its own for validate.
 * <p>8 bytes, aligned to 1. Accessors take a segment holding the struct at offset 0, such as one from
 * {@link #allocate}, {@link #element} or a slice; each {@code *_OFFSET} constant is a field's byte
 * offset.
 *
 * <p>Generated from {@code common.abi} by abic; do not edit.
 */
public final class Tagged {
    /**
     * The layout: little-endian, every field named, reserved fields included.
     */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_BYTE.withName("tag"),
            MemoryLayout.sequenceLayout(7, ValueLayout.JAVA_BYTE).withName("reserved0"))
            .withName("Tagged");

    /**
     * {@code sizeof}: the size in bytes.
     */
    public static final long BYTES = 8;

    public static final long TAG_OFFSET = 0;

    public static final long RESERVED0_OFFSET = 1;

    public static final long RESERVED0_LENGTH = 7;

    static {
        AbiSupport.checkLayout(LAYOUT, BYTES, 1);
        AbiSupport.checkOffset(LAYOUT, "tag", TAG_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "reserved0", RESERVED0_OFFSET);
    }

    private Tagged() {
    }

    /**
     * {@link #tagRaw} reads the value as it is.
     *
     * @throws AbiViolationException if memory holds a value that is not a {@link Small}
     */
    public static Small tag(MemorySegment segment) {
        return Small.of(tagRaw(segment));
    }

    /**
     * {@code tag} as stored, known to {@link Small} or not.
     */
    public static byte tagRaw(MemorySegment segment) {
        return segment.get(ValueLayout.JAVA_BYTE, TAG_OFFSET);
    }

    /**
     * Writes {@code tag}.
     */
    public static void tag(MemorySegment segment, Small value) {
        tagRaw(segment, value.value());
    }

    /**
     * Writes {@code tag} as a raw value, known or not.
     */
    public static void tagRaw(MemorySegment segment, byte value) {
        segment.set(ValueLayout.JAVA_BYTE, TAG_OFFSET, value);
    }

    /**
     * Reserved: zero in memory written by this ABI version; read-only here.
     */
    public static byte reserved0(MemorySegment segment, long index) {
        return segment.get(ValueLayout.JAVA_BYTE, RESERVED0_OFFSET + Objects.checkIndex(index, RESERVED0_LENGTH));
    }

    /**
     * A new zeroed Tagged from {@code allocator}.
     */
    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate(LAYOUT).fill((byte) 0);
    }

    /**
     * Element {@code index} of an array of Tagged that starts at offset 0 of {@code array}: a live slice.
     */
    public static MemorySegment element(MemorySegment array, long index) {
        // asSlice checks that the element lies inside the array; this keeps index * BYTES from overflowing
        if (index < 0 || index > Long.MAX_VALUE / BYTES) {
            throw new IndexOutOfBoundsException("no element " + index);
        }
        return array.asSlice(index * BYTES, LAYOUT);
    }

    /**
     * The fields of a Tagged, reserved ones left out, for debugging and logs.
     */
    public static String toString(MemorySegment segment) {
        StringBuilder out = new StringBuilder("Tagged{");
        out.append("tag=").append(Small.toString(tagRaw(segment)));
        return out.append('}').toString();
    }

    /**
     * Checks what the ABI requires of a Tagged in memory, nested structs included: reserved fields zero, enums known, flags declared, bools 0 or 1, counts and bounded values within their limits.
     *
     * @throws AbiViolationException at the first violation
     */
    public static void validate(MemorySegment segment) {
        if (segment.byteSize() < BYTES) {
            throw new AbiViolationException("Tagged needs 8 bytes; the segment has " + segment.byteSize());
        }
        if (!Small.isKnown(tagRaw(segment))) {
            throw AbiSupport.violation("Tagged.tag", TAG_OFFSET, String.valueOf(Byte.toUnsignedInt(tagRaw(segment))), "a known Small");
        }
        AbiSupport.requireZero(segment, RESERVED0_OFFSET, 7, "Tagged.reserved0");
    }
}
