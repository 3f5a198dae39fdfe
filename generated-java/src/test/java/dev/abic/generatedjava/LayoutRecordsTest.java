package dev.abic.generatedjava;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import simpler.hdch.HostDeviceChannelRegionLayout;
import simpler.hdmr.HostDeviceMappedRegionLayout;
import simpler.l3l2.L3L2QueueRegionLayout;

/**
 * The layout records' {@code compute} against the region layouts of the real ABI: the vectors the
 * facts give, the facts' formulas on seeded random parameters, and every precondition failure with
 * its {@code AbiLayoutException.reason()}.
 */
class LayoutRecordsTest {
    private static final long SEED = Long.getLong("abic.seed", System.nanoTime());

    // ---------------------------------------------------------------- L3-L2 queue (facts §5.5)

    /** The lock-step vectors of the repository's Python unit test. */
    @ParameterizedTest(name = "depth {0}, arenas {1}/{2}")
    @CsvSource({
        "1, 64, 64, 32, 64, 128, 192",
        "4, 128, 192, 128, 256, 384, 576",
        "8, 192, 64, 256, 512, 704, 768",
    })
    void queueRegionVectors(long depth, long inArena, long outArena, long outDescOffset, long inArenaOffset,
            long outArenaOffset, long payloadBytes) {
        L3L2QueueRegionLayout layout = L3L2QueueRegionLayout.compute(depth, inArena, outArena);
        assertThat(layout).isEqualTo(new L3L2QueueRegionLayout(0, depth * 32, outDescOffset, depth * 32,
                inArenaOffset, inArena, outArenaOffset, outArena, payloadBytes));
    }

    @Test
    void queueRegionFollowsTheFormula() {
        Random random = new Random(SEED);
        for (int i = 0; i < 2_000; i++) {
            long depth = 1L << random.nextInt(31);
            long inArena = 64L * (1 + random.nextInt(1 << 20));
            long outArena = 64L * (1 + random.nextInt(1 << 20));
            long ring = depth * 32;
            long inArenaOffset = alignUp(2 * ring, 64);
            long outArenaOffset = alignUp(inArenaOffset + inArena, 64);
            assertWithMessage("depth %s, arenas %s/%s (seed %s)", depth, inArena, outArena, SEED)
                    .that(L3L2QueueRegionLayout.compute(depth, inArena, outArena))
                    .isEqualTo(new L3L2QueueRegionLayout(0, ring, ring, ring, inArenaOffset, inArena, outArenaOffset,
                            outArena, outArenaOffset + outArena));
        }
    }

    @Test
    void queueRegionAtTheLargestDepth() {
        L3L2QueueRegionLayout layout = L3L2QueueRegionLayout.compute(1L << 30, 64, 64);
        assertThat(layout.outputDescOffset()).isEqualTo(1L << 35);
        assertThat(layout.totalBytes()).isEqualTo((1L << 36) + 128);
    }

    /** The inputs the repository's tests reject, and the other requirements. */
    @ParameterizedTest(name = "depth {0}, arenas {1}/{2}")
    @CsvSource({
        "3, 64, 64",
        "1073741825, 64, 64",  // 2^30 + 1
        "2147483648, 64, 64",  // 2^31: a power of two above the maximum
        "0, 64, 64",
        "1, 0, 64",
        "1, 64, 0",
        "1, 127, 64",
        "1, 64, 127",
        "1, 32, 64",
        "-1, 64, 64",          // 2^64 - 1
    })
    void queueRegionRejectsWhatTheAbiRejects(long depth, long inArena, long outArena) {
        simpler.l3l2.AbiLayoutException e = assertThrows(simpler.l3l2.AbiLayoutException.class,
                () -> L3L2QueueRegionLayout.compute(depth, inArena, outArena));
        assertThat(e.reason()).isEqualTo(simpler.l3l2.AbiLayoutException.Reason.REQUIREMENT_FAILED);
        assertThat(e).hasMessageThat().contains("L3L2QueueRegion");
    }

    @Test
    void queueRegionOverflowIsReported() {
        long hugeArena = -64L; // 2^64 - 64: a multiple of 64 that leaves no room for anything before it
        simpler.l3l2.AbiLayoutException e = assertThrows(simpler.l3l2.AbiLayoutException.class,
                () -> L3L2QueueRegionLayout.compute(1, hugeArena, 64));
        assertThat(e.reason()).isEqualTo(simpler.l3l2.AbiLayoutException.Reason.ARITHMETIC_OVERFLOW);
        e = assertThrows(simpler.l3l2.AbiLayoutException.class,
                () -> L3L2QueueRegionLayout.compute(1, 64, hugeArena));
        assertThat(e.reason()).isEqualTo(simpler.l3l2.AbiLayoutException.Reason.ARITHMETIC_OVERFLOW);
    }

    // ---------------------------------------------------------------- HDMR (facts §2.3)

    @Test
    void hdmrRegionExample() {
        // data 256 B, 2 signals -> signal_offset 64, data_offset 192, total 448
        assertThat(HostDeviceMappedRegionLayout.compute(2, 256))
                .isEqualTo(new HostDeviceMappedRegionLayout(0, 64, 64, 128, 192, 256, 448));
    }

    @Test
    void hdmrRegionFollowsTheFormula() {
        Random random = new Random(SEED);
        for (int i = 0; i < 2_000; i++) {
            long signals = 1 + random.nextInt(1 << 16);
            long data = 1 + (random.nextLong() >>> 24);
            long dataOffset = alignUp(64 + signals * 64, 64);
            HostDeviceMappedRegionLayout layout = HostDeviceMappedRegionLayout.compute(signals, data);
            assertWithMessage("%s signals, %s data bytes (seed %s)", signals, data, SEED).that(layout)
                    .isEqualTo(new HostDeviceMappedRegionLayout(0, 64, 64, signals * 64, dataOffset, data,
                            alignUp(dataOffset + data, 64)));
        }
    }

