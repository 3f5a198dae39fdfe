package dev.abic.compiler.verify;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.Abic;
import dev.abic.compiler.model.AbiModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HeaderVerifier} with real g++ runs (one per test) on hand-written headers for the structs
 * of {@code idl/hdmr.abi}, under {@code src/test/resources/verify/}.
 */
class HeaderVerifierTest {
    private static final Path RESOURCES = Path.of("src/test/resources/verify");
    private static final String ABI = "../../idl/hdmr.abi";
    private static AbiModel hdmr;

    /** Every struct of hdmr.abi; those the C API declares keep their names, the rest live in rt::hdmr. */
    private static final List<String> EVERY_STRUCT = List.of("HostDeviceMappedRegionInfo",
            "HostDeviceMappedRegionConfig",
            "HostDeviceMappedRegionHeader=rt::hdmr::RegionHeader",
            "HostDeviceMappedRegionSignalSlot=rt::hdmr::SignalSlot",
            "HostDeviceMappedRegionDatacopyHeader=rt::hdmr::DatacopyHeader");

    @TempDir
    Path work;

    @BeforeAll
    static void compileTheAbi() {
        Abic.Result r = Abic.compile(List.of(Path.of(ABI)));
        assertWithMessage(r.diagnostics().toString()).that(r.succeeded()).isTrue();
        hdmr = r.model().orElseThrow();
    }

    private static List<StructMapping> map(List<String> structs, List<String> fields) {
        StructMapping.Resolution r = StructMapping.resolve(hdmr, structs, fields);
        assertThat(r.problems()).isEmpty();
        return r.mappings();
    }

    private static HeaderVerifier.Result verify(String header, List<String> structs, List<String> fields)
            throws IOException {
        return HeaderVerifier.verify(new HeaderVerifier.Request(RESOURCES.resolve(header), map(structs, fields)));
    }

    private static List<String> rendered(HeaderVerifier.Result r, String header) {
        return r.mismatches().stream().map(m -> m.render(RESOURCES.resolve(header))).toList();
    }

    private static String describe(HeaderVerifier.Result r) {
        return r.status() + " " + r.problem() + "\n" + String.join(" ", r.command()) + "\n" + r.compilerOutput();
    }

    @Test
    void aHandWrittenHeaderThatMatchesPasses() throws IOException {
        HeaderVerifier.Result r = verify("hdmr_handwritten.h", EVERY_STRUCT, List.of());
        assertWithMessage(describe(r)).that(r.status()).isEqualTo(HeaderVerifier.Status.MATCHES);
        assertThat(r.mismatches()).isEmpty();
        // 5 structs x (size, alignment, standard layout) + 2 per non-reserved field (8 + 3 + 8 + 1 + 7).
        assertThat(r.checks()).hasSize(15 + 2 * 27);
        assertThat(r.command().subList(0, 3)).containsExactly("g++", "-std=c++17", "-fsyntax-only").inOrder();
    }

    @Test
    void driftIsReportedByFieldWithBothValues() throws IOException {
        HeaderVerifier.Result r = verify("hdmr_drifted.h", EVERY_STRUCT, List.of());
        assertWithMessage(describe(r)).that(r.status()).isEqualTo(HeaderVerifier.Status.MISMATCHES);
        String h = RESOURCES.resolve("hdmr_drifted.h") + ": error: ";
        assertThat(rendered(r, "hdmr_drifted.h")).containsExactly(
                h + "HostDeviceMappedRegionInfo.flags: offset is 44 in the hand-written header, 56 in the .abi ("
                        + ABI + ":39:5)",
                h + "HostDeviceMappedRegionConfig.flags: not found in the hand-written header: "
                        + "'struct HostDeviceMappedRegionConfig' has no member named 'flags'; the .abi has it at "
                        + "offset 12, size 4 (" + ABI + ":51:5)",
                h + "HostDeviceMappedRegionHeader: size is 72 in the hand-written header, 64 in the .abi ("
                        + ABI + ":56:8)",
                h + "HostDeviceMappedRegionHeader: alignment is 8 in the hand-written header, 64 in the .abi ("
                        + ABI + ":56:8)",
                h + "HostDeviceMappedRegionSignalSlot: rt::hdmr::SignalSlot is not a standard-layout type in the "
                        + "hand-written header, so its offsets are not portable; the .abi describes a plain struct ("
                        + ABI + ":79:8)",
                h + "HostDeviceMappedRegionDatacopyHeader.status: size is 8 in the hand-written header, 4 in the "
                        + ".abi (" + ABI + ":162:5)").inOrder();
        assertThat(r.otherErrors()).isEmpty();
    }

    @Test
    void renamedMembersAreCheckedUnderTheirOwnNames() throws IOException {
        List<String> structs = List.of("simpler.hdmr.HostDeviceMappedRegionInfo=rt::MappedRegionInfo");
        HeaderVerifier.Result unmapped = verify("hdmr_renamed.h", structs, List.of());
        assertWithMessage(describe(unmapped)).that(unmapped.status()).isEqualTo(HeaderVerifier.Status.MISMATCHES);
        assertThat(unmapped.mismatches().stream().map(m -> m.check().subject()).toList()).containsExactly(
                "simpler.hdmr.HostDeviceMappedRegionInfo.signal_count",
                "simpler.hdmr.HostDeviceMappedRegionInfo.total_bytes").inOrder();
        assertThat(unmapped.mismatches().get(0).message()).startsWith(
                "simpler.hdmr.HostDeviceMappedRegionInfo.signal_count: not found in the hand-written header: ");
        assertThat(unmapped.mismatches().get(0).message()).endsWith(
                "; the .abi has it at offset 40, size 4 (" + ABI + ":34:5)");

        HeaderVerifier.Result renamed = verify("hdmr_renamed.h", structs,
                List.of("simpler.hdmr.HostDeviceMappedRegionInfo.signal_count=nsignals",
                        "HostDeviceMappedRegionInfo.total_bytes=mapping_bytes"));
        assertWithMessage(describe(renamed)).that(renamed.status()).isEqualTo(HeaderVerifier.Status.MATCHES);
    }

