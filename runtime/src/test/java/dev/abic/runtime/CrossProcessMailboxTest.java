package dev.abic.runtime;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.runtime.BootstrapMailbox.Domain;
import dev.abic.runtime.BootstrapMailbox.Failure;
import dev.abic.runtime.BootstrapMailbox.Success;
import dev.abic.runtime.cpp.CppPrograms;
import dev.abic.shm.ShmMailboxFile;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import simpler.bootstrap.ChipBootstrapDomainRecord;
import simpler.bootstrap.ChipBootstrapMailboxV2;

/**
 * The bootstrap mailbox between processes through {@code /dev/shm}: the C++ writer reports to the
 * Java reader and the Java writer to the C++ reader, on the success and the error path, and each
 * reader rejects a page that breaks a rule.
 */
class CrossProcessMailboxTest {
    private final Path file = PeerProcess.shmFile("mailbox");

    @AfterEach
    void removeFile() throws IOException {
        Files.deleteIfExists(file);
    }

    private static PeerProcess peer(Object... args) {
        return PeerProcess.start(CppPrograms.peer(), args);
    }

    @Test
    void cppChildReportsSuccessToJavaParent() {
        try (SharedRegion region = BootstrapMailbox.create(file); PeerProcess child = peer("mailbox-success", file, 3, 5)) {
            BootstrapMailbox.Result result = BootstrapMailbox.of(region).await(Duration.ofSeconds(20));
            assertWithMessage(child.output()).that(child.waitFor(20)).isEqualTo(0);
            assertThat(result).isEqualTo(new Success(BootstrapMailboxTest.domains(3, 5)));
        }
    }

    @Test
    void cppChildReportsErrorToJavaParent() {
        try (SharedRegion region = BootstrapMailbox.create(file);
                PeerProcess child = peer("mailbox-error", file, 17, "no device 3: ENODEV")) {
            BootstrapMailbox.Result result = BootstrapMailbox.of(region).await(Duration.ofSeconds(20));
            assertWithMessage(child.output()).that(child.waitFor(20)).isEqualTo(0);
            assertThat(result).isEqualTo(new Failure(17, "no device 3: ENODEV"));
        }
    }

    @Test
    void theCppWriterRefusesCountsAboveCapacity() {
        try (SharedRegion region = BootstrapMailbox.create(file)) {
            long tooMany = ChipBootstrapMailboxV2.DOMAIN_RECORDS_LENGTH + 1;
            long tooManyPointers = ChipBootstrapMailboxV2.BUFFER_PTRS_LENGTH / 2 + 1;
            for (Object[] args : List.of(new Object[] {tooMany, 1}, new Object[] {2, tooManyPointers})) {
                try (PeerProcess child = peer("mailbox-success", file, args[0], args[1])) {
                    assertWithMessage(child.output()).that(child.waitFor(20)).isEqualTo(3);
                    assertThat(child.stderr()).contains("BAD_ARGUMENT");
                }
            }
            assertThat(BootstrapMailbox.of(region).poll()).isNull();
        }
    }

    @Test
    void javaChildReportsToCppParent() {
        try (SharedRegion region = BootstrapMailbox.create(file)) {
            List<Domain> domains = BootstrapMailboxTest.domains(2, 3);
            BootstrapMailbox.of(region).publishSuccess(domains);
            try (PeerProcess parent = peer("mailbox-await", file, 5000)) {
                assertWithMessage(parent.output()).that(parent.waitFor(20)).isEqualTo(0);
                List<String> expected = new ArrayList<>(List.of("success domains=2"));
                for (Domain d : domains) {
                    StringBuilder line = new StringBuilder(d.name() + " " + d.rank() + " " + d.size() + " " + d.deviceCtx()
                            + " " + d.localWindowBase() + " " + d.actualWindowSize() + " " + d.bufferPtrs().size());
                    d.bufferPtrs().forEach(p -> line.append(' ').append(Long.toUnsignedString(p)));
                    expected.add(line.toString());
                }
                assertThat(parent.stdout().lines().toList()).isEqualTo(expected);
            }
        }
    }

    @Test
    void javaProcessReportsErrorToJavaParent() {
        try (SharedRegion region = BootstrapMailbox.create(file); PeerProcess child = PeerProcess.startJava(
                "mailbox-error", file, 1, "bootstrap failed: übel")) {
            BootstrapMailbox.Result result = BootstrapMailbox.of(region).await(Duration.ofSeconds(30));
            assertWithMessage(child.output()).that(child.waitFor(30)).isEqualTo(0);
            assertThat(result).isEqualTo(new Failure(1, "bootstrap failed: übel"));
        }
    }

    @Test
    void theCppReaderRejectsAMissingNulAndACountAboveCapacity() {
        try (SharedRegion region = BootstrapMailbox.create(file)) {
            MemorySegment page = ShmMailboxFile.mailbox(region.segment());
            BootstrapMailbox.of(region).publishSuccess(BootstrapMailboxTest.domains(2, 1));
            MemorySegment name = ChipBootstrapMailboxV2.domainRecords(page, 1)
                    .asSlice(ChipBootstrapDomainRecord.NAME_OFFSET, ChipBootstrapDomainRecord.NAME_LENGTH);
            name.fill((byte) 'x');
            expectRejected();
            ChipBootstrapDomainRecord.name(ChipBootstrapMailboxV2.domainRecords(page, 1), "domain1");
            ChipBootstrapMailboxV2.domainCount(page, (int) ChipBootstrapMailboxV2.DOMAIN_RECORDS_LENGTH + 1);
            expectRejected();
            BootstrapMailbox.of(region).reset();
            BootstrapMailbox.of(region).publishError(2, "short");
            page.asSlice(ChipBootstrapMailboxV2.ERROR_MSG_OFFSET, ChipBootstrapMailboxV2.ERROR_MSG_LENGTH).fill((byte) 'e');
            expectRejected();
        }
    }

    private void expectRejected() {
        try (PeerProcess parent = peer("mailbox-await", file, 5000)) {
            assertWithMessage(parent.output()).that(parent.waitFor(20)).isEqualTo(3);
            assertThat(parent.stderr()).contains("INVALID_DESCRIPTOR");
        }
    }

    @Test
    void theCppReaderTimesOutOnAnIdlePage() {
        try (SharedRegion region = BootstrapMailbox.create(file); PeerProcess parent = peer("mailbox-await", file, 200)) {
            assertWithMessage(parent.output()).that(parent.waitFor(20)).isEqualTo(4);
            assertThat(parent.stderr()).contains("TIMEOUT");
            assertThat(BootstrapMailbox.of(region).poll()).isNull();
        }
    }
}
