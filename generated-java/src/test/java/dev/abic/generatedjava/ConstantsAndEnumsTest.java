package dev.abic.generatedjava;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import simpler.bootstrap.ChipBootstrapAbi;
import simpler.bootstrap.ChipBootstrapMailboxState;
import simpler.hdch.HdchAbi;
import simpler.hdch.HdchStatus;
import simpler.hdch.HostDeviceChannelHeader;
import simpler.hdmr.HdmrAbi;
import simpler.hdmr.HostDeviceMappedRegionDatacopyHeader;
import simpler.hdmr.HostDeviceMappedRegionDatacopyOp;
import simpler.hdmr.HostDeviceMappedRegionHeader;
import simpler.l3l2.L3L2QueueErrorKind;
import simpler.l3l2.L3L2QueueOp;
import simpler.l3l2.L3L2QueueOpcode;
import simpler.l3l2.L3L2QueueTimeoutStatus;
import simpler.l3l2.L3l2QueueAbi;
import simpler.orch.L3L2EndpointErrorKind;
import simpler.orch.L3L2EndpointOp;
import simpler.orch.L3L2OrchCommValidationError;
import simpler.orch.L3L2OrchNotifyOp;
import simpler.orch.L3L2OrchWaitCmp;
import simpler.orch.L3L2RegionAccessProfile;
import simpler.orch.OrchCommAbi;

/** The constants classes and the enums against the values of the real ABI (simpler-abi-facts.md). */
class ConstantsAndEnumsTest {

    // ---------------------------------------------------------------- constants

    /** Facts §2.3, §2.6. */
    @Test
    void hdmrConstants() {
        assertThat(HdmrAbi.HDMR_MAGIC).isEqualTo(0x48444D52);
        assertThat(HdmrAbi.HDMR_VERSION).isEqualTo(1);
        assertThat(HdmrAbi.HDMR_ALIGNMENT).isEqualTo(64);
        assertThat(HdmrAbi.HDMR_SIGNAL_SLOT_STRIDE).isEqualTo(64);
        assertThat(HdmrAbi.CTRL_OPEN_MAPPED_REGION).isEqualTo(12);
        assertThat(HdmrAbi.CTRL_CLOSE_MAPPED_REGION).isEqualTo(13);
        assertThat(HdmrAbi.CTRL_MAPPED_REGION_INFO).isEqualTo(14);
        assertThat(HdmrAbi.CTRL_MAPPED_REGION_DATACOPY_H2REGION).isEqualTo(15);
        assertThat(HdmrAbi.CTRL_MAPPED_REGION_DATACOPY_REGION2H).isEqualTo(16);
        assertThat(HdmrAbi.CTRL_MAPPED_REGION_NOTIFY).isEqualTo(17);
        assertThat(HdmrAbi.CTRL_MAPPED_REGION_WAIT).isEqualTo(18);
        assertThat((int) HdmrAbi.HMRD_VERSION).isEqualTo(1);
        assertThat(HdmrAbi.HMRD_MAGIC_LE32).isEqualTo(0x44524D48);
    }

    /** Facts §3.1, §3.2, §3.3. */
    @Test
    void chipBootstrapConstants() {
        assertThat(ChipBootstrapAbi.CHIP_BOOTSTRAP_MAILBOX_SIZE).isEqualTo(4096);
        assertThat(ChipBootstrapAbi.CHIP_BOOTSTRAP_HEADER_SIZE).isEqualTo(64);
        assertThat(ChipBootstrapAbi.CHIP_BOOTSTRAP_ERROR_MSG_SIZE).isEqualTo(1024);
        assertThat(ChipBootstrapAbi.CHIP_BOOTSTRAP_OFF_STATE).isEqualTo(0);
        assertThat(ChipBootstrapAbi.CHIP_BOOTSTRAP_OFF_ERROR_CODE).isEqualTo(4);
        assertThat(ChipBootstrapAbi.CHIP_BOOTSTRAP_OFF_ERROR_MSG).isEqualTo(3072);
        assertThat(ChipBootstrapAbi.CHIP_BOOTSTRAP_V1_PTR_CAPACITY).isEqualTo(376);
        assertThat(ChipBootstrapAbi.CHIP_BOOTSTRAP_MAX_DOMAINS).isEqualTo(8);
        assertThat(ChipBootstrapAbi.CHIP_BOOTSTRAP_DOMAIN_NAME_SIZE).isEqualTo(32);
        assertThat(ChipBootstrapAbi.CHIP_BOOTSTRAP_DOMAIN_RECORD_SIZE).isEqualTo(80);
        assertThat(ChipBootstrapAbi.CHIP_BOOTSTRAP_OFF_DOMAIN_COUNT).isEqualTo(8);
        assertThat(ChipBootstrapAbi.CHIP_BOOTSTRAP_OFF_BUFFER_COUNT).isEqualTo(8);
        assertThat(ChipBootstrapAbi.CHIP_BOOTSTRAP_OFF_DOMAIN_RECORDS).isEqualTo(64);
        assertThat(ChipBootstrapAbi.CHIP_BOOTSTRAP_OFF_BUFFER_PTRS).isEqualTo(704);
        assertThat(ChipBootstrapAbi.CHIP_BOOTSTRAP_V2_PTR_CAPACITY).isEqualTo(296);
    }

