package dev.abic.compiler.emit.java;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import golden.common.Pair;
import golden.common.Small;
import golden.common.Tagged;
import golden.java.all.AbiLayoutException;
import golden.java.all.AbiViolationException;
import golden.java.all.AllConstructsAbi;
import golden.java.all.Caps;
import golden.java.all.Extras;
import golden.java.all.Nest;
import golden.java.all.Opcode;
import golden.java.all.Props;
import golden.java.all.Record;
import golden.java.all.RegionLayout;
import golden.java.all.Status;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the golden Java output (compiled with the tests from src/test/resources/golden/java): every
 * accessor kind the language has, on real memory. The classes come from golden/input/*.abi, which
 * uses every construct, including those the real ABIs in idl/ do not (bools, flag sets, enum and
 * bool arrays, atomic enums and flags, signed bounds, floats).
 */
class GoldenJavaBehaviourTest {
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() {
        arena.close();
    }

    @Test
    void layoutConstantsAndStaticChecksAgree() {
        assertThat(Record.BYTES).isEqualTo(144);
        assertThat(Record.LAYOUT.byteSize()).isEqualTo(144);
        assertThat(Record.LAYOUT.byteAlignment()).isEqualTo(16);
        assertThat(Record.LAYOUT.name()).hasValue("Record");
        assertThat(Record.LAYOUT.byteOffset(PathElement.groupElement("name"))).isEqualTo(Record.NAME_OFFSET);
        assertThat(Record.NAME_OFFSET).isEqualTo(112);
        assertThat(Record.PAIRS_OFFSET).isEqualTo(64);
        assertThat(Extras.LAYOUT.byteSize()).isEqualTo(Extras.BYTES);
    }

    @Test
    void constantsKeepTheirBitsAndTypes() {
        assertThat(AllConstructsAbi.MAGIC).isEqualTo(0x41424943);
        assertThat(AllConstructsAbi.CAPACITY).isEqualTo(504);
        assertThat(AllConstructsAbi.PACKED).isEqualTo(0x4C334C32_00010002L);
        assertThat(AllConstructsAbi.MINUS).isEqualTo((short) -12);
        assertThat(AllConstructsAbi.MIN64).isEqualTo(Long.MIN_VALUE);
        assertThat(AllConstructsAbi.PAIR_SIZE).isEqualTo(16);
    }

    @Test
    void allocateZeroesEvenWhenTheAllocatorDoesNot() {
        MemorySegment dirty = arena.allocate(1024, 16).fill((byte) 0xFF);
        MemorySegment r = Record.allocate(SegmentAllocator.slicingAllocator(dirty));
        for (long i = 0; i < Record.BYTES; i++) {
            assertThat(r.get(ValueLayout.JAVA_BYTE, i)).isEqualTo((byte) 0);
        }
        assertThat(Record.reserved1(r)).isEqualTo(0);
        assertThat(Record.reserved0(r, 2)).isEqualTo((byte) 0);
        Record.validate(r);
    }

    @Test
    void scalarsRoundTripIncludingUnsignedValuesAboveTheSignedRange() {
        MemorySegment r = Record.allocate(arena);
        Record.count(r, 3);
        Record.ratio(r, 1.5f);
        Record.precise(r, -2.25);
        Record.limit(r, (byte) -7);
        assertThat(Record.count(r)).isEqualTo(3);
        assertThat(Record.ratio(r)).isEqualTo(1.5f);
        assertThat(Record.precise(r)).isEqualTo(-2.25);
        assertThat(Record.limit(r)).isEqualTo((byte) -7);

        MemorySegment e = Extras.allocate(arena);
        Extras.levels(e, (short) 0xFFFE);
        Extras.tiny(e, (byte) 200);
        assertThat(Extras.levelsUnsigned(e)).isEqualTo(65534);
        assertThat(Extras.tinyUnsigned(e)).isEqualTo(200);
        Record.count(r, -1);
        assertThat(Record.countUnsigned(r)).isEqualTo(4294967295L);
        // Little-endian in memory, whatever the platform.
        Extras.wide(e, 0x0102030405060708L);
        assertThat(e.get(ValueLayout.JAVA_BYTE, Extras.WIDE_OFFSET)).isEqualTo((byte) 0x08);
    }