    @Test
    void aStructTheHeaderDoesNotDeclareIsReportedOnce() throws IOException {
        HeaderVerifier.Result r = verify("hdmr_handwritten.h",
                List.of("HostDeviceMappedRegionConfig=rt::RegionConfig", "HostDeviceMappedRegionInfo"), List.of());
        assertWithMessage(describe(r)).that(r.status()).isEqualTo(HeaderVerifier.Status.MISMATCHES);
        assertThat(r.mismatches()).hasSize(1);
        assertThat(r.mismatches().get(0).message()).startsWith(
                "HostDeviceMappedRegionConfig: cannot check rt::RegionConfig in the hand-written header: ");
        assertThat(r.mismatches().get(0).message()).contains("RegionConfig");
        assertThat(r.mismatches().get(0).message()).endsWith("(" + ABI + ":45:8)");
    }

    @Test
    void aHeaderThatDoesNotCompileShowsTheCompilersErrors() throws IOException {
        HeaderVerifier.Result r = verify("syntax_error.h", List.of("HostDeviceMappedRegionConfig"), List.of());
        assertWithMessage(describe(r)).that(r.status()).isEqualTo(HeaderVerifier.Status.DOES_NOT_COMPILE);
        assertThat(r.otherErrors()).containsMatch("syntax_error.h:4:19: error: expected .;. at end of member declaration");
        assertThat(r.otherErrors()).contains("    4 |     std::uint64_t data_bytes");
        assertThat(r.otherErrors()).doesNotContain("abic#");
    }

    @Test
    void aCompilerThatDoesNotExistIsAResultNotAnException() throws IOException {
        HeaderVerifier.Result r = HeaderVerifier.verify(new HeaderVerifier.Request(
                RESOURCES.resolve("hdmr_handwritten.h"), map(List.of("HostDeviceMappedRegionInfo"), List.of()),
                List.of("abic-no-such-compiler", "-fsyntax-only"), List.of(), Optional.empty()));
        assertThat(r.status()).isEqualTo(HeaderVerifier.Status.COMPILER_NOT_RUN);
        assertThat(r.problem().orElseThrow()).startsWith("cannot run the C++ compiler 'abic-no-such-compiler': ");
    }

    @Test
    void aCompilerThatDoesNotEvaluateTheAssertionsIsNotAPass() throws IOException {
        // Preprocessing only: exit status 0 and no diagnostics, on the drifted header too.
        HeaderVerifier.Result r = HeaderVerifier.verify(new HeaderVerifier.Request(
                RESOURCES.resolve("hdmr_drifted.h"), map(EVERY_STRUCT, List.of()),
                List.of("g++", "-E", "-o", work.resolve("preprocessed.ii").toString()), List.of(), Optional.empty()));
        assertWithMessage(describe(r)).that(r.status()).isEqualTo(HeaderVerifier.Status.DOES_NOT_COMPILE);
        assertThat(r.problem().orElseThrow()).contains("did not evaluate the checks");
    }

    @Test
    void theKeptTranslationUnitCompilesOnItsOwnWithTheHeaderFoundRelativeToIt() throws Exception {
        Path tu = work.resolve("build/checks/verify_hdmr.cpp");
        HeaderVerifier.Request request = new HeaderVerifier.Request(RESOURCES.resolve("hdmr_handwritten.h"),
                map(EVERY_STRUCT, List.of()), List.of("g++", "-std=c++11", "-fsyntax-only"), List.of(),
                Optional.of(tu));
        HeaderVerifier.Result r = HeaderVerifier.verify(request);
        assertWithMessage(describe(r)).that(r.status()).isEqualTo(HeaderVerifier.Status.MATCHES);
        assertThat(r.translationUnit()).hasValue(tu.toAbsolutePath().normalize());
        String text = Files.readString(tu);
        assertThat(text).isEqualTo(HeaderVerifier.translationUnit(request, tu));
        String include = tu.toAbsolutePath().getParent()
                .relativize(RESOURCES.resolve("hdmr_handwritten.h").toAbsolutePath()).toString();
        assertThat(text).contains("#include \"" + include + "\"\n");
        assertThat(text).contains("static_assert(offsetof(HostDeviceMappedRegionInfo, flags) == 56, "
                + "\"abic#18: HostDeviceMappedRegionInfo.flags: offset must be 56 (hdmr.abi:39)\");\n");
        // As a build would compile it: from elsewhere, without abic's macro, warnings as errors.
        List<String> cmd = new ArrayList<>(List.of("g++", "-std=c++11", "-fsyntax-only", "-Wall", "-Wextra",
                "-Werror", tu.toString()));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertWithMessage(out).that(p.exitValue()).isEqualTo(0);
    }
}
