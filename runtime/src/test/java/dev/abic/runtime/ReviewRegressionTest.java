package dev.abic.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.abic.runtime.BootstrapMailbox.Domain;
import dev.abic.runtime.BootstrapMailbox.Success;
import dev.abic.shm.ShmMailboxFile;
import dev.abic.shm.ShmFileKind;
import dev.abic.shm.ShmQueueFileLayout;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import simpler.l3l2.L3L2QueueOpcode;
import simpler.l3l2.L3l2QueueAbi;
import simpler.bootstrap.ChipBootstrapDomainRecord;
import simpler.bootstrap.ChipBootstrapMailboxState;
import simpler.bootstrap.ChipBootstrapMailboxV2;

/** Regression tests for defects found in review. */
class ReviewRegressionTest {
    /**
     * Two different names that encode to the same UTF-8 bytes (unpaired surrogates both become '?')
     * would put a duplicate name on the page, which every reader rejects: the writer must refuse them.
     */
    @Test
    void mailboxWriterRejectsNamesThatAreEqualOnThePage() {
        try (SharedRegion region = BootstrapMailbox.anonymous()) {
            BootstrapMailbox mailbox = BootstrapMailbox.of(region);
            List<Domain> domains = List.of(new Domain("a\uD800", 0, 1, 0, 0, 0, List.of()),
                    new Domain("a\uDC00", 0, 1, 0, 0, 0, List.of()));
            AbicRuntimeException e = assertThrows(AbicRuntimeException.class, () -> mailbox.publishSuccess(domains));
            assertThat(e.kind()).isEqualTo(ErrorKind.BAD_ARGUMENT);
            assertThat(mailbox.poll()).isNull();
        }
    }

    /**
     * Names are unique when their bytes differ (the C++ reader compares bytes): two names that are
     * not valid UTF-8 but differ are not duplicates.
     */
    @Test
    void mailboxReaderComparesNamesByTheirBytes() {
        try (SharedRegion region = BootstrapMailbox.anonymous()) {
            BootstrapMailbox mailbox = BootstrapMailbox.of(region);
            MemorySegment page = ShmMailboxFile.mailbox(region.segment());
            ChipBootstrapMailboxV2.domainCount(page, 2);
            for (int d = 0; d < 2; d++) {
                MemorySegment record = ChipBootstrapMailboxV2.domainRecords(page, d);
                record.set(ValueLayout.JAVA_BYTE, ChipBootstrapDomainRecord.NAME_OFFSET, (byte) (0xFE + d));
                ChipBootstrapDomainRecord.domainRank(record, 0);
                ChipBootstrapDomainRecord.domainSize(record, 1);
            }
            ChipBootstrapMailboxV2.stateRelease(page, ChipBootstrapMailboxState.SUCCESS);
            assertThat(((Success) mailbox.poll()).domains()).hasSize(2);
        }
    }

    /**
     * A peer can make a queue file of the largest depth as a sparse file that costs it nothing; an
     * endpoint opening it must not allocate in proportion to that depth (the Java producer used to
     * allocate depth longs, 8 GiB here: OutOfMemoryError).
     */
    @Test
    void anEndpointOnASparseFileOfTheLargestDepthAllocatesNothingOfThatSize(@TempDir Path dir) throws Exception {
        long arena = L3l2QueueAbi.L3L2_QUEUE_PAYLOAD_ARENA_ALIGNMENT * 64;
        QueueRegion.Config config = new QueueRegion.Config(L3l2QueueAbi.L3L2_QUEUE_MAX_DEPTH, arena, arena);
        ShmQueueFileLayout file = config.fileLayout();
        Path path = dir.resolve("sparse-queue");
        // Sparse, as a peer would make it: only the part before the payload is ever written.
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw"); Arena mapArena = Arena.ofConfined()) {
            raf.setLength(file.totalBytes());
            MemorySegment head = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, file.payloadOffset(), mapArena);
            QueueRegion.writeTaskArgs(head, config);
            SharedRegion.writeHeader(head, ShmFileKind.L3L2_QUEUE, file.totalBytes());
        }
        try (SharedRegion hostRegion = QueueRegion.open(path); SharedRegion deviceRegion = QueueRegion.open(path);
                QueueEndpoint host = QueueEndpoint.host(hostRegion);
                QueueEndpoint device = QueueEndpoint.device(deviceRegion)) {
            // More messages in flight than a small private table holds, in both directions.
            int count = 1000;
            for (int i = 0; i < count; i++) {
                host.enqueue(L3L2QueueOpcode.DATA, MemorySegment.ofArray(new byte[i % 2]), Duration.ofSeconds(1));
                device.enqueue(L3L2QueueOpcode.DATA, MemorySegment.ofArray(new byte[i % 2]), Duration.ofSeconds(1));
            }
            for (int i = 0; i < count; i++) {
                Message in = device.peek(Duration.ofSeconds(1));
                assertThat(in.size()).isEqualTo(i % 2);
                device.release(in);
                Message out = host.peek(Duration.ofSeconds(1));
                assertThat(out.size()).isEqualTo(i % 2);
                host.release(out);
            }
            host.enqueue(L3L2QueueOpcode.DATA, MemorySegment.ofArray(new byte[1]), Duration.ofSeconds(1));
            device.release(device.peek(Duration.ofSeconds(1)));
        }
    }
}
