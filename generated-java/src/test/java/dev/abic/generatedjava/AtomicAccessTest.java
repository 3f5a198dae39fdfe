package dev.abic.generatedjava;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import simpler.bootstrap.AbiViolationException;
import simpler.bootstrap.ChipBootstrapMailboxState;
import simpler.bootstrap.ChipBootstrapMailboxV1;
import simpler.hdch.HostDeviceChannelRegionLayout;
import simpler.hdch.HostDeviceLaneHeader;
import simpler.hdmr.HostDeviceMappedRegionSignalSlot;
import simpler.l3l2.L3L2QueueCounterLine;
import simpler.l3l2.L3L2QueueCounters;
import simpler.l3l2.L3L2QueueDescSlot;

/** Acquire, release and compare-and-set accessors of the atomic fields, of each width and kind. */
class AtomicAccessTest {
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @Test
    void u32SignalSlot() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment slot = HostDeviceMappedRegionSignalSlot.allocate(arena);
            HostDeviceMappedRegionSignalSlot.valueRelease(slot, 0xFFFF_FFF0);
            assertThat(HostDeviceMappedRegionSignalSlot.valueAcquire(slot)).isEqualTo(0xFFFF_FFF0);
            assertThat(HostDeviceMappedRegionSignalSlot.valueUnsigned(slot)).isEqualTo(4_294_967_280L);
            assertThat(slot.get(I32, 0)).isEqualTo(0xFFFF_FFF0);

            assertThat(HostDeviceMappedRegionSignalSlot.valueCompareAndSet(slot, 0xFFFF_FFF0, 7)).isTrue();
            assertThat(HostDeviceMappedRegionSignalSlot.value(slot)).isEqualTo(7);
            assertThat(HostDeviceMappedRegionSignalSlot.valueCompareAndSet(slot, 0xFFFF_FFF0, 9)).isFalse();
            assertThat(HostDeviceMappedRegionSignalSlot.value(slot)).isEqualTo(7);