    @Test
    void atomicsAcquireReleaseAndCompareAndSet() {
        MemorySegment r = Record.allocate(arena);
        Record.seqRelease(r, 41);
        assertThat(Record.seqAcquire(r)).isEqualTo(41);
        assertThat(Record.seqCompareAndSet(r, 40, 50)).isFalse();
        assertThat(Record.seqCompareAndSet(r, 41, 42)).isTrue();
        assertThat(Record.seq(r)).isEqualTo(42);

        // An atomic enum is typed.
        Record.stateRelease(r, Status.WOULD_BLOCK);
        assertThat(Record.stateAcquire(r)).isEqualTo(Status.WOULD_BLOCK);
        assertThat(Record.stateRaw(r)).isEqualTo(-11);
        assertThat(Record.stateCompareAndSet(r, Status.OK, Status.INVALID_ARG)).isFalse();
        assertThat(Record.stateCompareAndSet(r, Status.WOULD_BLOCK, Status.OK)).isTrue();
        assertThat(Record.state(r)).isEqualTo(Status.OK);

        // An atomic flag set works on the raw bits.
        MemorySegment e = Extras.allocate(arena);
        Extras.capsRelease(e, Caps.FAST);
        assertThat(Extras.capsCompareAndSet(e, Caps.FAST, Caps.with(Caps.FAST, Caps.SAFE))).isTrue();
        assertThat(Caps.has(Extras.capsAcquire(e), Caps.SAFE)).isTrue();
    }

    @Test
    void enumsAreTypedOrRawAndRejectUnknownValues() {
        MemorySegment r = Record.allocate(arena);
        Record.opcode(r, Opcode.STOP);
        assertThat(Record.opcode(r)).isEqualTo(Opcode.STOP);
        assertThat(Record.opcodeRaw(r)).isEqualTo(2);
        Record.opcodeRaw(r, 9);
        AbiViolationException e = assertThrows(AbiViolationException.class, () -> Record.opcode(r));
        assertThat(e).hasMessageThat().isEqualTo("unknown Opcode value 9");
        assertThat(Record.opcodeRaw(r)).isEqualTo(9);
        assertThat(Opcode.toString(9)).isEqualTo("9 (unknown)");
        assertThat(Opcode.of(1)).isEqualTo(Opcode.DATA);
        assertThat(Small.MAX.value()).isEqualTo((byte) 255);
        assertThat(Small.of((byte) 255)).isEqualTo(Small.MAX);
        assertThat(Status.of(-22)).isEqualTo(Status.INVALID_ARG);
    }

    @Test
    void flagHelpers() {
        short rw = Props.with(Props.READ, Props.WRITE);
        assertThat(rw).isEqualTo(Props.READ_WRITE);
        assertThat(Props.has(rw, Props.WRITE)).isTrue();
        assertThat(Props.without(rw, Props.READ)).isEqualTo(Props.WRITE);
        assertThat(Props.isKnown((short) 0x4)).isFalse();
        assertThat(Props.toString(rw)).isEqualTo("READ|WRITE|READ_WRITE");
        assertThat(Props.toString((short) 0x8001)).isEqualTo("READ|0x8000");
        assertThat(Props.toString((short) 0)).isEqualTo("0");
    }

