package dev.abic.runtime;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.abic.runtime.QueueRegion.Config;
import dev.abic.shm.ShmFileAbi;
import dev.abic.shm.ShmFileHeader;
import dev.abic.shm.ShmFileKind;
import dev.abic.shm.ShmQueueFileLayout;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import simpler.l3l2.L3L2QueueArgs;
import simpler.l3l2.L3L2QueueCounterLine;
import simpler.l3l2.L3L2QueueCounters;
import simpler.l3l2.L3L2QueueDescSlot;
import simpler.l3l2.L3L2QueueOpcode;
import simpler.l3l2.L3L2QueueRegionLayout;
import simpler.l3l2.L3L2QueueTaskArgs;
import simpler.orch.L3L2OrchRegionDesc;

/**
 * Every {@link ErrorKind} provoked on purpose, in one process: the kind, that the message names what
 * is wrong, whether the endpoint is poisoned (own abort flag set, sticky error, the peer sees
 * REMOTE_ABORTED) or stays usable. A misbehaving peer is played by the test itself, writing
 * descriptors and counters through the generated classes.
 */
class QueueErrorsTest {
    static final Duration SHORT = Duration.ofMillis(150);
    /** Slack for a loaded machine: a timeout must fire after its duration and before this much more. */
    static final Duration MARGIN = Duration.ofSeconds(3);

    private final List<SharedRegion> regions = new ArrayList<>();

    @AfterEach
    void closeRegions() {
        regions.forEach(SharedRegion::close);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** The two directions of a queue, as seen in shared memory. */
    enum Dir {
        INPUT, OUTPUT
    }

    /** The parts of a queue region, found only through the generated layouts. */
    record Raw(SharedRegion region, Config config) {
        ShmQueueFileLayout file() {
            return config.fileLayout();
        }

        L3L2QueueRegionLayout layout() {
            return config.layout();
        }

        MemorySegment args() {
            return region.segment().asSlice(file().argsOffset(), file().argsBytes());
        }

        MemorySegment regionDesc() {
            return L3L2QueueTaskArgs.region(args());
        }

        MemorySegment queueArgs() {
            return L3L2QueueTaskArgs.queue(args());
        }

        MemorySegment counters() {
            return region.segment().asSlice(file().countersOffset(), file().countersBytes());
        }

        MemorySegment payload() {
            return region.segment().asSlice(file().payloadOffset(), file().payloadBytes());
        }

        MemorySegment ring(Dir dir) {
            L3L2QueueRegionLayout l = layout();
            return dir == Dir.INPUT ? payload().asSlice(l.inputDescOffset(), l.inputDescBytes())
                    : payload().asSlice(l.outputDescOffset(), l.outputDescBytes());
        }

        MemorySegment slot(Dir dir, long index) {
            return L3L2QueueDescSlot.element(ring(dir), index & (config.depth() - 1));
        }

        MemorySegment tail(Dir dir) {
            return dir == Dir.INPUT ? L3L2QueueCounters.inputDescTail(counters()) : L3L2QueueCounters.outputDescTail(counters());
        }

        MemorySegment head(Dir dir) {
            return dir == Dir.INPUT ? L3L2QueueCounters.inputDescHead(counters()) : L3L2QueueCounters.outputDescHead(counters());
        }

        long arenaOffset(Dir dir) {
            return dir == Dir.INPUT ? layout().inputArenaOffset() : layout().outputArenaOffset();
        }

        long arenaBytes(Dir dir) {
            return dir == Dir.INPUT ? layout().inputArenaBytes() : layout().outputArenaBytes();
        }

        int hostAbortFlag() {
            return L3L2QueueCounterLine.valueAcquire(L3L2QueueCounters.l3AbortFlag(counters()));
        }

        int deviceAbortFlag() {
            return L3L2QueueCounterLine.valueAcquire(L3L2QueueCounters.l2AbortFlag(counters()));
        }

        int abortFlag(QueueEndpoint.Role role) {
            return role == QueueEndpoint.Role.HOST ? hostAbortFlag() : deviceAbortFlag();
        }

        /** Plays a producer: writes descriptor {@code index} (seq last) and publishes tail = index + 1. */
        void forge(Dir dir, long index, long seq, long opcode, long offset, long nbytes) {
            MemorySegment slot = slot(dir, index);
            L3L2QueueDescSlot.opcodeRaw(slot, opcode);
            L3L2QueueDescSlot.payloadOffset(slot, offset);
            L3L2QueueDescSlot.payloadNbytes(slot, nbytes);
            L3L2QueueDescSlot.seqRelease(slot, seq);
            L3L2QueueCounterLine.valueRelease(tail(dir), (int) (index + 1));
        }

        /** A well-formed descriptor, as far as its own fields go. */
        void forge(Dir dir, long index, L3L2QueueOpcode opcode, long offset, long nbytes) {
            forge(dir, index, index + 1, opcode.value(), offset, nbytes);
        }
    }

    SharedRegion region(Config config) {
        SharedRegion region = QueueRegion.anonymous(config);
        regions.add(region);
        return region;
    }

    /** A fresh queue: region, host, device. */
    record Queue(Raw raw, QueueEndpoint host, QueueEndpoint device) {
    }

    Queue queue(long depth, long inputArena, long outputArena) {
        Config config = new Config(depth, inputArena, outputArena);
        SharedRegion region = region(config);
        return new Queue(new Raw(region, config), QueueEndpoint.host(region), QueueEndpoint.device(region));
    }

    Queue queue() {
        return queue(4, 256, 256);
    }

    static AbicRuntimeException expect(ErrorKind kind, Executable call, String... fragments) {
        AbicRuntimeException e = assertThrows(AbicRuntimeException.class, call);
        assertWithMessage("kind of: %s", e.getMessage()).that(e.kind()).isEqualTo(kind);
        assertThat(e).hasMessageThat().startsWith(kind + ": ");
        for (String fragment : fragments) {
            assertThat(e).hasMessageThat().contains(fragment);
        }
        return e;
    }

    static MemorySegment bytes(int n, int salt) {
        MemorySegment segment = Arena.ofAuto().allocate(Math.max(n, 1)).asSlice(0, n);
        for (int i = 0; i < n; i++) {
            segment.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (i * 7 + salt));
        }
        return segment;
    }

    static void send(QueueEndpoint from, int n, int salt) {
        assertWithMessage("enqueue %s bytes", n).that(from.tryEnqueue(L3L2QueueOpcode.DATA, bytes(n, salt))).isTrue();
    }

    static void receive(QueueEndpoint to, int n, int salt) {
        Message m = to.tryPeek();
        assertWithMessage("a message of %s bytes", n).that(m).isNotNull();
        assertThat(m.size()).isEqualTo(n);
        assertThat(m.payload().mismatch(bytes(n, salt))).isEqualTo(-1);
        to.release(m);
    }

    /** An endpoint that is not poisoned, not aborted, and whose abort flag is clear. */
    static void assertHealthy(Queue q, QueueEndpoint endpoint) {
        assertThat(endpoint.error()).isEqualTo(ErrorKind.NONE);
        assertWithMessage("%s abort flag", endpoint.role()).that(q.raw().abortFlag(endpoint.role())).isEqualTo(0);
    }

    /** Pass one message each way: both endpoints still work. */
    static void assertStillWorks(Queue q) {
        send(q.host(), 5, 11);
        receive(q.device(), 5, 11);
        send(q.device(), 6, 12);
        receive(q.host(), 6, 12);
    }

