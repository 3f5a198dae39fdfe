package dev.abic.generatedjava;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import simpler.bootstrap.ChipBootstrapDomainRecord;
import simpler.bootstrap.ChipBootstrapMailboxState;
import simpler.bootstrap.ChipBootstrapMailboxV1;
import simpler.bootstrap.ChipBootstrapMailboxV2;
import simpler.hdch.HostDeviceChannelConfig;
import simpler.hdch.HostDeviceChannelHeader;
import simpler.hdch.HostDeviceDesc;
import simpler.hdch.HostDeviceLaneHeader;
import simpler.hdmr.HostDeviceMappedRegionConfig;
import simpler.hdmr.HostDeviceMappedRegionDatacopyHeader;
import simpler.hdmr.HostDeviceMappedRegionDatacopyOp;
import simpler.hdmr.HostDeviceMappedRegionHeader;
import simpler.hdmr.HostDeviceMappedRegionInfo;
import simpler.hdmr.HostDeviceMappedRegionSignalSlot;
import simpler.l3l2.L3L2QueueArgs;
import simpler.l3l2.L3L2QueueCounterLine;
import simpler.l3l2.L3L2QueueCounters;
import simpler.l3l2.L3L2QueueDescSlot;
import simpler.l3l2.L3L2QueueOpcode;
import simpler.l3l2.L3L2QueueTaskArgs;
import simpler.orch.L3L2OrchRegionDesc;
import simpler.orch.L3L2RegionAccessProfile;
import simpler.orch.L3L2RegionCreateReply;
import simpler.orch.L3L2RegionCreateRequest;

/**
 * What protects a reader from untrusted memory: {@code allocate} zeroes, reserved fields read zero,
 * {@code validate} and the checked readers reject what the ABI forbids (naming the field), typed enum
 * readers reject unknown values while raw ones return them; plus {@code toString}.
 */
class ValidationTest {

    record Allocation(String name, long bytes, Function<SegmentAllocator, MemorySegment> allocate,
            Consumer<MemorySegment> validate) {}

    private static final List<Allocation> ALL = List.of(
            new Allocation("HostDeviceMappedRegionInfo", HostDeviceMappedRegionInfo.BYTES,
                    HostDeviceMappedRegionInfo::allocate, HostDeviceMappedRegionInfo::validate),
            new Allocation("HostDeviceMappedRegionConfig", HostDeviceMappedRegionConfig.BYTES,
                    HostDeviceMappedRegionConfig::allocate, HostDeviceMappedRegionConfig::validate),
            new Allocation("HostDeviceMappedRegionHeader", HostDeviceMappedRegionHeader.BYTES,
                    HostDeviceMappedRegionHeader::allocate, HostDeviceMappedRegionHeader::validate),
            new Allocation("HostDeviceMappedRegionSignalSlot", HostDeviceMappedRegionSignalSlot.BYTES,
                    HostDeviceMappedRegionSignalSlot::allocate, HostDeviceMappedRegionSignalSlot::validate),
            new Allocation("ChipBootstrapMailboxV1", ChipBootstrapMailboxV1.BYTES,
                    ChipBootstrapMailboxV1::allocate, ChipBootstrapMailboxV1::validate),
            new Allocation("ChipBootstrapMailboxV2", ChipBootstrapMailboxV2.BYTES,
                    ChipBootstrapMailboxV2::allocate, ChipBootstrapMailboxV2::validate),
            new Allocation("ChipBootstrapDomainRecord", ChipBootstrapDomainRecord.BYTES,
                    ChipBootstrapDomainRecord::allocate, ChipBootstrapDomainRecord::validate),
            new Allocation("L3L2OrchRegionDesc", L3L2OrchRegionDesc.BYTES,
                    L3L2OrchRegionDesc::allocate, L3L2OrchRegionDesc::validate),
            new Allocation("L3L2RegionCreateRequest", L3L2RegionCreateRequest.BYTES,
                    L3L2RegionCreateRequest::allocate, L3L2RegionCreateRequest::validate),
            new Allocation("L3L2RegionCreateReply", L3L2RegionCreateReply.BYTES,
                    L3L2RegionCreateReply::allocate, L3L2RegionCreateReply::validate),
            new Allocation("L3L2QueueDescSlot", L3L2QueueDescSlot.BYTES,
                    L3L2QueueDescSlot::allocate, L3L2QueueDescSlot::validate),
            new Allocation("L3L2QueueArgs", L3L2QueueArgs.BYTES, L3L2QueueArgs::allocate, L3L2QueueArgs::validate),
            new Allocation("L3L2QueueTaskArgs", L3L2QueueTaskArgs.BYTES,
                    L3L2QueueTaskArgs::allocate, L3L2QueueTaskArgs::validate),
            new Allocation("L3L2QueueCounterLine", L3L2QueueCounterLine.BYTES,
                    L3L2QueueCounterLine::allocate, L3L2QueueCounterLine::validate),
            new Allocation("L3L2QueueCounters", L3L2QueueCounters.BYTES,
                    L3L2QueueCounters::allocate, L3L2QueueCounters::validate),
            new Allocation("HostDeviceChannelConfig", HostDeviceChannelConfig.BYTES,
                    HostDeviceChannelConfig::allocate, HostDeviceChannelConfig::validate),
            new Allocation("HostDeviceChannelHeader", HostDeviceChannelHeader.BYTES,
                    HostDeviceChannelHeader::allocate, HostDeviceChannelHeader::validate),
            new Allocation("HostDeviceLaneHeader", HostDeviceLaneHeader.BYTES,
                    HostDeviceLaneHeader::allocate, HostDeviceLaneHeader::validate),
            new Allocation("HostDeviceDesc", HostDeviceDesc.BYTES, HostDeviceDesc::allocate, HostDeviceDesc::validate));

