package dev.abic.tests;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.Abic;
import dev.abic.compiler.layout.LayoutInterpreter;
import dev.abic.compiler.layout.LayoutLowering;
import dev.abic.compiler.layout.LayoutProgram;
import dev.abic.compiler.model.LayoutDecl;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue region layout of idl/l3l2_queue.abi reproduces the vectors of the ABI facts (section
 * 5.5), in C++ (tests/src/test/cpp/queue_layout_vectors.cpp, compiled against the committed
 * headers and run) and in the compiler's own interpreter, which the Java output will share.
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

    @Test
    void interpreterAgreesWithTheFacts() {
        LayoutProgram program = LayoutLowering.lower(queueRegion());
        long[][] rows = {
            {1, 64, 64, 32, 64, 128, 192},
            {4, 128, 192, 128, 256, 384, 576},
            {8, 192, 64, 256, 512, 704, 768},
        };
        for (long[] r : rows) {
            LayoutInterpreter.Result result = LayoutInterpreter.run(program, params(r[0], r[1], r[2]));
            assertThat(result.status()).isEqualTo(LayoutProgram.Status.OK);
            assertThat(result.fields().get("output_desc_offset")).isEqualTo(BigInteger.valueOf(r[3]));
            assertThat(result.fields().get("input_arena_offset")).isEqualTo(BigInteger.valueOf(r[4]));
            assertThat(result.fields().get("output_arena_offset")).isEqualTo(BigInteger.valueOf(r[5]));
            assertThat(result.fields().get("total_bytes")).isEqualTo(BigInteger.valueOf(r[6]));
        }
        assertThat(LayoutInterpreter.run(program, params(3, 64, 64)).status())
                .isEqualTo(LayoutProgram.Status.REQUIREMENT_FAILED);
        assertThat(LayoutInterpreter.run(program, params((1L << 30) + 1, 64, 64)).status())
                .isEqualTo(LayoutProgram.Status.REQUIREMENT_FAILED);
        assertThat(LayoutInterpreter.run(program, params(4, 0, 64)).status())
                .isEqualTo(LayoutProgram.Status.REQUIREMENT_FAILED);
        assertThat(LayoutInterpreter.run(program, params(4, 127, 64)).status())
                .isEqualTo(LayoutProgram.Status.REQUIREMENT_FAILED);
        assertThat(LayoutInterpreter.run(program, params(1, 0xFFFFFFFFFFFFFF00L, 0xFFFFFFFFFFFFFF00L)).status())
                .isEqualTo(LayoutProgram.Status.ARITHMETIC_OVERFLOW);
    }

    private static List<BigInteger> params(long... values) {
        return java.util.Arrays.stream(values).mapToObj(v -> new BigInteger(Long.toUnsignedString(v))).toList();
    }

    private static LayoutDecl queueRegion() {
        Abic.Result r = Abic.compile(List.of(Repo.idl().resolve("l3l2_queue.abi")));
        assertWithMessage("idl/l3l2_queue.abi compiles").that(r.diagnostics()).isEmpty();
        return r.model().orElseThrow().files().stream()
                .flatMap(f -> f.decls(LayoutDecl.class).stream())
                .filter(l -> l.name().equals("L3L2QueueRegion"))
                .findFirst().orElseThrow();
    }
}