    /**
     * {@code victim} was poisoned by {@code first}: its own abort flag is set, every later call fails
     * with the same error, and the peer (whose incoming direction is released to the end) sees
     * REMOTE_ABORTED without setting its own flag.
     */
    static void assertPoisoned(Queue q, QueueEndpoint victim, AbicRuntimeException first) {
        QueueEndpoint peer = victim == q.host() ? q.device() : q.host();
        assertThat(first.kind()).isEqualTo(ErrorKind.INVALID_DESCRIPTOR);
        assertThat(victim.error()).isEqualTo(ErrorKind.INVALID_DESCRIPTOR);
        assertWithMessage("the poisoned side's own abort flag").that(q.raw().abortFlag(victim.role())).isEqualTo(1);
        List<Executable> later = List.of(victim::tryPeek, () -> victim.peek(SHORT), () -> victim.drain(m -> { }, 4),
                () -> victim.tryReserve(0), () -> victim.reserve(1, SHORT),
                () -> victim.tryEnqueue(L3L2QueueOpcode.DATA, bytes(1, 0)));
        for (Executable call : later) {
            AbicRuntimeException again = expect(ErrorKind.INVALID_DESCRIPTOR, call);
            assertWithMessage("sticky error").that(again).hasMessageThat().isEqualTo(first.getMessage());
        }
        assertThat(victim.error()).isEqualTo(ErrorKind.INVALID_DESCRIPTOR);

        assertThat(peer.peerAborted()).isTrue();
        for (int i = 0; i <= 2 * q.raw().config().depth(); i++) {
            Message m;
            try {
                m = peer.tryPeek();
            } catch (AbicRuntimeException e) {
                assertThat(e.kind()).isEqualTo(ErrorKind.REMOTE_ABORTED);
                assertThat(e).hasMessageThat().contains("abort flag");
                assertWithMessage("the peer's own abort flag").that(q.raw().abortFlag(peer.role())).isEqualTo(0);
                assertThat(peer.error()).isEqualTo(ErrorKind.NONE);
                expect(ErrorKind.REMOTE_ABORTED, () -> peer.peek(Duration.ofSeconds(30)));
                return;
            }
            assertWithMessage("peer's tryPeek after the poisoning").that(m).isNotNull();
            peer.release(m);
        }
        throw new AssertionError("the peer never saw REMOTE_ABORTED");
    }

    static AbicRuntimeException poisonedBy(Queue q, QueueEndpoint victim, Executable call, String... fragments) {
        AbicRuntimeException first = expect(ErrorKind.INVALID_DESCRIPTOR, call, fragments);
        assertPoisoned(q, victim, first);
        return first;
    }

    // ---- BAD_ARGUMENT ------------------------------------------------------------------------

    @Test
    void badArgumentNegativeSize() {
        Queue q = queue();
        expect(ErrorKind.BAD_ARGUMENT, () -> q.host().tryReserve(-1), "negative", "-1");
        expect(ErrorKind.BAD_ARGUMENT, () -> q.device().tryReserve(Long.MIN_VALUE), "negative");
        expect(ErrorKind.BAD_ARGUMENT, () -> q.host().reserve(-5, SHORT), "negative", "-5");
        assertHealthy(q, q.host());
        assertStillWorks(q);
    }

    @Test
    void badArgumentStopIsNotAMessage() {
        Queue q = queue();
        Reservation r = q.host().tryReserve(0);
        expect(ErrorKind.BAD_ARGUMENT, () -> q.host().publish(r, L3L2QueueOpcode.STOP), "STOP", "stop()");
        expect(ErrorKind.BAD_ARGUMENT, () -> q.host().publish(r, L3L2QueueOpcode.INVALID), "DATA or ERROR", "INVALID");
        q.host().publish(r, L3L2QueueOpcode.ERROR);
        expect(ErrorKind.BAD_ARGUMENT, () -> q.host().tryEnqueue(L3L2QueueOpcode.STOP, bytes(0, 0)), "STOP");
        expect(ErrorKind.BAD_ARGUMENT, () -> q.device().tryEnqueue(L3L2QueueOpcode.INVALID, bytes(1, 0)), "INVALID");
        expect(ErrorKind.BAD_ARGUMENT, () -> q.device().enqueue(L3L2QueueOpcode.STOP, bytes(1, 0), SHORT), "STOP");
        Message m = q.device().tryPeek();
        assertThat(m.opcode()).isEqualTo(L3L2QueueOpcode.ERROR);
        q.device().release(m);
        assertWithMessage("nothing else was sent").that(q.device().tryPeek()).isNull();
        assertHealthy(q, q.host());
        assertStillWorks(q);
    }

    @Test
    void badArgumentDeviceCannotStop() {
        Queue q = queue();
        expect(ErrorKind.BAD_ARGUMENT, () -> q.device().tryStop(), "only the host", "STOP");
        expect(ErrorKind.BAD_ARGUMENT, () -> q.device().stop(SHORT), "only the host", "STOP");
        assertWithMessage("no STOP on the output direction").that(q.host().tryPeek()).isNull();
        assertHealthy(q, q.device());
        assertStillWorks(q);
    }

    @Test
    void badArgumentConfig() {
        for (Config bad : List.of(new Config(3, 64, 64), new Config(0, 64, 64), new Config((1L << 30) + 1, 64, 64),
                new Config(1L << 31, 64, 64), new Config(-1, 64, 64), new Config(4, 0, 64), new Config(4, 64, 127),
                new Config(4, 100, 64), new Config(4, -64, 64), new Config(4, 64, -64))) {
            String name = bad.toString();
            expect(ErrorKind.BAD_ARGUMENT, bad::layout, name);
            expect(ErrorKind.BAD_ARGUMENT, bad::fileLayout, name);
            expect(ErrorKind.BAD_ARGUMENT, () -> QueueRegion.anonymous(bad), name);
        }
        expect(ErrorKind.BAD_ARGUMENT, () -> new Config(3, 64, 64).layout(), "depth");
        expect(ErrorKind.BAD_ARGUMENT, () -> new Config(4, 64, 127).layout(), "output_arena_bytes");
        expect(ErrorKind.BAD_ARGUMENT, () -> new Config(4, 0, 64).layout(), "input_arena_bytes");
    }

    @Test
    void badArgumentRegionShape(@TempDir Path dir) {
        expect(ErrorKind.BAD_ARGUMENT, () -> SharedRegion.anonymous(ShmFileKind.INVALID, ShmFileAbi.SHM_FILE_PAGE_BYTES,
                s -> { }), "INVALID");
        expect(ErrorKind.BAD_ARGUMENT, () -> SharedRegion.anonymous(ShmFileKind.L3L2_QUEUE,
                ShmFileAbi.SHM_FILE_PAGE_BYTES + ShmFileHeader.BYTES, s -> { }), "multiple of");
        expect(ErrorKind.BAD_ARGUMENT, () -> SharedRegion.anonymous(ShmFileKind.L3L2_QUEUE, 0, s -> { }), "multiple of");
        Path path = dir.resolve("queue");
        Config config = new Config(2, 64, 64);
        QueueRegion.create(path, config).close();
        expect(ErrorKind.BAD_ARGUMENT, () -> QueueRegion.create(path, config), "already exists");
        expect(ErrorKind.BAD_ARGUMENT, () -> QueueRegion.open(dir.resolve("missing")), "does not exist");
    }

    @Test
    void badArgumentNegativeTimeout() {
        Duration negative = Duration.ofMillis(-1);
        Queue q = queue(2, 64, 64);
        // Refused before anything is done, whether or not the call would have had to wait.
        expect(ErrorKind.BAD_ARGUMENT, () -> q.device().peek(negative), "timeout", "negative");
        expect(ErrorKind.BAD_ARGUMENT, () -> q.host().enqueue(L3L2QueueOpcode.DATA, bytes(3, 1), negative), "negative");
        expect(ErrorKind.BAD_ARGUMENT, () -> q.host().reserve(3, negative), "negative");
        expect(ErrorKind.BAD_ARGUMENT, () -> q.host().stop(negative), "negative");
        assertWithMessage("a refused enqueue sends nothing").that(q.device().tryPeek()).isNull();
        send(q.host(), 4, 2);
        expect(ErrorKind.BAD_ARGUMENT, () -> q.device().peek(negative), "negative");
        receive(q.device(), 4, 2);
        send(q.host(), 4, 3);
        send(q.host(), 4, 4);
        expect(ErrorKind.BAD_ARGUMENT, () -> q.host().enqueue(L3L2QueueOpcode.DATA, bytes(3, 1), negative), "negative");
        receive(q.device(), 4, 3);
        receive(q.device(), 4, 4);
        assertThat(q.device().tryPeek()).isNull();
        assertThat(q.device().stopReceived()).isFalse();
        assertHealthy(q, q.host());
        assertHealthy(q, q.device());
        assertStillWorks(q);
    }

    @Test
    void badArgumentDrainLimit() {
        Queue q = queue();
        send(q.host(), 1, 0);
        expect(ErrorKind.BAD_ARGUMENT, () -> q.device().drain(m -> { }, 0), "limit");
        expect(ErrorKind.BAD_ARGUMENT, () -> q.device().drain(m -> { }, -3), "limit");
        receive(q.device(), 1, 0);
    }

    // ---- BAD_DESCRIPTOR: task scalars ----------------------------------------------------------

