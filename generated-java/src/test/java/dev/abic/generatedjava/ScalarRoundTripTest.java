package dev.abic.generatedjava;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import simpler.bootstrap.ChipBootstrapDomainRecord;
import simpler.bootstrap.ChipBootstrapMailboxV1;
import simpler.bootstrap.ChipBootstrapMailboxV2;
import simpler.hdch.HostDeviceChannelConfig;
import simpler.hdch.HostDeviceChannelHeader;
import simpler.hdch.HostDeviceDesc;
import simpler.hdch.HostDeviceLaneHeader;
import simpler.hdmr.HostDeviceMappedRegionConfig;
import simpler.hdmr.HostDeviceMappedRegionDatacopyHeader;
import simpler.hdmr.HostDeviceMappedRegionHeader;
import simpler.hdmr.HostDeviceMappedRegionInfo;
import simpler.hdmr.HostDeviceMappedRegionSignalSlot;
import simpler.l3l2.L3L2QueueArgs;
import simpler.l3l2.L3L2QueueCounterLine;
import simpler.l3l2.L3L2QueueDescSlot;
import simpler.orch.L3L2OrchRegionDesc;
import simpler.orch.L3L2RegionCreateReply;
import simpler.orch.L3L2RegionCreateRequest;

/**
 * Every scalar accessor of every struct (plain reads and writes of numbers, raw enum values and
 * atomic words): seeded random values are written through the setters, then each is read back through
 * its getter (and its {@code *Unsigned} reader), and through little-endian reads at the offset the
 * facts give; the bytes no accessor wrote stay zero.
 */
class ScalarRoundTripTest {
    private static final long SEED = Long.getLong("abic.seed", System.nanoTime());
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** A setter of a u16 field. */
    interface ShortSetter {
        void set(MemorySegment segment, short value);
    }

    /**
     * One scalar field: its facts offset and width, the generated writer and reader (values as the
     * low {@code bytes * 8} bits of a long, sign-extended as the reader returns them), and its
     * {@code *Unsigned} reader if it has one.
     */
    record Scalar(String name, long offset, int bytes, ObjLongConsumer<MemorySegment> write,
            ToLongFunction<MemorySegment> read, ToLongFunction<MemorySegment> unsigned) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Scalar u64(String name, long offset, ObjLongConsumer<MemorySegment> set, ToLongFunction<MemorySegment> get) {
        return new Scalar(name, offset, 8, set, get, null);
    }

    static Scalar i32(String name, long offset, ObjIntConsumer<MemorySegment> set, ToIntFunction<MemorySegment> get) {
        return new Scalar(name, offset, 4, (s, v) -> set.accept(s, (int) v), get::applyAsInt, null);
    }

    static Scalar u32(String name, long offset, ObjIntConsumer<MemorySegment> set, ToIntFunction<MemorySegment> get,
            ToLongFunction<MemorySegment> unsigned) {
        return new Scalar(name, offset, 4, (s, v) -> set.accept(s, (int) v), get::applyAsInt, unsigned);
    }

    /** {@code unsigned}: the generated {@code *Unsigned} reader, or null when the field has none (raw enums). */
    static Scalar u16(String name, long offset, ShortSetter set, ToIntFunction<MemorySegment> get,
            ToIntFunction<MemorySegment> unsigned) {
        return new Scalar(name, offset, 2, (s, v) -> set.set(s, (short) v), get::applyAsInt,
                unsigned == null ? null : unsigned::applyAsInt);
    }

