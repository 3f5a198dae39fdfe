package dev.abic.runtime.cpp;

import static com.google.common.truth.Truth.assertWithMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device half of the runtime compiles as CUDA: {@code runtime/cpp/test/device_kernel.cu}, a
 * {@code __global__} echo kernel on a {@code DeviceEndpoint} that reports through the
 * {@code MailboxWriter}, built with {@code nvcc -c} (compile only: these machines have no GPU) with
 * every warning an error, and its PTX reads the device clock ({@code %globaltimer}).
 *
 * <p>Like the project's other nvcc tests this fails, never skips, when nvcc is missing, unless
 * {@code -Dabic.nvcc.optional=true} is given.
 */
class CppNvccTest {
    /** Set to true to skip (rather than fail) when nvcc is not installed. */
    static final String OPTIONAL = "abic.nvcc.optional";

    @TempDir
    Path work;

    private static void requireNvcc() {
        if (!CppPrograms.hasTool("nvcc") && Boolean.getBoolean(OPTIONAL)) {
            Assumptions.abort("nvcc is not on the PATH and -D" + OPTIONAL + "=true was given");
        }
        CppPrograms.requireTool("nvcc", "nvidia-cuda-toolkit (or NVIDIA's cuda-toolkit); or pass -D" + OPTIONAL
                + "=true to skip this test");
    }

    private CppPrograms.Run nvcc(String... mode) {
        List<String> command = new ArrayList<>(List.of("nvcc", "-std=c++17", "-x", "cu", "-Wno-deprecated-gpu-targets",
                "-Werror", "all-warnings", "-Xcompiler", "-Wall,-Wextra,-Werror", "-I" + CppPrograms.generatedInclude(),
                "-I" + CppPrograms.runtimeInclude()));
        command.addAll(List.of(mode));
        command.add(CppPrograms.cppSources().resolve("test/device_kernel.cu").toString());
        return CppPrograms.run(command, Duration.ofMinutes(5));
    }

    @Test
    void theDeviceEndpointAndTheMailboxWriterCompileInAKernel() throws Exception {
        requireNvcc();
        Path object = work.resolve("device_kernel.o");
        CppPrograms.Run compile = nvcc("-c", "-o", object.toString());
        assertWithMessage(compile.describe()).that(compile.exitCode()).isEqualTo(0);
        assertWithMessage(compile.describe()).that(Files.size(object)).isGreaterThan(0L);
        Path ptx = work.resolve("device_kernel.ptx");
        CppPrograms.Run ptxRun = nvcc("-ptx", "-o", ptx.toString());
        assertWithMessage(ptxRun.describe()).that(ptxRun.exitCode()).isEqualTo(0);
        String text = Files.readString(ptx);
        assertWithMessage("PTX of the kernel").that(text).contains("l2_echo_kernel");
        assertWithMessage("the device waits read the device clock").that(text).contains("%globaltimer");
    }
}