    // ---------------------------------------------------------------- allocate, reserved fields

    /** allocate zeroes what a non-zeroing allocator hands out, and an all-zero struct is valid. */
    @Test
    void allocateZeroesMemoryFromANonZeroingAllocator() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dirty = arena.allocate(64 * 1024, 64).fill((byte) 0xFF);
            SegmentAllocator slicing = SegmentAllocator.slicingAllocator(dirty);
            for (Allocation a : ALL) {
                MemorySegment segment = a.allocate().apply(slicing);
                assertWithMessage("%s size", a.name()).that(segment.byteSize()).isEqualTo(a.bytes());
                assertWithMessage("%s bytes", a.name())
                        .that(segment.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(new byte[(int) a.bytes()]);
                a.validate().accept(segment);
            }
            // the allocator really was dirty: what follows the last struct is still 0xFF
            assertThat(slicing.allocate(1).get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 0xFF);

            // op 0 is no HostDeviceMappedRegionDatacopyOp, so a zeroed datacopy header is not valid as it is
            MemorySegment datacopy = HostDeviceMappedRegionDatacopyHeader.allocate(slicing);
            assertThat(datacopy.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(new byte[64]);
            HostDeviceMappedRegionDatacopyHeader.op(datacopy, HostDeviceMappedRegionDatacopyOp.INFO);
            HostDeviceMappedRegionDatacopyHeader.validate(datacopy);
        }
    }

