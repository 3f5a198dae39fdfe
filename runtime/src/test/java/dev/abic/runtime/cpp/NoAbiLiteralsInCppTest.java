package dev.abic.runtime.cpp;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No ABI number is typed by hand in the C++ runtime: in {@code runtime/cpp/include} the only
 * integer literals are 0 and 1. Offsets, sizes, magics, versions, capacities and enum values come
 * from the generated headers (constants, sizeof, offsetof, layout functions). The one exception is
 * a tuning constant (a spin count, a sleep step): each is defined once, as
 * {@code constexpr TYPE NAME = VALUE;} on a line that ends with a {@code // not ABI: why} comment.
 */
class NoAbiLiteralsInCppTest {
    /** Where a tuning constant may carry a literal. */
    private static final String MARKER = "// not ABI:";
    private static final Pattern TUNING_LINE =
            Pattern.compile("^\\s*constexpr\\s+[\\w:]+\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*[^;]+;\\s*// not ABI: \\S.*$");
    /** A number token: not part of an identifier, hex, binary, decimal or floating, with a suffix. */
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z0-9_.])(0[xX][0-9A-Fa-f']+|0[bB][01']+"
            + "|\\d[\\d']*(?:\\.\\d*)?(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)([uUlLfF]*)(?![A-Za-z0-9_.])");

    /** A literal at a line of a file. */
    record Literal(String file, int line, String text) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + text;
        }
    }

    /** The source with comments and the contents of string and character literals blanked, lines kept. */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            char next = i + 1 < source.length() ? source.charAt(i + 1) : '\0';
            if (c == '/' && next == '/') {
                while (i < source.length() && source.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && next == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                for (; i < end; i++) {
                    out.append(source.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '"' || (c == '\'' && (i == 0 || !Character.isLetterOrDigit(source.charAt(i - 1))))) {
                out.append(c);
                i++;
                while (i < source.length() && source.charAt(i) != c && source.charAt(i) != '\n') {
                    boolean escape = source.charAt(i) == '\\';
                    out.append(' ');
                    i++;
                    if (escape && i < source.length()) {
                        out.append(' ');
                        i++;
                    }
                }
                if (i < source.length()) {
                    out.append(source.charAt(i));
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The value of an integer token, or null for a floating-point one. */
    static BigInteger value(String digits) {
        String d = digits.replace("'", "");
        if (d.startsWith("0x") || d.startsWith("0X")) {
            return new BigInteger(d.substring(2), 16);
        }
        if (d.startsWith("0b") || d.startsWith("0B")) {
            return new BigInteger(d.substring(2), 2);
        }
        if (d.contains(".") || d.contains("e") || d.contains("E")) {
            return null;
        }
        return d.length() > 1 && d.startsWith("0") ? new BigInteger(d.substring(1), 8) : new BigInteger(d);
    }

    /** Every literal other than 0 and 1 on a line without the tuning marker. */
    static List<Literal> forbiddenLiterals(String file, String source) {
        List<Literal> found = new ArrayList<>();
        String[] raw = source.split("\n", -1);
        String[] lines = code(source).split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            if (raw[n].contains(MARKER)) {
                continue;
            }
            Matcher m = NUMBER.matcher(lines[n]);
            while (m.find()) {
                BigInteger v = value(m.group(1));
                if (v == null || (!v.equals(BigInteger.ZERO) && !v.equals(BigInteger.ONE))) {
                    found.add(new Literal(file, n + 1, m.group()));
                }
            }
        }
        return found;
    }

    private static Map<String, String> includeFiles() throws IOException {
        Path include = CppPrograms.runtimeInclude();
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(include)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(include.relativize(p).toString(), Files.readString(p));
            }
        }
        assertWithMessage("files in " + include).that(files.keySet()).containsAtLeast("abic_runtime/queue.hpp",
                "abic_runtime/mailbox.hpp", "abic_runtime/shm_file.hpp");
        return files;
    }

    @Test
    void onlyZeroAndOneAppearAsLiteralsInTheRuntimeHeaders() throws IOException {
        List<Literal> found = new ArrayList<>();
        includeFiles().forEach((file, source) -> found.addAll(forbiddenLiterals(file, source)));
        assertWithMessage("integer literals other than 0 and 1 in runtime/cpp/include (use the generated "
                + "constants, sizeof and offsetof; a tuning constant goes on a line ending with '" + MARKER
                + " why')").that(found).isEmpty();
    }

    @Test
    void eachTuningConstantIsOneDefinitionWithAReason() throws IOException {
        Map<String, String> definedAt = new HashMap<>();
        includeFiles().forEach((file, source) -> {
            String[] lines = source.split("\n", -1);
            for (int n = 0; n < lines.length; n++) {
                if (!lines[n].contains(MARKER)) {
                    continue;
                }
                Matcher m = TUNING_LINE.matcher(lines[n]);
                String where = file + ":" + (n + 1);
                assertWithMessage(where + ": a '" + MARKER + "' line must be 'constexpr TYPE NAME = VALUE;  "
                        + MARKER + " why': " + lines[n]).that(m.matches()).isTrue();
                String earlier = definedAt.put(m.group(1), where);
                assertWithMessage(m.group(1) + " is defined at " + earlier + " and " + where).that(earlier).isNull();
            }
        });
        assertWithMessage("the wait's tuning constants").that(definedAt).isNotEmpty();
    }

    @Test
    void theScannerFindsLiteralsInCodeOnly() {
        String sample = """
                int a = 64; // 128 in a comment
                const char* s = "256 \\" 257"; char c = '7';
                uint64_t x = 0x40u + 1'000 + 1ull + 0 + L3L2 + 0x1 + sizeof(y) * 8; /* 512
                   1024 */ double d = 2.5 + .5;
                constexpr int SPIN = 4096;  // not ABI: tuning
                int z = 010;
                """;
        assertThat(forbiddenLiterals("sample", sample).stream().map(Literal::toString).toList()).containsExactly(
                "sample:1: 64", "sample:3: 0x40u", "sample:3: 1'000", "sample:3: 8", "sample:4: 2.5", "sample:4: .5",
                "sample:6: 010").inOrder();
        assertThat(TUNING_LINE.matcher("constexpr int SPIN = 4096;  // not ABI: tuning").matches()).isTrue();
        assertThat(TUNING_LINE.matcher("int SPIN = 4096;  // not ABI: tuning").matches()).isFalse();
        assertThat(TUNING_LINE.matcher("constexpr int SPIN = 4096;  // not ABI:").matches()).isFalse();
    }
}