    record Struct(String name, long bytes, Function<SegmentAllocator, MemorySegment> allocate, List<Scalar> scalars) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> structs() {
        return Stream.of(
                new Struct("HostDeviceMappedRegionInfo", HostDeviceMappedRegionInfo.BYTES,
                        HostDeviceMappedRegionInfo::allocate, List.of(
                        u64("host_data_ptr", 0, HostDeviceMappedRegionInfo::hostDataPtr, HostDeviceMappedRegionInfo::hostDataPtr),
                        u64("device_data_ptr", 8, HostDeviceMappedRegionInfo::deviceDataPtr, HostDeviceMappedRegionInfo::deviceDataPtr),
                        u64("data_bytes", 16, HostDeviceMappedRegionInfo::dataBytes, HostDeviceMappedRegionInfo::dataBytes),
                        u64("host_signal_ptr", 24, HostDeviceMappedRegionInfo::hostSignalPtr, HostDeviceMappedRegionInfo::hostSignalPtr),
                        u64("device_signal_ptr", 32, HostDeviceMappedRegionInfo::deviceSignalPtr, HostDeviceMappedRegionInfo::deviceSignalPtr),
                        u32("signal_count", 40, HostDeviceMappedRegionInfo::signalCount, HostDeviceMappedRegionInfo::signalCount,
                                HostDeviceMappedRegionInfo::signalCountUnsigned),
                        u64("total_bytes", 48, HostDeviceMappedRegionInfo::totalBytes, HostDeviceMappedRegionInfo::totalBytes),
                        u32("flags", 56, HostDeviceMappedRegionInfo::flags, HostDeviceMappedRegionInfo::flags,
                                HostDeviceMappedRegionInfo::flagsUnsigned))),
                new Struct("HostDeviceMappedRegionConfig", HostDeviceMappedRegionConfig.BYTES,
                        HostDeviceMappedRegionConfig::allocate, List.of(
                        u64("data_bytes", 0, HostDeviceMappedRegionConfig::dataBytes, HostDeviceMappedRegionConfig::dataBytes),
                        u32("signal_count", 8, HostDeviceMappedRegionConfig::signalCount, HostDeviceMappedRegionConfig::signalCount,
                                HostDeviceMappedRegionConfig::signalCountUnsigned),
                        u32("flags", 12, HostDeviceMappedRegionConfig::flags, HostDeviceMappedRegionConfig::flags,
                                HostDeviceMappedRegionConfig::flagsUnsigned))),
                new Struct("HostDeviceMappedRegionHeader", HostDeviceMappedRegionHeader.BYTES,
                        HostDeviceMappedRegionHeader::allocate, List.of(
                        u32("magic", 0, HostDeviceMappedRegionHeader::magic, HostDeviceMappedRegionHeader::magic,
                                HostDeviceMappedRegionHeader::magicUnsigned),
                        u32("version", 4, HostDeviceMappedRegionHeader::version, HostDeviceMappedRegionHeader::version,
                                HostDeviceMappedRegionHeader::versionUnsigned),
                        u32("flags", 8, HostDeviceMappedRegionHeader::flags, HostDeviceMappedRegionHeader::flags,
                                HostDeviceMappedRegionHeader::flagsUnsigned),
                        u32("signal_count", 12, HostDeviceMappedRegionHeader::signalCount, HostDeviceMappedRegionHeader::signalCount,
                                HostDeviceMappedRegionHeader::signalCountUnsigned),
                        u64("signal_offset", 16, HostDeviceMappedRegionHeader::signalOffset, HostDeviceMappedRegionHeader::signalOffset),
                        u64("data_offset", 24, HostDeviceMappedRegionHeader::dataOffset, HostDeviceMappedRegionHeader::dataOffset),
                        u64("data_bytes", 32, HostDeviceMappedRegionHeader::dataBytes, HostDeviceMappedRegionHeader::dataBytes),
                        u64("total_bytes", 40, HostDeviceMappedRegionHeader::totalBytes, HostDeviceMappedRegionHeader::totalBytes))),
                new Struct("HostDeviceMappedRegionSignalSlot", HostDeviceMappedRegionSignalSlot.BYTES,
                        HostDeviceMappedRegionSignalSlot::allocate, List.of(
                        u32("value", 0, HostDeviceMappedRegionSignalSlot::value, HostDeviceMappedRegionSignalSlot::value,
                                HostDeviceMappedRegionSignalSlot::valueUnsigned))),
                new Struct("HostDeviceMappedRegionDatacopyHeader", HostDeviceMappedRegionDatacopyHeader.BYTES,
                        HostDeviceMappedRegionDatacopyHeader::allocate, List.of(
                        u16("version", 4, HostDeviceMappedRegionDatacopyHeader::version,
                                HostDeviceMappedRegionDatacopyHeader::version, HostDeviceMappedRegionDatacopyHeader::versionUnsigned),
                        u16("op (raw)", 6, HostDeviceMappedRegionDatacopyHeader::opRaw,
                                HostDeviceMappedRegionDatacopyHeader::opRaw, null),
                        u64("region", 8, HostDeviceMappedRegionDatacopyHeader::region, HostDeviceMappedRegionDatacopyHeader::region),
                        u64("offset", 16, HostDeviceMappedRegionDatacopyHeader::offset, HostDeviceMappedRegionDatacopyHeader::offset),
                        u64("nbytes", 24, HostDeviceMappedRegionDatacopyHeader::nbytes, HostDeviceMappedRegionDatacopyHeader::nbytes),
                        i32("status", 32, HostDeviceMappedRegionDatacopyHeader::status, HostDeviceMappedRegionDatacopyHeader::status))),
                new Struct("ChipBootstrapMailboxV1", ChipBootstrapMailboxV1.BYTES, ChipBootstrapMailboxV1::allocate, List.of(
                        i32("state (raw)", 0, ChipBootstrapMailboxV1::stateRaw, ChipBootstrapMailboxV1::stateRaw),
                        i32("error_code", 4, ChipBootstrapMailboxV1::errorCode, ChipBootstrapMailboxV1::errorCode),
                        i32("buffer_count", 8, ChipBootstrapMailboxV1::bufferCount, ChipBootstrapMailboxV1::bufferCount),
                        u64("device_ctx", 16, ChipBootstrapMailboxV1::deviceCtx, ChipBootstrapMailboxV1::deviceCtx),
                        u64("local_window_base", 24, ChipBootstrapMailboxV1::localWindowBase, ChipBootstrapMailboxV1::localWindowBase),
                        u64("actual_window_size", 32, ChipBootstrapMailboxV1::actualWindowSize, ChipBootstrapMailboxV1::actualWindowSize))),
                new Struct("ChipBootstrapMailboxV2", ChipBootstrapMailboxV2.BYTES, ChipBootstrapMailboxV2::allocate, List.of(
                        i32("state (raw)", 0, ChipBootstrapMailboxV2::stateRaw, ChipBootstrapMailboxV2::stateRaw),
                        i32("error_code", 4, ChipBootstrapMailboxV2::errorCode, ChipBootstrapMailboxV2::errorCode),
                        i32("domain_count", 8, ChipBootstrapMailboxV2::domainCount, ChipBootstrapMailboxV2::domainCount))),
                new Struct("ChipBootstrapDomainRecord", ChipBootstrapDomainRecord.BYTES, ChipBootstrapDomainRecord::allocate, List.of(
                        i32("domain_rank", 32, ChipBootstrapDomainRecord::domainRank, ChipBootstrapDomainRecord::domainRank),
                        i32("domain_size", 36, ChipBootstrapDomainRecord::domainSize, ChipBootstrapDomainRecord::domainSize),
                        i32("buffer_count", 40, ChipBootstrapDomainRecord::bufferCount, ChipBootstrapDomainRecord::bufferCount),
                        i32("ptr_offset", 44, ChipBootstrapDomainRecord::ptrOffset, ChipBootstrapDomainRecord::ptrOffset),
                        u64("device_ctx", 48, ChipBootstrapDomainRecord::deviceCtx, ChipBootstrapDomainRecord::deviceCtx),
                        u64("local_window_base", 56, ChipBootstrapDomainRecord::localWindowBase, ChipBootstrapDomainRecord::localWindowBase),
                        u64("actual_window_size", 64, ChipBootstrapDomainRecord::actualWindowSize, ChipBootstrapDomainRecord::actualWindowSize))),
                new Struct("L3L2OrchRegionDesc", L3L2OrchRegionDesc.BYTES, L3L2OrchRegionDesc::allocate, List.of(
                        u64("magic_version", 0, L3L2OrchRegionDesc::magicVersion, L3L2OrchRegionDesc::magicVersion),
                        u64("region_id", 8, L3L2OrchRegionDesc::regionId, L3L2OrchRegionDesc::regionId),
                        u64("payload_base", 16, L3L2OrchRegionDesc::payloadBase, L3L2OrchRegionDesc::payloadBase),
                        u64("payload_bytes", 24, L3L2OrchRegionDesc::payloadBytes, L3L2OrchRegionDesc::payloadBytes),
                        u64("counter_base", 32, L3L2OrchRegionDesc::counterBase, L3L2OrchRegionDesc::counterBase),
                        u64("counter_bytes", 40, L3L2OrchRegionDesc::counterBytes, L3L2OrchRegionDesc::counterBytes))),
                new Struct("L3L2RegionCreateRequest", L3L2RegionCreateRequest.BYTES, L3L2RegionCreateRequest::allocate, List.of(
                        u64("magic_version", 0, L3L2RegionCreateRequest::magicVersion, L3L2RegionCreateRequest::magicVersion),
                        u64("request_bytes", 8, L3L2RegionCreateRequest::requestBytes, L3L2RegionCreateRequest::requestBytes),
                        u64("payload_bytes", 16, L3L2RegionCreateRequest::payloadBytes, L3L2RegionCreateRequest::payloadBytes),
                        u64("counter_bytes", 24, L3L2RegionCreateRequest::counterBytes, L3L2RegionCreateRequest::counterBytes))),
                new Struct("L3L2RegionCreateReply", L3L2RegionCreateReply.BYTES, L3L2RegionCreateReply::allocate, List.of(
                        u32("access_profile (raw)", 48, L3L2RegionCreateReply::accessProfileRaw,
                                L3L2RegionCreateReply::accessProfileRaw, null),
                        i32("device_id", 56, L3L2RegionCreateReply::deviceId, L3L2RegionCreateReply::deviceId),
                        u64("mapping_bytes", 96, L3L2RegionCreateReply::mappingBytes, L3L2RegionCreateReply::mappingBytes),
                        u64("shareable_handle", 104, L3L2RegionCreateReply::shareableHandle, L3L2RegionCreateReply::shareableHandle))),
                new Struct("L3L2QueueDescSlot", L3L2QueueDescSlot.BYTES, L3L2QueueDescSlot::allocate, List.of(
                        u64("seq", 0, L3L2QueueDescSlot::seq, L3L2QueueDescSlot::seq),
                        u64("opcode (raw)", 8, L3L2QueueDescSlot::opcodeRaw, L3L2QueueDescSlot::opcodeRaw),
                        u64("payload_offset", 16, L3L2QueueDescSlot::payloadOffset, L3L2QueueDescSlot::payloadOffset),
                        u64("payload_nbytes", 24, L3L2QueueDescSlot::payloadNbytes, L3L2QueueDescSlot::payloadNbytes))),
                new Struct("L3L2QueueArgs", L3L2QueueArgs.BYTES, L3L2QueueArgs::allocate, List.of(
                        u64("magic_version", 0, L3L2QueueArgs::magicVersion, L3L2QueueArgs::magicVersion),
                        u64("depth", 8, L3L2QueueArgs::depth, L3L2QueueArgs::depth),
                        u64("input_arena_bytes", 16, L3L2QueueArgs::inputArenaBytes, L3L2QueueArgs::inputArenaBytes),
                        u64("output_arena_bytes", 24, L3L2QueueArgs::outputArenaBytes, L3L2QueueArgs::outputArenaBytes),
                        u64("payload_bytes", 32, L3L2QueueArgs::payloadBytes, L3L2QueueArgs::payloadBytes),
                        u64("counter_bytes", 40, L3L2QueueArgs::counterBytes, L3L2QueueArgs::counterBytes))),
                new Struct("L3L2QueueCounterLine", L3L2QueueCounterLine.BYTES, L3L2QueueCounterLine::allocate, List.of(
                        i32("value", 0, L3L2QueueCounterLine::value, L3L2QueueCounterLine::value))),
                new Struct("HostDeviceChannelConfig", HostDeviceChannelConfig.BYTES, HostDeviceChannelConfig::allocate, List.of(
                        u32("lane_count_cpu_to_l2", 0, HostDeviceChannelConfig::laneCountCpuToL2,
                                HostDeviceChannelConfig::laneCountCpuToL2, HostDeviceChannelConfig::laneCountCpuToL2Unsigned),
                        u32("lane_count_l2_to_cpu", 4, HostDeviceChannelConfig::laneCountL2ToCpu,
                                HostDeviceChannelConfig::laneCountL2ToCpu, HostDeviceChannelConfig::laneCountL2ToCpuUnsigned),
                        u32("lane_depth", 8, HostDeviceChannelConfig::laneDepth, HostDeviceChannelConfig::laneDepth,
                                HostDeviceChannelConfig::laneDepthUnsigned),
                        u32("max_message_bytes", 12, HostDeviceChannelConfig::maxMessageBytes,
                                HostDeviceChannelConfig::maxMessageBytes, HostDeviceChannelConfig::maxMessageBytesUnsigned),
                        u32("flags", 16, HostDeviceChannelConfig::flags, HostDeviceChannelConfig::flags,
                                HostDeviceChannelConfig::flagsUnsigned))),
                new Struct("HostDeviceChannelHeader", HostDeviceChannelHeader.BYTES, HostDeviceChannelHeader::allocate, List.of(
                        u32("magic", 0, HostDeviceChannelHeader::magic, HostDeviceChannelHeader::magic,
                                HostDeviceChannelHeader::magicUnsigned),
                        u32("version", 4, HostDeviceChannelHeader::version, HostDeviceChannelHeader::version,
                                HostDeviceChannelHeader::versionUnsigned),
                        u32("flags", 8, HostDeviceChannelHeader::flags, HostDeviceChannelHeader::flags,
                                HostDeviceChannelHeader::flagsUnsigned),
                        u32("lane_count_cpu_to_l2", 12, HostDeviceChannelHeader::laneCountCpuToL2,
                                HostDeviceChannelHeader::laneCountCpuToL2, HostDeviceChannelHeader::laneCountCpuToL2Unsigned),
                        u32("lane_count_l2_to_cpu", 16, HostDeviceChannelHeader::laneCountL2ToCpu,
                                HostDeviceChannelHeader::laneCountL2ToCpu, HostDeviceChannelHeader::laneCountL2ToCpuUnsigned),
                        u32("lane_depth", 20, HostDeviceChannelHeader::laneDepth, HostDeviceChannelHeader::laneDepth,
                                HostDeviceChannelHeader::laneDepthUnsigned),
                        u32("max_message_bytes", 24, HostDeviceChannelHeader::maxMessageBytes,
                                HostDeviceChannelHeader::maxMessageBytes, HostDeviceChannelHeader::maxMessageBytesUnsigned),
                        u64("control_bytes", 32, HostDeviceChannelHeader::controlBytes, HostDeviceChannelHeader::controlBytes),
                        u64("fatal_status", 40, HostDeviceChannelHeader::fatalStatus, HostDeviceChannelHeader::fatalStatus))),
                new Struct("HostDeviceLaneHeader", HostDeviceLaneHeader.BYTES, HostDeviceLaneHeader::allocate, List.of(
                        u32("head", 0, HostDeviceLaneHeader::head, HostDeviceLaneHeader::head, HostDeviceLaneHeader::headUnsigned),
                        u32("tail", 4, HostDeviceLaneHeader::tail, HostDeviceLaneHeader::tail, HostDeviceLaneHeader::tailUnsigned),
                        u32("depth", 8, HostDeviceLaneHeader::depth, HostDeviceLaneHeader::depth, HostDeviceLaneHeader::depthUnsigned),
                        u32("depth_mask", 12, HostDeviceLaneHeader::depthMask, HostDeviceLaneHeader::depthMask,
                                HostDeviceLaneHeader::depthMaskUnsigned),
                        u64("dropped_count", 16, HostDeviceLaneHeader::droppedCount, HostDeviceLaneHeader::droppedCount),
                        u64("blocked_count", 24, HostDeviceLaneHeader::blockedCount, HostDeviceLaneHeader::blockedCount))),
                new Struct("HostDeviceDesc", HostDeviceDesc.BYTES, HostDeviceDesc::allocate, List.of(
                        u32("flags", 0, HostDeviceDesc::flags, HostDeviceDesc::flags, HostDeviceDesc::flagsUnsigned),
                        u32("payload_bytes", 4, HostDeviceDesc::payloadBytes, HostDeviceDesc::payloadBytes,
                                HostDeviceDesc::payloadBytesUnsigned),
                        u64("seq", 8, HostDeviceDesc::seq, HostDeviceDesc::seq),
                        u64("correlation_id", 16, HostDeviceDesc::correlationId, HostDeviceDesc::correlationId),
                        u32("route", 24, HostDeviceDesc::route, HostDeviceDesc::route, HostDeviceDesc::routeUnsigned))))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structs")
    void everyScalarRoundTripsAtItsOffset(Struct struct) {
        Random random = new Random(SEED ^ struct.name().hashCode());
        try (Arena arena = Arena.ofConfined()) {
            for (int round = 0; round < 50; round++) {
                MemorySegment segment = struct.allocate().apply(arena);
                assertThat(segment.byteSize()).isEqualTo(struct.bytes());
                long[] written = new long[struct.scalars().size()];
                for (int i = 0; i < written.length; i++) {
                    Scalar scalar = struct.scalars().get(i);
                    // About half have the top bit of their width set: unsigned values above the signed range.
                    written[i] = signExtend(random.nextLong(), scalar.bytes());
                    scalar.write().accept(segment, written[i]);
                }
                boolean[] touched = new boolean[(int) struct.bytes()];
                for (int i = 0; i < written.length; i++) {
                    Scalar scalar = struct.scalars().get(i);
                    String what = struct.name() + "." + scalar.name() + " (seed " + SEED + ")";
                    assertWithMessage("%s read back", what).that(scalar.read().applyAsLong(segment)).isEqualTo(written[i]);
                    assertWithMessage("%s as little-endian bytes at offset %s", what, scalar.offset())
                            .that(rawLittleEndian(segment, scalar.offset(), scalar.bytes())).isEqualTo(written[i]);
                    if (scalar.unsigned() != null) {
                        long mask = -1L >>> (64 - 8 * scalar.bytes());
                        assertWithMessage("%s read as unsigned", what)
                                .that(scalar.unsigned().applyAsLong(segment)).isEqualTo(written[i] & mask);
                    }
                    for (int b = 0; b < scalar.bytes(); b++) {
                        touched[(int) scalar.offset() + b] = true;
                    }
                }
                for (int b = 0; b < touched.length; b++) {
                    if (!touched[b]) {
                        assertWithMessage("%s byte %s, which no setter wrote (seed %s)", struct.name(), b, SEED)
                                .that(segment.get(ValueLayout.JAVA_BYTE, b)).isEqualTo((byte) 0);
                    }
                }
            }
        }
    }

