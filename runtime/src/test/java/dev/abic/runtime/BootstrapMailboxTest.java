package dev.abic.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.abic.runtime.BootstrapMailbox.Domain;
import dev.abic.runtime.BootstrapMailbox.Failure;
import dev.abic.runtime.BootstrapMailbox.Success;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import simpler.bootstrap.ChipBootstrapDomainRecord;
import simpler.bootstrap.ChipBootstrapMailboxV2;
import dev.abic.shm.ShmMailboxFile;

/** The mailbox in one process: both outcomes, the exactly-once rule, and every reader check. */
class BootstrapMailboxTest {
    private final SharedRegion region = BootstrapMailbox.anonymous();
    private final BootstrapMailbox mailbox = BootstrapMailbox.of(region);
    private final MemorySegment page = ShmMailboxFile.mailbox(region.segment());

    @AfterEach
    void close() {
        region.close();
    }

    static Domain domain(int d, int pointers) {
        return new Domain("domain" + d, d, d + 1, 0x1000 + d, 0x10000L * (d + 1), 0x4000L * (d + 1),
                LongStream.range(0, pointers).map(j -> 0xB0000000L + d * 0x1000L + j * 8).boxed().toList());
    }

    static List<Domain> domains(int count, int pointers) {
        List<Domain> domains = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            domains.add(domain(d, pointers));
        }
        return domains;
    }

    @Test
    void successIsReadBackExactly() {
        assertThat(mailbox.poll()).isNull();
        List<Domain> sent = domains((int) ChipBootstrapMailboxV2.DOMAIN_RECORDS_LENGTH, 37);
        mailbox.publishSuccess(sent);
        assertThat(mailbox.await(Duration.ofSeconds(1))).isEqualTo(new Success(sent));
    }

    @Test
    void errorIsReadBackAndTruncatedToTheField() {
        mailbox.publishError(1, "x".repeat(5000));
        Failure failure = (Failure) mailbox.await(Duration.ZERO);
        assertThat(failure.code()).isEqualTo(1);
        assertThat(failure.message()).hasLength((int) ChipBootstrapMailboxV2.ERROR_MSG_LENGTH - 1);
    }

    @Test
    void aReaderOnAnotherThreadSeesTheWholeReport() throws Exception {
        CompletableFuture<BootstrapMailbox.Result> reader =
                CompletableFuture.supplyAsync(() -> mailbox.await(Duration.ofSeconds(10)));
        Thread.sleep(20);
        List<Domain> sent = domains(3, 5);
        mailbox.publishSuccess(sent);
        assertThat(reader.get()).isEqualTo(new Success(sent));
    }

    @Test
    void aNullMessageIsRefusedBeforeAnythingIsWritten() {
        assertKind(ErrorKind.BAD_ARGUMENT, () -> mailbox.publishError(5, null));
        assertThat(ChipBootstrapMailboxV2.errorCode(page)).isEqualTo(0);
        assertThat(mailbox.poll()).isNull();
    }

    @Test
    void writtenExactlyOnce() {
        mailbox.publishError(7, "first");
        assertKind(ErrorKind.OWNERSHIP, () -> mailbox.publishSuccess(domains(1, 1)));
        assertKind(ErrorKind.OWNERSHIP, () -> mailbox.publishError(8, "second"));
        assertThat(mailbox.poll()).isEqualTo(new Failure(7, "first"));
        mailbox.reset();
        assertThat(mailbox.poll()).isNull();
        mailbox.publishSuccess(List.of());
        assertThat(mailbox.poll()).isEqualTo(new Success(List.of()));
    }

    @Test
    void theWriterRejectsWhatTheReaderWouldReject() {
        int max = (int) ChipBootstrapMailboxV2.DOMAIN_RECORDS_LENGTH;
        int pool = (int) ChipBootstrapMailboxV2.BUFFER_PTRS_LENGTH;
        assertKind(ErrorKind.BAD_ARGUMENT, () -> mailbox.publishSuccess(domains(max + 1, 0)));
        assertKind(ErrorKind.BAD_ARGUMENT, () -> mailbox.publishSuccess(domains(2, pool / 2 + 1)));
        String longest = "n".repeat((int) ChipBootstrapDomainRecord.NAME_LENGTH - 1);
        mailbox.publishSuccess(List.of(new Domain(longest, 0, 1, 0, 0, 0, List.of())));
        mailbox.reset();
        for (Domain bad : List.of(
                new Domain("", 0, 1, 0, 0, 0, List.of()),
                new Domain(longest + "n", 0, 1, 0, 0, 0, List.of()),
                new Domain("a\0b", 0, 1, 0, 0, 0, List.of()),
                new Domain("rank", 1, 1, 0, 0, 0, List.of()),
                new Domain("rank", -1, 1, 0, 0, 0, List.of()),
                new Domain("size", 0, 0, 0, 0, 0, List.of()))) {
            assertKind(ErrorKind.BAD_ARGUMENT, () -> mailbox.publishSuccess(List.of(bad)));
        }
        assertKind(ErrorKind.BAD_ARGUMENT, () -> mailbox.publishSuccess(List.of(domain(0, 1), domain(0, 1))));
        assertThat(mailbox.poll()).isNull();
    }

    @Test
    void theReaderRejectsCountsAboveCapacity() {
        mailbox.publishSuccess(domains(2, 3));
        ChipBootstrapMailboxV2.domainCount(page, (int) ChipBootstrapMailboxV2.DOMAIN_RECORDS_LENGTH + 1);
        assertInvalid("domain_count");
        ChipBootstrapMailboxV2.domainCount(page, -1);
        assertInvalid("domain_count");
        ChipBootstrapMailboxV2.domainCount(page, 2);
        MemorySegment record = ChipBootstrapMailboxV2.domainRecords(page, 1);
        ChipBootstrapDomainRecord.bufferCount(record, (int) ChipBootstrapMailboxV2.BUFFER_PTRS_LENGTH);
        assertInvalid("outside the pool");
        ChipBootstrapDomainRecord.bufferCount(record, -1);
        assertInvalid("outside the pool");
        ChipBootstrapDomainRecord.bufferCount(record, 1);
        ChipBootstrapDomainRecord.ptrOffset(record, Integer.MAX_VALUE);
        assertInvalid("outside the pool");
        ChipBootstrapDomainRecord.ptrOffset(record, (int) ChipBootstrapMailboxV2.BUFFER_PTRS_LENGTH - 1);
        assertThat(mailbox.poll()).isInstanceOf(Success.class);
    }

    @Test
    void theReaderRejectsMissingNulBadNamesAndRanks() {
        mailbox.publishSuccess(domains(2, 1));
        MemorySegment record = ChipBootstrapMailboxV2.domainRecords(page, 1);
        MemorySegment name = record.asSlice(ChipBootstrapDomainRecord.NAME_OFFSET, ChipBootstrapDomainRecord.NAME_LENGTH);
        name.fill((byte) 'z');
        assertInvalid("no terminating NUL");
        name.fill((byte) 0);
        assertInvalid("empty name");
        ChipBootstrapDomainRecord.name(record, "domain0");
        assertInvalid("appears twice");
        ChipBootstrapDomainRecord.name(record, "domain1");
        ChipBootstrapDomainRecord.domainRank(record, 2);
        assertInvalid("rank 2 of size 2");
        ChipBootstrapDomainRecord.domainRank(record, 1);
        ChipBootstrapDomainRecord.domainSize(record, 0);
        assertInvalid("of size 0");
        ChipBootstrapDomainRecord.domainSize(record, 2);
        assertThat(mailbox.poll()).isEqualTo(new Success(domains(2, 1)));
    }

    @Test
    void theReaderRejectsAnUnterminatedMessageAndAnUnknownState() {
        mailbox.publishError(3, "boom");
        page.asSlice(ChipBootstrapMailboxV2.ERROR_MSG_OFFSET, ChipBootstrapMailboxV2.ERROR_MSG_LENGTH).fill((byte) '!');
        assertInvalid("error_msg has no terminating NUL");
        page.set(ValueLayout.JAVA_BYTE, ChipBootstrapMailboxV2.ERROR_MSG_OFFSET + ChipBootstrapMailboxV2.ERROR_MSG_LENGTH - 1,
                (byte) 0);
        assertThat(((Failure) mailbox.poll()).message()).hasLength((int) ChipBootstrapMailboxV2.ERROR_MSG_LENGTH - 1);
        ChipBootstrapMailboxV2.stateRaw(page, 42);
        assertInvalid("state");
    }

    @Test
    void awaitTimesOut() {
        long start = System.nanoTime();
        assertKind(ErrorKind.TIMEOUT, () -> mailbox.await(Duration.ofMillis(50)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isAtLeast(Duration.ofMillis(50));
        assertKind(ErrorKind.BAD_ARGUMENT, () -> mailbox.await(Duration.ofMillis(-1)));
    }

    @Test
    void aFileMailboxIsSharedByTwoMappings(@TempDir Path dir) {
        Path file = dir.resolve("mailbox");
        try (SharedRegion writer = BootstrapMailbox.create(file); SharedRegion reader = BootstrapMailbox.open(file)) {
            BootstrapMailbox.of(writer).publishError(9, "from the child");
            assertThat(BootstrapMailbox.of(reader).await(Duration.ofSeconds(1))).isEqualTo(new Failure(9, "from the child"));
            assertKind(ErrorKind.BAD_DESCRIPTOR, () -> QueueRegion.open(file));
        }
    }

    private void assertInvalid(String detail) {
        AbicRuntimeException e = assertThrows(AbicRuntimeException.class, mailbox::poll);
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_DESCRIPTOR);
        assertThat(e).hasMessageThat().contains(detail);
    }

    static void assertKind(ErrorKind kind, Executable call) {
        AbicRuntimeException e = assertThrows(AbicRuntimeException.class, call);
        assertThat(e.kind()).isEqualTo(kind);
    }
}
