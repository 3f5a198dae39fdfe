package dev.abic.generatedjava;

import static com.google.common.truth.Truth.assertThat;
import static dev.abic.generatedjava.StructFacts.assertStruct;
import static dev.abic.generatedjava.StructFacts.field;

import java.lang.foreign.MemoryLayout.PathElement;
import org.junit.jupiter.api.Test;
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
import simpler.l3l2.L3L2QueueCounters;
import simpler.l3l2.L3L2QueueDescSlot;
import simpler.l3l2.L3L2QueueTaskArgs;
import simpler.orch.L3L2OrchRegionDesc;
import simpler.orch.L3L2RegionCreateReply;
import simpler.orch.L3L2RegionCreateRequest;

/**
 * Every struct of idl/ against the layout tables of the real ABI (simpler-abi-facts.md), field by
 * field: offset and size through {@code LAYOUT}, and the {@code BYTES}, {@code *_OFFSET} and
 * {@code *_LENGTH} constants. Rows the facts call padding or "unused" are the IDL's reserved fields.
 */
class StructLayoutFactsTest {

    // ---------------------------------------------------------------- HDMR (facts §2)

    @Test
    void hostDeviceMappedRegionInfo() {
        assertStruct(HostDeviceMappedRegionInfo.LAYOUT, HostDeviceMappedRegionInfo.BYTES, 64, 8,
                field("host_data_ptr", 0, 8, HostDeviceMappedRegionInfo.HOST_DATA_PTR_OFFSET),
                field("device_data_ptr", 8, 8, HostDeviceMappedRegionInfo.DEVICE_DATA_PTR_OFFSET),
                field("data_bytes", 16, 8, HostDeviceMappedRegionInfo.DATA_BYTES_OFFSET),
                field("host_signal_ptr", 24, 8, HostDeviceMappedRegionInfo.HOST_SIGNAL_PTR_OFFSET),
                field("device_signal_ptr", 32, 8, HostDeviceMappedRegionInfo.DEVICE_SIGNAL_PTR_OFFSET),
                field("signal_count", 40, 4, HostDeviceMappedRegionInfo.SIGNAL_COUNT_OFFSET),
                field("reserved0", 44, 4, HostDeviceMappedRegionInfo.RESERVED0_OFFSET),
                field("total_bytes", 48, 8, HostDeviceMappedRegionInfo.TOTAL_BYTES_OFFSET),
                field("flags", 56, 4, HostDeviceMappedRegionInfo.FLAGS_OFFSET),
                field("reserved1", 60, 4, HostDeviceMappedRegionInfo.RESERVED1_OFFSET));
    }

    @Test
    void hostDeviceMappedRegionConfig() {
        assertStruct(HostDeviceMappedRegionConfig.LAYOUT, HostDeviceMappedRegionConfig.BYTES, 16, 8,
                field("data_bytes", 0, 8, HostDeviceMappedRegionConfig.DATA_BYTES_OFFSET),
                field("signal_count", 8, 4, HostDeviceMappedRegionConfig.SIGNAL_COUNT_OFFSET),
                field("flags", 12, 4, HostDeviceMappedRegionConfig.FLAGS_OFFSET));
    }

    @Test
    void hostDeviceMappedRegionHeader() {
        assertStruct(HostDeviceMappedRegionHeader.LAYOUT, HostDeviceMappedRegionHeader.BYTES, 64, 64,
                field("magic", 0, 4, HostDeviceMappedRegionHeader.MAGIC_OFFSET),
                field("version", 4, 4, HostDeviceMappedRegionHeader.VERSION_OFFSET),
                field("flags", 8, 4, HostDeviceMappedRegionHeader.FLAGS_OFFSET),
                field("signal_count", 12, 4, HostDeviceMappedRegionHeader.SIGNAL_COUNT_OFFSET),
                field("signal_offset", 16, 8, HostDeviceMappedRegionHeader.SIGNAL_OFFSET_OFFSET),
                field("data_offset", 24, 8, HostDeviceMappedRegionHeader.DATA_OFFSET_OFFSET),
                field("data_bytes", 32, 8, HostDeviceMappedRegionHeader.DATA_BYTES_OFFSET),
                field("total_bytes", 40, 8, HostDeviceMappedRegionHeader.TOTAL_BYTES_OFFSET),
                field("reserved", 48, 16, HostDeviceMappedRegionHeader.RESERVED_OFFSET));
        assertThat(HostDeviceMappedRegionHeader.RESERVED_LENGTH).isEqualTo(2);
    }

