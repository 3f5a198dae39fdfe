package dev.abic.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code abic verify-header} as users run it, in process: its output and exit statuses, with real
 * g++ runs on the compiler module's hand-written test headers for {@code idl/hdmr.abi}.
 */
class VerifyHeaderCommandTest {
    private static final Path IDL = Path.of("../../idl");
    private static final Path HEADERS = Path.of("../compiler/src/test/resources/verify");

    @TempDir
    Path work;

    private record Run(int status, String out, String err) {
        String describe() {
            return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Run abic(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = AbicCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        Run r = new Run(status, out.toString(), err.toString());
        assertWithMessage(r.describe()).that(r.out() + r.err()).doesNotContain("Exception");
        assertWithMessage(r.describe()).that(r.out() + r.err()).doesNotContain("\tat ");
        return r;
    }

    private static Run verify(String header, String... more) {
        List<String> args = new ArrayList<>(List.of("verify-header", "--header", HEADERS.resolve(header).toString()));
        args.addAll(List.of(more));
        args.add(IDL.toString());
        return abic(args.toArray(String[]::new));
    }

    @Test
    void aMatchingHeaderExitsWithZero() {
        Run r = verify("hdmr_handwritten.h", "--struct", "HostDeviceMappedRegionInfo",
                "--struct", "HostDeviceMappedRegionHeader=rt::hdmr::RegionHeader");
        assertWithMessage(r.describe()).that(r.status()).isEqualTo(0);
        assertThat(r.out()).isEqualTo("abic: " + HEADERS.resolve("hdmr_handwritten.h") + " matches the .abi: "
                + "2 struct(s), 16 field(s) checked with g++ -std=c++17 -fsyntax-only\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void mismatchesExitWithFourOneLinePerField() {
        Run r = verify("hdmr_drifted.h", "--struct", "HostDeviceMappedRegionInfo",
                "--struct", "HostDeviceMappedRegionConfig",
                "--struct", "HostDeviceMappedRegionDatacopyHeader=rt::hdmr::DatacopyHeader");
        assertWithMessage(r.describe()).that(r.status()).isEqualTo(VerifyHeaderCommand.MISMATCH);
        String h = HEADERS.resolve("hdmr_drifted.h") + ": error: ";
        String abi = IDL.resolve("hdmr.abi").toString();
        assertThat(r.err()).isEqualTo(
                h + "HostDeviceMappedRegionInfo.flags: offset is 44 in the hand-written header, 56 in the .abi ("
                        + abi + ":39:5)\n"
                + h + "HostDeviceMappedRegionConfig.flags: not found in the hand-written header: 'struct "
                        + "HostDeviceMappedRegionConfig' has no member named 'flags'; the .abi has it at offset 12, "
                        + "size 4 (" + abi + ":51:5)\n"
                + h + "HostDeviceMappedRegionDatacopyHeader.status: size is 8 in the hand-written header, 4 in the "
                        + ".abi (" + abi + ":162:5)\n"
                + "3 mismatches (checked with g++ -std=c++17 -fsyntax-only)\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void renamedFieldsAreMappedWithField() {
        Run missing = verify("hdmr_renamed.h", "--struct", "HostDeviceMappedRegionInfo=rt::MappedRegionInfo");
        assertWithMessage(missing.describe()).that(missing.status()).isEqualTo(VerifyHeaderCommand.MISMATCH);
        assertThat(missing.err()).contains("HostDeviceMappedRegionInfo.signal_count: not found in the hand-written "
                + "header: ");
        Run r = verify("hdmr_renamed.h", "--struct", "HostDeviceMappedRegionInfo=rt::MappedRegionInfo",
                "--field", "HostDeviceMappedRegionInfo.signal_count=nsignals",
                "--field=HostDeviceMappedRegionInfo.total_bytes=mapping_bytes");
        assertWithMessage(r.describe()).that(r.status()).isEqualTo(0);
    }

    @Test
    void aHeaderThatDoesNotCompileExitsWithFiveAndShowsItsErrors() {
        Run r = verify("syntax_error.h", "--struct", "HostDeviceMappedRegionConfig");
        assertWithMessage(r.describe()).that(r.status()).isEqualTo(VerifyHeaderCommand.NOT_VERIFIED);
        assertThat(r.err()).containsMatch("syntax_error.h:4:19: error: expected .;. at end of member declaration\n"
                + " +4 \\|     std::uint64_t data_bytes\n");
        assertThat(r.err()).contains("abic: error: " + HEADERS.resolve("syntax_error.h") + " does not compile with "
                + "g++ -std=c++17 -fsyntax-only; the layouts were not checked (--keep FILE keeps the translation unit)");
        assertThat(r.err()).doesNotContain("abic#");
    }

    @Test
    void aCompilerThatCannotRunExitsWithFive() {
        Run r = verify("hdmr_handwritten.h", "--struct", "HostDeviceMappedRegionInfo",
                "--compiler", "abic-no-such-compiler");
        assertWithMessage(r.describe()).that(r.status()).isEqualTo(VerifyHeaderCommand.NOT_VERIFIED);
        assertThat(r.err()).startsWith("abic: error: cannot run the C++ compiler 'abic-no-such-compiler': ");
        assertThat(r.err()).endsWith("; choose one with --compiler\n");
    }

    @Test
    void usageErrorsExitWithTwoAndNameEveryProblem() {
        Run r = verify("hdmr_handwritten.h", "--struct", "HostDeviceMappedRegionInf",
                "--struct", "HostDeviceMappedRegionConfig=rt::Config<int>",
                "--field", "HostDeviceMappedRegionConfig.flag=f");
        assertWithMessage(r.describe()).that(r.status()).isEqualTo(AbicCommand.USAGE);
        assertThat(r.err()).isEqualTo("abic: --struct HostDeviceMappedRegionInf: no struct "
                + "'HostDeviceMappedRegionInf' in the .abi files; did you mean 'HostDeviceMappedRegionInfo'?\n"
                + "abic: --struct HostDeviceMappedRegionConfig=rt::Config<int>: 'rt::Config<int>' is not a C++ type "
                + "name (identifiers separated by ::)\n"
                + "abic: --field HostDeviceMappedRegionConfig.flag=f: struct 'HostDeviceMappedRegionConfig' is not "
                + "checked: map it to a hand-written struct too\n"
                + "Run 'abic verify-header --help' for usage.\n");
        Run noHeader = abic("verify-header", "--header", "no/such.h", "--struct", "X", IDL.toString());
        assertWithMessage(noHeader.describe()).that(noHeader.status()).isEqualTo(AbicCommand.USAGE);
        assertThat(noHeader.err()).contains("--header: no such file: no/such.h");
        Run noStruct = abic("verify-header", "--header", HEADERS.resolve("hdmr_handwritten.h").toString(),
                IDL.toString());
        assertWithMessage(noStruct.describe()).that(noStruct.status()).isEqualTo(AbicCommand.USAGE);
        assertThat(noStruct.err()).contains("Missing required option: '--struct=NAME[=THEIR_NAME]'");
    }

    @Test
    void errorsInTheAbiExitWithOne() throws IOException {
        Path bad = work.resolve("bad.abi");
        Files.writeString(bad, "package t;\nstruct S {\n    a: u8;\n    b: u32;\n}\n");
        Run r = abic("verify-header", "--header", HEADERS.resolve("hdmr_handwritten.h").toString(), "--struct", "S",
                bad.toString());
        assertWithMessage(r.describe()).that(r.status()).isEqualTo(AbicCommand.INPUT_ERRORS);
        assertThat(r.err()).contains("bad.abi:4:5: error: 3 bytes of implicit padding before 'b'");
    }

    @Test
    void keepWritesTheTranslationUnitOrExitsWithThree() throws IOException {
        Path tu = work.resolve("checks/verify_hdmr.cpp");
        Run r = verify("hdmr_handwritten.h", "--struct", "HostDeviceMappedRegionConfig", "--keep", tu.toString(),
                "--compiler", "g++", "--cxxflag=-Wall", "--cxxflag=-Werror", "-I", work.toString());
        assertWithMessage(r.describe()).that(r.status()).isEqualTo(0);
        assertThat(r.out()).startsWith("abic: translation unit kept in " + tu + "\n");
        assertThat(r.out()).contains("checked with g++ -std=c++17 -fsyntax-only -Wall -Werror\n");
        assertThat(Files.readString(tu)).contains("static_assert(sizeof(HostDeviceMappedRegionConfig) == 16, ");

        Files.createDirectories(work.resolve("taken.cpp"));
        Run taken = verify("hdmr_handwritten.h", "--struct", "HostDeviceMappedRegionConfig", "--keep",
                work.resolve("taken.cpp").toString());
        assertWithMessage(taken.describe()).that(taken.status()).isEqualTo(AbicCommand.OUTPUT_ERROR);
        assertThat(taken.err()).startsWith("abic: error: cannot write the translation unit " + work.resolve("taken.cpp"));
    }

    @Test
    void helpDocumentsTheExitStatuses() {
        Run r = abic("verify-header", "--help");
        assertWithMessage(r.describe()).that(r.status()).isEqualTo(0);
        assertThat(r.out()).contains("Usage: abic verify-header");
        assertThat(r.out()).contains("4  the header does not match");
        Run top = abic("--help");
        assertThat(top.out()).contains("verify-header");
    }
}
