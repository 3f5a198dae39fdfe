package golden.java.all;

import golden.common.Tagged;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.util.Objects;

/**
 * Structs of another package and of this one, nested: validate says where a violation is.
 * <p>40 bytes, aligned to 8. Accessors take a segment holding the struct at offset 0, such as one from
 * {@link #allocate}, {@link #element} or a slice; each {@code *_OFFSET} constant is a field's byte
 * offset.
 *
 * <p>Generated from {@code all_constructs.abi} by abic; do not edit.
 */
public final class Nest {
    /**
     * The layout: little-endian, every field named, reserved fields included.
     */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(2, Tagged.LAYOUT).withName("tags"),
            Extras.LAYOUT.withName("extras"))
            .withName("Nest");

    /**
     * {@code sizeof}: the size in bytes.
     */
    public static final long BYTES = 40;

    public static final long TAGS_OFFSET = 0;

    public static final long TAGS_LENGTH = 2;

    public static final long EXTRAS_OFFSET = 16;

    static {
        AbiSupport.checkLayout(LAYOUT, BYTES, 8);
        AbiSupport.checkOffset(LAYOUT, "tags", TAGS_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "extras", EXTRAS_OFFSET);
    }

    private Nest() {
    }

    /**
     * A live slice: reads and writes go to this struct's memory; use the accessors of {@link Tagged} on
     * it.
     */
    public static MemorySegment tags(MemorySegment segment, long index) {
        return segment.asSlice(TAGS_OFFSET + Objects.checkIndex(index, TAGS_LENGTH) * Tagged.BYTES, Tagged.LAYOUT);
    }

    /**
     * A live slice: reads and writes go to this struct's memory; use the accessors of {@link Extras} on
     * it.
     */
    public static MemorySegment extras(MemorySegment segment) {
        return segment.asSlice(EXTRAS_OFFSET, Extras.LAYOUT);
    }

    /**
     * A new zeroed Nest from {@code allocator}.
     */
    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate(LAYOUT).fill((byte) 0);
    }

    /**
     * Element {@code index} of an array of Nest that starts at offset 0 of {@code array}: a live slice.
     */
    public static MemorySegment element(MemorySegment array, long index) {
        // asSlice checks that the element lies inside the array; this keeps index * BYTES from overflowing
        if (index < 0 || index > Long.MAX_VALUE / BYTES) {
            throw new IndexOutOfBoundsException("no element " + index);
        }
        return array.asSlice(index * BYTES, LAYOUT);
    }

    /**
     * The fields of a Nest, reserved ones left out, for debugging and logs.
     */
    public static String toString(MemorySegment segment) {
        StringBuilder out = new StringBuilder("Nest{");
        out.append("tags=[");
        for (long i = 0; i < TAGS_LENGTH; i++) {
            out.append(i == 0 ? "" : ", ").append(Tagged.toString(tags(segment, i)));
        }
        out.append(']');
        out.append(", extras=").append(Extras.toString(extras(segment)));
        return out.append('}').toString();
    }

    /**
     * Checks what the ABI requires of a Nest in memory, nested structs included: reserved fields zero, enums known, flags declared, bools 0 or 1, counts and bounded values within their limits.
     *
     * @throws AbiViolationException at the first violation
     */
    public static void validate(MemorySegment segment) {
        if (segment.byteSize() < BYTES) {
            throw new AbiViolationException("Nest needs 40 bytes; the segment has " + segment.byteSize());
        }
        for (long i = 0; i < TAGS_LENGTH; i++) {
            try {
                Tagged.validate(tags(segment, i));
            } catch (golden.common.AbiViolationException e) {
                throw new AbiViolationException("Nest.tags[" + i + "]: " + e.getMessage());
            }
        }
        try {
            Extras.validate(extras(segment));
        } catch (AbiViolationException e) {
            throw new AbiViolationException("Nest.extras: " + e.getMessage());
        }
    }
}