    @Test
    void hostDeviceMappedRegionSignalSlot() {
        assertStruct(HostDeviceMappedRegionSignalSlot.LAYOUT, HostDeviceMappedRegionSignalSlot.BYTES, 64, 64,
                field("value", 0, 4, HostDeviceMappedRegionSignalSlot.VALUE_OFFSET),
                field("reserved0", 4, 4, HostDeviceMappedRegionSignalSlot.RESERVED0_OFFSET),
                field("reserved", 8, 56, HostDeviceMappedRegionSignalSlot.RESERVED_OFFSET));
        assertThat(HostDeviceMappedRegionSignalSlot.RESERVED_LENGTH).isEqualTo(7);
    }

    /** Facts §2.6: Python format {@code <4sHHQQQiI24x}. */
    @Test
    void hostDeviceMappedRegionDatacopyHeader() {
        assertStruct(HostDeviceMappedRegionDatacopyHeader.LAYOUT, HostDeviceMappedRegionDatacopyHeader.BYTES, 64, 8,
                field("magic", 0, 4, HostDeviceMappedRegionDatacopyHeader.MAGIC_OFFSET),
                field("version", 4, 2, HostDeviceMappedRegionDatacopyHeader.VERSION_OFFSET),
                field("op", 6, 2, HostDeviceMappedRegionDatacopyHeader.OP_OFFSET),
                field("region", 8, 8, HostDeviceMappedRegionDatacopyHeader.REGION_OFFSET),
                field("offset", 16, 8, HostDeviceMappedRegionDatacopyHeader.OFFSET_OFFSET),
                field("nbytes", 24, 8, HostDeviceMappedRegionDatacopyHeader.NBYTES_OFFSET),
                field("status", 32, 4, HostDeviceMappedRegionDatacopyHeader.STATUS_OFFSET),
                field("reserved0", 36, 4, HostDeviceMappedRegionDatacopyHeader.RESERVED0_OFFSET),
                field("reserved1", 40, 24, HostDeviceMappedRegionDatacopyHeader.RESERVED1_OFFSET));
        assertThat(HostDeviceMappedRegionDatacopyHeader.MAGIC_LENGTH).isEqualTo(4);
        assertThat(HostDeviceMappedRegionDatacopyHeader.RESERVED1_LENGTH).isEqualTo(24);
    }

    // ---------------------------------------------------------------- chip bootstrap (facts §3)

    @Test
    void chipBootstrapMailboxV1() {
        assertStruct(ChipBootstrapMailboxV1.LAYOUT, ChipBootstrapMailboxV1.BYTES, 4096, 8,
                field("state", 0, 4, ChipBootstrapMailboxV1.STATE_OFFSET),
                field("error_code", 4, 4, ChipBootstrapMailboxV1.ERROR_CODE_OFFSET),
                field("buffer_count", 8, 4, ChipBootstrapMailboxV1.BUFFER_COUNT_OFFSET),
                field("reserved0", 12, 4, ChipBootstrapMailboxV1.RESERVED0_OFFSET),
                field("device_ctx", 16, 8, ChipBootstrapMailboxV1.DEVICE_CTX_OFFSET),
                field("local_window_base", 24, 8, ChipBootstrapMailboxV1.LOCAL_WINDOW_BASE_OFFSET),
                field("actual_window_size", 32, 8, ChipBootstrapMailboxV1.ACTUAL_WINDOW_SIZE_OFFSET),
                field("reserved1", 40, 24, ChipBootstrapMailboxV1.RESERVED1_OFFSET),
                field("buffer_ptrs", 64, 3008, ChipBootstrapMailboxV1.BUFFER_PTRS_OFFSET),
                field("error_msg", 3072, 1024, ChipBootstrapMailboxV1.ERROR_MSG_OFFSET));
        assertThat(ChipBootstrapMailboxV1.BUFFER_PTRS_LENGTH).isEqualTo(376);
        assertThat(ChipBootstrapMailboxV1.BUFFER_COUNT_MAX).isEqualTo(376);
        assertThat(ChipBootstrapMailboxV1.ERROR_MSG_LENGTH).isEqualTo(1024);
        assertThat(ChipBootstrapMailboxV1.RESERVED1_LENGTH).isEqualTo(3);
    }