            // the rest of the line is untouched
            assertThat(slot.asSlice(4).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(new byte[60]);
        }
    }

    @Test
    void u64DescriptorSeqAboveTheSignedRange() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment slot = L3L2QueueDescSlot.allocate(arena);
            L3L2QueueDescSlot.seqRelease(slot, -2L);
            assertThat(L3L2QueueDescSlot.seqAcquire(slot)).isEqualTo(-2L);
            assertThat(Long.toUnsignedString(L3L2QueueDescSlot.seq(slot))).isEqualTo("18446744073709551614");
            assertThat(slot.get(I64, 0)).isEqualTo(-2L);

            assertThat(L3L2QueueDescSlot.seqCompareAndSet(slot, -2L, Long.MIN_VALUE)).isTrue();
            assertThat(L3L2QueueDescSlot.seq(slot)).isEqualTo(Long.MIN_VALUE);
            assertThat(L3L2QueueDescSlot.seqCompareAndSet(slot, -2L, 0)).isFalse();
            assertThat(L3L2QueueDescSlot.seq(slot)).isEqualTo(Long.MIN_VALUE);
            assertThat(L3L2QueueDescSlot.opcodeRaw(slot)).isEqualTo(0);
        }
    }

    @Test
    void i32CounterThroughTheCounterBlock() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment counters = L3L2QueueCounters.allocate(arena);
            MemorySegment l2Abort = L3L2QueueCounters.l2AbortFlag(counters);
            L3L2QueueCounterLine.valueRelease(l2Abort, 1);
            assertThat(counters.get(I32, 320)).isEqualTo(1);
            assertThat(L3L2QueueCounterLine.valueAcquire(l2Abort)).isEqualTo(1);

            MemorySegment inputTail = L3L2QueueCounters.inputDescTail(counters);
            L3L2QueueCounterLine.valueRelease(inputTail, -5);
            assertThat(L3L2QueueCounterLine.valueCompareAndSet(inputTail, -5, Integer.MIN_VALUE)).isTrue();
            assertThat(L3L2QueueCounterLine.valueCompareAndSet(inputTail, -5, 0)).isFalse();
            assertThat(counters.get(I32, 0)).isEqualTo(Integer.MIN_VALUE);
            // the four other counters are still 0
            for (long offset = 64; offset <= 256; offset += 64) {
                assertThat(counters.get(I32, offset)).isEqualTo(0);
            }
        }
    }

    /** head and tail of the second direction's first lane, inside a whole channel region. */
    @Test
    void u32LaneCountersInsideARegion() {
        HostDeviceChannelRegionLayout layout = HostDeviceChannelRegionLayout.compute(2, 1, 4);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment region = arena.allocate(layout.totalBytes(), 64);
            MemorySegment lane = region.asSlice(layout.l2ToCpuLanesOffset(), HostDeviceLaneHeader.LAYOUT);
            HostDeviceLaneHeader.tailRelease(lane, 5);
            HostDeviceLaneHeader.headRelease(lane, 3);
            assertThat(region.get(I32, layout.l2ToCpuLanesOffset() + 4)).isEqualTo(5);
            assertThat(region.get(I32, layout.l2ToCpuLanesOffset())).isEqualTo(3);
            assertThat(HostDeviceLaneHeader.headCompareAndSet(lane, 3, 4)).isTrue();
            assertThat(HostDeviceLaneHeader.tailCompareAndSet(lane, 3, 4)).isFalse();
            assertThat(HostDeviceLaneHeader.tailAcquire(lane) - HostDeviceLaneHeader.headAcquire(lane)).isEqualTo(1);
        }
    }

    @Test
    void enumState() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = ChipBootstrapMailboxV1.allocate(arena);
            assertThat(ChipBootstrapMailboxV1.stateAcquire(page)).isEqualTo(ChipBootstrapMailboxState.IDLE);

            ChipBootstrapMailboxV1.stateRelease(page, ChipBootstrapMailboxState.SUCCESS);
            assertThat(ChipBootstrapMailboxV1.stateAcquire(page)).isEqualTo(ChipBootstrapMailboxState.SUCCESS);
            assertThat(page.get(I32, 0)).isEqualTo(1);

            assertThat(ChipBootstrapMailboxV1.stateCompareAndSet(page, ChipBootstrapMailboxState.SUCCESS,
                    ChipBootstrapMailboxState.ERROR)).isTrue();
            assertThat(ChipBootstrapMailboxV1.stateCompareAndSet(page, ChipBootstrapMailboxState.IDLE,
                    ChipBootstrapMailboxState.SUCCESS)).isFalse();
            assertThat(ChipBootstrapMailboxV1.stateRaw(page)).isEqualTo(2);

            // A value no constant has: the typed acquire refuses it, and no CAS matches it.
            ChipBootstrapMailboxV1.stateRaw(page, 7);
            AbiViolationException e = assertThrows(AbiViolationException.class, () -> ChipBootstrapMailboxV1.stateAcquire(page));
            assertThat(e).hasMessageThat().contains("ChipBootstrapMailboxState");
            assertThat(e).hasMessageThat().contains("7");
            for (ChipBootstrapMailboxState expected : ChipBootstrapMailboxState.values()) {
                assertThat(ChipBootstrapMailboxV1.stateCompareAndSet(page, expected, ChipBootstrapMailboxState.IDLE)).isFalse();
            }
            assertThat(ChipBootstrapMailboxV1.stateRaw(page)).isEqualTo(7);
        }
    }

    /** Lost updates would show if compareAndSet were not atomic. */
    @Test
    void compareAndSetFromManyThreads() throws Exception {
        int threads = 4;
        int increments = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment line = L3L2QueueCounterLine.allocate(arena);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < increments; i++) {
                        int seen;
                        do {
                            seen = L3L2QueueCounterLine.valueAcquire(line);
                        } while (!L3L2QueueCounterLine.valueCompareAndSet(line, seen, seen + 1));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            assertThat(L3L2QueueCounterLine.value(line)).isEqualTo(threads * increments);
        } finally {
            pool.shutdownNow();
        }
    }
}
