package dev.abic.compiler.verify;

import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.emit.OutputWriter;
import dev.abic.compiler.model.Field;
import dev.abic.compiler.model.StructDecl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Proves that a hand-written C++ header lays out structs exactly as the {@code .abi} does, with the
 * user's own compiler: writes a translation unit that includes the header and
 * {@code static_assert}s every mapped struct's size, alignment and standard layout and every
 * non-reserved field's offset and size against the values of the {@code .abi}, compiles it, and
 * maps each failed assertion back to its struct and field.
 *
 * <p>The expected values are written into the translation unit as literals, rather than taken from
 * the generated header: the hand-written header may declare the same namespace, names or include
 * guard as the generated one (it may have started as a copy of it), which would make the two clash,
 * or make one include silently skip the other and the check compare a struct with itself. The
 * generated header's own {@code static_assert}s already prove that it has these same values. The
 * translation unit therefore needs nothing but the hand-written header and the standard library,
 * and can be compiled as it is in a device build (nvcc included).
 *
 * <p>Each assertion carries a number ({@code abic#12}) and stands on its own line, so an error is
 * mapped back by its line (or its number). g++ and clang print both sides of a failed comparison;
 * other compilers' reports carry the {@code .abi} value only. A last assertion, enabled only while
 * abic compiles the unit, fails on purpose: when the compiler does not report it, it did not check
 * the assertions, and the header is not reported as matching.
 */
public final class HeaderVerifier {
    private HeaderVerifier() {}

    /** The compiler and flags used when none are given: g++, C++17, syntax only. */
    public static final List<String> DEFAULT_COMPILER = List.of("g++", "-std=c++17", "-fsyntax-only");

    /** The macro that enables the deliberately failing last assertion. */
    static final String CANARY_MACRO = "ABIC_VERIFY_CANARY";

    private static final long TIMEOUT_SECONDS = 300;

    /**
     * What to verify and with which compiler.
     *
     * @param header      the hand-written header, as the user named it (reports show this path)
     * @param structs     the structs to check, each with its hand-written counterpart
     * @param compiler    the compiler and its flags; abic adds {@code -I} for each include directory,
     *                    a {@code -D} and the translation unit
     * @param includeDirs directories the header's own includes are found in
     * @param keep        where to write the translation unit and leave it (it then includes the header
     *                    by a path relative to itself); otherwise a temporary file
     */
    public record Request(Path header, List<StructMapping> structs, List<String> compiler, List<Path> includeDirs,
                          Optional<Path> keep) {
        public Request {
            Objects.requireNonNull(header, "header");
            structs = List.copyOf(structs);
            compiler = List.copyOf(compiler);
            includeDirs = List.copyOf(includeDirs);
            Objects.requireNonNull(keep, "keep");
            if (structs.isEmpty()) {
                throw new IllegalArgumentException("no struct to check");
            }
            if (compiler.isEmpty() || compiler.get(0).isBlank()) {
                throw new IllegalArgumentException("no compiler given");
            }
            String path = header.toAbsolutePath().toString();
            if (path.contains("\"") || path.contains("\n") || path.contains("\r")) {
                throw new IllegalArgumentException("a header path with a double quote or a line break cannot be "
                        + "#included: " + header);
            }
        }

        public Request(Path header, List<StructMapping> structs) {
            this(header, structs, DEFAULT_COMPILER, List.of(), Optional.empty());
        }
    }

    /** What a check compares. */
    public enum Aspect {
        SIZE("size"), ALIGNMENT("alignment"), STANDARD_LAYOUT("standard layout"), OFFSET("offset"),
        FIELD_SIZE("size");

        private final String word;

        Aspect(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * One {@code static_assert} of the translation unit.
     *
     * @param id       its number, {@code abic#id} in the assertion's message
     * @param field    the field, for {@link Aspect#OFFSET} and {@link Aspect#FIELD_SIZE}
     * @param abiValue the value of the {@code .abi} (1 for {@link Aspect#STANDARD_LAYOUT})
     */
    public record Check(int id, StructMapping mapping, Optional<Field> field, Aspect aspect, long abiValue) {
        /** {@code Info} or {@code Info.flags}, with the hand-written member where it is renamed. */
        public String subject() {
            return field.map(f -> {
                String member = mapping.theirMember(f);
                return mapping.label() + "." + f.name() + (member.equals(f.name()) ? "" : " (" + member + ")");
            }).orElse(mapping.label());
        }

        /** Where the {@code .abi} declares the struct or field: {@code idl/hdmr.abi:40:5}. */
        public String location() {
            return field.map(Field::span).orElse(mapping.struct().span()).location();
        }

        String expression() {
            String type = mapping.theirName();
            return switch (aspect) {
                case SIZE -> "sizeof(" + type + ") == " + abiValue;
                case ALIGNMENT -> "alignof(" + type + ") == " + abiValue;
                case STANDARD_LAYOUT -> "std::is_standard_layout< " + type + " >::value";
                case OFFSET -> "offsetof(" + type + ", " + mapping.theirMember(field.orElseThrow()) + ") == " + abiValue;
                case FIELD_SIZE -> "sizeof(" + type + "::" + mapping.theirMember(field.orElseThrow()) + ") == "
                        + abiValue;
            };
        }

        String assertionMessage() {
            String what = field.map(f -> mapping.label() + "." + f.name()).orElse(mapping.label());
            String expected = aspect == Aspect.STANDARD_LAYOUT ? "must be standard-layout"
                    : aspect.word() + " must be " + abiValue;
            String where = field.map(Field::span).orElse(mapping.struct().span()).shortLocation();
            return "abic#" + id + ": " + what + ": " + expected + " (" + where + ")";
        }
    }

    /**
     * A check that failed.
     *
     * @param theirs  the hand-written header's value, when the compiler printed it
     * @param problem present when the check could not even be evaluated (no such member, no such
     *                type): the compiler's message
     */
    public record Mismatch(Check check, OptionalLong theirs, Optional<String> problem) {
        private static final Pattern NO_MEMBER = Pattern.compile("(?i)\\bno member\\b|\\bnot a member\\b");

        /** The finding, without the header's name. */
        public String message() {
            String where = " (" + check.location() + ")";
            Optional<Field> field = check.field();
            if (problem.isPresent()) {
                if (field.isEmpty()) {
                    return check.subject() + ": cannot check " + check.mapping().theirName()
                            + " in the hand-written header: " + problem.get() + where;
                }
                return check.subject() + ": " + (NO_MEMBER.matcher(problem.get()).find()
                        ? "not found in the hand-written header: " : "cannot be checked in the hand-written header: ")
                        + problem.get() + "; the .abi has it at offset " + field.get().offset() + ", size "
                        + field.get().size() + where;
            }
            if (check.aspect() == Aspect.STANDARD_LAYOUT) {
                return check.subject() + ": " + check.mapping().theirName() + " is not a standard-layout type in the "
                        + "hand-written header, so its offsets are not portable; the .abi describes a plain struct"
                        + where;
            }
            String word = check.aspect().word();
            if (theirs.isPresent()) {
                return check.subject() + ": " + word + " is " + theirs.getAsLong() + " in the hand-written header, "
                        + check.abiValue() + " in the .abi" + where;
            }
            return check.subject() + ": " + word + " in the hand-written header is not the .abi's "
                    + check.abiValue() + where;
        }

        /** {@code their.h: error: Info.flags: offset is 24 in the hand-written header, 16 in the .abi (…)}. */
        public String render(Path header) {
            return header + ": error: " + message();
        }
    }

    public enum Status {
        /** Every check passed. */
        MATCHES,
        /** The header compiled and some checks failed: see {@link Result#mismatches()}. */
        MISMATCHES,
        /**
         * The translation unit has errors that are not failed checks (the header does not compile),
         * or the compiler did not evaluate the assertions: see {@link Result#compilerOutput()}.
         */
        DOES_NOT_COMPILE,
        /** The compiler could not be started or did not finish: see {@link Result#problem()}. */
        COMPILER_NOT_RUN
    }

    /**
     * The verdict.
     *
     * @param checks          every check of the translation unit, in order
     * @param mismatches      the failed checks, in order, at most one per field that cannot be checked
     * @param command         the compiler command as it was run
     * @param compilerOutput  everything the compiler printed
     * @param otherErrors     the compiler's errors that are not about a check (the header's own errors,
     *                        an unknown option), each with its context, source line and notes; empty when
     *                        there are none
     * @param problem         for {@link Status#COMPILER_NOT_RUN} and a {@link Status#DOES_NOT_COMPILE}
     *                        that printed no error, what went wrong
     * @param translationUnit where the translation unit was kept, if it was
     */
    public record Result(Status status, List<Check> checks, List<Mismatch> mismatches, List<String> command,
                         String compilerOutput, String otherErrors, Optional<String> problem,
                         Optional<Path> translationUnit) {
        public Result {
            checks = List.copyOf(checks);
            mismatches = List.copyOf(mismatches);
            command = List.copyOf(command);
        }
    }

    /** Every check of the mapped structs, numbered from 1 in order. */
    public static List<Check> checks(List<StructMapping> structs) {
        List<Check> checks = new ArrayList<>();
        for (StructMapping m : structs) {
            StructDecl s = m.struct();
            checks.add(new Check(checks.size() + 1, m, Optional.empty(), Aspect.SIZE, s.size()));
            checks.add(new Check(checks.size() + 1, m, Optional.empty(), Aspect.ALIGNMENT, s.align()));
            checks.add(new Check(checks.size() + 1, m, Optional.empty(), Aspect.STANDARD_LAYOUT, 1));
            for (Field f : m.checkedFields()) {
                checks.add(new Check(checks.size() + 1, m, Optional.of(f), Aspect.OFFSET, f.offset()));
                checks.add(new Check(checks.size() + 1, m, Optional.of(f), Aspect.FIELD_SIZE, f.size()));
            }
        }
        return checks;
    }

    /** The translation unit and the line of each check in it. */
    private record Unit(String text, Map<Integer, Check> checksByLine, int canaryLine) {}

    /** The translation unit for {@code request}, to be written at {@code path}. */
    public static String translationUnit(Request request, Path path) {
        return unit(request, checks(request.structs()), path).text();
    }

    private static Unit unit(Request request, List<Check> checks, Path path) {
        List<String> lines = new ArrayList<>();
        lines.add("// Written by abic verify-header; do not edit. It proves that " + request.header().getFileName()
                + " lays out");
        lines.add("// these structs as the .abi does: each static_assert compares a size, an alignment or a field's");
        lines.add("// offset or size with the .abi's value, names the .abi struct and field, and gives the .abi line.");
        lines.add("// Compile it as C++11 or later with the flags of the build that uses the header, for example:");
        lines.add("//   g++ -std=c++17 -fsyntax-only " + path.getFileName());
        lines.add("//   nvcc -std=c++17 -x cu -c " + path.getFileName() + " -o /dev/null");
        lines.add("#include <cstddef>");
        lines.add("#include <type_traits>");
        lines.add("#include \"" + includeName(request, path) + "\"");
        Map<Integer, Check> byLine = new HashMap<>();
        StructMapping current = null;
        for (Check c : checks) {
            if (c.mapping() != current) {
                current = c.mapping();
                lines.add("");
                lines.add("// " + current.label() + " (" + current.struct().span().shortLocation() + ") as "
                        + current.theirName());
            }
            lines.add("static_assert(" + c.expression() + ", \"" + cString(c.assertionMessage()) + "\");");
            byLine.put(lines.size(), c);
        }
        lines.add("");
        lines.add("// Defined only while abic compiles this file: a compiler that does not report this failure did");
        lines.add("// not evaluate the assertions above.");
        lines.add("#ifdef " + CANARY_MACRO);
        lines.add("static_assert(sizeof(char) == 0, \"abic#0: deliberate failure: every assertion above was evaluated\");");
        int canaryLine = lines.size();
        lines.add("#endif");
        return new Unit(String.join("\n", lines) + "\n", byLine, canaryLine);
    }

    /** A kept unit includes the header relative to itself (quoted includes search there first). */
    private static String includeName(Request request, Path unitPath) {
        Path header = request.header().toAbsolutePath().normalize();
        if (request.keep().isPresent()) {
            try {
                return unitPath.toAbsolutePath().normalize().getParent().relativize(header).toString()
                        .replace('\\', '/');
            } catch (IllegalArgumentException e) {
                // another root (a Windows drive): absolute below
            }
        }
        return header.toString().replace('\\', '/');
    }

    private static String cString(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * Writes the translation unit, compiles it and reports. Problems with the header or the compiler
     * are results, not exceptions.
     *
     * @throws IOException when the translation unit cannot be written
     */
    public static Result verify(Request request) throws IOException {
        List<Check> checks = checks(request.structs());
        Path scratch = Files.createTempDirectory("abic-verify-header");
        try {
            Path tu = request.keep().orElse(scratch.resolve("verify_header.cpp")).toAbsolutePath().normalize();
            Unit unit = unit(request, checks, tu);
            if (request.keep().isPresent()) {
                Files.createDirectories(tu.getParent());
                OutputWriter.write(tu.getParent(), List.of(new GeneratedFile(tu.getFileName().toString(), unit.text())));
            } else {
                Files.writeString(tu, unit.text(), StandardCharsets.UTF_8);
            }
            List<String> command = new ArrayList<>(splitFirst(request.compiler()));
            for (Path dir : request.includeDirs()) {
                command.add("-I" + dir);
            }
            command.add("-D" + CANARY_MACRO);
            command.add(tu.toString());
            Optional<Path> kept = request.keep().map(k -> tu);
            Path log = scratch.resolve("compiler.log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            englishMessages(builder.environment());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                return new Result(Status.COMPILER_NOT_RUN, checks, List.of(), command, "", "",
                        Optional.of("cannot run the C++ compiler '" + command.get(0) + "': " + e.getMessage()), kept);
            }
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Result(Status.COMPILER_NOT_RUN, checks, List.of(), command, read(log), "",
                            Optional.of("the C++ compiler did not finish within " + TIMEOUT_SECONDS + " s"), kept);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                return new Result(Status.COMPILER_NOT_RUN, checks, List.of(), command, read(log), "",
                        Optional.of("interrupted while the C++ compiler ran"), kept);
            }
            return interpret(checks, unit, tu, command, read(log), kept);
        } finally {
            deleteScratch(scratch);
        }
    }

    /** {@code "ccache g++"} as the first word is a command of two words; the flags stay as given. */
    private static List<String> splitFirst(List<String> compiler) {
        List<String> out = new ArrayList<>(List.of(compiler.get(0).trim().split("\\s+")));
        out.addAll(compiler.subList(1, compiler.size()));
        return out;
    }

    /** The notes that carry the compared values are parsed in English; the rest of the locale stays. */
    private static void englishMessages(Map<String, String> env) {
        String all = env.remove("LC_ALL");
        if (all != null) {
            env.putIfAbsent("LC_CTYPE", all);
        }
        env.remove("LANGUAGE");
        env.put("LC_MESSAGES", "C");
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
    }

    private static Result interpret(List<Check> checks, Unit unit, Path tu, List<String> command, String output,
                                    Optional<Path> kept) {
        Map<Integer, String> failures = new HashMap<>();   // check id -> the compiler's first error on its line
        Map<Integer, OptionalLong> values = new HashMap<>();
        boolean canary = false;
        StringBuilder otherErrors = new StringBuilder();   // with the notes that follow each
        boolean inOtherError = false;
        for (CompilerMessages.Message m : CompilerMessages.parse(output)) {
            boolean inUnit = m.isIn(tu);
            Check check = inUnit ? unit.checksByLine().get(m.line()) : null;
            if (m.severity() == CompilerMessages.Severity.NOTE) {
                if (check != null && m.comparedValue().isPresent()) {
                    values.putIfAbsent(check.id(), m.comparedValue());
                }
                if (inOtherError) {
                    otherErrors.append(m.block());
                }
            } else if (m.severity() == CompilerMessages.Severity.ERROR) {
                inOtherError = false;
                if (check != null) {
                    failures.putIfAbsent(check.id(), m.text());
                } else if (inUnit && m.line() == unit.canaryLine()) {
                    canary = true;
                } else {
                    inOtherError = true;
                    otherErrors.append(m.block());
                }
            }
        }
        List<Mismatch> mismatches = new ArrayList<>();
        // Not a failed assertion but an error: the type or member is missing. Reported once per struct or field.
        Map<StructMapping, Set<String>> unusable = new IdentityHashMap<>();
        for (Check c : checks) {
            String text = failures.get(c.id());
            if (text == null) {
                continue;
            }
            if (isAssertion(c, text)) {
                mismatches.add(new Mismatch(c, values.getOrDefault(c.id(), OptionalLong.empty()), Optional.empty()));
                continue;
            }
            Set<String> reported = unusable.computeIfAbsent(c.mapping(), k -> new HashSet<>());
            String key = c.field().map(Field::name).orElse("");
            if (reported.contains("") || !reported.add(key)) {
                continue;
            }
            mismatches.add(new Mismatch(c, OptionalLong.empty(), Optional.of(text)));
        }
        String others = otherErrors.toString();
        if (!others.isEmpty()) {
            return new Result(Status.DOES_NOT_COMPILE, checks, mismatches, command, output, others, Optional.empty(),
                    kept);
        }
        if (!mismatches.isEmpty()) {
            return new Result(Status.MISMATCHES, checks, mismatches, command, output, others, Optional.empty(), kept);
        }
        if (!canary) {
            return new Result(Status.DOES_NOT_COMPILE, checks, mismatches, command, output, others,
                    Optional.of("the compiler did not report the assertion that fails on purpose at the end of the "
                            + "translation unit, so it did not evaluate the checks (is it a C++ compiler, and do its "
                            + "flags compile rather than only preprocess?)"), kept);
        }
        return new Result(Status.MATCHES, checks, mismatches, command, output, others, Optional.empty(), kept);
    }

    private static boolean isAssertion(Check c, String text) {
        return text.contains("abic#" + c.id() + ":") || text.toLowerCase(java.util.Locale.ROOT).matches(
                ".*static.assert(ion)?.*failed.*");
    }

    private static void deleteScratch(Path scratch) {
        try (var files = Files.list(scratch)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(scratch);
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the verification for
        }
    }
}