    @Test
    void chipBootstrapMailboxV2() {
        assertStruct(ChipBootstrapMailboxV2.LAYOUT, ChipBootstrapMailboxV2.BYTES, 4096, 8,
                field("state", 0, 4, ChipBootstrapMailboxV2.STATE_OFFSET),
                field("error_code", 4, 4, ChipBootstrapMailboxV2.ERROR_CODE_OFFSET),
                field("domain_count", 8, 4, ChipBootstrapMailboxV2.DOMAIN_COUNT_OFFSET),
                field("reserved0", 12, 52, ChipBootstrapMailboxV2.RESERVED0_OFFSET),
                field("domain_records", 64, 640, ChipBootstrapMailboxV2.DOMAIN_RECORDS_OFFSET),
                field("buffer_ptrs", 704, 2368, ChipBootstrapMailboxV2.BUFFER_PTRS_OFFSET),
                field("error_msg", 3072, 1024, ChipBootstrapMailboxV2.ERROR_MSG_OFFSET));
        assertThat(ChipBootstrapMailboxV2.DOMAIN_RECORDS_LENGTH).isEqualTo(8);
        assertThat(ChipBootstrapMailboxV2.DOMAIN_COUNT_MAX).isEqualTo(8);
        assertThat(ChipBootstrapMailboxV2.BUFFER_PTRS_LENGTH).isEqualTo(296);
        assertThat(ChipBootstrapMailboxV2.RESERVED0_LENGTH).isEqualTo(52);
        // Record i at 64 + i * 80 (facts §3.3), here record 5's buffer_count.
        assertThat(ChipBootstrapMailboxV2.LAYOUT.byteOffset(PathElement.groupElement("domain_records"),
                PathElement.sequenceElement(5), PathElement.groupElement("buffer_count"))).isEqualTo(64 + 5 * 80 + 40);
        assertThat(ChipBootstrapMailboxV2.LAYOUT.byteOffset(PathElement.groupElement("buffer_ptrs"),
                PathElement.sequenceElement(295))).isEqualTo(3072 - 8);
    }

    @Test
    void chipBootstrapDomainRecord() {
        assertStruct(ChipBootstrapDomainRecord.LAYOUT, ChipBootstrapDomainRecord.BYTES, 80, 8,
                field("name", 0, 32, ChipBootstrapDomainRecord.NAME_OFFSET),
                field("domain_rank", 32, 4, ChipBootstrapDomainRecord.DOMAIN_RANK_OFFSET),
                field("domain_size", 36, 4, ChipBootstrapDomainRecord.DOMAIN_SIZE_OFFSET),
                field("buffer_count", 40, 4, ChipBootstrapDomainRecord.BUFFER_COUNT_OFFSET),
                field("ptr_offset", 44, 4, ChipBootstrapDomainRecord.PTR_OFFSET_OFFSET),
                field("device_ctx", 48, 8, ChipBootstrapDomainRecord.DEVICE_CTX_OFFSET),
                field("local_window_base", 56, 8, ChipBootstrapDomainRecord.LOCAL_WINDOW_BASE_OFFSET),
                field("actual_window_size", 64, 8, ChipBootstrapDomainRecord.ACTUAL_WINDOW_SIZE_OFFSET),
                field("reserved0", 72, 8, ChipBootstrapDomainRecord.RESERVED0_OFFSET));
        assertThat(ChipBootstrapDomainRecord.NAME_LENGTH).isEqualTo(32);
        assertThat(ChipBootstrapDomainRecord.BUFFER_COUNT_MAX).isEqualTo(296);
        assertThat(ChipBootstrapDomainRecord.PTR_OFFSET_MAX).isEqualTo(296);
    }

