package dev.abic.tests;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.Abic;
import dev.abic.compiler.verify.HeaderVerifier;
import dev.abic.compiler.verify.StructMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify-header} with nvcc as the compiler, as docs/verify-header.md describes it: the
 * translation unit compiled as CUDA ({@code -x cu}), nvcc's own error format read back by field, and
 * the kept unit compiled by nvcc in a build that knows nothing of abic.
 */
class VerifyHeaderNvccTest {
    private static final List<String> NVCC = List.of("nvcc", "-std=c++17", "-x", "cu", "-c", "-o", "/dev/null");
    private static final List<String> STRUCTS = List.of("HostDeviceMappedRegionInfo", "HostDeviceMappedRegionConfig",
            "HostDeviceMappedRegionHeader=rt::hdmr::RegionHeader",
            "HostDeviceMappedRegionDatacopyHeader=rt::hdmr::DatacopyHeader");

    @TempDir
    Path work;

    private static HeaderVerifier.Request request(String header, Optional<Path> keep) {
        Abic.Result abi = Abic.compile(List.of(Repo.idl().resolve("hdmr.abi")));
        assertThat(abi.succeeded()).isTrue();
        StructMapping.Resolution m = StructMapping.resolve(abi.model().orElseThrow(), STRUCTS, List.of());
        assertThat(m.problems()).isEmpty();
        Path headers = Repo.root().resolve("generator/compiler/src/test/resources/verify");
        return new HeaderVerifier.Request(headers.resolve(header), m.mappings(), NVCC, List.of(), keep);
    }

    private static String describe(HeaderVerifier.Result r) {
        return r.status() + " " + r.problem() + "\n" + String.join(" ", r.command()) + "\n" + r.compilerOutput();
    }

    @Test
    void nvccVerifiesAMatchingHeaderAndTheKeptUnitBuildsOnItsOwn() throws Exception {
        Processes.requireTool("nvcc", "nvidia-cuda-toolkit (or NVIDIA's cuda-toolkit)");
        Path tu = work.resolve("device/verify_hdmr.cpp");
        HeaderVerifier.Result r = HeaderVerifier.verify(request("hdmr_handwritten.h", Optional.of(tu)));
        assertWithMessage(describe(r)).that(r.status()).isEqualTo(HeaderVerifier.Status.MATCHES);
        assertThat(Files.exists(tu)).isTrue();
        // The device build: its own directory, no abic macro, warnings as errors.
        Processes.Run build = Processes.run(work, List.of("nvcc", "-std=c++14", "-x", "cu", "-Werror",
                "all-warnings", "-c", tu.toString(), "-o", work.resolve("verify_hdmr.o").toString()));
        assertWithMessage(build.describe()).that(build.exitCode()).isEqualTo(0);
    }

    @Test
    void nvccMismatchesAreReportedByFieldWithTheAbiValue() throws Exception {
        Processes.requireTool("nvcc", "nvidia-cuda-toolkit (or NVIDIA's cuda-toolkit)");
        HeaderVerifier.Result r = HeaderVerifier.verify(request("hdmr_drifted.h", Optional.empty()));
        assertWithMessage(describe(r)).that(r.status()).isEqualTo(HeaderVerifier.Status.MISMATCHES);
        // nvcc does not print the compared values: the .abi's value is reported alone.
        assertThat(r.mismatches().stream().map(HeaderVerifier.Mismatch::message).map(s -> s.replaceAll(" \\(.*", ""))
                .toList()).containsExactly(
                        "HostDeviceMappedRegionInfo.flags: offset in the hand-written header is not the .abi's 56",
                        "HostDeviceMappedRegionConfig.flags: not found in the hand-written header: class "
                                + "\"HostDeviceMappedRegionConfig\" has no member \"flags\"; the .abi has it at offset "
                                + "12, size 4",
                        "HostDeviceMappedRegionHeader: size in the hand-written header is not the .abi's 64",
                        "HostDeviceMappedRegionHeader: alignment in the hand-written header is not the .abi's 64",
                        "HostDeviceMappedRegionDatacopyHeader.status: size in the hand-written header is not the .abi's 4")
                .inOrder();
    }
}
