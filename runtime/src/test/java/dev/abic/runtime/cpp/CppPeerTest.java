package dev.abic.runtime.cpp;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test peer's contract, with the peer on both sides of a /dev/shm file (two processes): every
 * mode, its output line, and its exit statuses (0 ok, 2 usage, 3 error, 4 TIMEOUT or
 * REMOTE_ABORTED, 5 data mismatch).
 */
class CppPeerTest {
    private static final Duration LIMIT = Duration.ofMinutes(5);

    private Path queue;
    private Path mailbox;

    @BeforeEach
    void paths() {
        String prefix = "/dev/shm/abic_cpp_peer_test_" + ProcessHandle.current().pid() + "_";
        queue = Path.of(prefix + "queue");
        mailbox = Path.of(prefix + "mailbox");
    }

    @AfterEach
    void remove() throws IOException {
        Files.deleteIfExists(queue);
        Files.deleteIfExists(mailbox);
    }

    private static CppPrograms.Run peer(Object... args) {
        List<String> command = new ArrayList<>(List.of(CppPrograms.peer().toString()));
        for (Object a : args) {
            command.add(a.toString());
        }
        return CppPrograms.run(command, LIMIT);
    }

    /** A peer running in the background. */
    private static final class Background implements AutoCloseable {
        private final Process process;
        private final Path log;
        private final List<String> command = new ArrayList<>();

