package dev.abic.compiler.check;

import java.util.Locale;
import java.util.Set;

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

    /** {@code host_data_ptr} → {@code HOST_DATA_PTR}; {@code hostDataPtr} → {@code HOST_DATA_PTR}. */
    public static String javaConstant(String abiName) {
        return abiName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
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
            // macros of <cstdint>/<cstddef>/<climits> that a generated header pulls in
            "NULL", "offsetof", "CHAR_BIT", "INT8_MAX", "INT16_MAX", "INT32_MAX", "INT64_MAX", "UINT8_MAX",
            "UINT16_MAX", "UINT32_MAX", "UINT64_MAX", "SIZE_MAX", "EOF", "assert");
}
