package dev.abic.tests;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code abic} command as users run it: the runnable jar in its own process, its output and its
 * documented exit status (0 ok, 1 input errors, 2 usage errors).
 */
class CliProcessTest {
    @TempDir
    Path work;

    private Processes.Run abic(String... args) {
        return Processes.abic(work, args);
    }

    private static void assertNoStackTrace(Processes.Run r) {
        assertWithMessage(r.describe()).that(r.output()).doesNotContain("Exception");
        assertWithMessage(r.describe()).that(r.output()).doesNotContain("\tat ");
    }

    @Test
    void generateWritesTheCommittedHeadersAndIsIdempotent() throws IOException {
        Path out = work.resolve("out");
        Processes.Run first = abic("generate", "--cpp-out", out.toString(), Repo.idl().toString());
        assertWithMessage(first.describe()).that(first.exitCode()).isEqualTo(0);
        assertThat(first.output()).contains("written, 0 unchanged");
        List<Path> committed;
        try (var walk = Files.walk(Repo.generatedCppInclude())) {
            committed = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(committed.size()).isAtLeast(7);
        for (Path header : committed) {
            Path relative = Repo.generatedCppInclude().relativize(header);
            assertWithMessage(relative.toString()).that(Files.readString(out.resolve(relative.toString())))
                    .isEqualTo(Files.readString(header));
        }
        long before = Files.getLastModifiedTime(out.resolve("simpler/hdmr.h")).toMillis();
        Processes.Run second = abic("generate", "--cpp-out", out.toString(), Repo.idl().toString());
        assertWithMessage(second.describe()).that(second.exitCode()).isEqualTo(0);
        assertThat(second.output()).contains(" 0 written");
        assertThat(Files.getLastModifiedTime(out.resolve("simpler/hdmr.h")).toMillis()).isEqualTo(before);
    }

    @Test
    void generateWritesJavaAndCppInOneRun() throws IOException {
        Path java = work.resolve("java");
        Path cpp = work.resolve("cpp");
        Processes.Run r = abic("generate", "--java-out", java.toString(), "--cpp-out", cpp.toString(),
                Repo.idl().toString());
        assertWithMessage(r.describe()).that(r.exitCode()).isEqualTo(0);
        assertThat(r.output()).contains("-> " + java + ": ");
        assertThat(r.output()).contains("-> " + cpp + ": ");
        assertThat(Files.readString(java.resolve("simpler/l3l2/L3L2QueueDescSlot.java")))
                .contains("public final class L3L2QueueDescSlot");
        assertThat(Files.exists(java.resolve("simpler/l3l2/L3L2QueueRegionLayout.java"))).isTrue();
        assertThat(Files.exists(cpp.resolve("simpler/l3l2.h"))).isTrue();
    }

    @Test
    void errorsInTheInputExitWithOneAndPrintPositionsNotStackTraces() throws IOException {
        Path bad = work.resolve("bad.abi");
        Files.writeString(bad, "package t;\nstruct S {\n    a: u8;\n    b: u32;\n    c: nope;\n}\n");
        Path out = work.resolve("never");
        Processes.Run r = abic("generate", "--cpp-out", out.toString(), bad.toString());
        assertWithMessage(r.describe()).that(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("bad.abi:5:8: error: unknown type 'nope'");
        assertThat(r.output()).contains("1 error");
        assertNoStackTrace(r);
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void paddingErrorCarriesTheFix() throws IOException {
        Path bad = work.resolve("pad.abi");
        Files.writeString(bad, "package t;\nstruct S {\n    a: u32;\n    b: u64;\n}\n");
        Processes.Run r = abic("generate", "--cpp-out", work.resolve("o").toString(), bad.toString());
        assertWithMessage(r.describe()).that(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("pad.abi:4:5: error: 4 bytes of implicit padding before 'b' (offset 4, "
                + "needs alignment 8)\n        b: u64;\n        ^\n  add before it:  reserved0: reserved u32;");
    }

    @Test
    void usageErrorsExitWithTwo() {
        Processes.Run missing = abic("generate", "--cpp-out", "x", "no/such/file.abi");
        assertWithMessage(missing.describe()).that(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("no such file or directory: no/such/file.abi");
        Processes.Run unknownOption = abic("generate", "--frobnicate", Repo.idl().toString());
        assertWithMessage(unknownOption.describe()).that(unknownOption.exitCode()).isEqualTo(2);
        Processes.Run noCommand = abic();
        assertWithMessage(noCommand.describe()).that(noCommand.exitCode()).isEqualTo(2);
        Processes.Run noOutput = abic("generate", Repo.idl().toString());
        assertWithMessage(noOutput.describe()).that(noOutput.exitCode()).isEqualTo(2);
        assertThat(noOutput.output()).contains("nothing to generate: give --cpp-out DIR, --java-out DIR or both");
        for (Processes.Run r : List.of(missing, unknownOption, noCommand, noOutput)) {
            assertNoStackTrace(r);
        }
    }

    @Test
    void anOutputThatCannotBeWrittenExitsWithThree() throws IOException {
        Path notADirectory = work.resolve("taken");
        Files.writeString(notADirectory, "a file where the output directory should be");
        Processes.Run r = abic("generate", "--cpp-out", notADirectory.toString(), Repo.idl().toString());
        assertWithMessage(r.describe()).that(r.exitCode()).isEqualTo(3);
        assertThat(r.output()).contains("abic: error: cannot write " + notADirectory);
        assertNoStackTrace(r);
        assertThat(Files.readString(notADirectory)).isEqualTo("a file where the output directory should be");
    }

    @Test
    void everyCommandHasHelp() {
        for (List<String> args : List.of(List.of("--help"), List.of("generate", "--help"),
                List.of("layout", "--help"), List.of("help", "generate"))) {
            Processes.Run r = abic(args.toArray(String[]::new));
            assertWithMessage(r.describe()).that(r.exitCode()).isEqualTo(0);
            assertThat(r.output()).contains("Usage: abic");
            assertThat(r.output()).contains("Exit status");
        }
    }

    @Test
    void layoutComputesARegionForGivenParameters() {
        String queue = Repo.idl().resolve("l3l2_queue.abi").toString();
        Processes.Run r = abic("layout", queue, "--struct", "L3L2QueueRegion", "-p", "depth=4",
                "-p", "input_arena_bytes=128", "-p", "output_arena_bytes=0xC0");
        assertWithMessage(r.describe()).that(r.exitCode()).isEqualTo(0);
        assertThat(r.output()).containsMatch("(?m)^ +384 +192 +output_arena$");
        assertThat(r.output()).contains("total 576 bytes");
        Processes.Run rejected = abic("layout", queue, "--struct", "L3L2QueueRegion", "-p", "depth=3",
                "-p", "input_arena_bytes=128", "-p", "output_arena_bytes=192");
        // The command worked; the layout does not: the status is printed, the exit status is 0.
        assertWithMessage(rejected.describe()).that(rejected.exitCode()).isEqualTo(0);
        assertThat(rejected.output()).contains("REQUIREMENT_FAILED");
        Processes.Run partial = abic("layout", queue, "--struct", "L3L2QueueRegion", "-p", "depth=4");
        assertWithMessage(partial.describe()).that(partial.exitCode()).isEqualTo(2);
        assertThat(partial.output()).contains("also needs --param for input_arena_bytes, output_arena_bytes");
        Processes.Run negative = abic("layout", queue, "-p", "depth=-1", "-p", "input_arena_bytes=1",
                "-p", "output_arena_bytes=1");
        assertWithMessage(negative.describe()).that(negative.exitCode()).isEqualTo(2);
        assertThat(negative.output()).contains("must be an unsigned 64-bit number");
    }

    @Test
    void layoutPrintsAByteMap() {
        Processes.Run r = abic("layout", Repo.idl().resolve("hdmr.abi").toString(), "--struct",
                "HostDeviceMappedRegionInfo");
        assertWithMessage(r.describe()).that(r.exitCode()).isEqualTo(0);
        assertThat(r.output()).containsMatch("(?m)^ +44 +4 +reserved0 +u32 +reserved$");
        assertThat(r.output()).containsMatch("(?m)^ +48 +8 +total_bytes +u64$");
        assertThat(r.output()).contains("size 64, align 8");
        Processes.Run unknown = abic("layout", Repo.idl().resolve("hdmr.abi").toString(), "--struct", "Nope");
        assertWithMessage(unknown.describe()).that(unknown.exitCode()).isEqualTo(1);
    }
}
