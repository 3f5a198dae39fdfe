package dev.abic.compiler.resolve;

import java.util.regex.Pattern;

/** What the value of each file option must look like. */
final class OptionRules {
    private OptionRules() {}

    private static final Pattern JAVA_PACKAGE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern CPP_NAMESPACE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern CPP_HEADER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*\\.(h|hpp|hh)");
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+){0,2}");

    /** A message saying what is wrong with the value, or null when it is fine. */
    static String check(String option, String value) {
        return switch (option) {
            case "java_package" -> JAVA_PACKAGE.matcher(value).matches() ? null
                    : "java_package must be a dotted Java package name such as \"dev.abic.simpler\", not \"" + value + "\"";
            case "cpp_namespace" -> CPP_NAMESPACE.matcher(value).matches() ? null
                    : "cpp_namespace must be a C++ namespace such as \"simpler::hdmr\", not \"" + value + "\"";
            case "cpp_header" -> CPP_HEADER.matcher(value).matches() && !value.contains("..") ? null
                    : "cpp_header must be a relative path ending in .h, .hpp or .hh, such as \"simpler/hdmr.h\", not \""
                    + value + "\"";
            case "abi_version" -> VERSION.matcher(value).matches() ? null
                    : "abi_version must be a version such as \"2\" or \"1.1\", not \"" + value + "\"";
            default -> null;
        };
    }
}