    /** The edges of each width through the {@code *Unsigned} readers. */
    @Test
    void unsignedValuesAboveTheSignedRange() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment datacopy = HostDeviceMappedRegionDatacopyHeader.allocate(arena);
            HostDeviceMappedRegionDatacopyHeader.version(datacopy, (short) 0xFFFF);
            assertThat(HostDeviceMappedRegionDatacopyHeader.versionUnsigned(datacopy)).isEqualTo(65535);
            assertThat((int) HostDeviceMappedRegionDatacopyHeader.version(datacopy)).isEqualTo(-1);
            HostDeviceMappedRegionDatacopyHeader.version(datacopy, (short) 0x8000);
            assertThat(HostDeviceMappedRegionDatacopyHeader.versionUnsigned(datacopy)).isEqualTo(32768);

            MemorySegment lane = HostDeviceLaneHeader.allocate(arena);
            HostDeviceLaneHeader.tail(lane, 0xFFFF_FFFF);
            HostDeviceLaneHeader.head(lane, 0x8000_0000);
            assertThat(HostDeviceLaneHeader.tailUnsigned(lane)).isEqualTo(4_294_967_295L);
            assertThat(HostDeviceLaneHeader.headUnsigned(lane)).isEqualTo(2_147_483_648L);
            // The lane protocol compares with u32 wrap-around: tail - head as an unsigned 32-bit value.
            assertThat(Integer.toUnsignedLong(HostDeviceLaneHeader.tail(lane) - HostDeviceLaneHeader.head(lane)))
                    .isEqualTo(0x7FFF_FFFFL);

