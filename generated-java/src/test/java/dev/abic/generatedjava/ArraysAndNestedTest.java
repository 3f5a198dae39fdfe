package dev.abic.generatedjava;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import simpler.bootstrap.ChipBootstrapDomainRecord;
import simpler.bootstrap.ChipBootstrapMailboxV1;
import simpler.bootstrap.ChipBootstrapMailboxV2;
import simpler.hdch.HostDeviceDesc;
import simpler.hdmr.HdmrAbi;
import simpler.hdmr.HostDeviceMappedRegionHeader;
import simpler.hdmr.HostDeviceMappedRegionLayout;
import simpler.hdmr.HostDeviceMappedRegionSignalSlot;
import simpler.l3l2.L3L2QueueArgs;
import simpler.l3l2.L3L2QueueDescSlot;
import simpler.l3l2.L3L2QueueOpcode;
import simpler.l3l2.L3L2QueueRegionLayout;
import simpler.l3l2.L3L2QueueTaskArgs;
import simpler.orch.L3L2OrchRegionDesc;
import simpler.orch.L3L2RegionCreateReply;

/** Array elements with their bounds, nested structs as live slices, arrays of structs. */
class ArraysAndNestedTest {
    private static final long SEED = Long.getLong("abic.seed", System.nanoTime());
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    // ---------------------------------------------------------------- scalar arrays

