package dev.abic.runtime;

import dev.abic.shm.AbiLayoutException;
import dev.abic.shm.ShmFileAbi;
import dev.abic.shm.ShmFileKind;
import dev.abic.shm.ShmQueueFileLayout;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import simpler.l3l2.L3L2QueueArgs;
import simpler.l3l2.L3L2QueueCounters;
import simpler.l3l2.L3L2QueueRegionLayout;
import simpler.l3l2.L3L2QueueTaskArgs;
import simpler.l3l2.L3l2QueueAbi;
import simpler.orch.L3L2OrchRegionDesc;
import simpler.orch.OrchCommAbi;

/**
 * Creates and opens queue regions: a {@link SharedRegion} of kind {@code L3L2_QUEUE} laid out as
 * {@code layout ShmQueueFile} of {@code idl/shm_file.abi}: the header, the twelve task scalars an
 * L2 endpoint receives ({@code L3L2QueueTaskArgs}, with payload_base and counter_base as offsets
 * into the file), the six-counter block, and the payload range holding the descriptor rings and
 * arenas ({@code layout L3L2QueueRegion}).
 *
 * <p>The L3 (host) side creates the region; either side may open it. An endpoint validates the
 * task scalars against the file before it touches anything else ({@link QueueEndpoint#host},
 * {@link QueueEndpoint#device}).
 */
public final class QueueRegion {
    private QueueRegion() {
    }

    /** Ring depth and arena sizes of a queue. */
    public record Config(long depth, long inputArenaBytes, long outputArenaBytes) {
        /** The queue's payload range for this configuration. */
        public L3L2QueueRegionLayout layout() {
            try {
                return L3L2QueueRegionLayout.compute(depth, inputArenaBytes, outputArenaBytes);
            } catch (simpler.l3l2.AbiLayoutException e) {
                throw new AbicRuntimeException(ErrorKind.BAD_ARGUMENT, "queue " + this + ": " + e.getMessage(), e);
            }
        }

        /** The whole file for this configuration. */
        public ShmQueueFileLayout fileLayout() {
            return fileLayoutFor(layout().totalBytes(), ErrorKind.BAD_ARGUMENT);
        }
    }

    /** Creates the queue file {@code path} for {@code config}; see {@link SharedRegion#create}. */
    public static SharedRegion create(Path path, Config config) {
        ShmQueueFileLayout file = config.fileLayout();
        return SharedRegion.create(path, ShmFileKind.L3L2_QUEUE, file.totalBytes(), segment -> writeTaskArgs(segment, config));
    }

    /** An anonymous queue region for two threads of this process. */
    public static SharedRegion anonymous(Config config) {
        ShmQueueFileLayout file = config.fileLayout();
        return SharedRegion.anonymous(ShmFileKind.L3L2_QUEUE, file.totalBytes(), segment -> writeTaskArgs(segment, config));
    }

    /** Opens an existing queue file; the endpoints validate its contents. */
    public static SharedRegion open(Path path) {
        return SharedRegion.open(path, ShmFileKind.L3L2_QUEUE);
    }

    /**
     * Writes the task scalars of a queue file for {@code config} into {@code segment} (the file from
     * offset 0, at least up to the counters).
     */
    static void writeTaskArgs(MemorySegment segment, Config config) {
        L3L2QueueRegionLayout queue = config.layout();
        ShmQueueFileLayout file = config.fileLayout();
        MemorySegment args = segment.asSlice(file.argsOffset(), file.argsBytes());
        MemorySegment region = L3L2QueueTaskArgs.region(args);
        L3L2OrchRegionDesc.magicVersion(region, OrchCommAbi.L3L2_ORCH_COMM_MAGIC_VERSION);
        L3L2OrchRegionDesc.regionId(region, ShmFileAbi.SHM_FILE_QUEUE_REGION_ID);
        L3L2OrchRegionDesc.payloadBase(region, file.payloadOffset());
        L3L2OrchRegionDesc.payloadBytes(region, file.payloadBytes());
        L3L2OrchRegionDesc.counterBase(region, file.countersOffset());
        L3L2OrchRegionDesc.counterBytes(region, file.countersBytes());
        MemorySegment queueArgs = L3L2QueueTaskArgs.queue(args);
        L3L2QueueArgs.magicVersion(queueArgs, L3l2QueueAbi.L3L2_QUEUE_MAGIC_VERSION);
        L3L2QueueArgs.depth(queueArgs, config.depth());
        L3L2QueueArgs.inputArenaBytes(queueArgs, config.inputArenaBytes());
        L3L2QueueArgs.outputArenaBytes(queueArgs, config.outputArenaBytes());
        L3L2QueueArgs.payloadBytes(queueArgs, queue.totalBytes());
        L3L2QueueArgs.counterBytes(queueArgs, L3l2QueueAbi.L3L2_QUEUE_COUNTER_BYTES);
        // The six counters start at zero: a new region is zero before this runs.
    }

    private static ShmQueueFileLayout fileLayoutFor(long payloadBytes, ErrorKind kind) {
        try {
            return ShmQueueFileLayout.compute(payloadBytes);
        } catch (AbiLayoutException e) {
            throw new AbicRuntimeException(kind, "queue file for " + Long.toUnsignedString(payloadBytes)
                    + " payload bytes: " + e.getMessage(), e);
        }
    }

    /**
     * Where everything of a validated queue region is: read once from the shared task scalars,
     * each value checked against the file and against the layouts computed from the others.
     */
    record Geometry(long depth, MemorySegment payload, MemorySegment counters, L3L2QueueRegionLayout layout) {
    }

