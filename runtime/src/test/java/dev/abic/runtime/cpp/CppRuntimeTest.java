package dev.abic.runtime.cpp;

import static com.google.common.truth.Truth.assertWithMessage;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the C++ tests of the header-only runtime ({@code runtime/cpp/test/*.cpp}): the queue
 * endpoints with two threads in one process (a million verified messages each way, wrap-around,
 * STOP, abort, every error kind), the bootstrap mailbox and the /dev/shm files.
 */
class CppRuntimeTest {
    @Test
    void theCppTestsPass() {
        CppPrograms.Run run = CppPrograms.run(List.of(CppPrograms.tests().toString()), Duration.ofMinutes(10));
        assertWithMessage(run.describe()).that(run.exitCode()).isEqualTo(0);
        assertWithMessage(run.describe()).that(run.output()).contains(" 0 failed");
    }
}