            MemorySegment desc = L3L2OrchRegionDesc.allocate(arena);
            L3L2OrchRegionDesc.payloadBase(desc, 0xFFFF_FFFF_FFFF_F000L);
            L3L2OrchRegionDesc.counterBase(desc, Long.MIN_VALUE);
            assertThat(Long.toUnsignedString(L3L2OrchRegionDesc.payloadBase(desc))).isEqualTo("18446744073709547520");
            assertThat(Long.toUnsignedString(L3L2OrchRegionDesc.counterBase(desc))).isEqualTo("9223372036854775808");

            // u8 array elements: 0xFF comes back as the byte -1, i.e. 255 unsigned.
            MemorySegment hdchDesc = HostDeviceDesc.allocate(arena);
            HostDeviceDesc.inlineData(hdchDesc, 255, (byte) 0xFF);
            assertThat(Byte.toUnsignedInt(HostDeviceDesc.inlineData(hdchDesc, 255))).isEqualTo(255);
            assertThat(hdchDesc.get(ValueLayout.JAVA_BYTE, 32 + 255)).isEqualTo((byte) 0xFF);
        }
    }

    private static long signExtend(long value, int bytes) {
        int shift = 64 - 8 * bytes;
        return (value << shift) >> shift;
    }

    private static long rawLittleEndian(MemorySegment segment, long offset, int bytes) {
        return switch (bytes) {
            case 8 -> segment.get(U64, offset);
            case 4 -> segment.get(U32, offset);
            case 2 -> segment.get(U16, offset);
            default -> throw new IllegalArgumentException("width " + bytes);
        };
    }
}