        Background(Object... args) throws IOException {
            command.add(CppPrograms.peer().toString());
            for (Object a : args) {
                command.add(a.toString());
            }
            log = Files.createTempFile("abic-peer", ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }

        CppPrograms.Run await() throws IOException, InterruptedException {
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new CppPrograms.Run(command, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        }

        @Override
        public void close() throws IOException {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    private static void assertExit(CppPrograms.Run run, int status) {
        assertWithMessage(run.describe()).that(run.exitCode()).isEqualTo(status);
    }

    @Test
    void inputStreamFromHostProduceToConsume() throws Exception {
        assertExit(peer("create-queue", queue, 64, 8192, 64), 0);
        try (Background consumer = new Background("consume", queue, 7, 1000, 20_000)) {
            CppPrograms.Run producer = peer("host-produce", queue, 7, 1000, 200_000, 20_000);
            assertExit(producer, 0);
            assertThat(producer.output()).contains("produced 200000");
            CppPrograms.Run consumed = consumer.await();
            assertExit(consumed, 0);
            assertThat(consumed.output()).contains("consumed 200000");
        }
    }

    @Test
    void outputStreamFromProduceToHostConsume() throws Exception {
        assertExit(peer("create-queue", queue, 32, 64, 8192), 0);
        try (Background producer = new Background("produce", queue, 8, 3000, 100_000, 20_000)) {
            CppPrograms.Run consumer = peer("host-consume", queue, 8, 3000, 100_000, 20_000);
            assertExit(consumer, 0);
            assertThat(consumer.output()).contains("consumed 100000");
            CppPrograms.Run produced = producer.await();
            assertExit(produced, 0);
            assertThat(produced.output()).contains("produced 100000");
        }
    }

    @Test
    void echoAndRoundTripTimes() throws Exception {
        assertExit(peer("create-queue", queue, 16, 4096, 4096), 0);
        try (Background echo = new Background("echo", queue, 20_000)) {
            CppPrograms.Run rtt = peer("rtt", queue, 5000, 20_000);
            assertExit(rtt, 0);
            Matcher m = Pattern.compile("rtt_ns median=(\\d+) p99=(\\d+)").matcher(rtt.output());
            assertWithMessage(rtt.describe()).that(m.find()).isTrue();
            assertThat(Long.parseLong(m.group(1))).isAtMost(Long.parseLong(m.group(2)));
            CppPrograms.Run echoed = echo.await();
            assertExit(echoed, 0);
            assertThat(echoed.output()).contains("echoed 5000");
        }
    }

    @Test
    void aStreamThatDiffersIsADataMismatch() throws Exception {
        assertExit(peer("create-queue", queue, 16, 4096, 64), 0);
        try (Background consumer = new Background("consume", queue, 1, 100, 20_000)) {
            peer("host-produce", queue, 2, 100, 10, 2_000);
            CppPrograms.Run consumed = consumer.await();
            assertExit(consumed, 5);
            assertThat(consumed.output()).contains("message 0");
        }
    }

    @Test
    void aMissingPeerIsATimeoutAndAPeerThatGaveUpIsRemoteAborted() {
        assertExit(peer("create-queue", queue, 4, 64, 64), 0);
        CppPrograms.Run waited = peer("consume", queue, 1, 10, 50);
        assertExit(waited, 4);
        assertThat(waited.output()).contains("TIMEOUT");
        // The consumer aborted its endpoint when it gave up: a producer that fills the ring learns so.
        CppPrograms.Run producer = peer("host-produce", queue, 3, 10, 100, 20_000);
        assertExit(producer, 4);
        assertThat(producer.output()).contains("REMOTE_ABORTED");
    }

    @Test
    void mailboxSuccessAndErrorReports() throws IOException {
        assertExit(peer("create-mailbox", mailbox), 0);
        assertExit(peer("mailbox-success", mailbox, 2, 3), 0);
        CppPrograms.Run success = peer("mailbox-await", mailbox, 1000);
        assertExit(success, 0);
        assertThat(success.output()).isEqualTo("""
                success domains=2
                domain0 0 1 4096 65536 16384 3 2952790016 2952790024 2952790032
                domain1 1 2 4097 131072 32768 3 2952794112 2952794120 2952794128
                """);
        CppPrograms.Run again = peer("mailbox-error", mailbox, 1, "late");
        assertExit(again, 3);
        assertThat(again.output()).contains("OWNERSHIP");
        // A file that exists is never replaced.
        CppPrograms.Run exists = peer("create-mailbox", mailbox);
        assertExit(exists, 3);
        assertThat(exists.output()).contains("File exists");

        Files.delete(mailbox);
        assertExit(peer("create-mailbox", mailbox), 0);
        assertExit(peer("mailbox-error", mailbox, -7, "the chip did not start"), 0);
        CppPrograms.Run error = peer("mailbox-await", mailbox, 1000);
        assertExit(error, 0);
        assertThat(error.output()).isEqualTo("error code=-7 message=the chip did not start\n");

        Files.delete(mailbox);
        assertExit(peer("create-mailbox", mailbox), 0);
        CppPrograms.Run nine = peer("mailbox-success", mailbox, 9, 1);
        assertExit(nine, 3);
        assertThat(nine.output()).contains("BAD_ARGUMENT");
        CppPrograms.Run idle = peer("mailbox-await", mailbox, 50);
        assertExit(idle, 4);
        assertThat(idle.output()).contains("TIMEOUT");
    }

    @Test
    void badArgumentsAndBadFiles() {
        assertExit(peer(), 2);
        assertExit(peer("no-such-mode"), 2);
        assertExit(peer("consume", queue, 1, 2), 2);
        assertExit(peer("consume", queue, "x", 2, 3), 2);
        assertExit(peer("consume", queue, 1, "18446744073709551615", 3), 2);
        CppPrograms.Run usage = peer("echo", queue, "-5");
        assertExit(usage, 2);
        assertThat(usage.output()).contains("usage: abic_peer");
        CppPrograms.Run missing = peer("consume", queue, 1, 2, 3);
        assertExit(missing, 3);
        assertThat(missing.output()).contains("BAD_ARGUMENT");
        CppPrograms.Run layout = peer("create-queue", queue, 3, 64, 64);
        assertExit(layout, 3);
        assertThat(layout.output()).contains("no queue layout");
        assertExit(peer("create-mailbox", queue), 0);
        CppPrograms.Run kind = peer("echo", queue, 10);
        assertExit(kind, 3);
        assertThat(kind.output()).contains("BAD_DESCRIPTOR");
        assertThat(kind.output()).contains("header.kind");
    }
}
