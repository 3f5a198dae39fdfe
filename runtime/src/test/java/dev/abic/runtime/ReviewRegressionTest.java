package dev.abic.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.abic.runtime.BootstrapMailbox.Domain;
import dev.abic.runtime.BootstrapMailbox.Success;
import dev.abic.shm.ShmMailboxFile;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;
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
}
