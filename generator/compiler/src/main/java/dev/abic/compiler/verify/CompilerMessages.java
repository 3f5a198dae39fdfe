package dev.abic.compiler.verify;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The diagnostics in a C++ compiler's output, in the two formats compilers use:
 * {@code file:line:col: error: text} (g++, clang) and {@code file(line): error: text} (nvcc's front
 * end, MSVC). Lines in neither format (source excerpts, carets, "In file included from") are skipped.
 */
final class CompilerMessages {
    private CompilerMessages() {}

    enum Severity { ERROR, WARNING, NOTE }

    /**
     * One diagnostic.
     *
     * @param file the file it names, as the compiler printed it
     * @param line its 1-based line
     * @param text the message, with typographic quotes made plain
     * @param block its lines as printed: the include chain or context before it, the diagnostic, and
     *              the source excerpt and caret after it
     */
    record Message(String file, int line, Severity severity, String text, String block) {
        /** Whether it is about {@code path} (the compiler may print it relative to the working directory). */
        boolean isIn(Path path) {
            try {
                return Path.of(file).toAbsolutePath().normalize().equals(path.toAbsolutePath().normalize());
            } catch (InvalidPathException e) {
                return false;
            }
        }

        /**
         * The value of the left side of a failed {@code a == b}, when the compiler printed it: g++
         * adds {@code note: the comparison reduces to '(24 == 16)'}, clang
         * {@code note: expression evaluates to '24 == 16'}.
         */
        OptionalLong comparedValue() {
            Matcher m = COMPARISON.matcher(text);
            if (!m.find()) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(Long.parseLong(m.group(1)));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
    }

    private static final Pattern GNU = Pattern.compile(
            "^(.+?):(\\d+):(?:\\d+:)? (fatal error|error|warning|note): (.*)$");
    private static final Pattern EDG = Pattern.compile(
            "^(.+?)\\((\\d+)(?:,\\d+)?\\) ?: (catastrophic error|fatal error|error|warning|remark|note)[^:]*: ?(.*)$");
    private static final Pattern COMPARISON = Pattern.compile(
            "(?:reduces to|evaluates to) \\W*\\(?\\s*(\\d+)[uUlL]*\\s*==\\s*\\d+");

    /** Lines that introduce the next diagnostic rather than continue the last one. */
    private static final Pattern CONTEXT = Pattern.compile(
            "^(In file included from .*|\\s+from .*[:,]|.*: (In |At |required from ).*:)$");

    static List<Message> parse(String output) {
        List<Message> messages = new ArrayList<>();
        List<String> pending = new ArrayList<>();   // context lines waiting for their diagnostic
        StringBuilder block = null;
        Matcher current = null;
        for (String line : output.split("\\R")) {
            Matcher m = GNU.matcher(line);
            if (!m.matches()) {
                m = EDG.matcher(line);
            }
            if (m.matches()) {
                add(messages, current, block);
                block = new StringBuilder();
                for (String p : pending) {
                    block.append(p).append('\n');
                }
                pending.clear();
                block.append(line).append('\n');
                current = m;
            } else if (CONTEXT.matcher(line).matches() || block == null) {
                pending.add(line);
            } else {
                block.append(line).append('\n');
            }
        }
        add(messages, current, block);
        return messages;
    }

    private static void add(List<Message> messages, Matcher m, StringBuilder block) {
        if (m == null) {
            return;
        }
        String severity = m.group(3);
        Severity s = severity.endsWith("error") ? Severity.ERROR
                : severity.equals("note") ? Severity.NOTE : Severity.WARNING;
        try {
            // The quotes depend on the locale's charset (g++: ‘x’ in UTF-8, 'x' in C); reports use one kind.
            String text = m.group(4).replace('\u2018', '\'').replace('\u2019', '\'');
            messages.add(new Message(m.group(1), Integer.parseInt(m.group(2)), s, text, block.toString()));
        } catch (NumberFormatException e) {
            // a line number beyond int: not a diagnostic of ours
        }
    }
}
