package dev.abic.tests;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code abic lock} and {@code abic check} as a CI job runs them: the jar in its own process, on a
 * copy of the project's idl/ and generated-cpp/, every documented exit status.
 */
class DriftCliProcessTest {
    @TempDir
    Path work;

    private Path idl;
    private Path include;

    @BeforeEach
    void copyTheProject() throws IOException {
        idl = copy(Repo.idl(), work.resolve("idl"));
        include = copy(Repo.generatedCppInclude(), work.resolve("include"));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private Processes.Run abic(int expectedStatus, String... args) {
        Processes.Run r = Processes.abic(work, args);
        assertWithMessage(r.describe()).that(r.exitCode()).isEqualTo(expectedStatus);
        assertWithMessage(r.describe()).that(r.output()).doesNotContain("\tat ");
        return r;
    }

    private void edit(String file, String from, String to) throws IOException {
        Path p = idl.resolve(file);
        String text = Files.readString(p);
        assertWithMessage(from).that(text).contains(from);
        Files.writeString(p, text.replace(from, to));
    }

    @Test
    void theCommittedLockIsTheLockOfTheCommittedIdl() throws IOException {
        Processes.Run r = abic(0, "lock", "idl");
        assertThat(r.output()).isEqualTo(Files.readString(Repo.idl().resolve("abi.lock")));
        abic(0, "lock", "idl", "-o", "idl/abi.lock");
        Processes.Run again = abic(0, "lock", "idl", "-o", "idl/abi.lock");
        assertThat(again.output()).isEqualTo("abic: idl/abi.lock unchanged\n");
    }

    @Test
    void noChangeIsZero() {
        Processes.Run r = abic(0, "check", "idl", "--baseline", "idl/abi.lock", "--generated", "include");
        assertThat(r.output()).isEqualTo("abic check: no changes from idl/abi.lock\n");
    }

    @Test
    void compatibleChangesAreFour() throws IOException {
        edit("hdmr.abi", "    reserved0: reserved u32 @ 44;", "    generation: u32 @ 44;");
        Processes.Run r = abic(4, "check", "idl", "--baseline", "idl/abi.lock");
        assertThat(r.output()).contains("idl/hdmr.abi:35:5: note[RESERVED_FIELD_USED]: field ");
        assertThat(r.output()).contains("-- passed");
    }

    @Test
    void breakingChangesAreTwelveUntilTheMajorVersionGoesUp() throws IOException {
        edit("hdmr.abi", "const HMRD_MAGIC_LE32: u32 = 0x44524D48;", "const HMRD_MAGIC_LE32: u32 = 0x44524D49;");
        Processes.Run r = abic(12, "check", "idl", "--baseline", "idl/abi.lock", "--format", "github");
        assertThat(r.output()).contains("::error file=idl/hdmr.abi,line=133,col=7,");
        assertThat(r.output()).contains("title=abic CONSTANT_VALUE_CHANGED (BREAKING)::constant "
                + "HMRD_MAGIC_LE32 changed from 0x44524D48 to 0x44524D49");

        edit("hdmr.abi", "package simpler.hdmr;", "package simpler.hdmr;\noption abi_version = \"2\";");
        Processes.Run bumped = abic(4, "check", "idl", "--baseline", "idl/abi.lock");
        assertThat(bumped.output()).contains("warning[CONSTANT_VALUE_CHANGED]");
        assertThat(bumped.output()).contains("allowed: abi_version of hdmr.abi went from (none) to 2");
    }

    @Test
    void aRelaxationNextToTheBaselineIsUsed() throws IOException {
        edit("chip_bootstrap.abi", "    error_code: i32 @ 4;", "    error_code: u32 @ 4;");
        abic(12, "check", "idl", "--baseline", "idl/abi.lock");
        Files.writeString(idl.resolve("abic-check.json"), """
                {"relax": [{"rule": "FIELD_TYPE_CHANGED", "subject": "simpler.bootstrap.*.error_code",
                            "reason": "never negative; both sides only compare it with 0"}]}
                """);
        // The subject is a prefix pattern: only a trailing * is special.
        abic(12, "check", "idl", "--baseline", "idl/abi.lock");
        Files.writeString(idl.resolve("abic-check.json"), """
                {"relax": [{"rule": "FIELD_TYPE_CHANGED", "subject": "simpler.bootstrap.*",
                            "reason": "never negative; both sides only compare it with 0"}]}
                """);
        Processes.Run r = abic(4, "check", "idl", "--baseline", "idl/abi.lock");
        assertThat(r.output()).contains("relaxed at idl/abic-check.json:1:");
    }

    @Test
    void staleHeadersAreSixteenWithADiffAndReportsAreWritten() throws IOException {
        Path hdmr = include.resolve("simpler/hdmr.h");
        Files.writeString(hdmr, Files.readString(hdmr).replaceFirst("\n", "\n// an edit by hand\n"));
        Processes.Run r = abic(16, "check", "idl", "--generated", "include", "--report", "sarif=out/check.sarif",
                "--report", "json=out/check.json");
        assertThat(r.output()).contains("include/simpler/hdmr.h: error[GENERATED_FILE_STALE]: ");
        assertThat(r.output()).contains("\n-// an edit by hand\n");
        assertThat(Files.readString(work.resolve("out/check.sarif"))).contains("\"ruleId\": \"GENERATED_FILE_STALE\"");
        assertThat(Files.readString(work.resolve("out/check.json"))).contains("\"exit_status\": 16");

        edit("hdmr.abi", "    reserved0: reserved u32 @ 44;", "    generation: u32 @ 44;");
        abic(20, "check", "idl", "--generated", "include", "--baseline", "idl/abi.lock");
    }

    @Test
    void badInputIsOneAndMisuseIsTwo() throws IOException {
        Files.writeString(work.resolve("broken.lock"), "{\"abic_lock\": 1, \"files\": [}");
        Processes.Run bad = abic(1, "check", "idl", "--baseline", "broken.lock");
        assertThat(bad.output()).contains("broken.lock:1:28: error: invalid JSON");
        abic(2, "check", "idl");
        abic(2, "check", "idl", "--baseline", "missing.lock");
        Processes.Run format = abic(2, "check", "idl", "--baseline", "idl/abi.lock", "--format", "xml");
        assertThat(format.output()).contains("--format: unknown format 'xml'");
        Processes.Run rules = abic(0, "check", "--list-rules");
        assertThat(rules.output()).contains("FIELD_OFFSET_CHANGED     BREAKING");
        assertThat(rules.output()).contains("GENERATED_FILE_STALE");
    }
}