    @Test
    void u64ArrayElementsRoundTripAtTheirOffsets() {
        Random random = new Random(SEED);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = ChipBootstrapMailboxV1.allocate(arena);
            long[] values = random.longs(ChipBootstrapMailboxV1.BUFFER_PTRS_LENGTH).toArray();
            for (int i = 0; i < values.length; i++) {
                ChipBootstrapMailboxV1.bufferPtrs(page, i, values[i]);
            }
            for (int i = 0; i < values.length; i++) {
                assertWithMessage("buffer_ptrs[%s] (seed %s)", i, SEED)
                        .that(ChipBootstrapMailboxV1.bufferPtrs(page, i)).isEqualTo(values[i]);
                assertWithMessage("bytes at 64 + 8 * %s (seed %s)", i, SEED)
                        .that(page.get(I64, 64 + 8L * i)).isEqualTo(values[i]);
            }
            // The array ends exactly where the error text starts; the header before it is untouched.
            assertThat(page.asSlice(3072).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(new byte[1024]);
            assertThat(page.asSlice(0, 64).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(new byte[64]);
        }
    }

    @Test
    void u8ArrayElementsRoundTrip() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment desc = HostDeviceDesc.allocate(arena);
            for (int i = 0; i < HostDeviceDesc.INLINE_DATA_LENGTH; i++) {
                HostDeviceDesc.inlineData(desc, i, (byte) (255 - i));
            }
            for (int i = 0; i < HostDeviceDesc.INLINE_DATA_LENGTH; i++) {
                assertThat(Byte.toUnsignedInt(HostDeviceDesc.inlineData(desc, i))).isEqualTo(255 - i);
                assertThat(Byte.toUnsignedInt(desc.get(ValueLayout.JAVA_BYTE, 32 + i))).isEqualTo(255 - i);
            }
            assertThat(desc.asSlice(0, 32).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(new byte[32]);
            assertThat(desc.asSlice(288).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(new byte[32]);
        }
    }

    @Test
    void arrayIndicesAreChecked() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v1 = ChipBootstrapMailboxV1.allocate(arena);
            long length = ChipBootstrapMailboxV1.BUFFER_PTRS_LENGTH;
            assertThrows(IndexOutOfBoundsException.class, () -> ChipBootstrapMailboxV1.bufferPtrs(v1, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> ChipBootstrapMailboxV1.bufferPtrs(v1, length));
            assertThrows(IndexOutOfBoundsException.class, () -> ChipBootstrapMailboxV1.bufferPtrs(v1, -1, 1L));
            assertThrows(IndexOutOfBoundsException.class, () -> ChipBootstrapMailboxV1.bufferPtrs(v1, length, 1L));
            assertThrows(IndexOutOfBoundsException.class,
                    () -> ChipBootstrapMailboxV1.reserved1(v1, ChipBootstrapMailboxV1.RESERVED1_LENGTH));
            // index LENGTH would be the first byte of error_msg: it must not have been written
            assertThat(ChipBootstrapMailboxV1.errorMsg(v1)).isEmpty();

            MemorySegment v2 = ChipBootstrapMailboxV2.allocate(arena);
            assertThrows(IndexOutOfBoundsException.class,
                    () -> ChipBootstrapMailboxV2.bufferPtrs(v2, ChipBootstrapMailboxV2.BUFFER_PTRS_LENGTH, 1L));
            assertThrows(IndexOutOfBoundsException.class, () -> ChipBootstrapMailboxV2.reserved0(v2, -1));

            MemorySegment desc = HostDeviceDesc.allocate(arena);
            assertThrows(IndexOutOfBoundsException.class, () -> HostDeviceDesc.inlineData(desc, -1));
            assertThrows(IndexOutOfBoundsException.class,
                    () -> HostDeviceDesc.inlineData(desc, HostDeviceDesc.INLINE_DATA_LENGTH, (byte) 1));
            assertThrows(IndexOutOfBoundsException.class,
                    () -> HostDeviceDesc.reservedTail(desc, HostDeviceDesc.RESERVED_TAIL_LENGTH));
            assertThat(desc.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(new byte[320]);
        }
    }

    // ---------------------------------------------------------------- nested structs

    @Test
    void nestedStructIsALiveSlice() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment reply = L3L2RegionCreateReply.allocate(arena);
            MemorySegment desc = L3L2RegionCreateReply.desc(reply);
            assertThat(desc.byteSize()).isEqualTo(L3L2OrchRegionDesc.BYTES);

            // write through the slice, read the parent's bytes: the rollback path reads region_id at 8
            L3L2OrchRegionDesc.regionId(desc, 42);
            assertThat(reply.get(I64, 8)).isEqualTo(42);
            // write the parent's bytes, read through a slice taken earlier
            reply.set(I64, 40, 384);
            assertThat(L3L2OrchRegionDesc.counterBytes(desc)).isEqualTo(384);
            // the slice ends where the struct ends: no element past it
            assertThrows(IndexOutOfBoundsException.class, () -> L3L2OrchRegionDesc.element(desc, 1));

            MemorySegment task = L3L2QueueTaskArgs.allocate(arena);
            L3L2QueueArgs.depth(L3L2QueueTaskArgs.queue(task), 16);
            L3L2OrchRegionDesc.payloadBytes(L3L2QueueTaskArgs.region(task), 576);
            assertThat(task.get(I64, 7 * 8)).isEqualTo(16); // scalar 7: depth
            assertThat(task.get(I64, 3 * 8)).isEqualTo(576); // scalar 3: payload_bytes
        }
    }

    @Test
    void arrayOfStructs() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = ChipBootstrapMailboxV2.allocate(arena);
            for (int i = 0; i < ChipBootstrapMailboxV2.DOMAIN_RECORDS_LENGTH; i++) {
                MemorySegment record = ChipBootstrapMailboxV2.domainRecords(page, i);
                assertThat(record.byteSize()).isEqualTo(80);
                ChipBootstrapDomainRecord.name(record, "domain-" + i);
                ChipBootstrapDomainRecord.domainRank(record, i);
                ChipBootstrapDomainRecord.domainSize(record, 8);
                ChipBootstrapDomainRecord.ptrOffset(record, 37 * i);
            }
            for (int i = 0; i < ChipBootstrapMailboxV2.DOMAIN_RECORDS_LENGTH; i++) {
                long record = 64 + 80L * i;
                assertThat(ChipBootstrapDomainRecord.name(ChipBootstrapMailboxV2.domainRecords(page, i))).isEqualTo("domain-" + i);
                assertThat(page.get(I32, record + 32)).isEqualTo(i);
                assertThat(page.get(I32, record + 36)).isEqualTo(8);
                assertThat(page.get(I32, record + 44)).isEqualTo(37 * i);
            }
            // nothing spilled past the last record into the pointer pool
            assertThat(page.asSlice(704, 2368).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(new byte[2368]);
            assertThrows(IndexOutOfBoundsException.class, () -> ChipBootstrapMailboxV2.domainRecords(page, 8));
            assertThrows(IndexOutOfBoundsException.class, () -> ChipBootstrapMailboxV2.domainRecords(page, -1));
        }
    }

    /** {@code element} over the descriptor rings of a queue region laid out by its layout record. */
    @Test
    void elementsOfAQueueRing() {
        L3L2QueueRegionLayout layout = L3L2QueueRegionLayout.compute(4, 128, 192);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment payload = arena.allocate(layout.totalBytes(), 64);
            MemorySegment output = payload.asSlice(layout.outputDescOffset(), layout.outputDescBytes());
            for (long n = 0; n < 6; n++) { // six messages wrap around a ring of four slots
                MemorySegment slot = L3L2QueueDescSlot.element(output, n & (4 - 1));
                L3L2QueueDescSlot.opcode(slot, L3L2QueueOpcode.DATA);
                L3L2QueueDescSlot.payloadOffset(slot, layout.outputArenaOffset() + 64 * n);
                L3L2QueueDescSlot.payloadNbytes(slot, 8);
                L3L2QueueDescSlot.seqRelease(slot, n + 1);
            }
            // slot k of the output ring is at 128 + k * 32 (facts §5.5); messages 4 and 5 replaced 0 and 1
            long[] expectedSeq = {5, 6, 3, 4};
            for (int k = 0; k < 4; k++) {
                assertThat(payload.get(I64, 128 + 32L * k)).isEqualTo(expectedSeq[k]);
                assertThat(payload.get(I64, 128 + 32L * k + 8)).isEqualTo(1); // DATA
            }
            // the input ring, before it, is untouched
            assertThat(payload.asSlice(0, 128).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(new byte[128]);
            assertThrows(IndexOutOfBoundsException.class, () -> L3L2QueueDescSlot.element(output, 4));
            assertThrows(IndexOutOfBoundsException.class, () -> L3L2QueueDescSlot.element(output, -1));
        }
    }

    /** An HDMR region opened the way the facts describe (§2.3), through the layout record and accessors. */
    @Test
    void hdmrRegionBuiltFromItsLayout() {
        HostDeviceMappedRegionLayout layout = HostDeviceMappedRegionLayout.compute(3, 100);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment region = arena.allocate(layout.totalBytes(), 64);
            MemorySegment header = region.asSlice(layout.headerOffset(), HostDeviceMappedRegionHeader.LAYOUT);
            HostDeviceMappedRegionHeader.magic(header, HdmrAbi.HDMR_MAGIC);
            HostDeviceMappedRegionHeader.version(header, HdmrAbi.HDMR_VERSION);
            HostDeviceMappedRegionHeader.signalCount(header, 3);
            HostDeviceMappedRegionHeader.signalOffset(header, layout.signalsOffset());
            HostDeviceMappedRegionHeader.dataOffset(header, layout.dataOffset());
            HostDeviceMappedRegionHeader.dataBytes(header, layout.dataBytes());
            HostDeviceMappedRegionHeader.totalBytes(header, layout.totalBytes());
            HostDeviceMappedRegionHeader.validate(header);

            MemorySegment signals = region.asSlice(layout.signalsOffset(), layout.signalsBytes());
            HostDeviceMappedRegionSignalSlot.valueRelease(HostDeviceMappedRegionSignalSlot.element(signals, 2), 9);
            assertThrows(IndexOutOfBoundsException.class, () -> HostDeviceMappedRegionSignalSlot.element(signals, 3));

            // slot i at signal_offset + i * 64; data at align_up(64 + 3 * 64, 64) = 256; total align_up(356, 64)
            assertThat(region.get(I32, 64 + 2 * 64)).isEqualTo(9);
            assertThat(layout.dataOffset()).isEqualTo(256);
            assertThat(layout.totalBytes()).isEqualTo(384);
            assertThat(region.get(I64, 24)).isEqualTo(256);
            assertThat(region.get(I64, 40)).isEqualTo(384);
        }
    }
}
