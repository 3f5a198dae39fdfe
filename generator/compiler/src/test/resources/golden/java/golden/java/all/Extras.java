package golden.java.all;

import golden.common.Small;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * Arrays and atomics of the other kinds.
 * <p>24 bytes, aligned to 8. Accessors take a segment holding the struct at offset 0, such as one from
 * {@link #allocate}, {@link #element} or a slice; each {@code *_OFFSET} constant is a field's byte
 * offset.
 *
 * <p>Generated from {@code all_constructs.abi} by abic; do not edit.
 */
public final class Extras {
    /**
     * The layout: little-endian, every field named, reserved fields included.
     */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            AbiSupport.INT_LE.withName("caps"),
            AbiSupport.SHORT_LE.withName("levels"),
            ValueLayout.JAVA_BYTE.withName("tiny"),
            ValueLayout.JAVA_BYTE.withName("ok"),
            MemoryLayout.sequenceLayout(4, ValueLayout.JAVA_BYTE).withName("oks"),
            MemoryLayout.sequenceLayout(4, ValueLayout.JAVA_BYTE).withName("smalls"),
            AbiSupport.LONG_LE.withName("wide"))
            .withName("Extras");

    /**
     * {@code sizeof}: the size in bytes.
     */
    public static final long BYTES = 24;

    public static final long CAPS_OFFSET = 0;

    public static final long LEVELS_OFFSET = 4;

    public static final long TINY_OFFSET = 6;

    public static final long OK_OFFSET = 7;

    public static final long OKS_OFFSET = 8;

    public static final long OKS_LENGTH = 4;

    public static final long SMALLS_OFFSET = 12;

    public static final long SMALLS_LENGTH = 4;

    public static final long WIDE_OFFSET = 16;

    static {
        AbiSupport.checkLayout(LAYOUT, BYTES, 8);
        AbiSupport.checkOffset(LAYOUT, "caps", CAPS_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "levels", LEVELS_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "tiny", TINY_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "ok", OK_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "oks", OKS_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "smalls", SMALLS_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "wide", WIDE_OFFSET);
    }

    private Extras() {
    }

    /**
     * Flags of {@link Caps}.
     */
    public static int caps(MemorySegment segment) {
        return segment.get(AbiSupport.INT_LE, CAPS_OFFSET);
    }

    /**
     * Writes {@code caps}.
     */
    public static void caps(MemorySegment segment, int value) {
        segment.set(AbiSupport.INT_LE, CAPS_OFFSET, value);
    }

    /**
     * Reads {@code caps} with acquire ordering: what the writer stored before its release store is visible
     * after this read.
     */
    public static int capsAcquire(MemorySegment segment) {
        return (int) AbiSupport.INT_HANDLE.getAcquire(segment, CAPS_OFFSET);
    }

    /**
     * Writes {@code caps} with release ordering: every store before it is visible to a reader that
     * acquires this value.
     */
    public static void capsRelease(MemorySegment segment, int value) {
        AbiSupport.INT_HANDLE.setRelease(segment, CAPS_OFFSET, value);
    }

    /**
     * Atomically sets {@code caps} to {@code value} if it holds {@code expected}; true if it did.
     */
    public static boolean capsCompareAndSet(MemorySegment segment, int expected, int value) {
        return AbiSupport.INT_HANDLE.compareAndSet(segment, CAPS_OFFSET, expected, value);
    }

    /**
     * Unsigned u16; {@link #levelsUnsigned} widens it.
     */
    public static short levels(MemorySegment segment) {
        return segment.get(AbiSupport.SHORT_LE, LEVELS_OFFSET);
    }

    /**
     * Writes {@code levels}.
     */
    public static void levels(MemorySegment segment, short value) {
        segment.set(AbiSupport.SHORT_LE, LEVELS_OFFSET, value);
    }

    /**
     * {@code levels} as the unsigned value it is.
     */
    public static int levelsUnsigned(MemorySegment segment) {
        return Short.toUnsignedInt(levels(segment));
    }

    /**
     * Unsigned u8; {@link #tinyUnsigned} widens it.
     */
    public static byte tiny(MemorySegment segment) {
        return segment.get(ValueLayout.JAVA_BYTE, TINY_OFFSET);
    }

    /**
     * Writes {@code tiny}.
     */
    public static void tiny(MemorySegment segment, byte value) {
        segment.set(ValueLayout.JAVA_BYTE, TINY_OFFSET, value);
    }

    /**
     * {@code tiny} as the unsigned value it is.
     */
    public static int tinyUnsigned(MemorySegment segment) {
        return Byte.toUnsignedInt(tiny(segment));
    }

    /**
     */
    public static boolean ok(MemorySegment segment) {
        return segment.get(ValueLayout.JAVA_BYTE, OK_OFFSET) != 0;
    }

    /**
     * Writes {@code ok} as 1 or 0.
     */
    public static void ok(MemorySegment segment, boolean value) {
        segment.set(ValueLayout.JAVA_BYTE, OK_OFFSET, (byte) (value ? 1 : 0));
    }

    /**
     */
    public static boolean oks(MemorySegment segment, long index) {
        return segment.get(ValueLayout.JAVA_BYTE, OKS_OFFSET + Objects.checkIndex(index, OKS_LENGTH)) != 0;
    }

    /**
     * Writes {@code oks[index]} as 1 or 0.
     */
    public static void oks(MemorySegment segment, long index, boolean value) {
        segment.set(ValueLayout.JAVA_BYTE, OKS_OFFSET + Objects.checkIndex(index, OKS_LENGTH), (byte) (value ? 1 : 0));
    }

    /**
     * {@link #smallsRaw} reads the value as it is.
     *
     * @throws AbiViolationException if memory holds a value that is not a {@link Small}
     */
    public static Small smalls(MemorySegment segment, long index) {
        return Small.of(smallsRaw(segment, index));
    }

    /**
     * {@code smalls[index]} as stored, known to {@link Small} or not.
     */
    public static byte smallsRaw(MemorySegment segment, long index) {
        return segment.get(ValueLayout.JAVA_BYTE, SMALLS_OFFSET + Objects.checkIndex(index, SMALLS_LENGTH));
    }

    /**
     * Writes {@code smalls[index]}.
     */
    public static void smalls(MemorySegment segment, long index, Small value) {
        smallsRaw(segment, index, value.value());
    }

    /**
     * Writes {@code smalls[index]} as a raw value, known or not.
     */
    public static void smallsRaw(MemorySegment segment, long index, byte value) {
        segment.set(ValueLayout.JAVA_BYTE, SMALLS_OFFSET + Objects.checkIndex(index, SMALLS_LENGTH), value);
    }

    /**
     */
    public static long wide(MemorySegment segment) {
        return segment.get(AbiSupport.LONG_LE, WIDE_OFFSET);
    }

    /**
     * Writes {@code wide}.
     */
    public static void wide(MemorySegment segment, long value) {
        segment.set(AbiSupport.LONG_LE, WIDE_OFFSET, value);
    }

    /**
     * A new zeroed Extras from {@code allocator}.
     */
    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate(LAYOUT).fill((byte) 0);
    }

    /**
     * Element {@code index} of an array of Extras that starts at offset 0 of {@code array}: a live slice.
     */
    public static MemorySegment element(MemorySegment array, long index) {
        // asSlice checks that the element lies inside the array; this keeps index * BYTES from overflowing
        if (index < 0 || index > Long.MAX_VALUE / BYTES) {
            throw new IndexOutOfBoundsException("no element " + index);
        }
        return array.asSlice(index * BYTES, LAYOUT);
    }

    /**
     * The fields of a Extras, reserved ones left out, for debugging and logs.
     */
    public static String toString(MemorySegment segment) {
        StringBuilder out = new StringBuilder("Extras{");
        out.append("caps=").append(Caps.toString(caps(segment)));
        out.append(", levels=").append(String.valueOf(Short.toUnsignedInt(levels(segment))));
        out.append(", tiny=").append(String.valueOf(Byte.toUnsignedInt(tiny(segment))));
        out.append(", ok=").append(ok(segment));
        out.append(", oks=[");
        for (long i = 0; i < OKS_LENGTH; i++) {
            out.append(i == 0 ? "" : ", ").append(oks(segment, i));
        }
        out.append(']');
        out.append(", smalls=[");
        for (long i = 0; i < SMALLS_LENGTH; i++) {
            out.append(i == 0 ? "" : ", ").append(Small.toString(smallsRaw(segment, i)));
        }
        out.append(']');
        out.append(", wide=").append(String.valueOf(wide(segment)));
        return out.append('}').toString();
    }

    /**
     * Checks what the ABI requires of a Extras in memory, nested structs included: reserved fields zero, enums known, flags declared, bools 0 or 1, counts and bounded values within their limits.
     *
     * @throws AbiViolationException at the first violation
     */
    public static void validate(MemorySegment segment) {
        if (segment.byteSize() < BYTES) {
            throw new AbiViolationException("Extras needs 24 bytes; the segment has " + segment.byteSize());
        }
        if (!Caps.isKnown(caps(segment))) {
            throw AbiSupport.violation("Extras.caps", CAPS_OFFSET, Integer.toUnsignedString(caps(segment)), "only flags of Caps");
        }
        if ((segment.get(ValueLayout.JAVA_BYTE, OK_OFFSET) & 0xFF) > 1) {
            throw AbiSupport.violation("Extras.ok", OK_OFFSET, String.valueOf(Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, OK_OFFSET))), "0 or 1");
        }
        for (long i = 0; i < OKS_LENGTH; i++) {
            if ((segment.get(ValueLayout.JAVA_BYTE, OKS_OFFSET + i) & 0xFF) > 1) {
                throw AbiSupport.violation("Extras.oks[" + i + "]", OKS_OFFSET + i, String.valueOf(Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, OKS_OFFSET + i))), "0 or 1");
            }
        }
        for (long i = 0; i < SMALLS_LENGTH; i++) {
            if (!Small.isKnown(smallsRaw(segment, i))) {
                throw AbiSupport.violation("Extras.smalls[" + i + "]", SMALLS_OFFSET + i, String.valueOf(Byte.toUnsignedInt(smallsRaw(segment, i))), "a known Small");
            }
        }
    }
}
