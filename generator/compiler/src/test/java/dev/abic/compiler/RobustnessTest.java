package dev.abic.compiler;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.diag.Diagnostic;
import dev.abic.compiler.diag.SourceSpan;
import dev.abic.compiler.emit.cpp.CppEmitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No input makes the compiler throw: the real .abi files of idl/ and the golden inputs, mutated at
 * random (characters and tokens deleted, duplicated, swapped, replaced with other tokens, numbers
 * changed to edge values), always give diagnostics or a model, never an exception, and every
 * diagnostic points inside its file. Seeded; the seed and the input are printed on failure, and
 * {@code -Dabic.robustness.seed=N -Dabic.robustness.runs=M} explores further.
 */
class RobustnessTest {
    private static final String[] TOKENS = {
        ";", "{", "}", "(", ")", "[", "]", ":", ",", ".", "@", "=", "<<", ">>", "*", "/", "%", "-", "~", "!", "&&",
        "||", "struct", "enum", "flags", "const", "layout", "require", "assert", "import", "option", "package",
        "reserved", "atomic", "align", "size", "count_of", "bound", "sizeof", "alignof", "offsetof", "bytes",
        "u8", "u64", "i32", "f64", "bool", "char", "0", "1", "64", "0xFFFFFFFFFFFFFFFF", "18446744073709551616",
        "9223372036854775808", "-1", "\"", "\"x.abi\"", "/*", "*/", "///", "$", "\u00e9", "\t", "\n", "x", "S",
    };

    @TempDir
    Path dir;

    @Test
    void mutatedInputsNeverThrow() throws IOException {
        long seed = Long.getLong("abic.robustness.seed", 20261121L);
        int runs = Integer.getInteger("abic.robustness.runs", 3000);
        List<String> corpus = corpus();
        Random random = new Random(seed);
        for (int i = 0; i < runs; i++) {
            String original = corpus.get(random.nextInt(corpus.size()));
            String mutated = mutate(original, random, 1 + random.nextInt(4));
            Path file = dir.resolve("m" + (i % 8) + ".abi");
            Files.writeString(file, mutated, StandardCharsets.UTF_8);
            try {
                Abic.Result r = Abic.compile(List.of(file));
                for (Diagnostic d : r.diagnostics()) {
                    d.render();
                    d.span().ifPresent(s -> checkInside(s, mutated, seed, d));
                }
                r.model().ifPresent(m -> Abic.generateCpp(m, CppEmitter.Options.DEFAULTS));
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + ", run " + i + ": the compiler threw on this input:\n"
                        + mutated, e);
            }
        }
    }

    @Test
    void randomBytesNeverThrow() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[random.nextInt(400)];
            random.nextBytes(bytes);
            Path file = dir.resolve("bytes.abi");
            Files.write(file, bytes);
            Abic.Result r = Abic.compile(List.of(file));
            assertWithMessage("random bytes compile to errors").that(r.succeeded()).isFalse();
        }
    }

    private static void checkInside(SourceSpan s, String text, long seed, Diagnostic d) {
        int lines = s.file().lineCount();
        assertWithMessage("seed " + seed + ": " + d.render() + "\npoints outside its file of " + lines + " lines:\n" + text)
                .that(s.line()).isAtMost(lines);
    }

    private List<String> corpus() throws IOException {
        List<Path> roots = List.of(Path.of("../../idl"), Path.of("src/test/resources/golden/input"));
        List<String> texts = new java.util.ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".abi")).sorted().toList()) {
                    texts.add(Files.readString(p));
                }
            }
        }
        assertWithMessage("corpus").that(texts).isNotEmpty();
        return texts;
    }

    static String mutate(String text, Random random, int edits) {
        StringBuilder b = new StringBuilder(text);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int at = random.nextInt(b.length());
            int len = Math.min(b.length() - at, 1 + random.nextInt(12));
            switch (random.nextInt(6)) {
                case 0 -> b.delete(at, at + len);
                case 1 -> b.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> b.replace(at, at + len, TOKENS[random.nextInt(TOKENS.length)]);
                case 3 -> b.insert(at, b.substring(at, at + len));
                case 4 -> {
                    int other = random.nextInt(b.length());
                    String moved = b.substring(at, at + len);
                    b.delete(at, at + len);
                    b.insert(Math.min(other, b.length()), moved);
                }
                default -> b.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return b.toString();
    }
}
