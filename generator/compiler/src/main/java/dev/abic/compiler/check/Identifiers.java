package dev.abic.compiler.check;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How {@code .abi} names become Java and C++ names, and which names the target languages reserve.
 * Emitters and checks use this one definition, so a name the checks accept is a name the emitters
 * can write.
 */
public final class Identifiers {
    private Identifiers() {}

    /** {@code host_data_ptr} → {@code hostDataPtr}. */
    public static String javaMember(String abiName) {
        String[] parts = abiName.split("_");
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (out.length() == 0) {
                out.append(part.substring(0, 1).toLowerCase(Locale.ROOT)).append(part.substring(1));
            } else {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.length() == 0 ? abiName : out.toString();
    }


    public static boolean isJavaKeyword(String name) {
        return JAVA_KEYWORDS.contains(name);
    }

    public static boolean isCppKeyword(String name) {
        return CPP_KEYWORDS.contains(name);
    }

    /** Java reserved words and literals (JLS 3.9), including {@code _}. */
    private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "_");

    /** C++23 keywords and alternative tokens, and identifiers reserved for the implementation's macros. */
    private static final Set<String> CPP_KEYWORDS = Set.of("alignas", "alignof", "and", "and_eq", "asm", "auto",
            "bitand", "bitor", "bool", "break", "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class",
            "compl", "concept", "const", "consteval", "constexpr", "constinit", "const_cast", "continue",
            "co_await", "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast",
            "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if",
            "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr",
            "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
            "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
            "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
            "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
            // macros of <cstdint>/<cstddef>/<climits> that a generated header pulls in, and those
            // GNU modes predefine
            "NULL", "offsetof", "CHAR_BIT", "INT8_MAX", "INT16_MAX", "INT32_MAX", "INT64_MAX", "UINT8_MAX",
            "UINT16_MAX", "UINT32_MAX", "UINT64_MAX", "INT8_MIN", "INT16_MIN", "INT32_MIN", "INT64_MIN",
            "INTMAX_MIN", "INTMAX_MAX", "UINTMAX_MAX", "INTPTR_MIN", "INTPTR_MAX", "UINTPTR_MAX", "PTRDIFF_MIN",
            "PTRDIFF_MAX", "SIZE_MAX", "EOF", "assert", "unix", "linux", "errno");

    /**
     * Why a name cannot be used in the generated C++ or Java, or null when it can: a keyword of
     * either language, a macro the headers see, or an identifier C++ reserves for its
     * implementation (containing {@code __}, or {@code _} and a capital) or abic reserves for its
     * support header's macros ({@code ABIC_…}). (The top-level namespace {@code abic} is checked
     * where namespaces are.)
     */
    public static String problem(String name) {
        if (isCppKeyword(name)) {
            return "'" + name + "' is reserved in C++; rename it";
        }
        if (isJavaKeyword(name)) {
            return "'" + name + "' is a Java keyword; rename it";
        }
        if (name.contains("__") || name.matches("_[A-Z].*")) {
            return "'" + name + "' is reserved for the C++ implementation (names containing __ or starting with _ "
                    + "and a capital letter are); rename it";
        }
        if (name.startsWith("ABIC_")) {
            return "'" + name + "' is reserved for abic's support header; rename it";
        }
        return null;
    }

    // Compiled once: snakeCase runs for every field of every struct (String.replaceAll compiles its
    // pattern on each call, which was a twentieth of a 10,000-struct run).
    private static final Pattern LOWER_UPPER = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern UPPER_WORD = Pattern.compile("([A-Z])([A-Z][a-z])");

    /** {@code QueueRegion} → {@code queue_region}; {@code HTTPRegion} → {@code http_region}. */
    public static String snakeCase(String name) {
        String split = UPPER_WORD.matcher(LOWER_UPPER.matcher(name).replaceAll("$1_$2")).replaceAll("$1_$2");
        return split.toLowerCase(Locale.ROOT);
    }

    /**
     * The names of one scope (a struct's fields, a layout's sections or parameters) as Java sees
     * them. {@link #add} says what is wrong with a name that collides with an earlier one after
     * conversion ({@code a_b} and {@code aB} are both {@code aB}) or becomes a Java keyword.
     */
    public static final class JavaScope {
        private record Earlier(String name, int line) {}

        private final java.util.Map<String, Earlier> byJavaName = new java.util.HashMap<>();

        /** The problem with {@code name} (declared on {@code line}), or null when there is none. */
        public String add(String name, int line) {
            String java = javaMember(name);
            Earlier other = byJavaName.putIfAbsent(java, new Earlier(name, line));
            if (other != null) {
                return "'" + name + "' and '" + other.name() + "' (line " + other.line() + ") both become '" + java
                        + "' in Java; rename one";
            }
            if (!java.equals(name) && isJavaKeyword(java)) {
                return "'" + name + "' becomes the Java keyword '" + java + "'; rename it";
            }
            return null;
        }
    }
}