    /** A fresh region, {@code corrupt} applied to its task scalars, then both endpoints must refuse it. */
    void badScalars(Config config, Consumer<Raw> corrupt, String... fragments) {
        SharedRegion region = region(config);
        Raw raw = new Raw(region, config);
        corrupt.accept(raw);
        expect(ErrorKind.BAD_DESCRIPTOR, () -> QueueEndpoint.host(region), fragments);
        expect(ErrorKind.BAD_DESCRIPTOR, () -> QueueEndpoint.device(region), fragments);
        assertWithMessage("a refused region is not touched").that(raw.hostAbortFlag() | raw.deviceAbortFlag()).isEqualTo(0);
    }

    void badScalars(Consumer<Raw> corrupt, String... fragments) {
        badScalars(new Config(4, 128, 192), corrupt, fragments);
    }

    @Test
    void badDescriptorQueueMagicVersion() {
        badScalars(r -> L3L2QueueArgs.magicVersion(r.queueArgs(), L3L2QueueArgs.magicVersion(r.queueArgs()) + 1),
                "queue magic_version");
        badScalars(r -> L3L2QueueArgs.magicVersion(r.queueArgs(), 0), "queue magic_version is 0x0");
        // Minor version bumped: the full packed value must match.
        badScalars(r -> L3L2QueueArgs.magicVersion(r.queueArgs(), L3L2QueueArgs.magicVersion(r.queueArgs()) ^ 1),
                "queue magic_version");
    }

    @Test
    void badDescriptorRegionMagicVersion() {
        badScalars(r -> L3L2OrchRegionDesc.magicVersion(r.regionDesc(), ~L3L2OrchRegionDesc.magicVersion(r.regionDesc())),
                "region magic_version");
    }

    @Test
    void badDescriptorRegionIdZero() {
        badScalars(r -> L3L2OrchRegionDesc.regionId(r.regionDesc(), 0), "region_id is 0");
    }

    @Test
    void badDescriptorDepth() {
        badScalars(r -> L3L2QueueArgs.depth(r.queueArgs(), 3), "depth 3");
        badScalars(r -> L3L2QueueArgs.depth(r.queueArgs(), 0), "depth 0");
        badScalars(r -> L3L2QueueArgs.depth(r.queueArgs(), L3L2QueueArgs.DEPTH_MAX * 2), "depth " + L3L2QueueArgs.DEPTH_MAX * 2);
        badScalars(r -> L3L2QueueArgs.depth(r.queueArgs(), -1), "depth 18446744073709551615");
        // A valid depth, but not the one the file was laid out for.
        badScalars(r -> L3L2QueueArgs.depth(r.queueArgs(), 8), "payload_bytes");
        badScalars(r -> L3L2QueueArgs.depth(r.queueArgs(), L3L2QueueArgs.DEPTH_MAX), "payload_bytes");
    }

    @Test
    void badDescriptorArenas() {
        badScalars(r -> L3L2QueueArgs.inputArenaBytes(r.queueArgs(), 100), "arenas 100 and 192");
        badScalars(r -> L3L2QueueArgs.outputArenaBytes(r.queueArgs(), 0), "arenas 128 and 0");
        badScalars(r -> L3L2QueueArgs.inputArenaBytes(r.queueArgs(), -64), "arenas");
        badScalars(r -> L3L2QueueArgs.inputArenaBytes(r.queueArgs(), 192), "payload_bytes");
    }

    @Test
    void badDescriptorPayloadBytesMismatch() {
        badScalars(r -> L3L2QueueArgs.payloadBytes(r.queueArgs(), L3L2QueueArgs.payloadBytes(r.queueArgs()) + 64),
                "payload_bytes", "(queue)");
        badScalars(r -> L3L2OrchRegionDesc.payloadBytes(r.regionDesc(), L3L2OrchRegionDesc.payloadBytes(r.regionDesc()) - 64),
                "payload_bytes", "(region)");
        badScalars(r -> L3L2QueueArgs.payloadBytes(r.queueArgs(), 0), "payload_bytes is 0");
    }

    @Test
    void badDescriptorCounterBytes() {
        badScalars(r -> L3L2QueueArgs.counterBytes(r.queueArgs(), L3L2QueueCounters.BYTES - L3L2QueueCounterLine.BYTES),
                "counter_bytes");
        badScalars(r -> L3L2OrchRegionDesc.counterBytes(r.regionDesc(), 0), "counter_bytes", "(region)");
    }

    @Test
    void badDescriptorBases() {
        badScalars(r -> L3L2OrchRegionDesc.payloadBase(r.regionDesc(), L3L2OrchRegionDesc.payloadBase(r.regionDesc())
                + L3L2QueueCounterLine.BYTES), "payload_base");
        badScalars(r -> L3L2OrchRegionDesc.payloadBase(r.regionDesc(), -1), "payload_base 18446744073709551615");
        badScalars(r -> L3L2OrchRegionDesc.counterBase(r.regionDesc(), 0), "counter_base 0");
    }

    @Test
    void badDescriptorFileTooSmallForTheScalars() {
        // Consistent scalars for a bigger queue than the file holds.
        Config small = new Config(1, 64, 64);
        Config big = new Config(64, 4096, 4096);
        ShmQueueFileLayout bigFile = big.fileLayout();
        assertThat(bigFile.totalBytes()).isGreaterThan(small.fileLayout().totalBytes());
        badScalars(small, r -> {
            L3L2QueueArgs.depth(r.queueArgs(), big.depth());
            L3L2QueueArgs.inputArenaBytes(r.queueArgs(), big.inputArenaBytes());
            L3L2QueueArgs.outputArenaBytes(r.queueArgs(), big.outputArenaBytes());
            L3L2QueueArgs.payloadBytes(r.queueArgs(), bigFile.payloadBytes());
            L3L2OrchRegionDesc.payloadBytes(r.regionDesc(), bigFile.payloadBytes());
            L3L2OrchRegionDesc.payloadBase(r.regionDesc(), bigFile.payloadOffset());
            L3L2OrchRegionDesc.counterBase(r.regionDesc(), bigFile.countersOffset());
        }, "needs a file of " + bigFile.totalBytes() + " bytes");
    }

    @Test
    void badDescriptorRegionOfAnotherKind() {
        SharedRegion mailbox = SharedRegion.anonymous(ShmFileKind.CHIP_BOOTSTRAP_MAILBOX,
                new Config(1, 64, 64).fileLayout().totalBytes(), s -> { });
        regions.add(mailbox);
        expect(ErrorKind.BAD_DESCRIPTOR, () -> QueueEndpoint.host(mailbox), "CHIP_BOOTSTRAP_MAILBOX", "not L3L2_QUEUE");
    }

    // ---- BAD_DESCRIPTOR: the file ------------------------------------------------------------

