package dev.abic.tests;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue region layout of idl/l3l2_queue.abi reproduces the vectors of the ABI facts (section
 * 5.5) in a hand-written C++ program (tests/src/test/cpp/queue_layout_vectors.cpp) compiled
 * against the committed headers at every language level and run. The same vectors through the
 * interpreter and the generated Java are in JavaCppLayoutAgreementTest.
 */
class QueueLayoutVectorsTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "g++ -std={0}")
    @ValueSource(strings = {"c++11", "c++14", "c++17", "c++20", "c++23"})
    void generatedCppReproducesTheFactsVectors(String std) {
        Processes.requireTool("g++", "g++");
        Path exe = work.resolve("vectors");
        Processes.Run build = Processes.run(work, List.of("g++", "-std=" + std, "-Wall", "-Wextra", "-Wpadded",
                "-Wconversion", "-Werror", "-I" + Repo.generatedCppInclude(),
                Repo.testCpp("queue_layout_vectors.cpp").toString(), "-o", exe.toString()));
        assertWithMessage(build.describe()).that(build.exitCode()).isEqualTo(0);
        Processes.Run run = Processes.run(work, List.of(exe.toString()));
        assertWithMessage(run.describe()).that(run.exitCode()).isEqualTo(0);
        assertThat(run.output().trim()).isEqualTo("ok 12 vectors");
    }
}
