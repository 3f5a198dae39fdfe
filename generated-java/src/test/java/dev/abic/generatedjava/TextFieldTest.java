package dev.abic.generatedjava;

import static com.google.common.truth.Truth.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import simpler.bootstrap.ChipBootstrapDomainRecord;
import simpler.bootstrap.ChipBootstrapMailboxV1;
import simpler.orch.L3L2RegionCreateReply;

/**
 * {@code char[N]} fields: UTF-8 text, NUL-terminated and NUL-padded when written, cut to N - 1
 * bytes at a character boundary; read up to the first NUL and never past the field.
 */
class TextFieldTest {

    @Test
    void textRoundTrips() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = ChipBootstrapMailboxV1.allocate(arena);
            ChipBootstrapMailboxV1.errorMsg(page, "bootstrap failed: device 3 not found");
            assertThat(ChipBootstrapMailboxV1.errorMsg(page)).isEqualTo("bootstrap failed: device 3 not found");
            assertThat(bytes(page, 3072, 9)).isEqualTo("bootstrap".getBytes(StandardCharsets.US_ASCII));

            MemorySegment record = ChipBootstrapDomainRecord.allocate(arena);
            ChipBootstrapDomainRecord.name(record, "Größe-日本");
            assertThat(ChipBootstrapDomainRecord.name(record)).isEqualTo("Größe-日本");
            assertThat(bytes(record, 0, 14)).isEqualTo("Größe-日本".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void tooLongTextIsCutToCapacityMinusOneAndTerminated() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = ChipBootstrapMailboxV1.allocate(arena);
            ChipBootstrapMailboxV1.errorMsg(page, "e".repeat(2000));
            assertThat(ChipBootstrapMailboxV1.errorMsg(page)).isEqualTo("e".repeat(1023));
            assertThat(page.get(ValueLayout.JAVA_BYTE, 3072 + 1022)).isEqualTo((byte) 'e');
            assertThat(page.get(ValueLayout.JAVA_BYTE, 3072 + 1023)).isEqualTo((byte) 0);

            MemorySegment record = ChipBootstrapDomainRecord.allocate(arena);
            ChipBootstrapDomainRecord.name(record, "n".repeat(31));
            assertThat(ChipBootstrapDomainRecord.name(record)).isEqualTo("n".repeat(31)); // exactly fits
            ChipBootstrapDomainRecord.name(record, "n".repeat(32));
            assertThat(ChipBootstrapDomainRecord.name(record)).isEqualTo("n".repeat(31));
            assertThat(record.get(ValueLayout.JAVA_BYTE, 31)).isEqualTo((byte) 0);
            assertThat(ChipBootstrapDomainRecord.domainRank(record)).isEqualTo(0);
        }
    }

    @Test
    void multiByteCharactersAreNeverCut() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment record = ChipBootstrapDomainRecord.allocate(arena);

            // 29 + 2 bytes fit in 31; 30 + 2 do not, and the 2-byte 'é' goes whole
            ChipBootstrapDomainRecord.name(record, "a".repeat(29) + "é");
            assertThat(ChipBootstrapDomainRecord.name(record)).isEqualTo("a".repeat(29) + "é");
            ChipBootstrapDomainRecord.name(record, "a".repeat(30) + "é");
            assertThat(ChipBootstrapDomainRecord.name(record)).isEqualTo("a".repeat(30));
            assertThat(record.get(ValueLayout.JAVA_BYTE, 30)).isEqualTo((byte) 0);

            // a 4-byte character at bytes 28..31 would need the NUL's place: all four go
            ChipBootstrapDomainRecord.name(record, "a".repeat(28) + "😀");
            assertThat(ChipBootstrapDomainRecord.name(record)).isEqualTo("a".repeat(28));
            assertThat(bytes(record, 28, 4)).isEqualTo(new byte[4]);

            // a 3-byte character at bytes 29..31
            ChipBootstrapDomainRecord.name(record, "a".repeat(29) + "日");
            assertThat(ChipBootstrapDomainRecord.name(record)).isEqualTo("a".repeat(29));
        }
    }

    @Test
    void shorterTextClearsTheRestOfTheField() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment reply = L3L2RegionCreateReply.allocate(arena);
            L3L2RegionCreateReply.backingShm(reply, "/simpler-region-0123456789abcd");
            L3L2RegionCreateReply.backingShm(reply, "/r1");
            assertThat(L3L2RegionCreateReply.backingShm(reply)).isEqualTo("/r1");
            // NUL-padded: bytes 3..31 of the field are all zero (facts §4.5)
            assertThat(bytes(reply, 60 + 3, 29)).isEqualTo(new byte[29]);
        }
    }

    /** A field full of non-NUL bytes: the reader stops at its end, not at the next NUL in memory. */
    @Test
    void readerStopsAtCapacityWithoutNul() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment record = ChipBootstrapDomainRecord.allocate(arena);
            record.asSlice(0, 32).fill((byte) 'x');
            ChipBootstrapDomainRecord.domainRank(record, 0x41414141); // "AAAA" right after the name
            assertThat(ChipBootstrapDomainRecord.name(record)).isEqualTo("x".repeat(32));

            MemorySegment reply = L3L2RegionCreateReply.allocate(arena);
            reply.asSlice(60, 32).fill((byte) 'z');
            reply.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 92, 0x42424242);
            assertThat(L3L2RegionCreateReply.backingShm(reply)).isEqualTo("z".repeat(32));

            // the error text ends the page: a missing NUL cannot run off it (facts §3.5)
            MemorySegment page = ChipBootstrapMailboxV1.allocate(arena);
            page.asSlice(3072).fill((byte) 'y');
            assertThat(ChipBootstrapMailboxV1.errorMsg(page)).isEqualTo("y".repeat(1024));
        }
    }

    private static byte[] bytes(MemorySegment segment, long offset, long length) {
        return segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
    }
}