    /** Facts §4.1, §4.5. */
    @Test
    void orchCommConstants() {
        assertThat(OrchCommAbi.L3L2_ORCH_COMM_MAGIC).isEqualTo(0x4C334C32);
        assertThat((int) OrchCommAbi.L3L2_ORCH_COMM_ABI_MAJOR).isEqualTo(2);
        assertThat((int) OrchCommAbi.L3L2_ORCH_COMM_ABI_MINOR).isEqualTo(0);
        assertThat(OrchCommAbi.L3L2_ORCH_COMM_MAGIC_VERSION).isEqualTo(0x4C334C32_00020000L);
        assertThat(OrchCommAbi.L3L2_ORCH_REGION_DESC_SCALAR_COUNT).isEqualTo(6);
        assertThat(OrchCommAbi.L3L2_ORCH_COMM_COUNTER_BYTES).isEqualTo(4);
        assertThat(OrchCommAbi.L3L2_ORCH_COMM_COUNTER_BASE_ALIGNMENT).isEqualTo(64);
        assertThat(OrchCommAbi.CTRL_L3_L2_REGION_CREATE).isEqualTo(16);
        assertThat(OrchCommAbi.CTRL_L3_L2_REGION_RELEASE).isEqualTo(17);
        assertThat(OrchCommAbi.L3L2_REGION_CREATE_REQUEST_BYTES).isEqualTo(32);
        assertThat(OrchCommAbi.L3L2_REGION_CREATE_REPLY_BYTES).isEqualTo(112);
    }

    /** Facts §5.1. */
    @Test
    void queueConstants() {
        assertThat(L3l2QueueAbi.L3L2_QUEUE_MAGIC).isEqualTo(0x4C335132);
        assertThat((int) L3l2QueueAbi.L3L2_QUEUE_ABI_MAJOR).isEqualTo(1);
        assertThat((int) L3l2QueueAbi.L3L2_QUEUE_ABI_MINOR).isEqualTo(1);
        assertThat(L3l2QueueAbi.L3L2_QUEUE_MAGIC_VERSION).isEqualTo(0x4C335132_00010001L);
        assertThat(L3l2QueueAbi.L3L2_QUEUE_DESC_SLOT_BYTES).isEqualTo(32);
        assertThat(L3l2QueueAbi.L3L2_QUEUE_DESC_RING_ALIGNMENT).isEqualTo(8);
        assertThat(L3l2QueueAbi.L3L2_QUEUE_PAYLOAD_ARENA_ALIGNMENT).isEqualTo(64);
        assertThat(L3l2QueueAbi.L3L2_QUEUE_COUNTER_STRIDE).isEqualTo(64);
        assertThat(L3l2QueueAbi.L3L2_QUEUE_INPUT_DESC_TAIL_OFFSET).isEqualTo(0);
        assertThat(L3l2QueueAbi.L3L2_QUEUE_INPUT_DESC_HEAD_OFFSET).isEqualTo(64);
        assertThat(L3l2QueueAbi.L3L2_QUEUE_OUTPUT_DESC_TAIL_OFFSET).isEqualTo(128);
        assertThat(L3l2QueueAbi.L3L2_QUEUE_OUTPUT_DESC_HEAD_OFFSET).isEqualTo(192);
        assertThat(L3l2QueueAbi.L3L2_QUEUE_L3_ABORT_FLAG_OFFSET).isEqualTo(256);
        assertThat(L3l2QueueAbi.L3L2_QUEUE_L2_ABORT_FLAG_OFFSET).isEqualTo(320);
        assertThat(L3l2QueueAbi.L3L2_QUEUE_COUNTER_BYTES).isEqualTo(384);
        assertThat(L3l2QueueAbi.L3L2_QUEUE_MAX_DEPTH).isEqualTo(1L << 30);
    }

    /** Facts §6.1. */
    @Test
    void hdchConstants() {
        assertThat(HdchAbi.HDCH_MAGIC).isEqualTo(0x48444348);
        assertThat(HdchAbi.HDCH_VERSION).isEqualTo(1);
        assertThat(HdchAbi.HDCH_MAX_INLINE_BYTES).isEqualTo(256);
    }