    @Test
    void arraysAreBoundsChecked() {
        MemorySegment r = Record.allocate(arena);
        for (int i = 0; i < Record.ITEMS_LENGTH; i++) {
            Record.items(r, i, 10 * i + 1);
        }
        assertThat(Record.items(r, 3)).isEqualTo(31);
        assertThrows(IndexOutOfBoundsException.class, () -> Record.items(r, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> Record.items(r, -1));

        MemorySegment e = Extras.allocate(arena);
        Extras.oks(e, 3, true);
        assertThat(Extras.oks(e, 3)).isTrue();
        assertThat(Extras.oks(e, 2)).isFalse();
        Extras.smalls(e, 1, Small.MAX);
        assertThat(Extras.smalls(e, 1)).isEqualTo(Small.MAX);
        assertThat(Extras.smallsRaw(e, 0)).isEqualTo((byte) 0);
        assertThrows(IndexOutOfBoundsException.class, () -> Extras.smalls(e, 4));
    }

    @Test
    void nestedStructsAndStructArraysAreLiveSlices() {
        MemorySegment r = Record.allocate(arena);
        Pair.second(Record.pair(r), -5);
        assertThat(r.get(ValueLayout.JAVA_LONG, Record.PAIR_OFFSET + Pair.SECOND_OFFSET)).isEqualTo(-5);
        Pair.first(Record.pairs(r, 1), 77);
        assertThat(r.get(ValueLayout.JAVA_LONG, Record.PAIRS_OFFSET + Pair.BYTES)).isEqualTo(77);
        assertThat(Pair.first(Pair.element(r.asSlice(Record.PAIRS_OFFSET, 2 * Pair.BYTES), 1))).isEqualTo(77);
        assertThrows(IndexOutOfBoundsException.class, () -> Record.pairs(r, 2));
    }

    @Test
    void textIsBoundedBothWays() {
        MemorySegment r = Record.allocate(arena);
        Record.name(r, "queue-0");
        assertThat(Record.name(r)).isEqualTo("queue-0");
        String tooLong = "x".repeat(40);
        Record.name(r, tooLong);
        assertThat(Record.name(r)).isEqualTo("x".repeat(31));
        assertThat(r.get(ValueLayout.JAVA_BYTE, Record.NAME_OFFSET + 31)).isEqualTo((byte) 0);
        // A two-byte character that does not fit whole is left out, not cut in half.
        Record.name(r, "y".repeat(30) + "é");
        assertThat(Record.name(r)).isEqualTo("y".repeat(30));
        // Shorter text clears what a longer one left behind.
        Record.name(r, "ab");
        assertThat(r.get(ValueLayout.JAVA_BYTE, Record.NAME_OFFSET + 5)).isEqualTo((byte) 0);
        // No NUL at all: the reader stops at the end of the field, never beyond.
        r.asSlice(Record.NAME_OFFSET, Record.NAME_LENGTH).fill((byte) 'z');
        assertThat(Record.name(r)).isEqualTo("z".repeat(32));
        assertThat(new String(new byte[] {'z'}, StandardCharsets.UTF_8)).isEqualTo("z");
    }

    @Test
    void checkedReadersEnforceCountsAndBounds() {
        MemorySegment r = Record.allocate(arena);
        Record.count(r, 4);
        assertThat(Record.countChecked(r)).isEqualTo(4);
        Record.count(r, 5);
        AbiViolationException above = assertThrows(AbiViolationException.class, () -> Record.countChecked(r));
        assertThat(above).hasMessageThat().isEqualTo("Record.count is 5, above 4 (the length of Record.items)");
        Record.count(r, -1);  // 4294967295 as a u32
        assertThrows(AbiViolationException.class, () -> Record.countChecked(r));

        Record.count(r, 0);
        Record.limit(r, (byte) 100);
        assertThat(Record.limitChecked(r)).isEqualTo((byte) 100);
        Record.limit(r, (byte) 101);
        assertThrows(AbiViolationException.class, () -> Record.limitChecked(r));
        Record.limit(r, (byte) -1);
        AbiViolationException below = assertThrows(AbiViolationException.class, () -> Record.limitChecked(r));
        assertThat(below).hasMessageThat().isEqualTo("Record.limit is -1, below zero");
    }

    @Test
    void validateFindsEveryKindOfViolation() {
        MemorySegment r = Record.allocate(arena);
        Record.validate(r);
        assertViolation(() -> Record.validate(r.asSlice(0, 100)), "Record needs 144 bytes; the segment has 100");

        r.set(ValueLayout.JAVA_BYTE, Record.RESERVED0_OFFSET + 1, (byte) 3);
        assertViolation(() -> Record.validate(r), "Record.reserved0 (offset 45) is reserved and must be zero, but byte 1 is 3");
        r.set(ValueLayout.JAVA_BYTE, Record.RESERVED0_OFFSET + 1, (byte) 0);

        Record.stateRaw(r, 5);
        assertViolation(() -> Record.validate(r), "Record.state (offset 8) holds 5; expected a known Status");
        Record.state(r, Status.OK);

        r.set(ValueLayout.JAVA_BYTE, Record.FLAG_OFFSET, (byte) 2);
        assertViolation(() -> Record.validate(r), "Record.flag (offset 42) holds 2; expected 0 or 1");
        Record.flag(r, true);

        Record.props(r, (short) 0x10);
        assertViolation(() -> Record.validate(r), "Record.props (offset 40) holds 16; expected only flags of Props");
        Record.props(r, Props.READ);

        Record.count(r, 9);
        assertViolation(() -> Record.validate(r), "Record.count is 9, above 4 (the length of Record.items)");
        Record.count(r, 1);
        Record.validate(r);

        MemorySegment e = Extras.allocate(arena);
        Extras.smallsRaw(e, 2, (byte) 7);
        assertViolation(() -> Extras.validate(e), "Extras.smalls[2] (offset 14) holds 7; expected a known Small");
        Extras.smallsRaw(e, 2, (byte) 0);
        e.set(ValueLayout.JAVA_BYTE, Extras.OKS_OFFSET + 1, (byte) 0xFF);
        assertViolation(() -> Extras.validate(e), "Extras.oks[1] (offset 9) holds 255; expected 0 or 1");
    }

    @Test
    void validateSaysWhereInNestedStructsAndUsesItsOwnPackagesException() {
        MemorySegment n = Nest.allocate(arena);
        Nest.validate(n);
        Tagged.tagRaw(Nest.tags(n, 1), (byte) 7);
        assertViolation(() -> Nest.validate(n), "Nest.tags[1]: Tagged.tag (offset 0) holds 7; expected a known Small");
        Tagged.tag(Nest.tags(n, 1), Small.ZERO);
        Extras.ok(Nest.extras(n), true);
        Nest.extras(n).set(ValueLayout.JAVA_BYTE, Extras.OK_OFFSET, (byte) 5);
        assertViolation(() -> Nest.validate(n), "Nest.extras: Extras.ok (offset 7) holds 5; expected 0 or 1");
        // Tagged on its own throws the exception of its own package.
        Tagged.tagRaw(Nest.tags(n, 0), (byte) 9);
        assertThrows(golden.common.AbiViolationException.class, () -> Tagged.validate(Nest.tags(n, 0)));
    }

    @Test
    void atomicsNeedOnlyTheFieldsBytes() {
        MemorySegment r = Record.allocate(arena);
        Record.seqRelease(r.asSlice(0, 8), 5);
        assertThat(Record.seqAcquire(r)).isEqualTo(5);
    }

    private static void assertViolation(Runnable check, String message) {
        AbiViolationException e = assertThrows(AbiViolationException.class, check::run);
        assertThat(e).hasMessageThat().isEqualTo(message);
    }

    @Test
    void toStringShowsEveryFieldButReservedOnes() {
        MemorySegment r = Record.allocate(arena);
        Record.seq(r, -1);
        Record.opcode(r, Opcode.DATA);
        Record.props(r, Props.WRITE);
        Record.name(r, "n");
        Pair.first(Record.pair(r), 3);
        String s = Record.toString(r);
        assertThat(s).startsWith("Record{seq=18446744073709551615, state=OK, count=0, items=[0, 0, 0, 0], opcode=DATA, "
                + "props=WRITE, flag=false, small=ZERO, limit=0, pair=Pair{first=3, second=0}, pairs=[");
        assertThat(s).endsWith("ratio=0.0, precise=0.0, name=\"n\"}");
        assertThat(s).doesNotContain("reserved");
    }

    @Test
    void layoutsComputeOrFailWithTheCppStatus() {
        RegionLayout l = RegionLayout.compute(4, 128, 0);
        assertThat(l.headerOffset()).isEqualTo(0);
        assertThat(l.headerBytes()).isEqualTo(144);
        assertThat(l.recordsOffset()).isEqualTo(144);
        assertThat(l.recordsBytes()).isEqualTo(4 * 144);
        assertThat(l.scratchBytes()).isEqualTo(4 * 3);
        assertThat(l.tailOffset() % 64).isEqualTo(0);
        assertThat(l.atEndOffset()).isEqualTo(4096 + 8192);
        assertThat(l.totalBytes() % 128).isEqualTo(0);

        assertReason(() -> RegionLayout.compute(3, 0, 0), AbiLayoutException.Reason.REQUIREMENT_FAILED, 1);
        assertReason(() -> RegionLayout.compute(4, 100, 0), AbiLayoutException.Reason.REQUIREMENT_FAILED, 1);
        // 1024 records of 144 bytes end past the fixed offset of at_end.
        assertReason(() -> RegionLayout.compute(1024, 0, 0), AbiLayoutException.Reason.SECTION_OVERLAP, 4);
        // align_up(tail_bytes, 4096) overflows for tail_bytes near 2^64.
        assertReason(() -> RegionLayout.compute(4, -64, 0), AbiLayoutException.Reason.ARITHMETIC_OVERFLOW, 2);
    }

    private static void assertReason(Runnable compute, AbiLayoutException.Reason reason, int code) {
        AbiLayoutException e = assertThrows(AbiLayoutException.class, compute::run);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.reason().code()).isEqualTo(code);
        assertThat(e).hasMessageThat().startsWith("Region: ");
    }
}