    static void edit(Path path, Consumer<MemorySegment> edit) throws IOException {
        try (Arena arena = Arena.ofConfined();
                FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            edit.accept(channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size(), arena));
        }
    }

    static void truncate(Path path, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    Path queueFile(Path dir, String name) {
        Path path = dir.resolve(name);
        QueueRegion.create(path, new Config(4, 128, 128)).close();
        return path;
    }

    @Test
    void openAValidFileWorks(@TempDir Path dir) throws IOException {
        Path path = queueFile(dir, "ok");
        try (SharedRegion region = QueueRegion.open(path)) {
            assertThat(region.kind()).isEqualTo(ShmFileKind.L3L2_QUEUE);
            assertThat(ShmFileHeader.creatorPid(region.segment())).isEqualTo(ProcessHandle.current().pid());
            QueueEndpoint host = QueueEndpoint.host(region);
            QueueEndpoint device = QueueEndpoint.device(region);
            send(host, 9, 1);
            receive(device, 9, 1);
        }
        try (var files = Files.list(dir)) {
            assertWithMessage("no temporary file left behind").that(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactly("ok");
        }
    }

    @Test
    void badDescriptorFileMagic(@TempDir Path dir) throws IOException {
        Path path = queueFile(dir, "magic");
        edit(path, s -> ShmFileHeader.magic(s, ShmFileHeader.magic(s) + 1));
        expect(ErrorKind.BAD_DESCRIPTOR, () -> QueueRegion.open(path), path.toString(), "magic",
                "not an abic shared-memory file");
    }

    @Test
    void badDescriptorFileVersion(@TempDir Path dir) throws IOException {
        Path path = queueFile(dir, "version");
        edit(path, s -> ShmFileHeader.version(s, ShmFileAbi.SHM_FILE_VERSION + 1));
        expect(ErrorKind.BAD_DESCRIPTOR, () -> QueueRegion.open(path), "format version is " + (ShmFileAbi.SHM_FILE_VERSION + 1));
    }

    @Test
    void badDescriptorFileKind(@TempDir Path dir) throws IOException {
        Path path = queueFile(dir, "kind");
        edit(path, s -> ShmFileHeader.kind(s, ShmFileKind.CHIP_BOOTSTRAP_MAILBOX));
        expect(ErrorKind.BAD_DESCRIPTOR, () -> QueueRegion.open(path), "holds CHIP_BOOTSTRAP_MAILBOX, not L3L2_QUEUE");
        edit(path, s -> ShmFileHeader.kindRaw(s, 77));
        expect(ErrorKind.BAD_DESCRIPTOR, () -> QueueRegion.open(path), "77 (unknown)");
        edit(path, s -> ShmFileHeader.kind(s, ShmFileKind.INVALID));
        expect(ErrorKind.BAD_DESCRIPTOR, () -> QueueRegion.open(path), "holds INVALID");
    }

    @Test
    void badDescriptorTruncatedFile(@TempDir Path dir) throws IOException {
        Path path = queueFile(dir, "truncated");
        long size = Files.size(path);
        truncate(path, size - ShmFileHeader.BYTES);
        expect(ErrorKind.BAD_DESCRIPTOR, () -> QueueRegion.open(path), "header says " + size + " bytes",
                "file has " + (size - ShmFileHeader.BYTES));
        truncate(path, ShmFileHeader.BYTES - 1);
        expect(ErrorKind.BAD_DESCRIPTOR, () -> QueueRegion.open(path), "fewer than its header needs");
        truncate(path, 0);
        expect(ErrorKind.BAD_DESCRIPTOR, () -> QueueRegion.open(path), "it has 0 bytes");
    }

    @Test
    void badDescriptorHeaderSizeMismatch(@TempDir Path dir) throws IOException {
        Path path = queueFile(dir, "size");
        long size = Files.size(path);
        edit(path, s -> ShmFileHeader.fileBytes(s, size * 2));
        expect(ErrorKind.BAD_DESCRIPTOR, () -> QueueRegion.open(path), "header says " + size * 2 + " bytes");
        edit(path, s -> ShmFileHeader.fileBytes(s, -1));
        expect(ErrorKind.BAD_DESCRIPTOR, () -> QueueRegion.open(path), "header says 18446744073709551615 bytes");
    }

    @Test
    void badDescriptorScalarsInAFile(@TempDir Path dir) throws IOException {
        Path path = queueFile(dir, "scalars");
        Config config = new Config(4, 128, 128);
        ShmQueueFileLayout file = config.fileLayout();
        edit(path, s -> L3L2QueueArgs.depth(L3L2QueueTaskArgs.queue(s.asSlice(file.argsOffset(), file.argsBytes())), 3));
        try (SharedRegion region = QueueRegion.open(path)) {
            expect(ErrorKind.BAD_DESCRIPTOR, () -> QueueEndpoint.device(region), path.toString(), "depth 3");
        }
    }

    @Test
    void badDescriptorFileSmallerThanAnyQueue(@TempDir Path dir) throws IOException {
        // A complete header that describes itself, and nothing after it.
        Path path = Files.write(dir.resolve("tiny"), new byte[(int) ShmFileHeader.BYTES]);
        edit(path, s -> {
            ShmFileHeader.magic(s, ShmFileAbi.SHM_FILE_MAGIC);
            ShmFileHeader.version(s, ShmFileAbi.SHM_FILE_VERSION);
            ShmFileHeader.kind(s, ShmFileKind.L3L2_QUEUE);
            ShmFileHeader.fileBytes(s, ShmFileHeader.BYTES);
        });
        try (SharedRegion region = QueueRegion.open(path)) {
            expect(ErrorKind.BAD_DESCRIPTOR, () -> QueueEndpoint.host(region), "fewer than the smallest queue file");
        }
    }

    // ---- INVALID_DESCRIPTOR: the consumer --------------------------------------------------------

    @Test
    void invalidSeq() {
        Queue q = queue();
        q.raw().forge(Dir.INPUT, 0, 5, L3L2QueueOpcode.DATA.value(), 0, 0);
        poisonedBy(q, q.device(), q.device()::tryPeek, "input descriptor 0", "seq is 5, expected 1");
    }

    @Test
    void invalidSeqNotYetWritten() {
        // The tail counter moved but the slot still holds the previous lap's seq (here: never written).
        Queue q = queue();
        L3L2QueueCounterLine.valueRelease(q.raw().tail(Dir.OUTPUT), 1);
        poisonedBy(q, q.host(), q.host()::tryPeek, "output descriptor 0", "seq is 0, expected 1");
    }

    @Test
    void invalidSeqOfAnEarlierLap() {
        Queue q = queue(2, 64, 64);
        send(q.host(), 1, 0);
        receive(q.device(), 1, 0);
        send(q.host(), 1, 0);
        receive(q.device(), 1, 0);
        // Slot 0 again: seq must be 3, the forger leaves 1 (the first lap's).
        q.raw().forge(Dir.INPUT, 2, 1, L3L2QueueOpcode.DATA.value(), 0, 0);
        poisonedBy(q, q.device(), () -> q.device().peek(SHORT), "input descriptor 2", "seq is 1, expected 3");
    }

    @Test
    void invalidOpcodeZero() {
        Queue q = queue();
        q.raw().forge(Dir.INPUT, 0, L3L2QueueOpcode.INVALID, 0, 0);
        poisonedBy(q, q.device(), q.device()::tryPeek, "opcode INVALID is not allowed");
    }

    @Test
    void invalidOpcodeUnknown() {
        Queue q = queue();
        q.raw().forge(Dir.OUTPUT, 0, 1, 4, 0, 0);
        poisonedBy(q, q.host(), () -> q.host().drain(m -> { }, 8), "output descriptor 0", "opcode 4 (unknown)");
        Queue r = queue();
        r.raw().forge(Dir.INPUT, 0, 1, -1, 0, 0);
        poisonedBy(r, r.device(), r.device()::tryPeek, "opcode 18446744073709551615 (unknown)");
    }

    @Test
    void invalidStopOnOutput() {
        Queue q = queue();
        q.raw().forge(Dir.OUTPUT, 0, L3L2QueueOpcode.STOP, 0, 0);
        poisonedBy(q, q.host(), q.host()::tryPeek, "opcode STOP is not allowed");
    }

    @Test
    void invalidZeroByteWithOffset() {
        Queue q = queue();
        q.raw().forge(Dir.INPUT, 0, L3L2QueueOpcode.DATA, q.raw().arenaOffset(Dir.INPUT), 0);
        poisonedBy(q, q.device(), q.device()::tryPeek, "zero-byte message has payload_offset "
                + q.raw().arenaOffset(Dir.INPUT));
    }

    @Test
    void invalidStopWithOffsetOrPayload() {
        Queue q = queue();
        q.raw().forge(Dir.INPUT, 0, L3L2QueueOpcode.STOP, q.raw().arenaOffset(Dir.INPUT), 8);
        poisonedBy(q, q.device(), q.device()::tryPeek, "STOP carries 8 payload bytes");
        Queue r = queue();
        r.raw().forge(Dir.INPUT, 0, L3L2QueueOpcode.STOP, 64, 0);
        poisonedBy(r, r.device(), r.device()::tryPeek, "payload_offset 64, not 0");
    }

    @Test
    void invalidSizeLargerThanTheArena() {
        Queue q = queue(4, 128, 64);
        long arena = q.raw().arenaBytes(Dir.INPUT);
        q.raw().forge(Dir.INPUT, 0, L3L2QueueOpcode.DATA, q.raw().arenaOffset(Dir.INPUT), arena + 1);
        poisonedBy(q, q.device(), q.device()::tryPeek, "payload_nbytes " + (arena + 1), "larger than the arena (" + arena + ")");
        Queue r = queue(4, 128, 64);
        r.raw().forge(Dir.OUTPUT, 0, L3L2QueueOpcode.DATA, r.raw().arenaOffset(Dir.OUTPUT), -1);
        poisonedBy(r, r.host(), r.host()::tryPeek, "payload_nbytes 18446744073709551615");
        Queue s = queue(4, 128, 64);
        s.raw().forge(Dir.OUTPUT, 0, L3L2QueueOpcode.DATA, -8, Long.MAX_VALUE);
        poisonedBy(s, s.host(), s.host()::tryPeek, "larger than the arena");
    }

    @Test
    void invalidOffsetOutsideTheArena() {
        Queue q = queue();
        long arena = q.raw().arenaOffset(Dir.INPUT);
        for (long offset : new long[] {-1, Long.MIN_VALUE, q.raw().layout().totalBytes(), arena - 16,
                q.raw().arenaOffset(Dir.OUTPUT), 0}) {
            Queue r = queue();
            r.raw().forge(Dir.INPUT, 0, L3L2QueueOpcode.DATA, offset, 16);
            poisonedBy(r, r.device(), r.device()::tryPeek, "payload_offset " + Long.toUnsignedString(offset),
                    "(" + arena + ")");
        }
    }

    @Test
    void invalidOffsetNotTheRederivedOne() {
        Queue q = queue(8, 128, 128);
        long arena = q.raw().arenaOffset(Dir.INPUT);
        q.raw().forge(Dir.INPUT, 0, L3L2QueueOpcode.DATA, arena, 16);
        Message first = q.device().tryPeek();
        assertThat(first.payload().address()).isEqualTo(q.raw().payload().address() + arena);
        q.device().release(first);
        // The next one must follow at +16; pointing back at the start is a protocol violation.
        q.raw().forge(Dir.INPUT, 1, L3L2QueueOpcode.DATA, arena, 16);
        poisonedBy(q, q.device(), q.device()::tryPeek, "input descriptor 1", "payload_offset " + arena,
                "(" + (arena + 16) + ")");
    }

    @Test
    void invalidOffsetAtTheWrap() {
        Queue q = queue(8, 128, 64);
        long arena = q.raw().arenaOffset(Dir.INPUT);
        q.raw().forge(Dir.INPUT, 0, L3L2QueueOpcode.DATA, arena, 100);
        q.device().release(q.device().tryPeek());
        // 40 bytes do not fit in the 28 left: the producer had to skip to the arena start.
        q.raw().forge(Dir.INPUT, 1, L3L2QueueOpcode.DATA, arena + 100, 40);
        poisonedBy(q, q.device(), q.device()::tryPeek, "payload_offset " + (arena + 100), "(" + arena + ")");

        Queue r = queue(8, 128, 64);
        r.raw().forge(Dir.INPUT, 0, L3L2QueueOpcode.DATA, arena, 100);
        r.device().release(r.device().tryPeek());
        // 28 bytes fit exactly: skipping would be wrong.
        r.raw().forge(Dir.INPUT, 1, L3L2QueueOpcode.DATA, arena, 28);
        poisonedBy(r, r.device(), r.device()::tryPeek, "payload_offset " + arena, "(" + (arena + 100) + ")");
    }

    @Test
    void forgedButValidDescriptorsAreAccepted() {
        // The other tests' forger is right when it follows the rules.
        Queue q = queue(8, 128, 64);
        long arena = q.raw().arenaOffset(Dir.INPUT);
        q.raw().forge(Dir.INPUT, 0, L3L2QueueOpcode.DATA, arena, 100);
        q.raw().forge(Dir.INPUT, 1, L3L2QueueOpcode.ERROR, 0, 0);
        q.raw().forge(Dir.INPUT, 2, L3L2QueueOpcode.DATA, arena + 100, 28);
        q.raw().forge(Dir.INPUT, 3, L3L2QueueOpcode.DATA, arena, 1);
        q.raw().forge(Dir.INPUT, 4, L3L2QueueOpcode.STOP, 0, 0);
        List<String> seen = new ArrayList<>();
        assertThat(q.device().drain(m -> seen.add(m.opcode() + "@" + (m.size() == 0 ? "-"
                : m.payload().address() - q.raw().payload().address()) + "+" + m.size()), 10)).isEqualTo(5);
        assertThat(seen).containsExactly("DATA@" + arena + "+100", "ERROR@-+0", "DATA@" + (arena + 100) + "+28",
                "DATA@" + arena + "+1", "STOP@-+0").inOrder();
        assertThat(q.device().stopReceived()).isTrue();
        assertHealthy(q, q.device());
    }

    @Test
    void invalidTailCounterJumpsBack() {
        Queue q = queue(4, 128, 128);
        send(q.host(), 3, 0);
        send(q.host(), 3, 1);
        receive(q.device(), 3, 0);
        receive(q.device(), 3, 1);
        // The consumer reads messages by their seq and the counter only when seq shows nothing new:
        // a counter can be caught going back only from a value this side has read.
        assertThat(q.device().tryPeek()).isNull();
        L3L2QueueCounterLine.valueRelease(q.raw().tail(Dir.INPUT), 1);
        poisonedBy(q, q.device(), q.device()::tryPeek, "input tail counter reads 1", "counter reconstruction failed");
        // A counter behind the messages already read is caught without that: after message k, it reads at least k.
        Queue r = queue(4, 128, 128);
        send(r.host(), 3, 0);
        send(r.host(), 3, 1);
        send(r.host(), 3, 2);
        receive(r.device(), 3, 0);
        receive(r.device(), 3, 1);
        receive(r.device(), 3, 2);
        L3L2QueueCounterLine.valueRelease(r.raw().tail(Dir.INPUT), 1);
        poisonedBy(r, r.device(), r.device()::tryPeek, "input tail counter reads 1", "counter reconstruction failed");
    }

    @Test
    void invalidTailCounterBeyondDepth() {
        Queue q = queue(4, 128, 128);
        L3L2QueueCounterLine.valueRelease(q.raw().tail(Dir.OUTPUT), 5);
        poisonedBy(q, q.host(), q.host()::tryPeek, "output tail counter reads 5", "0 to 4 messages in flight");
        Queue r = queue(4, 128, 128);
        L3L2QueueCounterLine.valueRelease(r.raw().tail(Dir.INPUT), -1);
        poisonedBy(r, r.device(), () -> r.device().peek(SHORT), "input tail counter reads 4294967295");
    }

    @Test
    void invalidTailCounterCountsTheMessagesNotYetReleased() {
        // A held message still occupies its slot: after releasing it, 4 more are fine...
        Queue q = queue(4, 128, 128);
        send(q.host(), 1, 0);
        Message held = q.device().tryPeek();
        assertThat(held).isNotNull();
        for (long i = 1; i <= 4; i++) {
            q.raw().forge(Dir.INPUT, i, L3L2QueueOpcode.DATA, 0, 0);
        }
        q.device().release(held);
        assertThat(q.device().drain(m -> { }, 10)).isEqualTo(4);
        assertHealthy(q, q.device());
        // ...but a drain releases its batch only at the end: while message 0 is being handled the
        // producer cannot have published message 4 (into message 0's slot). Messages 1 to 3 are
        // fine and handled; message 4 is where the counter shows the violation.
        Queue r = queue(4, 128, 128);
        send(r.host(), 1, 0);
        List<Long> handled = new ArrayList<>();
        poisonedBy(r, r.device(), () -> r.device().drain(m -> {
            handled.add(m.index());
            if (m.index() == 0) {
                for (long i = 1; i <= 4; i++) {
                    r.raw().forge(Dir.INPUT, i, L3L2QueueOpcode.DATA, 0, 0);
                }
            }
        }, 10), "input tail counter reads 5", "with head 0 and known tail 4", "0 to 4 messages in flight");
        assertThat(handled).containsExactly(0L, 1L, 2L, 3L).inOrder();
        assertWithMessage("the handled messages were released").that(
                L3L2QueueCounterLine.valueAcquire(r.raw().head(Dir.INPUT))).isEqualTo(4);
    }

    @Test
    void invalidHeadCounterBeyondTail() {
        Queue q = queue(2, 128, 128);
        send(q.host(), 1, 0);
        send(q.host(), 1, 1);
        L3L2QueueCounterLine.valueRelease(q.raw().head(Dir.INPUT), 3);
        // The producer reads the head only when it needs room.
        poisonedBy(q, q.host(), () -> q.host().tryEnqueue(L3L2QueueOpcode.DATA, bytes(1, 2)),
                "input head counter reads 3", "published tail 2", "counter reconstruction failed");
    }

    @Test
    void invalidHeadCounterJumpsBack() {
        Queue q = queue(2, 128, 128);
        for (int i = 0; i < 2; i++) {
            send(q.host(), 1, i);
        }
        receive(q.device(), 1, 0);
        receive(q.device(), 1, 1);
        send(q.host(), 1, 2);
        send(q.host(), 1, 3);
        // The producer has seen head 2 (it needed room); the counter now goes back to 1.
        L3L2QueueCounterLine.valueRelease(q.raw().head(Dir.INPUT), 1);
        poisonedBy(q, q.host(), () -> q.host().reserve(1, SHORT), "input head counter reads 1", "known head 2");
    }

    @Test
    void invalidHeadCounterOnTheOutputDirection() {
        Queue q = queue(1, 64, 64);
        send(q.device(), 1, 0);
        L3L2QueueCounterLine.valueRelease(q.raw().head(Dir.OUTPUT), 7);
        poisonedBy(q, q.device(), () -> q.device().tryReserve(1), "output head counter reads 7");
    }

    @Test
    void invalidDescriptorAfterStop() {
        Queue q = queue(4, 128, 128);
        send(q.host(), 2, 0);
        assertThat(q.host().tryStop()).isTrue();
        receive(q.device(), 2, 0);
        Message stop = q.device().tryPeek();
        assertThat(stop.opcode()).isEqualTo(L3L2QueueOpcode.STOP);
        assertThat(q.device().stopReceived()).isTrue();
        q.device().release(stop);
        expect(ErrorKind.CLOSED, () -> q.device().tryPeek(), "ended with STOP");
        assertHealthy(q, q.device());
        q.raw().forge(Dir.INPUT, 2, L3L2QueueOpcode.DATA, 0, 0);
        poisonedBy(q, q.device(), q.device()::tryPeek, "input descriptor 2 was published after STOP");
    }

    @Test
    void invalidSecondStop() {
        Queue q = queue(4, 128, 128);
        q.raw().forge(Dir.INPUT, 0, L3L2QueueOpcode.STOP, 0, 0);
        q.raw().forge(Dir.INPUT, 1, L3L2QueueOpcode.STOP, 0, 0);
        // The drain may end its batch at STOP; the next call then finds the second one.
        AbicRuntimeException e = expect(ErrorKind.INVALID_DESCRIPTOR, () -> {
            q.device().drain(m -> { }, 10);
            q.device().tryPeek();
        }, "after STOP");
        // A STOP with a descriptor already visible behind it is rejected itself: never handed out.
        assertThat(q.device().stopReceived()).isFalse();
        assertPoisoned(q, q.device(), e);
    }

    @Test
    void poisoningFirstErrorWinsAndCloseAbortDoNotHideIt() {
        Queue q = queue();
        q.raw().forge(Dir.INPUT, 0, 9, L3L2QueueOpcode.DATA.value(), 0, 0);
        AbicRuntimeException first = expect(ErrorKind.INVALID_DESCRIPTOR, q.device()::tryPeek, "seq is 9");
        // A second violation (on the other half) does not replace the first error.
        L3L2QueueCounterLine.valueRelease(q.raw().head(Dir.OUTPUT), 3);
        q.device().abort();
        assertThat(q.device().error()).isEqualTo(ErrorKind.INVALID_DESCRIPTOR);
        AbicRuntimeException again = expect(ErrorKind.INVALID_DESCRIPTOR, () -> q.device().tryReserve(1));
        assertThat(again).hasMessageThat().isEqualTo(first.getMessage());
        assertThat(again).hasCauseThat().isSameInstanceAs(first.getCause());
        q.device().close();
        expect(ErrorKind.CLOSED, q.device()::tryPeek);
    }

    // ---- OUT_OF_SPACE ------------------------------------------------------------------------

    @Test
    void outOfSpace() {
        Queue q = queue(4, 128, 64);
        expect(ErrorKind.OUT_OF_SPACE, () -> q.host().tryReserve(129), "129 bytes", "can never fit", "input arena of 128");
        expect(ErrorKind.OUT_OF_SPACE, () -> q.device().tryReserve(65), "output arena of 64");
        expect(ErrorKind.OUT_OF_SPACE, () -> q.host().tryEnqueue(L3L2QueueOpcode.DATA, bytes(200, 0)), "200 bytes");
        expect(ErrorKind.OUT_OF_SPACE, () -> q.host().enqueue(L3L2QueueOpcode.DATA, bytes(200, 0), SHORT), "200 bytes");
        expect(ErrorKind.OUT_OF_SPACE, () -> q.device().reserve(Long.MAX_VALUE, SHORT), "can never fit");
        assertHealthy(q, q.host());
        assertHealthy(q, q.device());
        // Exactly the arena fits when it is empty.
        send(q.host(), 128, 3);
        receive(q.device(), 128, 3);
        send(q.device(), 64, 4);
        receive(q.host(), 64, 4);
        assertStillWorks(q);
    }

    // ---- OWNERSHIP ---------------------------------------------------------------------------

    @Test
    void ownershipSecondReservation() {
        Queue q = queue();
        Reservation r = q.host().tryReserve(8);
        expect(ErrorKind.OWNERSHIP, () -> q.host().tryReserve(8), "already open", "publish it first");
        expect(ErrorKind.OWNERSHIP, () -> q.host().reserve(1, SHORT), "already open");
        expect(ErrorKind.OWNERSHIP, () -> q.host().tryEnqueue(L3L2QueueOpcode.DATA, bytes(1, 0)), "already open");
        expect(ErrorKind.OWNERSHIP, () -> q.host().tryStop(), "already open");
        MemorySegment.copy(bytes(8, 5), 0, r.segment(), 0, 8);
        q.host().publish(r);
        receive(q.device(), 8, 5);
        assertHealthy(q, q.host());
        assertStillWorks(q);
    }

    @Test
    void ownershipPublishTwice() {
        Queue q = queue();
        Reservation r = q.device().tryReserve(0);
        q.device().publish(r);
        expect(ErrorKind.OWNERSHIP, () -> q.device().publish(r), "already published");
        expect(ErrorKind.OWNERSHIP, () -> q.device().publish(r, L3L2QueueOpcode.ERROR), "already published");
        receive(q.host(), 0, 0);
        assertWithMessage("published once").that(q.host().tryPeek()).isNull();
        assertHealthy(q, q.device());
        assertStillWorks(q);
    }

    @Test
    void ownershipPublishAnotherEndpointsReservation() {
        Queue q = queue();
        Reservation hosts = q.host().tryReserve(4);
        expect(ErrorKind.OWNERSHIP, () -> q.device().publish(hosts), "belongs to another queue direction");
        Queue other = queue();
        expect(ErrorKind.OWNERSHIP, () -> other.host().publish(hosts), "belongs to another queue direction");
        MemorySegment.copy(bytes(4, 1), 0, hosts.segment(), 0, 4);
        q.host().publish(hosts);
        receive(q.device(), 4, 1);
        assertStillWorks(q);
        assertStillWorks(other);
    }

    @Test
    void ownershipReleaseTwice() {
        Queue q = queue();
        send(q.host(), 3, 0);
        send(q.host(), 3, 1);
        Message m = q.device().tryPeek();
        q.device().release(m);
        expect(ErrorKind.OWNERSHIP, () -> q.device().release(m), "message 0", "already released");
        receive(q.device(), 3, 1);
        assertHealthy(q, q.device());
        assertStillWorks(q);
    }

    @Test
    void ownershipReleaseAnotherEndpointsMessage() {
        Queue q = queue();
        send(q.device(), 2, 0);
        send(q.host(), 2, 1);
        Message hosts = q.host().tryPeek();
        expect(ErrorKind.OWNERSHIP, () -> q.device().release(hosts), "belongs to another queue direction");
        Message devices = q.device().tryPeek();
        expect(ErrorKind.OWNERSHIP, () -> q.device().release(hosts), "belongs to another queue direction");
        Queue other = queue();
        expect(ErrorKind.OWNERSHIP, () -> other.host().release(hosts), "belongs to another queue direction");
        q.host().release(hosts);
        q.device().release(devices);
        assertHealthy(q, q.host());
        assertHealthy(q, q.device());
        assertStillWorks(q);
        assertStillWorks(other);
    }

    @Test
    void ownershipPeekWhileHolding() {
        Queue q = queue();
        send(q.host(), 3, 0);
        send(q.host(), 3, 1);
        Message m = q.device().tryPeek();
        expect(ErrorKind.OWNERSHIP, q.device()::tryPeek, "message 0", "still held", "release it first");
        expect(ErrorKind.OWNERSHIP, () -> q.device().peek(SHORT), "still held");
        expect(ErrorKind.OWNERSHIP, () -> q.device().drain(x -> { }, 4), "release the held message");
        assertThat(m.index()).isEqualTo(0);
        q.device().release(m);
        receive(q.device(), 3, 1);
        assertHealthy(q, q.device());
        assertStillWorks(q);
    }

    @Test
    void ownershipReleaseInsideDrain() {
        Queue q = queue();
        send(q.host(), 3, 0);
        send(q.host(), 3, 1);
        List<AbicRuntimeException> refused = new ArrayList<>();
        int n = q.device().drain(m -> refused.add(assertThrows(AbicRuntimeException.class, () -> q.device().release(m))), 4);
        assertThat(n).isEqualTo(2);
        assertThat(refused).hasSize(2);
        for (AbicRuntimeException e : refused) {
            assertThat(e.kind()).isEqualTo(ErrorKind.OWNERSHIP);
            assertThat(e).hasMessageThat().contains("released by drain itself");
        }
        assertThat(q.device().tryPeek()).isNull();
        assertHealthy(q, q.device());
        assertStillWorks(q);
    }

    @Test
    void ownershipPeekOrDrainInsideDrain() {
        // The drain releases its whole batch when it returns: a message peeked inside the handler would
        // be released behind its holder's back, so the endpoint refuses it.
        Queue q = queue(4, 256, 256);
        for (int i = 0; i < 4; i++) {
            send(q.host(), 3, i);
        }
        List<AbicRuntimeException> refused = new ArrayList<>();
        List<Long> handled = new ArrayList<>();
        int n = q.device().drain(m -> {
            handled.add(m.index());
            refused.add(assertThrows(AbicRuntimeException.class, q.device()::tryPeek));
            refused.add(assertThrows(AbicRuntimeException.class, () -> q.device().peek(SHORT)));
            refused.add(assertThrows(AbicRuntimeException.class, () -> q.device().drain(x -> { }, 1)));
        }, 2);
        assertThat(n).isEqualTo(2);
        assertThat(handled).containsExactly(0L, 1L).inOrder();
        assertThat(refused).hasSize(6);
        for (AbicRuntimeException e : refused) {
            assertWithMessage(e.getMessage()).that(e.kind()).isEqualTo(ErrorKind.OWNERSHIP);
            assertThat(e).hasMessageThat().contains("from inside a drain handler");
        }
        receive(q.device(), 3, 2);
        receive(q.device(), 3, 3);
        assertThat(q.device().tryPeek()).isNull();
        assertHealthy(q, q.device());
        assertStillWorks(q);
    }

    @Test
    void payloadViewsAreReadOnly() {
        Queue q = queue();
        send(q.host(), 0, 0);
        send(q.host(), 5, 0);
        send(q.device(), 0, 0);
        send(q.device(), 6, 0);
        assertThat(q.host().tryStop()).isTrue();
        List<Message> seen = new ArrayList<>();
        for (QueueEndpoint to : List.of(q.device(), q.host())) {
            for (Message m = to.tryPeek(); m != null; m = to.stopReceived() ? null : to.tryPeek()) {
                assertWithMessage("%s payload read-only", m).that(m.payload().isReadOnly()).isTrue();
                if (m.size() > 0) {
                    MemorySegment view = m.payload();
                    assertThrows(IllegalArgumentException.class,
                            () -> view.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 1));
                }
                seen.add(m);
                to.release(m);
            }
        }
        assertThat(seen).hasSize(5);
    }

    @Test
    void drainReleasesItsBatchEvenWhenTheHandlerThrows() {
        Queue q = queue(2, 64, 64);
        send(q.host(), 1, 0);
        send(q.host(), 1, 1);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> q.device().drain(m -> {
            throw new IllegalStateException("handler failed");
        }, 2));
        assertThat(thrown).hasMessageThat().isEqualTo("handler failed");
        assertHealthy(q, q.device());
        // The one handed out was released; the second one is still there.
        receive(q.device(), 1, 1);
        send(q.host(), 1, 2);
        send(q.host(), 1, 3);
        receive(q.device(), 1, 2);
        receive(q.device(), 1, 3);
    }

    // ---- REMOTE_ABORTED ----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(QueueEndpoint.Role.class)
    void remoteAbortedOnEmptyAndFull(QueueEndpoint.Role aborting) {
        Queue q = queue(2, 64, 64);
        QueueEndpoint quitter = aborting == QueueEndpoint.Role.HOST ? q.host() : q.device();
        QueueEndpoint survivor = quitter == q.host() ? q.device() : q.host();
        send(survivor, 1, 0);
        send(survivor, 1, 1);
        quitter.abort();
        assertThat(q.raw().abortFlag(aborting)).isEqualTo(1);
        assertThat(survivor.peerAborted()).isTrue();
        // Empty incoming direction.
        expect(ErrorKind.REMOTE_ABORTED, survivor::tryPeek, "the peer set its abort flag");
        expect(ErrorKind.REMOTE_ABORTED, () -> survivor.drain(m -> { }, 1), "abort flag");
        expect(ErrorKind.REMOTE_ABORTED, () -> survivor.peek(Duration.ofSeconds(30)), "abort flag");
        // Full outgoing ring.
        expect(ErrorKind.REMOTE_ABORTED, () -> survivor.tryReserve(1), "abort flag");
        expect(ErrorKind.REMOTE_ABORTED, () -> survivor.tryEnqueue(L3L2QueueOpcode.DATA, bytes(1, 0)), "abort flag");
        expect(ErrorKind.REMOTE_ABORTED, () -> survivor.reserve(1, Duration.ofSeconds(30)), "abort flag");
        expect(ErrorKind.REMOTE_ABORTED, () -> survivor.enqueue(L3L2QueueOpcode.DATA, bytes(1, 0), Duration.ofSeconds(30)));
        if (survivor == q.host()) {
            expect(ErrorKind.REMOTE_ABORTED, survivor::tryStop);
            expect(ErrorKind.REMOTE_ABORTED, () -> survivor.stop(Duration.ofSeconds(30)));
        }
        assertWithMessage("observing a remote abort does not set the own flag")
                .that(q.raw().abortFlag(survivor.role())).isEqualTo(0);
        assertThat(survivor.error()).isEqualTo(ErrorKind.NONE);
        assertThat(quitter.error()).isEqualTo(ErrorKind.ABORTED);
    }

    @Test
    void remoteAbortedArenaFull() {
        Queue q = queue(8, 64, 64);
        send(q.device(), 40, 0);
        q.host().abort();
        expect(ErrorKind.REMOTE_ABORTED, () -> q.device().tryReserve(40), "abort flag");
        // Room left: a message that fits is still written (the peer looks at its flag, not the ring).
        send(q.device(), 24, 1);
    }

    @Test
    void remoteAbortedAfterTheMessagesSentBeforeIt() {
        Queue q = queue(4, 128, 128);
        send(q.device(), 10, 0);
        send(q.device(), 0, 1);
        send(q.device(), 20, 2);
        q.device().abort();
        receive(q.host(), 10, 0);
        Message[] got = new Message[1];
        assertThat(q.host().drain(m -> got[0] = m, 1)).isEqualTo(1);
        Message third = q.host().peek(SHORT);
        assertThat(third.size()).isEqualTo(20);
        q.host().release(third);
        expect(ErrorKind.REMOTE_ABORTED, q.host()::tryPeek);
        expect(ErrorKind.REMOTE_ABORTED, () -> q.host().peek(SHORT));
    }

    @Test
    void remoteAbortedWakesABlockedCall() throws Exception {
        Queue q = queue(1, 64, 64);
        CompletableFuture<Void> later = CompletableFuture.runAsync(q.device()::abort,
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        long start = System.nanoTime();
        expect(ErrorKind.REMOTE_ABORTED, () -> q.host().peek(Duration.ofSeconds(60)), "abort flag");
        later.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertWithMessage("woke up in %s", took).that(took).isLessThan(Duration.ofSeconds(10));

        Queue r = queue(1, 64, 64);
        send(r.host(), 1, 0);
        CompletableFuture<Void> later2 = CompletableFuture.runAsync(r.device()::abort,
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        expect(ErrorKind.REMOTE_ABORTED, () -> r.host().enqueue(L3L2QueueOpcode.DATA, bytes(1, 0),
                Duration.ofSeconds(60)), "abort flag");
        later2.get();
    }

    // ---- TIMEOUT -----------------------------------------------------------------------------

    static void timesOut(Executable call, Duration timeout, String... fragments) {
        long start = System.nanoTime();
        expect(ErrorKind.TIMEOUT, call, fragments);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertWithMessage("timed out after %s", took).that(took).isAtLeast(timeout);
        assertWithMessage("timed out after %s", took).that(took).isLessThan(timeout.plus(MARGIN));
    }

    @Test
    void timeoutPeekOnEmpty() {
        Queue q = queue();
        timesOut(() -> q.device().peek(SHORT), SHORT, "L2", "peek timed out");
        timesOut(() -> q.host().peek(SHORT), SHORT, "L3", "peek timed out");
        timesOut(() -> q.host().peek(Duration.ZERO), Duration.ZERO, "peek timed out");
        assertHealthy(q, q.host());
        assertHealthy(q, q.device());
        assertStillWorks(q);
    }

    @Test
    void timeoutReserveOnFull() {
        Queue q = queue(2, 64, 64);
        send(q.host(), 1, 0);
        send(q.host(), 1, 1);
        timesOut(() -> q.host().reserve(1, SHORT), SHORT, "L3", "reserve 1 bytes timed out");
        timesOut(() -> q.host().enqueue(L3L2QueueOpcode.DATA, bytes(1, 0), SHORT), SHORT, "timed out");
        timesOut(() -> q.host().stop(SHORT), SHORT, "send STOP timed out");
        timesOut(() -> q.host().reserve(1, Duration.ZERO), Duration.ZERO, "timed out");
        // Arena full (ring has room).
        send(q.device(), 40, 0);
        timesOut(() -> q.device().reserve(40, SHORT), SHORT, "L2", "reserve 40 bytes timed out");
        assertHealthy(q, q.host());
        assertHealthy(q, q.device());
        receive(q.device(), 1, 0);
        receive(q.device(), 1, 1);
        receive(q.host(), 40, 0);
        assertStillWorks(q);
        // And the blocked call succeeds once there is room.
        q.host().stop(SHORT);
        Message stop = q.device().peek(SHORT);
        assertThat(stop.opcode()).isEqualTo(L3L2QueueOpcode.STOP);
    }

    @Test
    void timeoutThenPeerAbortedIsReportedAsRemoteAborted() {
        Queue q = queue();
        timesOut(() -> q.device().peek(SHORT), SHORT);
        q.host().abort();
        expect(ErrorKind.REMOTE_ABORTED, () -> q.device().peek(SHORT));
    }

    @Test
    void blockingCallsSucceedWhenThePeerAnswersInTime() throws Exception {
        Queue q = queue(1, 64, 64);
        CompletableFuture<Void> later = CompletableFuture.runAsync(() -> send(q.host(), 7, 1),
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        Message m = q.device().peek(Duration.ofSeconds(30));
        later.get();
        assertThat(m.size()).isEqualTo(7);
        q.device().release(m);
        // Effectively infinite timeouts saturate instead of overflowing.
        send(q.host(), 2, 2);
        receive(q.device(), 2, 2);
        send(q.host(), 3, 3);
        Message n = q.device().peek(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(n.size()).isEqualTo(3);
        q.device().release(n);
    }

    // ---- CLOSED and ABORTED ------------------------------------------------------------------

    @Test
    void closed() {
        Queue q = queue();
        send(q.host(), 1, 0);
        q.host().close();
        q.host().close();
        assertThat(q.host().error()).isEqualTo(ErrorKind.CLOSED);
        for (Executable call : List.<Executable>of(q.host()::tryPeek, () -> q.host().peek(SHORT),
                () -> q.host().drain(m -> { }, 1), () -> q.host().tryReserve(1), () -> q.host().reserve(1, SHORT),
                () -> q.host().tryEnqueue(L3L2QueueOpcode.DATA, bytes(1, 0)), q.host()::tryStop,
                () -> q.host().stop(SHORT))) {
            expect(ErrorKind.CLOSED, call, "L3", "endpoint closed");
        }
        assertWithMessage("close does not touch shared memory").that(q.raw().hostAbortFlag()).isEqualTo(0);
        // The device sees nothing of it: the message sent before is there, then an empty queue.
        receive(q.device(), 1, 0);
        assertThat(q.device().tryPeek()).isNull();
        assertThat(q.device().peerAborted()).isFalse();
    }

    @Test
    void closedWhileHoldingAndReserved() {
        Queue q = queue();
        send(q.host(), 1, 0);
        Message m = q.device().tryPeek();
        Reservation r = q.device().tryReserve(1);
        q.device().close();
        expect(ErrorKind.CLOSED, () -> q.device().release(m), "closed");
        expect(ErrorKind.CLOSED, () -> q.device().publish(r), "closed");
    }

    @Test
    void closedAfterStop() {
        Queue q = queue(2, 64, 64);
        send(q.host(), 1, 0);
        assertThat(q.host().tryStop()).isTrue();
        expect(ErrorKind.CLOSED, () -> q.host().tryEnqueue(L3L2QueueOpcode.DATA, bytes(1, 0)), "input direction was stopped");
        expect(ErrorKind.CLOSED, () -> q.host().tryReserve(0), "stopped");
        expect(ErrorKind.CLOSED, () -> q.host().enqueue(L3L2QueueOpcode.DATA, bytes(1, 0), SHORT), "stopped");
        expect(ErrorKind.CLOSED, q.host()::tryStop, "stopped");
        expect(ErrorKind.CLOSED, () -> q.host().stop(SHORT), "stopped");
        // Not poisoned: the output direction still works, and the error state is unchanged.
        assertHealthy(q, q.host());
        send(q.device(), 4, 4);
        receive(q.host(), 4, 4);
        receive(q.device(), 1, 0);
        Message stop = q.device().tryPeek();
        assertThat(stop.opcode()).isEqualTo(L3L2QueueOpcode.STOP);
        assertThat(stop.size()).isEqualTo(0);
        q.device().release(stop);
        assertThat(q.device().stopReceived()).isTrue();
        expect(ErrorKind.CLOSED, () -> q.device().tryPeek(), "ended with STOP");
    }

    @Test
    void aborted() {
        Queue q = queue();
        q.device().abort();
        q.device().abort();
        assertThat(q.device().error()).isEqualTo(ErrorKind.ABORTED);
        assertThat(q.raw().deviceAbortFlag()).isEqualTo(1);
        assertThat(q.raw().hostAbortFlag()).isEqualTo(0);
        for (Executable call : List.<Executable>of(q.device()::tryPeek, () -> q.device().peek(SHORT),
                () -> q.device().drain(m -> { }, 1), () -> q.device().tryReserve(1), () -> q.device().reserve(1, SHORT),
                () -> q.device().tryEnqueue(L3L2QueueOpcode.DATA, bytes(1, 0)))) {
            expect(ErrorKind.ABORTED, call, "L2", "aborted by this side");
        }
        q.device().close();
        expect(ErrorKind.CLOSED, q.device()::tryPeek);
        assertThat(q.raw().deviceAbortFlag()).isEqualTo(1);
    }

    // ---- full is not an error ----------------------------------------------------------------

    @Test
    void ringFullIsNotAnError() {
        Queue q = queue(2, 256, 256);
        send(q.host(), 1, 0);
        send(q.host(), 1, 1);
        assertThat(q.host().tryEnqueue(L3L2QueueOpcode.DATA, bytes(1, 2))).isFalse();
        assertThat(q.host().tryReserve(0)).isNull();
        assertThat(q.host().tryStop()).isFalse();
        assertHealthy(q, q.host());
        assertHealthy(q, q.device());
        receive(q.device(), 1, 0);
        send(q.host(), 1, 2);
        receive(q.device(), 1, 1);
        receive(q.device(), 1, 2);
        assertThat(q.device().tryPeek()).isNull();
        assertThat(q.device().drain(m -> { }, 3)).isEqualTo(0);
        assertHealthy(q, q.device());
        assertStillWorks(q);
    }

    @Test
    void arenaFullIsNotAnError() {
        Queue q = queue(8, 64, 64);
        send(q.host(), 48, 0);
        assertThat(q.host().tryEnqueue(L3L2QueueOpcode.DATA, bytes(17, 1))).isFalse();
        assertThat(q.host().tryReserve(48)).isNull();
        send(q.host(), 16, 1);
        assertThat(q.host().tryReserve(1)).isNull();
        // Zero bytes need no arena: they still go while the ring has room.
        send(q.host(), 0, 2);
        assertHealthy(q, q.host());
        receive(q.device(), 48, 0);
        // The cursor is at the arena end (position 0) and the first 48 bytes are free again.
        send(q.host(), 48, 3);
        receive(q.device(), 16, 1);
        receive(q.device(), 0, 2);
        receive(q.device(), 48, 3);
        assertHealthy(q, q.device());
        assertStillWorks(q);
    }
}