    /**
     * Reads the task scalars of {@code region} once and checks them (the L2 init rules): exact
     * queue magic_version, region magic_version, region_id not 0, a computable layout whose total
     * equals both payload_bytes, counter_bytes equal to the counter block, and payload_base,
     * counter_base and the file size equal to where the file layout puts them.
     *
     * @throws AbicRuntimeException BAD_DESCRIPTOR naming the first value that is wrong
     */
    static Geometry validate(SharedRegion region) {
        if (region.kind() != ShmFileKind.L3L2_QUEUE) {
            throw badDescriptor(region, "it holds " + region.kind() + ", not L3L2_QUEUE");
        }
        MemorySegment segment = region.segment();
        // The smallest queue file still has room for the header and the task scalars; the header
        // check when the region was opened guarantees the recorded size is the mapped size.
        ShmQueueFileLayout minimal = fileLayoutFor(1, ErrorKind.BAD_DESCRIPTOR);
        if (segment.byteSize() < minimal.totalBytes()) {
            throw badDescriptor(region, "it has " + segment.byteSize() + " bytes, fewer than the smallest queue file ("
                    + minimal.totalBytes() + ")");
        }
        MemorySegment args = segment.asSlice(minimal.argsOffset(), minimal.argsBytes());
        MemorySegment desc = L3L2QueueTaskArgs.region(args);
        MemorySegment queue = L3L2QueueTaskArgs.queue(args);
        long regionMagic = L3L2OrchRegionDesc.magicVersion(desc);
        long regionId = L3L2OrchRegionDesc.regionId(desc);
        long payloadBase = L3L2OrchRegionDesc.payloadBase(desc);
        long regionPayloadBytes = L3L2OrchRegionDesc.payloadBytes(desc);
        long counterBase = L3L2OrchRegionDesc.counterBase(desc);
        long regionCounterBytes = L3L2OrchRegionDesc.counterBytes(desc);
        long queueMagic = L3L2QueueArgs.magicVersion(queue);
        long depth = L3L2QueueArgs.depth(queue);
        long inputArena = L3L2QueueArgs.inputArenaBytes(queue);
        long outputArena = L3L2QueueArgs.outputArenaBytes(queue);
        long payloadBytes = L3L2QueueArgs.payloadBytes(queue);
        long counterBytes = L3L2QueueArgs.counterBytes(queue);

        if (queueMagic != L3l2QueueAbi.L3L2_QUEUE_MAGIC_VERSION) {
            throw badDescriptor(region, "queue magic_version is 0x" + Long.toHexString(queueMagic) + ", not 0x"
                    + Long.toHexString(L3l2QueueAbi.L3L2_QUEUE_MAGIC_VERSION));
        }
        // Readers of a region descriptor compare magic and major only: the minor version is the
        // low u16 of the packed word (L3L2_ORCH_COMM_MAGIC_VERSION's definition in orch_comm.abi).
        if (regionMagic >>> Short.SIZE != OrchCommAbi.L3L2_ORCH_COMM_MAGIC_VERSION >>> Short.SIZE) {
            throw badDescriptor(region, "region magic_version is 0x" + Long.toHexString(regionMagic) + "; its magic and major"
                    + " must be those of 0x" + Long.toHexString(OrchCommAbi.L3L2_ORCH_COMM_MAGIC_VERSION));
        }
        if (regionId == 0) {
            throw badDescriptor(region, "region_id is 0");
        }
        L3L2QueueRegionLayout layout;
        try {
            layout = L3L2QueueRegionLayout.compute(depth, inputArena, outputArena);
        } catch (simpler.l3l2.AbiLayoutException e) {
            throw badDescriptor(region, "depth " + Long.toUnsignedString(depth) + ", arenas "
                    + Long.toUnsignedString(inputArena) + " and " + Long.toUnsignedString(outputArena) + ": " + e.getMessage());
        }
        if (payloadBytes != layout.totalBytes() || regionPayloadBytes != layout.totalBytes()) {
            throw badDescriptor(region, "payload_bytes is " + Long.toUnsignedString(payloadBytes) + " (queue) and "
                    + Long.toUnsignedString(regionPayloadBytes) + " (region); the layout needs " + layout.totalBytes());
        }
        if (counterBytes != L3L2QueueCounters.BYTES || regionCounterBytes != L3L2QueueCounters.BYTES) {
            throw badDescriptor(region, "counter_bytes is " + Long.toUnsignedString(counterBytes) + " (queue) and "
                    + Long.toUnsignedString(regionCounterBytes) + " (region); the counter block has " + L3L2QueueCounters.BYTES);
        }
        ShmQueueFileLayout file = fileLayoutFor(layout.totalBytes(), ErrorKind.BAD_DESCRIPTOR);
        if (payloadBase != file.payloadOffset() || counterBase != file.countersOffset()) {
            throw badDescriptor(region, "payload_base " + Long.toUnsignedString(payloadBase) + " and counter_base "
                    + Long.toUnsignedString(counterBase) + " must be " + file.payloadOffset() + " and " + file.countersOffset());
        }
        if (file.totalBytes() != segment.byteSize()) {
            throw badDescriptor(region, "the queue needs a file of " + file.totalBytes() + " bytes; it has " + segment.byteSize());
        }
        return new Geometry(depth, segment.asSlice(file.payloadOffset(), file.payloadBytes()),
                segment.asSlice(file.countersOffset(), file.countersBytes()), layout);
    }

    private static AbicRuntimeException badDescriptor(SharedRegion region, String why) {
        return new AbicRuntimeException(ErrorKind.BAD_DESCRIPTOR, region + ": " + why);
    }
}
