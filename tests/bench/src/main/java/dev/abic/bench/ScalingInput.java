package dev.abic.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The compiler's scaling input: {@code n} structs of eight fields (explicit offsets, an enum, an array
 * sized by a constant, a doc comment each), 100 structs per {@code .abi} file, each file with its
 * own package, constant and enum. The same shape as tests/perf/compile-scaling.sh.
 */
public final class ScalingInput {
    static final int STRUCTS_PER_FILE = 100;

    private ScalingInput() {}

    /** Writes the input for {@code n} structs into a new temporary directory and returns it. */
    public static Path write(int n) throws IOException {
        Path dir = Files.createTempDirectory("abic-bench-scaling-" + n + "-");
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int f = i / STRUCTS_PER_FILE;
            if (i % STRUCTS_PER_FILE == 0) {
                flush(dir, f - 1, file);
                file.append("package perf.f").append(f).append(";\n")
                        .append("const CAP_").append(f).append(": u32 = 4;\n")
                        .append("enum Kind").append(f).append(" : u16 { A = 0, B = 1, C = 2 }\n");
            }
            file.append("/// Struct ").append(i).append(".\n")
                    .append("struct S").append(i).append(" {\n")
                    .append("    id: u64;\n")
                    .append("    a: u32 @ 8;\n")
                    .append("    b: u32;\n")
                    .append("    kind: Kind").append(f).append(";\n")
                    .append("    c: u16;\n")
                    .append("    bytes: u8[CAP_").append(f).append("];\n")
                    .append("    value: i64 @ 24;\n")
                    .append("    ratio: f64;\n")
                    .append("} size 40 align 8;\n");
        }
        flush(dir, (n - 1) / STRUCTS_PER_FILE, file);
        return dir;
    }

    private static void flush(Path dir, int f, StringBuilder text) throws IOException {
        if (f >= 0 && !text.isEmpty()) {
            Files.writeString(dir.resolve("f" + f + ".abi"), text, StandardCharsets.UTF_8);
            text.setLength(0);
        }
    }

    /** Deletes a directory tree this class or a benchmark made. */
    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
