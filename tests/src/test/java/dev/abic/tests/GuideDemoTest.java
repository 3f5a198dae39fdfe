package dev.abic.tests;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project of docs/guide.md ({@code docs/guide/sensor-demo}) keeps working: its {@code .abi} is
 * generated with the {@code abic} jar (what the Maven plugin's goal {@code generate} does), its Java
 * host is compiled against the generated classes and the runtime, its C++ device program with g++
 * against the generated header and the runtime's headers, its kernel with nvcc; then the host and
 * the device run as two processes through {@code /dev/shm} and print what the guide shows.
 */
class GuideDemoTest {
    static final Path DEMO = Repo.root().resolve("docs/guide/sensor-demo");

    @Test
    void theGuidesHostAndDeviceBuildAndTalk(@TempDir Path work) throws Exception {
        Path java = work.resolve("java");
        Path cpp = work.resolve("cpp");
        Processes.Run generate = Processes.abic(work, "generate", "--java-out", java.toString(), "--cpp-out",
                cpp.toString(), DEMO.resolve("src/main/abi").toString());
        assertWithMessage(generate.describe()).that(generate.exitCode()).isEqualTo(0);

        Path classes = work.resolve("classes");
        List<String> sources = new ArrayList<>();
        try (Stream<Path> walk = Stream.concat(Files.walk(java), Files.walk(DEMO.resolve("src/main/java")))) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> sources.add(p.toString()));
        }
        String classPath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "22", "-proc:none", "-d", classes.toString(),
                "-cp", classPath));
        args.addAll(sources);
        assertWithMessage("javac of the guide's host").that(javac.run(null, null, null, args.toArray(String[]::new)))
                .isEqualTo(0);

        Processes.requireTool("g++", "g++");
        Path device = work.resolve("device");
        Processes.Run gxx = Processes.run(work, List.of("g++", "-std=c++17", "-O2", "-Wall", "-Wextra", "-Werror",
                "-I", cpp.toString(), "-I", Repo.generatedCppInclude().toString(),
                "-I", Repo.root().resolve("runtime/cpp/include").toString(),
                DEMO.resolve("device/device.cpp").toString(), "-o", device.toString()));
        assertWithMessage(gxx.describe()).that(gxx.exitCode()).isEqualTo(0);

        Processes.requireTool("nvcc", "nvidia-cuda-toolkit (or NVIDIA's cuda-toolkit)");
        Processes.Run nvcc = Processes.run(work, List.of("nvcc", "-std=c++17", "-c", "-I", cpp.toString(),
                DEMO.resolve("device/kernel.cu").toString(), "-o", work.resolve("kernel.o").toString()));
        assertWithMessage(nvcc.describe()).that(nvcc.exitCode()).isEqualTo(0);

        Path queue = Path.of("/dev/shm", "abic-guide-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Process host = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED",
                "-cp", classes + File.pathSeparator + classPath, "demo.Host", queue.toString(), "6")
                .redirectErrorStream(true).redirectOutput(work.resolve("host.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!Files.exists(queue)) {
                assertWithMessage(Files.readString(work.resolve("host.log"))).that(host.isAlive()).isTrue();
                assertThat(System.nanoTime() - deadline).isLessThan(0L);
                Thread.sleep(10);
            }
            Processes.Run deviceRun = Processes.run(work, List.of(device.toString(), queue.toString()), 60);
            assertWithMessage(deviceRun.describe()).that(deviceRun.exitCode()).isEqualTo(0);
            assertThat(deviceRun.output()).isEqualTo("STOP after 6 readings\n");
            assertThat(host.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(work.resolve("host.log"));
            assertWithMessage(log).that(host.exitValue()).isEqualTo(0);
            assertThat(log).contains("sensor 0: value 1000.0 -> ok\nsensor 1: value 1250.0 -> ALARM\n");
            assertThat(Files.exists(queue)).isFalse();
        } finally {
            host.destroyForcibly();
            Files.deleteIfExists(queue);
        }
    }
}
