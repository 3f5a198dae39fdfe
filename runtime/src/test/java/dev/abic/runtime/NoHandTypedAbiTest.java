package dev.abic.runtime;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java runtime is written only against the generated classes: no offset, size, capacity,
 * magic or enum value typed by hand. Every integer literal in its sources must be 0 or 1, except
 * on a line marked {@code // not ABI:} (tuning constants such as spin counts). String literals and
 * comments are ignored.
 */
class NoHandTypedAbiTest {
    static final Pattern LITERAL = Pattern.compile("(?<![\\w.])(0[xX][0-9a-fA-F_]+|0[bB][01_]+|\\d[\\d_]*)[lL]?(?![\\w.])");
    static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

    @Test
    void everyIntegerLiteralIsZeroOrOneOrMarked() throws IOException {
        Path sources = Path.of(System.getProperty("abic.root"), "runtime", "src", "main", "java");
        List<String> offenders = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                files++;
                offenders.addAll(offenders(file));
            }
        }
        assertWithMessage("runtime sources scanned").that(files).isAtLeast(5);
        assertWithMessage("hand-typed numbers in the runtime (use the generated classes, or mark tuning with // not ABI:)")
                .that(offenders).isEmpty();
    }

    @Test
    void theScannerFindsWhatItMustFind() {
        assertWithMessage("literal").that(literalsIn("long x = slot + 32;")).containsExactly("32");
        assertWithMessage("hex").that(literalsIn("if (m == 0x4C335132L) {")).containsExactly("0x4C335132");
        assertWithMessage("allowed").that(literalsIn("a[i + 1] = 0;")).isEmpty();
        assertWithMessage("in a string").that(literalsIn("s = \"64 bytes\";")).isEmpty();
        assertWithMessage("in an identifier").that(literalsIn("L3L2QueueDescSlot.BYTES")).isEmpty();
        assertWithMessage("in a comment").that(literalsIn("x = y; // 4096")).isEmpty();
    }

    static List<String> offenders(Path file) throws IOException {
        List<String> found = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        boolean inBlockComment = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (inBlockComment) {
                int end = line.indexOf("*/");
                if (end < 0) {
                    continue;
                }
                line = line.substring(end + 2);
                inBlockComment = false;
            }
            int start = line.indexOf("/*");
            if (start >= 0 && line.indexOf("*/", start) < 0) {
                inBlockComment = true;
                line = line.substring(0, start);
            }
            if (lines.get(i).contains("// not ABI:")) {
                continue;
            }
            for (String literal : literalsIn(line)) {
                found.add(file.getFileName() + ":" + (i + 1) + ": " + literal + "    " + lines.get(i).strip());
            }
        }
        return found;
    }

    static List<String> literalsIn(String line) {
        String code = STRING.matcher(line).replaceAll("\"\"");
        int comment = code.indexOf("//");
        if (comment >= 0) {
            code = code.substring(0, comment);
        }
        code = code.replaceAll("/\\*.*?\\*/", " ");
        List<String> literals = new ArrayList<>();
        Matcher m = LITERAL.matcher(code);
        while (m.find()) {
            String literal = m.group(1);
            if (!literal.equals("0") && !literal.equals("1")) {
                literals.add(literal);
            }
        }
        return literals;
    }
}