    @Test
    void hdmrRegionAtTheLimits() {
        // The largest signal count, and a data size that ends exactly at 2^64 - 64.
        long signals = 0xFFFF_FFFFL;
        long dataOffset = 64 + signals * 64;
        long data = -64L - dataOffset;
        HostDeviceMappedRegionLayout layout = HostDeviceMappedRegionLayout.compute(signals, data);
        assertThat(layout.dataOffset()).isEqualTo(dataOffset);
        assertThat(Long.toUnsignedString(layout.totalBytes())).isEqualTo("18446744073709551552");
    }

    @ParameterizedTest(name = "{0} signals, {1} data bytes")
    @CsvSource({"0, 256", "1, 0", "4294967296, 256", "-1, 256"})
    void hdmrRegionRejectsWhatTheAbiRejects(long signals, long data) {
        simpler.hdmr.AbiLayoutException e = assertThrows(simpler.hdmr.AbiLayoutException.class,
                () -> HostDeviceMappedRegionLayout.compute(signals, data));
        assertThat(e.reason()).isEqualTo(simpler.hdmr.AbiLayoutException.Reason.REQUIREMENT_FAILED);
        assertThat(e).hasMessageThat().contains("HostDeviceMappedRegion");
    }

    @ParameterizedTest(name = "data bytes 2^64 - {0}")
    @CsvSource({
        "1",    // 128 + data wraps around
        "128",  // 128 + data is exactly 2^64
        "129",  // 128 + data is 2^64 - 1: it fits, rounding it up to 64 does not
        "191",  // 128 + data is 2^64 - 63
    })
    void hdmrRegionOverflowIsReported(long belowTwoTo64) {
        simpler.hdmr.AbiLayoutException e = assertThrows(simpler.hdmr.AbiLayoutException.class,
                () -> HostDeviceMappedRegionLayout.compute(1, -belowTwoTo64));
        assertThat(e.reason()).isEqualTo(simpler.hdmr.AbiLayoutException.Reason.ARITHMETIC_OVERFLOW);
    }

    // ---------------------------------------------------------------- HDCH (facts §6.4)

    @Test
    void hdchRegionExample() {
        // 1 + 1 lanes, depth 16 -> 128 + 2 * 5184 = 10496
        HostDeviceChannelRegionLayout layout = HostDeviceChannelRegionLayout.compute(1, 1, 16);
        assertThat(layout).isEqualTo(new HostDeviceChannelRegionLayout(0, 128, 128, 5184, 128 + 5184, 5184, 10496));
    }

    @Test
    void hdchRegionFollowsTheFormula() {
        Random random = new Random(SEED);
        for (int i = 0; i < 2_000; i++) {
            long toL2 = 1 + random.nextInt(64);
            long toCpu = 1 + random.nextInt(64);
            long depth = 1L << random.nextInt(16);
            long stride = 64 + depth * 320; // lane header, then depth descriptors
            long header = 128;
            assertWithMessage("%s + %s lanes of depth %s (seed %s)", toL2, toCpu, depth, SEED)
                    .that(HostDeviceChannelRegionLayout.compute(toL2, toCpu, depth))
                    .isEqualTo(new HostDeviceChannelRegionLayout(0, header, header, toL2 * stride,
                            header + toL2 * stride, toCpu * stride, alignUp(header + (toL2 + toCpu) * stride, 64)));
        }
    }

    @ParameterizedTest(name = "{0} + {1} lanes of depth {2}")
    @CsvSource({
        "0, 1, 16",
        "1, 0, 16",
        "4294967296, 1, 16",
        "1, 4294967296, 16",
        "1, 1, 0",
        "1, 1, 12",
        "1, 1, 4294967296",  // 2^32: a power of two above 2^31
    })
    void hdchRegionRejectsWhatTheAbiRejects(long toL2, long toCpu, long depth) {
        simpler.hdch.AbiLayoutException e = assertThrows(simpler.hdch.AbiLayoutException.class,
                () -> HostDeviceChannelRegionLayout.compute(toL2, toCpu, depth));
        assertThat(e.reason()).isEqualTo(simpler.hdch.AbiLayoutException.Reason.REQUIREMENT_FAILED);
        assertThat(e).hasMessageThat().contains("HostDeviceChannelRegion");
    }

    @Test
    void hdchRegionOverflowIsReported() {
        // (2^32 - 1) lanes of (64 + 2^31 * 320) bytes is about 2^71.
        simpler.hdch.AbiLayoutException e = assertThrows(simpler.hdch.AbiLayoutException.class,
                () -> HostDeviceChannelRegionLayout.compute(0xFFFF_FFFFL, 1, 1L << 31));
        assertThat(e.reason()).isEqualTo(simpler.hdch.AbiLayoutException.Reason.ARITHMETIC_OVERFLOW);
        // Each direction alone fits (a little over 2^63 bytes), the two together do not.
        long stride = 64 + (1L << 31) * 320;
        long lanes = Long.divideUnsigned(1L << 63, stride) + 1;
        assertThat(Long.compareUnsigned(HostDeviceChannelRegionLayout.compute(lanes, 1, 1L << 31).cpuToL2LanesBytes(),
                1L << 63)).isGreaterThan(0);
        e = assertThrows(simpler.hdch.AbiLayoutException.class,
                () -> HostDeviceChannelRegionLayout.compute(lanes, lanes, 1L << 31));
        assertThat(e.reason()).isEqualTo(simpler.hdch.AbiLayoutException.Reason.ARITHMETIC_OVERFLOW);
    }

    private static long alignUp(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
