package dev.abic.runtime;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The Java side as a process of its own, for the tests in which the Java process dies:
 * {@code produce FILE SEED MAX TIMEOUT_MS} opens the queue file as the host and sends the test
 * stream for ever (until killed), printing {@code started} once the first message is out;
 * {@code mailbox-error FILE CODE MESSAGE} writes a mailbox report.
 */
public final class HostMain {
    private HostMain() {
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "produce" -> produce(Path.of(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]),
                    Duration.ofMillis(Long.parseLong(args[4])));
            case "mailbox-error" -> {
                try (SharedRegion region = BootstrapMailbox.open(Path.of(args[1]))) {
                    BootstrapMailbox.of(region).publishError(Integer.parseInt(args[2]), args[3]);
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void produce(Path file, long seed, long max, Duration timeout) {
        TestStream stream = new TestStream(seed, max);
        try (SharedRegion region = QueueRegion.open(file); QueueEndpoint host = QueueEndpoint.host(region)) {
            for (long k = 0; ; k++) {
                Reservation r = host.reserve(stream.size(k), timeout);
                stream.fill(k, r.segment());
                host.publish(r, stream.opcode(k));
                if (k == 0) {
                    System.out.println("started");
                    System.out.flush();
                }
            }
        }
    }
}
