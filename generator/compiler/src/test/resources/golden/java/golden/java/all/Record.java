package golden.java.all;

import golden.common.Pair;
import golden.common.Small;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A record with one of everything.
 * <p>144 bytes, aligned to 16. Accessors take a segment holding the struct at offset 0, such as one
 * from {@link #allocate}, {@link #element} or a slice; each {@code *_OFFSET} constant is a field's
 * byte offset.
 *
 * <p>Generated from {@code all_constructs.abi} by abic; do not edit.
 */
public final class Record {
    /**
     * The layout: little-endian, every field named, reserved fields included.
     */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            AbiSupport.LONG_LE.withName("seq"),
            AbiSupport.INT_LE.withName("state"),
            AbiSupport.INT_LE.withName("count"),
            MemoryLayout.sequenceLayout(4, AbiSupport.INT_LE).withName("items"),
            AbiSupport.LONG_LE.withName("opcode"),
            AbiSupport.SHORT_LE.withName("props"),
            ValueLayout.JAVA_BYTE.withName("flag"),
            ValueLayout.JAVA_BYTE.withName("small"),
            ValueLayout.JAVA_BYTE.withName("limit"),
            MemoryLayout.sequenceLayout(3, ValueLayout.JAVA_BYTE).withName("reserved0"),
            Pair.LAYOUT.withName("pair"),
            MemoryLayout.sequenceLayout(2, Pair.LAYOUT).withName("pairs"),
            AbiSupport.FLOAT_LE.withName("ratio"),
            AbiSupport.INT_LE.withName("reserved1"),
            AbiSupport.DOUBLE_LE.withName("precise"),
            MemoryLayout.sequenceLayout(32, ValueLayout.JAVA_BYTE).withName("name"))
            .withName("Record")
            .withByteAlignment(16);

    /**
     * {@code sizeof}: the size in bytes.
     */
    public static final long BYTES = 144;

    public static final long SEQ_OFFSET = 0;

    public static final long STATE_OFFSET = 8;

    public static final long COUNT_OFFSET = 12;

    public static final long COUNT_MAX = 4L;

    public static final long ITEMS_OFFSET = 16;

    public static final long ITEMS_LENGTH = 4;

    public static final long OPCODE_OFFSET = 32;

    public static final long PROPS_OFFSET = 40;

    public static final long FLAG_OFFSET = 42;

    public static final long SMALL_OFFSET = 43;

    public static final long LIMIT_OFFSET = 44;

    public static final long LIMIT_MAX = 100L;

    public static final long RESERVED0_OFFSET = 45;

    public static final long RESERVED0_LENGTH = 3;

    public static final long PAIR_OFFSET = 48;

    public static final long PAIRS_OFFSET = 64;

    public static final long PAIRS_LENGTH = 2;

    public static final long RATIO_OFFSET = 96;

    public static final long RESERVED1_OFFSET = 100;

    public static final long PRECISE_OFFSET = 104;

    public static final long NAME_OFFSET = 112;

    public static final long NAME_LENGTH = 32;

    static {
        AbiSupport.checkLayout(LAYOUT, BYTES, 16);
        AbiSupport.checkOffset(LAYOUT, "seq", SEQ_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "state", STATE_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "count", COUNT_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "items", ITEMS_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "opcode", OPCODE_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "props", PROPS_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "flag", FLAG_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "small", SMALL_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "limit", LIMIT_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "reserved0", RESERVED0_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "pair", PAIR_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "pairs", PAIRS_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "ratio", RATIO_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "reserved1", RESERVED1_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "precise", PRECISE_OFFSET);
        AbiSupport.checkOffset(LAYOUT, "name", NAME_OFFSET);
    }

    private Record() {
    }

    /**
     * Written last, with release.
     *
     * <p>Unsigned u64, in a signed long.
     */
    public static long seq(MemorySegment segment) {
        return segment.get(AbiSupport.LONG_LE, SEQ_OFFSET);
    }

    /**
     * Writes {@code seq}.
     */
    public static void seq(MemorySegment segment, long value) {
        segment.set(AbiSupport.LONG_LE, SEQ_OFFSET, value);
    }

    /**
     * Reads {@code seq} with acquire ordering: what the writer stored before its release store is visible
     * after this read.
     */
    public static long seqAcquire(MemorySegment segment) {
        return (long) AbiSupport.LONG_HANDLE.getAcquire(segment, SEQ_OFFSET);
    }

    /**
     * Writes {@code seq} with release ordering: every store before it is visible to a reader that acquires
     * this value.
     */
    public static void seqRelease(MemorySegment segment, long value) {
        AbiSupport.LONG_HANDLE.setRelease(segment, SEQ_OFFSET, value);
    }

    /**
     * Atomically sets {@code seq} to {@code value} if it holds {@code expected}; true if it did.
     */
    public static boolean seqCompareAndSet(MemorySegment segment, long expected, long value) {
        return AbiSupport.LONG_HANDLE.compareAndSet(segment, SEQ_OFFSET, expected, value);
    }

    /**
     * {@link #stateRaw} reads the value as it is.
     *
     * @throws AbiViolationException if memory holds a value that is not a {@link Status}
     */
    public static Status state(MemorySegment segment) {
        return Status.of(stateRaw(segment));
    }

    /**
     * {@code state} as stored, known to {@link Status} or not.
     */
    public static int stateRaw(MemorySegment segment) {
        return segment.get(AbiSupport.INT_LE, STATE_OFFSET);
    }

    /**
     * Writes {@code state}.
     */
    public static void state(MemorySegment segment, Status value) {
        stateRaw(segment, value.value());
    }

    /**
     * Writes {@code state} as a raw value, known or not.
     */
    public static void stateRaw(MemorySegment segment, int value) {
        segment.set(AbiSupport.INT_LE, STATE_OFFSET, value);
    }

    /**
     * Reads {@code state} with acquire ordering: what the writer stored before its release store is
     * visible after this read.
     */
    public static Status stateAcquire(MemorySegment segment) {
        return Status.of((int) AbiSupport.INT_HANDLE.getAcquire(segment, STATE_OFFSET));
    }

    /**
     * Writes {@code state} with release ordering: every store before it is visible to a reader that
     * acquires this value.
     */
    public static void stateRelease(MemorySegment segment, Status value) {
        AbiSupport.INT_HANDLE.setRelease(segment, STATE_OFFSET, value.value());
    }

    /**
     * Atomically sets {@code state} to {@code value} if it holds {@code expected}; true if it did.
     */
    public static boolean stateCompareAndSet(MemorySegment segment, Status expected, Status value) {
        return AbiSupport.INT_HANDLE.compareAndSet(segment, STATE_OFFSET, expected.value(), value.value());
    }

    /**
     * Unsigned u32; {@link #countUnsigned} widens it.
     */
    public static int count(MemorySegment segment) {
        return segment.get(AbiSupport.INT_LE, COUNT_OFFSET);
    }

    /**
     * Writes {@code count}.
     */
    public static void count(MemorySegment segment, int value) {
        segment.set(AbiSupport.INT_LE, COUNT_OFFSET, value);
    }

    /**
     * {@code count} as the unsigned value it is.
     */
    public static long countUnsigned(MemorySegment segment) {
        return Integer.toUnsignedLong(count(segment));
    }

    /**
     * Reads {@code count} once and checks it against {@link #COUNT_MAX} (the length of Record.items)
     * before anyone uses it.
     *
     * @throws AbiViolationException if it is out of range
     */
    public static int countChecked(MemorySegment segment) {
        int value = count(segment);
        if (Integer.toUnsignedLong(value) > COUNT_MAX) {
            throw AbiSupport.aboveLimit("Record.count", Integer.toUnsignedLong(value), COUNT_MAX, "the length of Record.items");
        }
        return value;
    }

    /**
     * Unsigned u32, in a signed int.
     */
    public static int items(MemorySegment segment, long index) {
        return segment.get(AbiSupport.INT_LE, ITEMS_OFFSET + Objects.checkIndex(index, ITEMS_LENGTH) * 4);
    }

    /**
     * Writes {@code items[index]}.
     */
    public static void items(MemorySegment segment, long index, int value) {
        segment.set(AbiSupport.INT_LE, ITEMS_OFFSET + Objects.checkIndex(index, ITEMS_LENGTH) * 4, value);
    }

    /**
     * {@link #opcodeRaw} reads the value as it is.
     *
     * @throws AbiViolationException if memory holds a value that is not a {@link Opcode}
     */
    public static Opcode opcode(MemorySegment segment) {
        return Opcode.of(opcodeRaw(segment));
    }

    /**
     * {@code opcode} as stored, known to {@link Opcode} or not.
     */
    public static long opcodeRaw(MemorySegment segment) {
        return segment.get(AbiSupport.LONG_LE, OPCODE_OFFSET);
    }

    /**
     * Writes {@code opcode}.
     */
    public static void opcode(MemorySegment segment, Opcode value) {
        opcodeRaw(segment, value.value());
    }

    /**
     * Writes {@code opcode} as a raw value, known or not.
     */
    public static void opcodeRaw(MemorySegment segment, long value) {
        segment.set(AbiSupport.LONG_LE, OPCODE_OFFSET, value);
    }

    /**
     * Flags of {@link Props}.
     */
    public static short props(MemorySegment segment) {
        return segment.get(AbiSupport.SHORT_LE, PROPS_OFFSET);
    }

    /**
     * Writes {@code props}.
     */
    public static void props(MemorySegment segment, short value) {
        segment.set(AbiSupport.SHORT_LE, PROPS_OFFSET, value);
    }

    /**
     */
    public static boolean flag(MemorySegment segment) {
        return segment.get(ValueLayout.JAVA_BYTE, FLAG_OFFSET) != 0;
    }

    /**
     * Writes {@code flag} as 1 or 0.
     */
    public static void flag(MemorySegment segment, boolean value) {
        segment.set(ValueLayout.JAVA_BYTE, FLAG_OFFSET, (byte) (value ? 1 : 0));
    }

    /**
     * {@link #smallRaw} reads the value as it is.
     *
     * @throws AbiViolationException if memory holds a value that is not a {@link Small}
     */
    public static Small small(MemorySegment segment) {
        return Small.of(smallRaw(segment));
    }

    /**
     * {@code small} as stored, known to {@link Small} or not.
     */
    public static byte smallRaw(MemorySegment segment) {
        return segment.get(ValueLayout.JAVA_BYTE, SMALL_OFFSET);
    }

    /**
     * Writes {@code small}.
     */
    public static void small(MemorySegment segment, Small value) {
        smallRaw(segment, value.value());
    }

    /**
     * Writes {@code small} as a raw value, known or not.
     */
    public static void smallRaw(MemorySegment segment, byte value) {
        segment.set(ValueLayout.JAVA_BYTE, SMALL_OFFSET, value);
    }

    /**
     */
    public static byte limit(MemorySegment segment) {
        return segment.get(ValueLayout.JAVA_BYTE, LIMIT_OFFSET);
    }

    /**
     * Writes {@code limit}.
     */
    public static void limit(MemorySegment segment, byte value) {
        segment.set(ValueLayout.JAVA_BYTE, LIMIT_OFFSET, value);
    }

    /**
     * Reads {@code limit} once and checks it against {@link #LIMIT_MAX} (its bound) before anyone uses it.
     *
     * @throws AbiViolationException if it is out of range
     */
    public static byte limitChecked(MemorySegment segment) {
        byte value = limit(segment);
        if (value < 0) {
            throw AbiSupport.belowZero("Record.limit", value);
        }
        if (value > LIMIT_MAX) {
            throw AbiSupport.aboveLimit("Record.limit", value, LIMIT_MAX, "its bound");
        }
        return value;
    }

    /**
     * Reserved: zero in memory written by this ABI version; read-only here.
     */
    public static byte reserved0(MemorySegment segment, long index) {
        return segment.get(ValueLayout.JAVA_BYTE, RESERVED0_OFFSET + Objects.checkIndex(index, RESERVED0_LENGTH));
    }

    /**
     * A live slice: reads and writes go to this struct's memory; use the accessors of {@link Pair} on it.
     */
    public static MemorySegment pair(MemorySegment segment) {
        return segment.asSlice(PAIR_OFFSET, Pair.LAYOUT);
    }

    /**
     * A live slice: reads and writes go to this struct's memory; use the accessors of {@link Pair} on it.
     */
    public static MemorySegment pairs(MemorySegment segment, long index) {
        return segment.asSlice(PAIRS_OFFSET + Objects.checkIndex(index, PAIRS_LENGTH) * Pair.BYTES, Pair.LAYOUT);
    }

    /**
     */
    public static float ratio(MemorySegment segment) {
        return segment.get(AbiSupport.FLOAT_LE, RATIO_OFFSET);
    }

    /**
     * Writes {@code ratio}.
     */
    public static void ratio(MemorySegment segment, float value) {
        segment.set(AbiSupport.FLOAT_LE, RATIO_OFFSET, value);
    }

    /**
     * Reserved: zero in memory written by this ABI version; read-only here.
     */
    public static int reserved1(MemorySegment segment) {
        return segment.get(AbiSupport.INT_LE, RESERVED1_OFFSET);
    }

    /**
     */
    public static double precise(MemorySegment segment) {
        return segment.get(AbiSupport.DOUBLE_LE, PRECISE_OFFSET);
    }

    /**
     * Writes {@code precise}.
     */
    public static void precise(MemorySegment segment, double value) {
        segment.set(AbiSupport.DOUBLE_LE, PRECISE_OFFSET, value);
    }

    /**
     * Text of at most 32 bytes: up to the first NUL, never past the field (a missing NUL is tolerated),
     * decoded as UTF-8.
     */
    public static String name(MemorySegment segment) {
        return AbiSupport.readText(segment, NAME_OFFSET, NAME_LENGTH);
    }

    /**
     * Writes {@code value} into {@code name} as UTF-8, cut to 31 bytes at a character boundary, then NUL
     * up to the end of the field.
     */
    public static void name(MemorySegment segment, String value) {
        AbiSupport.writeText(segment, NAME_OFFSET, NAME_LENGTH, value);
    }

    /**
     * A new zeroed Record from {@code allocator}.
     */
    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate(LAYOUT).fill((byte) 0);
    }

    /**
     * Element {@code index} of an array of Record that starts at offset 0 of {@code array}: a live slice.
     */
    public static MemorySegment element(MemorySegment array, long index) {
        // asSlice checks that the element lies inside the array; this keeps index * BYTES from overflowing
        if (index < 0 || index > Long.MAX_VALUE / BYTES) {
            throw new IndexOutOfBoundsException("no element " + index);
        }
        return array.asSlice(index * BYTES, LAYOUT);
    }

    /**
     * The fields of a Record, reserved ones left out, for debugging and logs.
     */
    public static String toString(MemorySegment segment) {
        StringBuilder out = new StringBuilder("Record{");
        out.append("seq=").append(Long.toUnsignedString(seq(segment)));
        out.append(", state=").append(Status.toString(stateRaw(segment)));
        out.append(", count=").append(Integer.toUnsignedString(count(segment)));
        out.append(", items=[");
        for (long i = 0; i < ITEMS_LENGTH; i++) {
            out.append(i == 0 ? "" : ", ").append(Integer.toUnsignedString(items(segment, i)));
        }
        out.append(']');
        out.append(", opcode=").append(Opcode.toString(opcodeRaw(segment)));
        out.append(", props=").append(Props.toString(props(segment)));
        out.append(", flag=").append(flag(segment));
        out.append(", small=").append(Small.toString(smallRaw(segment)));
        out.append(", limit=").append(String.valueOf(limit(segment)));
        out.append(", pair=").append(Pair.toString(pair(segment)));
        out.append(", pairs=[");
        for (long i = 0; i < PAIRS_LENGTH; i++) {
            out.append(i == 0 ? "" : ", ").append(Pair.toString(pairs(segment, i)));
        }
        out.append(']');
        out.append(", ratio=").append(String.valueOf(ratio(segment)));
        out.append(", precise=").append(String.valueOf(precise(segment)));
        out.append(", name=\"").append(name(segment)).append('"');
        return out.append('}').toString();
    }

    /**
     * Checks what the ABI requires of a Record in memory, nested structs included: reserved fields zero, enums known, flags declared, bools 0 or 1, counts and bounded values within their limits.
     *
     * @throws AbiViolationException at the first violation
     */
    public static void validate(MemorySegment segment) {
        if (segment.byteSize() < BYTES) {
            throw new AbiViolationException("Record needs 144 bytes; the segment has " + segment.byteSize());
        }
        if (!Status.isKnown(stateRaw(segment))) {
            throw AbiSupport.violation("Record.state", STATE_OFFSET, String.valueOf(stateRaw(segment)), "a known Status");
        }
        countChecked(segment);
        if (!Opcode.isKnown(opcodeRaw(segment))) {
            throw AbiSupport.violation("Record.opcode", OPCODE_OFFSET, Long.toUnsignedString(opcodeRaw(segment)), "a known Opcode");
        }
        if (!Props.isKnown(props(segment))) {
            throw AbiSupport.violation("Record.props", PROPS_OFFSET, String.valueOf(Short.toUnsignedInt(props(segment))), "only flags of Props");
        }
        if ((segment.get(ValueLayout.JAVA_BYTE, FLAG_OFFSET) & 0xFF) > 1) {
            throw AbiSupport.violation("Record.flag", FLAG_OFFSET, String.valueOf(Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, FLAG_OFFSET))), "0 or 1");
        }
        if (!Small.isKnown(smallRaw(segment))) {
            throw AbiSupport.violation("Record.small", SMALL_OFFSET, String.valueOf(Byte.toUnsignedInt(smallRaw(segment))), "a known Small");
        }
        limitChecked(segment);
        AbiSupport.requireZero(segment, RESERVED0_OFFSET, 3, "Record.reserved0");
        AbiSupport.requireZero(segment, RESERVED1_OFFSET, 4, "Record.reserved1");
    }
}