    // ---------------------------------------------------------------- orchestration region (facts §4)

    @Test
    void l3l2OrchRegionDesc() {
        assertStruct(L3L2OrchRegionDesc.LAYOUT, L3L2OrchRegionDesc.BYTES, 48, 8,
                field("magic_version", 0, 8, L3L2OrchRegionDesc.MAGIC_VERSION_OFFSET),
                field("region_id", 8, 8, L3L2OrchRegionDesc.REGION_ID_OFFSET),
                field("payload_base", 16, 8, L3L2OrchRegionDesc.PAYLOAD_BASE_OFFSET),
                field("payload_bytes", 24, 8, L3L2OrchRegionDesc.PAYLOAD_BYTES_OFFSET),
                field("counter_base", 32, 8, L3L2OrchRegionDesc.COUNTER_BASE_OFFSET),
                field("counter_bytes", 40, 8, L3L2OrchRegionDesc.COUNTER_BYTES_OFFSET));
    }

    /** Facts §4.5: {@code <QQQQ}. */
    @Test
    void l3l2RegionCreateRequest() {
        assertStruct(L3L2RegionCreateRequest.LAYOUT, L3L2RegionCreateRequest.BYTES, 32, 8,
                field("magic_version", 0, 8, L3L2RegionCreateRequest.MAGIC_VERSION_OFFSET),
                field("request_bytes", 8, 8, L3L2RegionCreateRequest.REQUEST_BYTES_OFFSET),
                field("payload_bytes", 16, 8, L3L2RegionCreateRequest.PAYLOAD_BYTES_OFFSET),
                field("counter_bytes", 24, 8, L3L2RegionCreateRequest.COUNTER_BYTES_OFFSET));
    }

    /** Facts §4.5: {@code <6QIIi32s4xQQ}; the rollback path reads region_id at offset 8. */
    @Test
    void l3l2RegionCreateReply() {
        assertStruct(L3L2RegionCreateReply.LAYOUT, L3L2RegionCreateReply.BYTES, 112, 8,
                field("desc", 0, 48, L3L2RegionCreateReply.DESC_OFFSET),
                field("access_profile", 48, 4, L3L2RegionCreateReply.ACCESS_PROFILE_OFFSET),
                field("reserved0", 52, 4, L3L2RegionCreateReply.RESERVED0_OFFSET),
                field("device_id", 56, 4, L3L2RegionCreateReply.DEVICE_ID_OFFSET),
                field("backing_shm", 60, 32, L3L2RegionCreateReply.BACKING_SHM_OFFSET),
                field("reserved1", 92, 4, L3L2RegionCreateReply.RESERVED1_OFFSET),
                field("mapping_bytes", 96, 8, L3L2RegionCreateReply.MAPPING_BYTES_OFFSET),
                field("shareable_handle", 104, 8, L3L2RegionCreateReply.SHAREABLE_HANDLE_OFFSET));
        assertThat(L3L2RegionCreateReply.BACKING_SHM_LENGTH).isEqualTo(32);
        assertThat(L3L2RegionCreateReply.LAYOUT.byteOffset(PathElement.groupElement("desc"),
                PathElement.groupElement("region_id"))).isEqualTo(8);
    }

    // ---------------------------------------------------------------- message queue (facts §5)

    @Test
    void l3l2QueueDescSlot() {
        assertStruct(L3L2QueueDescSlot.LAYOUT, L3L2QueueDescSlot.BYTES, 32, 8,
                field("seq", 0, 8, L3L2QueueDescSlot.SEQ_OFFSET),
                field("opcode", 8, 8, L3L2QueueDescSlot.OPCODE_OFFSET),
                field("payload_offset", 16, 8, L3L2QueueDescSlot.PAYLOAD_OFFSET_OFFSET),
                field("payload_nbytes", 24, 8, L3L2QueueDescSlot.PAYLOAD_NBYTES_OFFSET));
    }

