package dev.abic.runtime;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** Edge cases of arena accounting that a random stream reaches only by chance. */
class QueueArenaEdgeTest {
    @Test
    void anEmptyArenaTakesALargePayloadWhereverTheCursorIs() {
        QueueRegion.Config config = new QueueRegion.Config(4, 128, 128);
        try (SharedRegion region = QueueRegion.anonymous(config);
                QueueEndpoint host = QueueEndpoint.host(region);
                QueueEndpoint device = QueueEndpoint.device(region)) {
            host.publish(host.tryReserve(100));
            device.release(device.tryPeek());
            // The cursor is at 100: 120 bytes skip to the arena start. Nothing is in flight, so the
            // skipped 28 bytes must not count as used (else this would wait for ever).
            Reservation big = host.tryReserve(120);
            assertThat(big).isNotNull();
            host.publish(big);
            Message m = device.tryPeek();
            assertThat(m.size()).isEqualTo(120);
            assertThat(m.payload().address()).isEqualTo(region.segment().address()
                    + config.fileLayout().payloadOffset() + config.layout().inputArenaOffset());
            // While it is held, a payload that needs the space it occupies does not fit.
            assertThat(host.tryReserve(16)).isNull();
            device.release(m);
            assertThat(host.tryReserve(128)).isNotNull();
        }
    }
}
