package dev.abic.runtime;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The consumer's reconstruction of a 64-bit tail from the counter's low 32 bits, at indexes no
 * in-process test can reach by sending messages: the counter can go unread for billions of messages
 * while seq announces them, and must still be understood when it is read again.
 */
class TailReconstructionTest {
    static final long DEPTH = 1024;

    @Test
    void aCounterUnreadForBillionsOfMessagesIsStillUnderstood() {
        for (long next : new long[] {1L << 31, (1L << 31) + 5, 1L << 32, (1L << 32) + 7, 5L << 32, Long.MAX_VALUE / 2}) {
            long head = next - 10;
            // Last read at 0: every message since came through seq.
            assertThat(Consumer.reconstructTail((int) (next - 1), 0, next, head, DEPTH)).isEqualTo(next - 1);
            assertThat(Consumer.reconstructTail((int) next, 0, next, head, DEPTH)).isEqualTo(next);
            assertThat(Consumer.reconstructTail((int) (head + DEPTH), 0, next, head, DEPTH)).isEqualTo(head + DEPTH);
        }
    }

    @Test
    void aCounterBehindWhatSeqShowedOrBeyondDepthIsRejected() {
        long next = (1L << 32) + 3;
        long head = next - 10;
        assertThat(Consumer.reconstructTail((int) (next - 2), 0, next, head, DEPTH)).isEqualTo(-1);
        assertThat(Consumer.reconstructTail((int) (head + DEPTH + 1), 0, next, head, DEPTH)).isEqualTo(-1);
        // Below the value last read, even if not below next - 1.
        assertThat(Consumer.reconstructTail((int) (next + 4), next + 5, next, head, DEPTH)).isEqualTo(-1);
    }

    @Test
    void smallIndexesAsBefore() {
        assertThat(Consumer.reconstructTail(0, 0, 0, 0, 4)).isEqualTo(0);
        assertThat(Consumer.reconstructTail(4, 0, 0, 0, 4)).isEqualTo(4);
        assertThat(Consumer.reconstructTail(5, 0, 0, 0, 4)).isEqualTo(-1);
        assertThat(Consumer.reconstructTail(-1, 0, 0, 0, 4)).isEqualTo(-1);
    }
}