    /** Facts §5.3: six u64 in the order magic_version, depth, input/output arena bytes, payload bytes, counter bytes. */
    @Test
    void l3l2QueueArgs() {
        assertStruct(L3L2QueueArgs.LAYOUT, L3L2QueueArgs.BYTES, 48, 8,
                field("magic_version", 0, 8, L3L2QueueArgs.MAGIC_VERSION_OFFSET),
                field("depth", 8, 8, L3L2QueueArgs.DEPTH_OFFSET),
                field("input_arena_bytes", 16, 8, L3L2QueueArgs.INPUT_ARENA_BYTES_OFFSET),
                field("output_arena_bytes", 24, 8, L3L2QueueArgs.OUTPUT_ARENA_BYTES_OFFSET),
                field("payload_bytes", 32, 8, L3L2QueueArgs.PAYLOAD_BYTES_OFFSET),
                field("counter_bytes", 40, 8, L3L2QueueArgs.COUNTER_BYTES_OFFSET));
        assertThat(L3L2QueueArgs.DEPTH_MAX).isEqualTo(1L << 30);
    }

    /** Facts §5.6: scalars 0..5 are the region descriptor, 6..11 the queue arguments. */
    @Test
    void l3l2QueueTaskArgs() {
        assertStruct(L3L2QueueTaskArgs.LAYOUT, L3L2QueueTaskArgs.BYTES, 96, 8,
                field("region", 0, 48, L3L2QueueTaskArgs.REGION_OFFSET),
                field("queue", 48, 48, L3L2QueueTaskArgs.QUEUE_OFFSET));
        // scalar 7 is depth, scalar 11 counter_bytes
        assertThat(L3L2QueueTaskArgs.LAYOUT.byteOffset(PathElement.groupElement("queue"),
                PathElement.groupElement("depth"))).isEqualTo(7 * 8);
        assertThat(L3L2QueueTaskArgs.LAYOUT.byteOffset(PathElement.groupElement("queue"),
                PathElement.groupElement("counter_bytes"))).isEqualTo(11 * 8);
    }

    /** Facts §5.4: each counter an int32 at the start of its own 64-byte line. */
    @Test
    void l3l2QueueCounters() {
        assertStruct(L3L2QueueCounterLine.LAYOUT, L3L2QueueCounterLine.BYTES, 64, 64,
                field("value", 0, 4, L3L2QueueCounterLine.VALUE_OFFSET),
                field("reserved0", 4, 4, L3L2QueueCounterLine.RESERVED0_OFFSET),
                field("reserved", 8, 56, L3L2QueueCounterLine.RESERVED_OFFSET));
        assertStruct(L3L2QueueCounters.LAYOUT, L3L2QueueCounters.BYTES, 384, 64,
                field("input_desc_tail", 0, 64, L3L2QueueCounters.INPUT_DESC_TAIL_OFFSET),
                field("input_desc_head", 64, 64, L3L2QueueCounters.INPUT_DESC_HEAD_OFFSET),
                field("output_desc_tail", 128, 64, L3L2QueueCounters.OUTPUT_DESC_TAIL_OFFSET),
                field("output_desc_head", 192, 64, L3L2QueueCounters.OUTPUT_DESC_HEAD_OFFSET),
                field("l3_abort_flag", 256, 64, L3L2QueueCounters.L3_ABORT_FLAG_OFFSET),
                field("l2_abort_flag", 320, 64, L3L2QueueCounters.L2_ABORT_FLAG_OFFSET));
    }

    // ---------------------------------------------------------------- HDCH (facts §6)

    @Test
    void hostDeviceChannelConfig() {
        assertStruct(HostDeviceChannelConfig.LAYOUT, HostDeviceChannelConfig.BYTES, 20, 4,
                field("lane_count_cpu_to_l2", 0, 4, HostDeviceChannelConfig.LANE_COUNT_CPU_TO_L2_OFFSET),
                field("lane_count_l2_to_cpu", 4, 4, HostDeviceChannelConfig.LANE_COUNT_L2_TO_CPU_OFFSET),
                field("lane_depth", 8, 4, HostDeviceChannelConfig.LANE_DEPTH_OFFSET),
                field("max_message_bytes", 12, 4, HostDeviceChannelConfig.MAX_MESSAGE_BYTES_OFFSET),
                field("flags", 16, 4, HostDeviceChannelConfig.FLAGS_OFFSET));
        assertThat(HostDeviceChannelConfig.MAX_MESSAGE_BYTES_MAX).isEqualTo(256);
    }