    @Test
    void reservedFieldsReadZeroAfterAllocate() {
        try (Arena arena = Arena.ofConfined()) {
            SegmentAllocator slicing = SegmentAllocator.slicingAllocator(arena.allocate(16 * 1024, 64).fill((byte) 0x5A));

            MemorySegment info = HostDeviceMappedRegionInfo.allocate(slicing);
            assertThat(HostDeviceMappedRegionInfo.reserved0(info)).isEqualTo(0);
            assertThat(HostDeviceMappedRegionInfo.reserved1(info)).isEqualTo(0);

            MemorySegment slot = HostDeviceMappedRegionSignalSlot.allocate(slicing);
            assertThat(HostDeviceMappedRegionSignalSlot.reserved0(slot)).isEqualTo(0);
            for (int i = 0; i < HostDeviceMappedRegionSignalSlot.RESERVED_LENGTH; i++) {
                assertThat(HostDeviceMappedRegionSignalSlot.reserved(slot, i)).isEqualTo(0);
            }

            MemorySegment v1 = ChipBootstrapMailboxV1.allocate(slicing);
            assertThat(ChipBootstrapMailboxV1.reserved0(v1)).isEqualTo(0);
            for (int i = 0; i < ChipBootstrapMailboxV1.RESERVED1_LENGTH; i++) {
                assertThat(ChipBootstrapMailboxV1.reserved1(v1, i)).isEqualTo(0);
            }

            MemorySegment v2 = ChipBootstrapMailboxV2.allocate(slicing);
            for (int i = 0; i < ChipBootstrapMailboxV2.RESERVED0_LENGTH; i++) {
                assertThat(ChipBootstrapMailboxV2.reserved0(v2, i)).isEqualTo((byte) 0);
            }
            for (int i = 0; i < ChipBootstrapMailboxV2.DOMAIN_RECORDS_LENGTH; i++) {
                assertThat(ChipBootstrapDomainRecord.reserved0(ChipBootstrapMailboxV2.domainRecords(v2, i))).isEqualTo(0);
            }

            MemorySegment header = HostDeviceChannelHeader.allocate(slicing);
            assertThat(HostDeviceChannelHeader.reserved0(header)).isEqualTo(0);
            for (int i = 0; i < HostDeviceChannelHeader.RESERVED_LENGTH; i++) {
                assertThat(HostDeviceChannelHeader.reserved(header, i)).isEqualTo(0);
            }
            for (int i = 0; i < HostDeviceChannelHeader.RESERVED_TAIL_LENGTH; i++) {
                assertThat(HostDeviceChannelHeader.reservedTail(header, i)).isEqualTo(0);
            }

            MemorySegment reply = L3L2RegionCreateReply.allocate(slicing);
            assertThat(L3L2RegionCreateReply.reserved0(reply)).isEqualTo(0);
            assertThat(L3L2RegionCreateReply.reserved1(reply)).isEqualTo(0);

            MemorySegment datacopy = HostDeviceMappedRegionDatacopyHeader.allocate(slicing);
            assertThat(HostDeviceMappedRegionDatacopyHeader.reserved0(datacopy)).isEqualTo(0);
            for (int i = 0; i < HostDeviceMappedRegionDatacopyHeader.RESERVED1_LENGTH; i++) {
                assertThat(HostDeviceMappedRegionDatacopyHeader.reserved1(datacopy, i)).isEqualTo((byte) 0);
            }
        }
    }

    // ---------------------------------------------------------------- validate

    @Test
    void validatePassesOnAValidStruct() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = ChipBootstrapMailboxV1.allocate(arena);
            ChipBootstrapMailboxV1.errorCode(page, 1);
            ChipBootstrapMailboxV1.bufferCount(page, 376);
            ChipBootstrapMailboxV1.bufferPtrs(page, 375, -1L);
            ChipBootstrapMailboxV1.errorMsg(page, "x".repeat(1023));
            ChipBootstrapMailboxV1.stateRelease(page, ChipBootstrapMailboxState.ERROR);
            ChipBootstrapMailboxV1.validate(page);

