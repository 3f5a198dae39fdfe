package dev.abic.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine a run was measured on, in one line for the report. */
public final class Machine {
    private Machine() {}

    public static String describe() {
        String cpu = cpuModel().orElse(System.getProperty("os.arch"));
        long memoryGiB = memoryKiB().map(k -> Math.round(k / 1024.0 / 1024.0)).orElse(-1L);
        return String.format("%s, %d cores, %s GiB memory, %s %s; JDK %s (%s)", cpu,
                Runtime.getRuntime().availableProcessors(), memoryGiB < 0 ? "?" : Long.toString(memoryGiB),
                System.getProperty("os.name"), System.getProperty("os.version"), Runtime.version(),
                System.getProperty("java.vm.vendor"));
    }

    private static Optional<String> cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name");
    }

    private static Optional<Long> memoryKiB() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal").map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")));
    }

    private static Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