    /** Facts §6.3: 80 bytes of fields, padded to 128 by alignas(64). */
    @Test
    void hostDeviceChannelHeader() {
        assertStruct(HostDeviceChannelHeader.LAYOUT, HostDeviceChannelHeader.BYTES, 128, 64,
                field("magic", 0, 4, HostDeviceChannelHeader.MAGIC_OFFSET),
                field("version", 4, 4, HostDeviceChannelHeader.VERSION_OFFSET),
                field("flags", 8, 4, HostDeviceChannelHeader.FLAGS_OFFSET),
                field("lane_count_cpu_to_l2", 12, 4, HostDeviceChannelHeader.LANE_COUNT_CPU_TO_L2_OFFSET),
                field("lane_count_l2_to_cpu", 16, 4, HostDeviceChannelHeader.LANE_COUNT_L2_TO_CPU_OFFSET),
                field("lane_depth", 20, 4, HostDeviceChannelHeader.LANE_DEPTH_OFFSET),
                field("max_message_bytes", 24, 4, HostDeviceChannelHeader.MAX_MESSAGE_BYTES_OFFSET),
                field("reserved0", 28, 4, HostDeviceChannelHeader.RESERVED0_OFFSET),
                field("control_bytes", 32, 8, HostDeviceChannelHeader.CONTROL_BYTES_OFFSET),
                field("fatal_status", 40, 8, HostDeviceChannelHeader.FATAL_STATUS_OFFSET),
                field("reserved", 48, 32, HostDeviceChannelHeader.RESERVED_OFFSET),
                field("reserved_tail", 80, 48, HostDeviceChannelHeader.RESERVED_TAIL_OFFSET));
        assertThat(HostDeviceChannelHeader.RESERVED_LENGTH).isEqualTo(4);
    }

    @Test
    void hostDeviceLaneHeader() {
        assertStruct(HostDeviceLaneHeader.LAYOUT, HostDeviceLaneHeader.BYTES, 64, 64,
                field("head", 0, 4, HostDeviceLaneHeader.HEAD_OFFSET),
                field("tail", 4, 4, HostDeviceLaneHeader.TAIL_OFFSET),
                field("depth", 8, 4, HostDeviceLaneHeader.DEPTH_OFFSET),
                field("depth_mask", 12, 4, HostDeviceLaneHeader.DEPTH_MASK_OFFSET),
                field("dropped_count", 16, 8, HostDeviceLaneHeader.DROPPED_COUNT_OFFSET),
                field("blocked_count", 24, 8, HostDeviceLaneHeader.BLOCKED_COUNT_OFFSET),
                field("reserved", 32, 32, HostDeviceLaneHeader.RESERVED_OFFSET));
        assertThat(HostDeviceLaneHeader.RESERVED_LENGTH).isEqualTo(4);
    }

    /** Facts §6.3 (library version, PR 803): inline_data at 32, 288 bytes of fields padded to 320. */
    @Test
    void hostDeviceDesc() {
        assertStruct(HostDeviceDesc.LAYOUT, HostDeviceDesc.BYTES, 320, 64,
                field("flags", 0, 4, HostDeviceDesc.FLAGS_OFFSET),
                field("payload_bytes", 4, 4, HostDeviceDesc.PAYLOAD_BYTES_OFFSET),
                field("seq", 8, 8, HostDeviceDesc.SEQ_OFFSET),
                field("correlation_id", 16, 8, HostDeviceDesc.CORRELATION_ID_OFFSET),
                field("route", 24, 4, HostDeviceDesc.ROUTE_OFFSET),
                field("reserved0", 28, 4, HostDeviceDesc.RESERVED0_OFFSET),
                field("inline_data", 32, 256, HostDeviceDesc.INLINE_DATA_OFFSET),
                field("reserved_tail", 288, 32, HostDeviceDesc.RESERVED_TAIL_OFFSET));
        assertThat(HostDeviceDesc.INLINE_DATA_LENGTH).isEqualTo(256);
        assertThat(HostDeviceDesc.PAYLOAD_BYTES_MAX).isEqualTo(256);
    }
}