            MemorySegment desc = HostDeviceDesc.allocate(arena);
            HostDeviceDesc.payloadBytes(desc, 256);
            HostDeviceDesc.flags(desc, -1);
            HostDeviceDesc.validate(desc);
        }
    }

    @Test
    void validateRejectsANonZeroReservedField() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = HostDeviceMappedRegionInfo.allocate(arena);
            info.set(ValueLayout.JAVA_BYTE, 62, (byte) 1); // third byte of reserved1
            assertViolation(() -> HostDeviceMappedRegionInfo.validate(info), "HostDeviceMappedRegionInfo.reserved1");

            MemorySegment header = HostDeviceChannelHeader.allocate(arena);
            header.set(ValueLayout.JAVA_BYTE, 127, (byte) 0x80); // last byte of the alignment padding
            assertViolation(() -> HostDeviceChannelHeader.validate(header), "HostDeviceChannelHeader.reserved_tail");

            // nested: in the fifth counter line, inside the counter block
            MemorySegment counters = L3L2QueueCounters.allocate(arena);
            counters.set(ValueLayout.JAVA_BYTE, 256 + 4, (byte) 1);
            assertViolation(() -> L3L2QueueCounters.validate(counters), "L3L2QueueCounterLine.reserved0");

            // nested in an array: domain record 5 of a v2 page
            MemorySegment page = ChipBootstrapMailboxV2.allocate(arena);
            page.set(ValueLayout.JAVA_BYTE, 64 + 5 * 80 + 72, (byte) 1);
            assertViolation(() -> ChipBootstrapMailboxV2.validate(page), "ChipBootstrapDomainRecord.reserved0");
        }
    }

    @Test
    void validateRejectsAnUnknownEnumValue() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment reply = L3L2RegionCreateReply.allocate(arena);
            L3L2RegionCreateReply.accessProfileRaw(reply, 3);
            assertViolation(() -> L3L2RegionCreateReply.validate(reply), "L3L2RegionCreateReply.access_profile", "3");

            MemorySegment slot = L3L2QueueDescSlot.allocate(arena);
            L3L2QueueDescSlot.opcodeRaw(slot, -1L);
            assertViolation(() -> L3L2QueueDescSlot.validate(slot), "L3L2QueueDescSlot.opcode", "18446744073709551615");

            MemorySegment datacopy = HostDeviceMappedRegionDatacopyHeader.allocate(arena);
            HostDeviceMappedRegionDatacopyHeader.opRaw(datacopy, (short) 0xFFFF);
            assertViolation(() -> HostDeviceMappedRegionDatacopyHeader.validate(datacopy),
                    "HostDeviceMappedRegionDatacopyHeader.op", "65535");

            MemorySegment page = ChipBootstrapMailboxV1.allocate(arena);
            ChipBootstrapMailboxV1.stateRaw(page, -1);
            assertViolation(() -> ChipBootstrapMailboxV1.validate(page), "ChipBootstrapMailboxV1.state", "-1");
        }
    }

    @Test
    void validateRejectsACountAboveItsBound() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v1 = ChipBootstrapMailboxV1.allocate(arena);
            ChipBootstrapMailboxV1.bufferCount(v1, 377);
            assertViolation(() -> ChipBootstrapMailboxV1.validate(v1), "ChipBootstrapMailboxV1.buffer_count", "377", "376");

            MemorySegment v2 = ChipBootstrapMailboxV2.allocate(arena);
            ChipBootstrapMailboxV2.domainCount(v2, 9);
            assertViolation(() -> ChipBootstrapMailboxV2.validate(v2), "ChipBootstrapMailboxV2.domain_count", "9");
            ChipBootstrapMailboxV2.domainCount(v2, 8);
            ChipBootstrapDomainRecord.ptrOffset(ChipBootstrapMailboxV2.domainRecords(v2, 7), 297);
            assertViolation(() -> ChipBootstrapMailboxV2.validate(v2), "ChipBootstrapDomainRecord.ptr_offset", "297");

            MemorySegment task = L3L2QueueTaskArgs.allocate(arena);
            L3L2QueueArgs.depth(L3L2QueueTaskArgs.queue(task), (1L << 30) + 1);
            assertViolation(() -> L3L2QueueTaskArgs.validate(task), "L3L2QueueArgs.depth", "1073741825");

            MemorySegment header = HostDeviceChannelHeader.allocate(arena);
            HostDeviceChannelHeader.maxMessageBytes(header, 257);
            assertViolation(() -> HostDeviceChannelHeader.validate(header), "HostDeviceChannelHeader.max_message_bytes");
        }
    }

    @Test
    void validateRejectsASegmentTooSmall() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment small = arena.allocate(4095, 8);
            assertViolation(() -> ChipBootstrapMailboxV1.validate(small), "ChipBootstrapMailboxV1", "4096");
        }
    }

    // ---------------------------------------------------------------- checked readers

    @Test
    void checkedCountReaders() {
        try (Arena arena = Arena.ofConfined()) {
            // i32 count_of: 0..376, below zero rejected too
            MemorySegment v1 = ChipBootstrapMailboxV1.allocate(arena);
            for (int count : new int[] {0, 1, 376}) {
                ChipBootstrapMailboxV1.bufferCount(v1, count);
                assertThat(ChipBootstrapMailboxV1.bufferCountChecked(v1)).isEqualTo(count);
            }
            for (int count : new int[] {377, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
                ChipBootstrapMailboxV1.bufferCount(v1, count);
                assertViolation(() -> ChipBootstrapMailboxV1.bufferCountChecked(v1), "ChipBootstrapMailboxV1.buffer_count",
                        String.valueOf(count));
                assertThat(ChipBootstrapMailboxV1.bufferCount(v1)).isEqualTo(count); // the plain reader still reads it
            }

            // u32 count_of: compared unsigned, so 0xFFFFFFFF is 4294967295, not -1
            MemorySegment desc = HostDeviceDesc.allocate(arena);
            HostDeviceDesc.payloadBytes(desc, 256);
            assertThat(HostDeviceDesc.payloadBytesChecked(desc)).isEqualTo(256);
            HostDeviceDesc.payloadBytes(desc, 257);
            assertViolation(() -> HostDeviceDesc.payloadBytesChecked(desc), "HostDeviceDesc.payload_bytes", "257");
            HostDeviceDesc.payloadBytes(desc, 0xFFFF_FFFF);
            assertViolation(() -> HostDeviceDesc.payloadBytesChecked(desc), "HostDeviceDesc.payload_bytes", "4294967295");

            // u32 bound
            MemorySegment config = HostDeviceChannelConfig.allocate(arena);
            HostDeviceChannelConfig.maxMessageBytes(config, 256);
            assertThat(HostDeviceChannelConfig.maxMessageBytesChecked(config)).isEqualTo(256);
            HostDeviceChannelConfig.maxMessageBytes(config, 0x8000_0000);
            assertViolation(() -> HostDeviceChannelConfig.maxMessageBytesChecked(config),
                    "HostDeviceChannelConfig.max_message_bytes", "2147483648");

            // u64 bound
            MemorySegment args = L3L2QueueArgs.allocate(arena);
            L3L2QueueArgs.depth(args, 1L << 30);
            assertThat(L3L2QueueArgs.depthChecked(args)).isEqualTo(1L << 30);
            L3L2QueueArgs.depth(args, -1L);
            assertViolation(() -> L3L2QueueArgs.depthChecked(args), "L3L2QueueArgs.depth", "18446744073709551615");

            // i32 bounds of a v2 record and page
            MemorySegment record = ChipBootstrapDomainRecord.allocate(arena);
            ChipBootstrapDomainRecord.bufferCount(record, 296);
            ChipBootstrapDomainRecord.ptrOffset(record, 296);
            assertThat(ChipBootstrapDomainRecord.bufferCountChecked(record)).isEqualTo(296);
            assertThat(ChipBootstrapDomainRecord.ptrOffsetChecked(record)).isEqualTo(296);
            ChipBootstrapDomainRecord.bufferCount(record, 297);
            assertViolation(() -> ChipBootstrapDomainRecord.bufferCountChecked(record),
                    "ChipBootstrapDomainRecord.buffer_count", "297");
            ChipBootstrapDomainRecord.ptrOffset(record, -3);
            assertViolation(() -> ChipBootstrapDomainRecord.ptrOffsetChecked(record),
                    "ChipBootstrapDomainRecord.ptr_offset", "-3");

            MemorySegment v2 = ChipBootstrapMailboxV2.allocate(arena);
            ChipBootstrapMailboxV2.domainCount(v2, 8);
            assertThat(ChipBootstrapMailboxV2.domainCountChecked(v2)).isEqualTo(8);
            ChipBootstrapMailboxV2.domainCount(v2, 9);
            assertViolation(() -> ChipBootstrapMailboxV2.domainCountChecked(v2), "ChipBootstrapMailboxV2.domain_count", "9");
        }
    }

    // ---------------------------------------------------------------- enums: typed and raw

    @Test
    void typedEnumReaderRejectsAnUnknownValueTheRawOneReturnsIt() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment slot = L3L2QueueDescSlot.allocate(arena);
            L3L2QueueDescSlot.opcode(slot, L3L2QueueOpcode.STOP);
            assertThat(L3L2QueueDescSlot.opcode(slot)).isEqualTo(L3L2QueueOpcode.STOP);
            assertThat(L3L2QueueDescSlot.opcodeRaw(slot)).isEqualTo(2);

            L3L2QueueDescSlot.opcodeRaw(slot, 4);
            assertViolation(() -> L3L2QueueDescSlot.opcode(slot), "L3L2QueueOpcode", "4");
            assertThat(L3L2QueueDescSlot.opcodeRaw(slot)).isEqualTo(4);

            MemorySegment reply = L3L2RegionCreateReply.allocate(arena);
            L3L2RegionCreateReply.accessProfile(reply, L3L2RegionAccessProfile.SIM_POSIX_SHM);
            assertThat(L3L2RegionCreateReply.accessProfileRaw(reply)).isEqualTo(2);
            L3L2RegionCreateReply.accessProfileRaw(reply, 0x8000_0000);
            assertViolation(() -> L3L2RegionCreateReply.accessProfile(reply), "L3L2RegionAccessProfile");
            assertThat(L3L2RegionCreateReply.accessProfileRaw(reply)).isEqualTo(0x8000_0000);

            MemorySegment datacopy = HostDeviceMappedRegionDatacopyHeader.allocate(arena);
            HostDeviceMappedRegionDatacopyHeader.op(datacopy, HostDeviceMappedRegionDatacopyOp.REGION2H);
            assertThat((int) HostDeviceMappedRegionDatacopyHeader.opRaw(datacopy)).isEqualTo(3);
            assertThat(HostDeviceMappedRegionDatacopyHeader.op(datacopy)).isEqualTo(HostDeviceMappedRegionDatacopyOp.REGION2H);
            HostDeviceMappedRegionDatacopyHeader.opRaw(datacopy, (short) 0);
            assertViolation(() -> HostDeviceMappedRegionDatacopyHeader.op(datacopy), "HostDeviceMappedRegionDatacopyOp", "0");
        }
    }

    // ---------------------------------------------------------------- toString

    @Test
    void toStringNamesFieldsAndValues() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment slot = L3L2QueueDescSlot.allocate(arena);
            L3L2QueueDescSlot.seq(slot, -1L);
            L3L2QueueDescSlot.opcode(slot, L3L2QueueOpcode.DATA);
            L3L2QueueDescSlot.payloadOffset(slot, 4096);
            L3L2QueueDescSlot.payloadNbytes(slot, 24);
            String text = L3L2QueueDescSlot.toString(slot);
            assertThat(text).contains("L3L2QueueDescSlot");
            assertThat(text).contains("seq=18446744073709551615");
            assertThat(text).contains("opcode=DATA");
            assertThat(text).contains("payload_offset=4096");
            assertThat(text).contains("payload_nbytes=24");

            L3L2QueueDescSlot.opcodeRaw(slot, 9);
            assertThat(L3L2QueueDescSlot.toString(slot)).contains("opcode=9 (unknown)"); // no exception for logs

            MemorySegment record = ChipBootstrapDomainRecord.allocate(arena);
            ChipBootstrapDomainRecord.name(record, "tp");
            ChipBootstrapDomainRecord.domainRank(record, -2);
            String recordText = ChipBootstrapDomainRecord.toString(record);
            assertThat(recordText).contains("name=\"tp\"");
            assertThat(recordText).contains("domain_rank=-2");
            assertThat(recordText).doesNotContain("reserved");
        }
    }

    private static void assertViolation(Runnable read, String... mentions) {
        RuntimeException e = assertThrows(RuntimeException.class, read::run);
        assertWithMessage("exception type of %s", e).that(e.getClass().getSimpleName()).isEqualTo("AbiViolationException");
        for (String mention : mentions) {
            assertThat(e).hasMessageThat().contains(mention);
        }
    }
}