    /** magic_version = magic << 32 | major << 16 | minor (facts §4.1). */
    /**
     * The "ASCII magic" integers have their first letter in the most significant byte, so on the
     * little-endian ABI they read reversed in memory (facts, introduction); "HMRD" is a byte string.
     */
    @Test
    void magicNumbersAreStoredLittleEndian() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment hdch = HostDeviceChannelHeader.allocate(arena);
            HostDeviceChannelHeader.magic(hdch, HdchAbi.HDCH_MAGIC);
            assertThat(ascii(hdch, HostDeviceChannelHeader.MAGIC_OFFSET, 4)).isEqualTo("HCDH");

            MemorySegment hdmr = HostDeviceMappedRegionHeader.allocate(arena);
            HostDeviceMappedRegionHeader.magic(hdmr, HdmrAbi.HDMR_MAGIC);
            assertThat(ascii(hdmr, HostDeviceMappedRegionHeader.MAGIC_OFFSET, 4)).isEqualTo("RMDH");

            // The datacopy magic is the four bytes "HMRD"; HMRD_MAGIC_LE32 is them read as a little-endian u32.
            MemorySegment datacopy = HostDeviceMappedRegionDatacopyHeader.allocate(arena);
            datacopy.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN),
                    HostDeviceMappedRegionDatacopyHeader.MAGIC_OFFSET, HdmrAbi.HMRD_MAGIC_LE32);
            assertThat(HostDeviceMappedRegionDatacopyHeader.magic(datacopy)).isEqualTo("HMRD");
        }
    }

    private static String ascii(MemorySegment segment, long offset, int length) {
        return new String(segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- enums

    @Test
    void chipBootstrapMailboxState() {
        assertEnum(ChipBootstrapMailboxState.class, ChipBootstrapMailboxState::value,
                v -> ChipBootstrapMailboxState.of((int) v), v -> ChipBootstrapMailboxState.isKnown((int) v),
                values("IDLE", 0, "SUCCESS", 1, "ERROR", 2), 3, -1, Integer.MAX_VALUE);
    }

    @Test
    void hdchStatus() {
        assertEnum(HdchStatus.class, HdchStatus::value, v -> HdchStatus.of((int) v), v -> HdchStatus.isKnown((int) v),
                values("OK", 0, "ERR_WOULD_BLOCK", -11, "ERR_INVALID", -22, "ERR_MSG_TOO_LARGE", -75, "ERR_BACKEND", -5),
                11, -1, Integer.MIN_VALUE);
    }

    @Test
    void hostDeviceMappedRegionDatacopyOp() {
        assertEnum(HostDeviceMappedRegionDatacopyOp.class, HostDeviceMappedRegionDatacopyOp::value,
                v -> HostDeviceMappedRegionDatacopyOp.of((short) v),
                v -> HostDeviceMappedRegionDatacopyOp.isKnown((short) v),
                values("INFO", 1, "H2REGION", 2, "REGION2H", 3), 0, 4, (short) 0xFFFF);
    }

    @Test
    void queueEnums() {
        assertEnum(L3L2QueueOpcode.class, L3L2QueueOpcode::value, L3L2QueueOpcode::of, L3L2QueueOpcode::isKnown,
                values("INVALID", 0, "DATA", 1, "STOP", 2, "ERROR", 3), 4, -1L, 1L << 32);
        assertEnum(L3L2QueueErrorKind.class, L3L2QueueErrorKind::value, v -> L3L2QueueErrorKind.of((int) v),
                v -> L3L2QueueErrorKind.isKnown((int) v),
                values("NONE", 0, "BAD_ARGUMENT", 1, "BAD_DESCRIPTOR", 2, "INVALID_DESCRIPTOR", 3, "OUT_OF_SPACE", 4,
                        "OWNERSHIP", 5, "REMOTE_ABORTED", 6, "ENDPOINT_ERROR", 7),
                8, -1);
        assertEnum(L3L2QueueTimeoutStatus.class, L3L2QueueTimeoutStatus::value,
                v -> L3L2QueueTimeoutStatus.of((int) v), v -> L3L2QueueTimeoutStatus.isKnown((int) v),
                values("ORDINARY_TIMEOUT", 0, "REMOTE_ABORTED", 1), 2);
        assertEnum(L3L2QueueOp.class, L3L2QueueOp::value, v -> L3L2QueueOp.of((int) v),
                v -> L3L2QueueOp.isKnown((int) v),
                values("INIT", 1, "TIMEOUT", 2, "INPUT_TRY_PEEK", 3, "INPUT_RELEASE", 4, "OUTPUT_TRY_RESERVE", 5,
                        "OUTPUT_PUBLISH", 6),
                0, 7);
    }

    @Test
    void orchCommEnums() {
        assertEnum(L3L2OrchNotifyOp.class, L3L2OrchNotifyOp::value, v -> L3L2OrchNotifyOp.of((int) v),
                v -> L3L2OrchNotifyOp.isKnown((int) v), values("SET", 0, "ADD", 1), 2);
        assertEnum(L3L2OrchWaitCmp.class, L3L2OrchWaitCmp::value, v -> L3L2OrchWaitCmp.of((int) v),
                v -> L3L2OrchWaitCmp.isKnown((int) v),
                values("EQ", 0, "NE", 1, "GT", 2, "GE", 3, "LT", 4, "LE", 5), 6);
        assertEnum(L3L2OrchCommValidationError.class, L3L2OrchCommValidationError::value,
                v -> L3L2OrchCommValidationError.of((int) v), v -> L3L2OrchCommValidationError.isKnown((int) v),
                values("OK", 0, "BAD_MAGIC_VERSION", 1, "BAD_REGION_ID", 2, "BAD_PAYLOAD_RANGE", 3,
                        "BAD_COUNTER_RANGE", 4, "OUT_OF_BOUNDS", 5, "BAD_SCALAR_COUNT", 6, "NULL_POINTER", 7),
                8);
        assertEnum(L3L2EndpointErrorKind.class, L3L2EndpointErrorKind::value,
                v -> L3L2EndpointErrorKind.of((int) v), v -> L3L2EndpointErrorKind.isKnown((int) v),
                values("NONE", 0, "BAD_DESCRIPTOR", 1, "OUT_OF_BOUNDS", 2, "SIGNAL_TIMEOUT", 3, "SIGNAL_PROTOCOL", 4),
                5);
        assertEnum(L3L2EndpointOp.class, L3L2EndpointOp::value, v -> L3L2EndpointOp.of((int) v),
                v -> L3L2EndpointOp.isKnown((int) v),
                values("INIT", 1, "COUNTER_ADDR", 2, "PAYLOAD_READ", 3, "PAYLOAD_WRITE", 4, "SIGNAL_NOTIFY", 5,
                        "SIGNAL_TEST", 6, "SIGNAL_WAIT", 7),
                0, 8);
        assertEnum(L3L2RegionAccessProfile.class, L3L2RegionAccessProfile::value,
                v -> L3L2RegionAccessProfile.of((int) v), v -> L3L2RegionAccessProfile.isKnown((int) v),
                values("INVALID", 0, "ONBOARD_VMM", 1, "SIM_POSIX_SHM", 2), 3);
    }

    /**
     * The enum has exactly the expected constants and values; {@code of} maps each value back to its
     * constant and {@code isKnown} accepts it; every unknown value is rejected by {@code isKnown} and
     * makes {@code of} throw AbiViolationException naming the enum.
     */
    private static <E extends Enum<E>> void assertEnum(Class<E> type, ToLongFunction<E> value, LongFunction<E> of,
            LongPredicate isKnown, Map<String, Long> expected, long... unknown) {
        Map<String, Long> actual = new LinkedHashMap<>();
        for (E constant : type.getEnumConstants()) {
            actual.put(constant.name(), value.applyAsLong(constant));
            assertWithMessage("%s.of(%s)", type.getSimpleName(), value.applyAsLong(constant))
                    .that(of.apply(value.applyAsLong(constant))).isSameInstanceAs(constant);
            assertWithMessage("%s.isKnown(%s)", type.getSimpleName(), value.applyAsLong(constant))
                    .that(isKnown.test(value.applyAsLong(constant))).isTrue();
        }
        assertWithMessage("constants of %s", type.getSimpleName()).that(actual).containsExactlyEntriesIn(expected);
        for (long raw : unknown) {
            assertWithMessage("%s.isKnown(%s)", type.getSimpleName(), raw).that(isKnown.test(raw)).isFalse();
            RuntimeException e = assertThrows(RuntimeException.class, () -> of.apply(raw));
            assertWithMessage("%s.of(%s) throws", type.getSimpleName(), raw)
                    .that(e.getClass().getName()).isEqualTo(type.getPackageName() + ".AbiViolationException");
            assertThat(e).hasMessageThat().contains(type.getSimpleName());
        }
    }

    private static Map<String, Long> values(Object... nameValue) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            map.put((String) nameValue[i], ((Number) nameValue[i + 1]).longValue());
        }
        return map;
    }
}
