package dev.abic.tests;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.Abic;
import dev.abic.compiler.check.CppNames;
import dev.abic.compiler.check.Identifiers;
import dev.abic.compiler.diag.Diagnostic;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.emit.OutputWriter;
import dev.abic.compiler.emit.cpp.CppEmitter;
import dev.abic.compiler.emit.java.JavaEmitter;
import dev.abic.compiler.layout.LayoutInterpreter;
import dev.abic.compiler.layout.LayoutLowering;
import dev.abic.compiler.layout.LayoutProgram;
import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.AbiModel;
import dev.abic.compiler.model.LayoutDecl;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential test of layout functions: the proof that the C++ function and the Java
 * {@code compute} abic generates for a {@code layout} compute exactly what the compiler's reference,
 * {@link LayoutInterpreter}, computes, status and every offset and size, for random layouts and
 * random parameters.
 *
 * <h2>What it does</h2>
 * <ol>
 *   <li><b>Generate.</b> For each seed, a {@link java.util.Random} seeded with it writes random
 *       {@code layout} declarations into one {@code .abi} file ({@code package lf.tN}), next to a few
 *       structs of sizes 3 to 64 and alignments 1 to 64 and an enum, used as section elements. A
 *       layout has 1 to 4 {@code u64} parameters, 0 to 3 {@code require} lines and 1 to 5 sections
 *       ({@code S[n]}, {@code S}, {@code u32[n]} and other scalars, {@code bytes[n]}), some with
 *       {@code align N} (N a power of two up to 4096), some placed with {@code @ expr}, some with a
 *       trailing <code>} align N</code>. Expressions are random trees (up to four operators deep) over the
 *       parameters and literals (0, 1, 63, 64, 2^32, 2^63, 2^64 − 1, small values, …) with every
 *       operator of the language ({@code + - * / % << >> & | ^ ~ ! - < <= > >= == != && ||},
 *       {@code is_pow2}, {@code align_up}, {@code min}, {@code max}), so that booleans are used as
 *       numbers ({@code bytes[(a > b) + 1]}, {@code ~(a < b)}) and numbers as conditions
 *       ({@code require n & 6;}, {@code @ off | 64}). A few parameters get names that are hard on a
 *       C++ emitter ({@code out}, {@code cursor_}, {@code result_}, {@code t0_}, the layout's own
 *       struct name, {@code NULL}, {@code EOF}, {@code ABIC_HD}, {@code int}, …).</li>
 *   <li><b>Filter.</b> Each layout is compiled alone first. Many random expressions are rightly
 *       rejected (a constant division by zero, a requirement that is always false, a constant that
 *       overflows, a shift by 64, a constant {@code @} that breaks the alignment): such a layout is
 *       dropped and counted; a rejection for any other reason fails the test (the generator must
 *       only write valid syntax), except for the layouts with hard parameter names, which abic may
 *       reject as it sees fit. At least two thirds of the requested layouts (100 of the default 150)
 *       must survive.</li>
 *   <li><b>Expect.</b> Each surviving layout gets {@value #DEFAULT_VECTORS} parameter vectors (small
 *       values, zeros, values near 2^32, 2^63 and 2^64 − 1, large values, the layout's own literals
 *       ±1) and {@link LayoutInterpreter} computes the expected result of each. Across the run every
 *       {@link LayoutProgram.Status} must occur at least once, so that the test cannot silently test
 *       only the easy path.</li>
 *   <li><b>Java.</b> abic generates the Java of every surviving layout; one in-process javac run
 *       ({@code --release 22 -Xlint:all -Werror}) compiles it all, and each layout record's
 *       {@code compute} is called by reflection on every vector: the status (an
 *       {@code AbiLayoutException}'s {@code reason().code()}) and, on OK, every component must equal
 *       the interpreter's. A layout javac rejects is a finding, and the others are compiled again
 *       without it.</li>
 *   <li><b>Differ.</b> abic generates the C++ headers, and the test writes one program that calls
 *       every layout function on every vector and prints the status and, on success, every field of
 *       the result; on failure it checks that {@code *out} was left untouched. g++ compiles it with
 *       {@code -Wall -Wextra -Wpadded -Wconversion -Werror} twice: at {@code -std=c++17}, where every
 *       case is also evaluated at compile time (a {@code constexpr} table), and at
 *       {@code -std=c++11} (the non-{@code constexpr} path) with {@code -fsanitize=undefined}. Every
 *       line of all three (C++17 at run time, C++17 at compile time, C++11 at run time) must equal
 *       the interpreter: the status always, and every field when the status is OK; and UBSan must
 *       report nothing.</li>
 * </ol>
 * Every g++ message is attributed to the layout whose generated function (or test code) it is in,
 * and reported with the layout's {@code .abi} text, its generated function and the message. A
 * warning is a finding (the headers must compile cleanly under {@code -Werror}), but the layout's
 * values are still compared, in a build without {@code -Werror}; a layout g++ rejects outright is
 * left out of that build; one that cannot be evaluated at compile time is compared at run time
 * only. So one run reports every kind of problem at once, mismatching values first, the layouts
 * with the shortest text first in each kind.
 *
 * <h2>Seeds</h2>
 * By default the seeds are 1, 2 and 3 ({@value #DEFAULT_LAYOUTS_PER_SEED} layouts each, the same in
 * every build). Every seed is printed, and every failure names its seed, the layout's {@code .abi}
 * text, the parameters and both results. To rerun or explore:
 * <pre>{@code
 * mvn -pl tests test -Dtest=LayoutFunctionDifferentialTest -Dabic.layoutdiff.seed=7
 * mvn -pl tests test -Dtest=LayoutFunctionDifferentialTest -Dabic.layoutdiff.seed=1,2,3,4 -Dabic.layoutdiff.layouts=100
 * }</pre>
 * ({@code abic.layoutdiff.seed}: comma-separated seeds replacing the defaults;
 * {@code abic.layoutdiff.layouts}: layouts per seed; {@code abic.layoutdiff.vectors}: parameter
 * vectors per layout; {@code abic.layoutdiff.trickyNames=false}: no hard parameter names;
 * {@code abic.layoutdiff.keep}: a directory in which to keep the {@code .abi} files, headers and
 * program.) The generator uses only {@code java.util.Random}, so a seed means the same layouts on
 * every JDK (as long as abic accepts and rejects the same ones).
 *
 * <p>g++ is required; without it the test fails, naming the Debian package to install. It never
 * skips.
 */
class LayoutFunctionDifferentialTest {
    static final int DEFAULT_LAYOUTS_PER_SEED = 50;
    static final int DEFAULT_VECTORS = 20;
    private static final List<Long> FIXED_SEEDS = List.of(1L, 2L, 3L);
    /** Candidates generated per layout wanted, at most, before giving up on a seed. */
    private static final int ATTEMPTS_PER_LAYOUT = 5;
    /** At most this many layouts are described in detail in one failure message. */
    private static final int MAX_REPORTED = 8;
    /** Sections per layout are at most 5: two fields each, and the total. */
    private static final int MAX_FIELDS = 11;
    private static final int MAX_BUILD_ROUNDS = 4;
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final List<String> WARNING_FLAGS = List.of("-Wall", "-Wextra", "-Wpadded", "-Wconversion",
            "-Werror");

    /** The two builds of the program; the first also evaluates every case at compile time. */
    private enum Build {
        CXX17(List.of("-std=c++17", "-O0")),
        CXX11(List.of("-std=c++11", "-O1", "-fsanitize=undefined"));

        final List<String> flags;

        Build(List<String> flags) {
            this.flags = flags;
        }

        String describe() {
            return "g++ " + String.join(" ", flags);
        }
    }

    /** Where the results come from: a build, and whether computed at run time or at compile time. */
    private enum Mode {
        CXX17_RUNTIME(Build.CXX17, 'R', "C++17, called at run time"),
        CXX17_CONSTEXPR(Build.CXX17, 'C', "C++17, evaluated at compile time (constexpr)"),
        CXX11_RUNTIME(Build.CXX11, 'R', "C++11 (no constexpr), called at run time, with UBSan");

        final Build build;
        final char tag;
        final String description;

        Mode(Build build, char tag, String description) {
            this.build = build;
            this.tag = tag;
            this.description = description;
        }
    }

    /**
     * Why a random layout may rightly be rejected: the messages of the compile-time checks on
     * constant expressions, requirements and placements.
     */
    private static final List<String> EXPECTED_REJECTIONS = List.of(
            "always false", "always true", "division by zero", "overflows", "shift by", "does not fit in",
            "not a multiple of its alignment", "must be a constant power of two");

    @TempDir
    Path temp;

    /** Where the files go: the temporary directory, or {@code -Dabic.layoutdiff.keep=DIR}. */
    private Path work;

    @Test
    void generatedLayoutFunctionsAgreeWithTheInterpreter() throws Exception {
        long started = System.nanoTime();
        Processes.requireTool("g++", "g++");
        String keep = System.getProperty("abic.layoutdiff.keep", "").trim();
        work = keep.isEmpty() ? temp : Files.createDirectories(Path.of(keep).toAbsolutePath());
        List<Long> seeds = seeds();
        int perSeed = Integer.getInteger("abic.layoutdiff.layouts", DEFAULT_LAYOUTS_PER_SEED);
        int vectors = Integer.getInteger("abic.layoutdiff.vectors", DEFAULT_VECTORS);
        boolean trickyNames = Boolean.parseBoolean(System.getProperty("abic.layoutdiff.trickyNames", "true"));
        System.out.println("LayoutFunctionDifferentialTest: seeds " + seeds + ", " + perSeed + " layouts and "
                + vectors + " parameter vectors each (rerun one with -Dabic.layoutdiff.seed=SEED)");

        // 1. Generate, and keep the layouts abic accepts on their own.
        List<Batch> batches = new ArrayList<>();
        Map<String, Integer> rejections = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        int candidates = 0;
        for (int i = 0; i < seeds.size(); i++) {
            Batch batch = new Batch(i, seeds.get(i));
            batches.add(batch);
            Generator generator = new Generator(batch, new Random(seeds.get(i)), trickyNames, vectors);
            Path checkPath = work.resolve("check").resolve("t" + i + ".abi");
            for (int attempt = 0; batch.layouts.size() < perSeed && attempt < perSeed * ATTEMPTS_PER_LAYOUT;
                    attempt++) {
                Candidate c = generator.layout(attempt);
                candidates++;
                Abic.Result r = Abic.compileText(checkPath, batch.render(List.of(c)));
                List<Diagnostic> errors = r.diagnostics().stream().filter(Diagnostic::isError).toList();
                if (errors.isEmpty() && r.model().isPresent()) {
                    batch.layouts.add(c);
                    continue;
                }
                for (Diagnostic d : errors) {
                    boolean expected = EXPECTED_REJECTIONS.stream().anyMatch(d.message()::contains);
                    if (!expected && c.tricky) {
                        rejections.merge("(hard name) " + kind(d.message()), 1, Integer::sum);
                    } else if (!expected) {
                        unexpected.add("seed " + batch.seed + ": abic rejects a generated layout for a reason the "
                                + "generator does not expect:\n" + d.render() + "\n" + indent(c.text));
                    } else {
                        rejections.merge(kind(d.message()), 1, Integer::sum);
                    }
                }
            }
        }
        int survivors = batches.stream().mapToInt(b -> b.layouts.size()).sum();
        System.out.println("LayoutFunctionDifferentialTest: " + candidates + " layouts generated, " + survivors
                + " accepted by abic; rejections: " + rejections);
        if (!unexpected.isEmpty()) {
            throw new AssertionError(unexpected.size() + " generated layouts were rejected for an unexpected reason "
                    + "(a generator bug, or a valid layout abic wrongly rejects; if it is a legitimate new rule, add "
                    + "its message to EXPECTED_REJECTIONS):\n\n"
                    + String.join("\n\n", unexpected.subList(0, Math.min(unexpected.size(), MAX_REPORTED))));
        }
        int wanted = seeds.size() * perSeed;
        assertWithMessage("layouts that survive compilation (of %s generated, wanted %s; rejections %s)",
                candidates, wanted, rejections).that(survivors).isAtLeast((wanted * 2 + 2) / 3);
        checkOperatorCoverage(batches);

        // 2. The interpreter's results, the expected ones.
        List<Candidate> active = new ArrayList<>();
        batches.forEach(b -> active.addAll(b.layouts));
        Compiled compiled = compileAll(batches, active);
        Map<LayoutProgram.Status, Integer> statuses = new EnumMap<>(LayoutProgram.Status.class);
        Arrays.stream(LayoutProgram.Status.values()).forEach(s -> statuses.put(s, 0));
        List<String> interpreterFailures = new ArrayList<>();
        for (Candidate c : active) {
            c.program = LayoutLowering.lower(compiled.decls.get(c));
            c.expected = new ArrayList<>();
            for (List<BigInteger> v : c.vectors) {
                try {
                    LayoutInterpreter.Result r = LayoutInterpreter.run(c.program, v);
                    c.expected.add(r);
                    statuses.merge(r.status(), 1, Integer::sum);
                } catch (RuntimeException e) {
                    c.expected.add(null);
                    interpreterFailures.add(c.describe() + "\nparameters " + params(c, v) + ": the interpreter throws "
                            + e);
                }
            }
        }
        int cases = active.stream().mapToInt(c -> c.vectors.size()).sum();
        System.out.println("LayoutFunctionDifferentialTest: " + cases + " cases; the interpreter's statuses: "
                + statuses);
        if (!interpreterFailures.isEmpty()) {
            throw new AssertionError("LayoutInterpreter throws instead of returning a status:\n\n"
                    + String.join("\n\n", interpreterFailures.subList(0, Math.min(MAX_REPORTED,
                    interpreterFailures.size()))));
        }
        List<LayoutProgram.Status> missing = statuses.entrySet().stream().filter(e -> e.getValue() == 0)
                .map(Map.Entry::getKey).toList();
        assertWithMessage("every status must occur at least once across the run (statuses %s, seeds %s): a "
                + "status that never occurs is a path the test does not test", statuses, seeds)
                .that(missing).isEmpty();

        // 3. The generated Java on the same vectors: one javac run for every layout.
        Findings findings = new Findings();
        int javaCompared = compareJava(compiled, active, findings);

        // 4. Build the program and run it. The first build is strict (-Werror): every warning is a
        // finding. Layouts g++ rejects outright are then left out, and layouts that only warn are
        // built again without -Werror, so that their values are compared all the same.
        Set<Candidate> excluded = new LinkedHashSet<>();
        Set<Candidate> noConstexpr = new LinkedHashSet<>();
        Map<Mode, Map<String, String>> lines = null;
        Map<String, List<String>> undefinedBehaviour = new HashMap<>();
        boolean werror = true;
        for (int round = 0; round < MAX_BUILD_ROUNDS && lines == null; round++) {
            List<Candidate> included = active.stream().filter(c -> !excluded.contains(c)).toList();
            if (round > 0) {
                compiled = compileAll(batches, included);
            }
            Path dir = Files.createDirectories(work.resolve("round" + round));
            ProgramText program = program(compiled, included, noConstexpr);
            Path main = dir.resolve("main.cpp");
            Files.writeString(main, program.text());
            long buildStart = System.nanoTime();
            Map<Build, Processes.Run> builds = compileProgram(dir, main, compiled.include, werror);
            System.out.printf(Locale.ROOT, "LayoutFunctionDifferentialTest: build %d (%s) of %d layouts: %.1f s%n",
                    round, werror ? "-Werror" : "without -Werror", included.size(),
                    (System.nanoTime() - buildStart) / 1e9);
            if (builds.values().stream().allMatch(r -> r.exitCode() == 0)) {
                lines = new EnumMap<>(Mode.class);
                for (Build b : Build.values()) {
                    Path exe = dir.resolve("layouts-" + b.name().toLowerCase(Locale.ROOT));
                    Processes.Run run = Processes.run(dir, List.of(exe.toString()), 120);
                    Map<Character, Map<String, String>> byTag = parseOutput(run.output(),
                            b == Build.CXX11 ? undefinedBehaviour : new HashMap<>());
                    for (Mode m : Mode.values()) {
                        if (m.build == b) {
                            lines.put(m, byTag.getOrDefault(m.tag, Map.of()));
                        }
                    }
                    if (run.exitCode() != 0 || !run.output().contains("\ndone\n")) {
                        findings.crashes.add(crash(b, run, included));
                    }
                }
                break;
            }
            Map<Candidate, List<GxxMessage>> culprits = new LinkedHashMap<>();
            List<String> unattributed = new ArrayList<>();
            for (Build b : Build.values()) {
                Processes.Run run = builds.get(b);
                if (run.exitCode() != 0) {
                    attribute(run.output(), b, compiled, program, culprits, unattributed);
                }
            }
            if (!unattributed.isEmpty()) {
                StringBuilder why = new StringBuilder("the test program does not compile, and not because of one "
                        + "layout (seeds " + seeds + "); g++'s messages outside every layout's code:\n"
                        + indent(truncate(String.join("\n", unattributed), 6_000)) + "\n\nall of g++'s output:\n");
                for (Build b : Build.values()) {
                    if (builds.get(b).exitCode() != 0) {
                        why.append(truncate(builds.get(b).describe(), 12_000)).append('\n');
                    }
                }
                if (String.join("\n", unattributed).contains("ubsan")) {
                    why.append("\n(UBSan's run-time library is missing: install the Debian package libubsan1.)");
                }
                throw new AssertionError(why.toString());
            }
            for (Map.Entry<Candidate, List<GxxMessage>> e : culprits.entrySet()) {
                Candidate c = e.getKey();
                List<GxxMessage> warnings = e.getValue().stream().filter(GxxMessage::warning).toList();
                List<GxxMessage> errors = e.getValue().stream().filter(m -> !m.warning()).toList();
                boolean constexprOnly = !errors.isEmpty() && !noConstexpr.contains(c)
                        && errors.stream().allMatch(GxxMessage::constantEvaluation);
                // Warnings are counted in the strict build, which has every layout; a layout g++
                // rejects outright is reported with all its messages below.
                if (werror && !warnings.isEmpty() && (errors.isEmpty() || constexprOnly)) {
                    findings.warnings.put(c, compiled.function(c) + "\ng++ says:\n"
                            + indent(truncate(join(warnings), 3_000)));
                    warnings.forEach(w -> findings.warningKinds.merge(w.kind(), 1, Integer::sum));
                }
                if (errors.isEmpty()) {
                    continue;
                }
                String text = compiled.function(c) + "\ng++ says:\n" + indent(truncate(join(e.getValue()), 3_000));
                if (constexprOnly) {
                    // It works at run time, perhaps: compare it there, and report the constant evaluation.
                    noConstexpr.add(c);
                    findings.constexprErrors.put(c, text);
                } else {
                    excluded.add(c);
                    findings.errors.put(c, text);
                }
            }
            werror = false;
        }
        if (lines == null) {
            throw new AssertionError("after " + MAX_BUILD_ROUNDS + " builds the program still does not compile:\n\n"
                    + findings.report(compiled));
        }

        // 5. Compare every line with the interpreter.
        int compared = 0;
        for (Candidate c : active) {
            if (excluded.contains(c)) {
                continue;
            }
            for (int v = 0; v < c.vectors.size(); v++) {
                for (Mode m : Mode.values()) {
                    if (m == Mode.CXX17_CONSTEXPR && noConstexpr.contains(c)) {
                        continue;
                    }
                    String key = c.number + " " + v;
                    String line = lines.get(m).get(key);
                    compared++;
                    String problem = compare(c, v, line);
                    if (problem != null) {
                        findings.mismatches.computeIfAbsent(c, k -> new ArrayList<>()).add("  [" + m.description
                                + "] " + problem);
                    }
                    if (m == Mode.CXX11_RUNTIME && undefinedBehaviour.containsKey(key)) {
                        findings.mismatches.computeIfAbsent(c, k -> new ArrayList<>()).add("  [" + m.description
                                + "] parameters " + params(c, c.vectors.get(v)) + ": undefined behaviour:\n"
                                + indent(indent(String.join("\n", undefinedBehaviour.get(key)))));
                    }
                }
            }
        }
        int compiledCases = active.stream().filter(c -> !excluded.contains(c)).mapToInt(c -> c.vectors.size()).sum();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "LayoutFunctionDifferentialTest: %d layouts, %d cases, %d results compared "
                        + "(C++17 run time, C++17 constexpr, C++11 run time) and %d of Java compute; %d layouts with "
                        + "C++ results that differ, %d with Java results that differ, %d whose C++ g++ rejects, %d "
                        + "whose Java javac rejects, %d whose constant evaluation fails, %d whose C++ warns %s; "
                        + "%.1f s%n",
                active.size() - excluded.size(), compiledCases, compared, javaCompared, findings.mismatches.size(),
                findings.javaMismatches.size(), findings.errors.size(), findings.javaErrors.size(),
                findings.constexprErrors.size(), findings.warnings.size(), findings.warningKinds, seconds);

        if (!findings.isEmpty()) {
            String report = findings.report(compiled);
            Path file = work.resolve("report.txt");
            Files.writeString(file, findings.report(compiled, Integer.MAX_VALUE));
            throw new AssertionError("seeds " + seeds + ": " + report
                    + (keep.isEmpty() ? "" : "\n(all of it in " + file + ")"));
        }
    }

    /** Everything the test found, by kind. */
    private static final class Findings {
        final Map<Candidate, List<String>> mismatches = new LinkedHashMap<>();
        final Map<Candidate, List<String>> javaMismatches = new LinkedHashMap<>();
        final Map<Candidate, String> javaErrors = new LinkedHashMap<>();
        final List<String> crashes = new ArrayList<>();
        final Map<Candidate, String> errors = new LinkedHashMap<>();
        final Map<Candidate, String> constexprErrors = new LinkedHashMap<>();
        final Map<Candidate, String> warnings = new LinkedHashMap<>();
        final Map<String, Integer> warningKinds = new TreeMap<>();

        boolean isEmpty() {
            return mismatches.isEmpty() && javaMismatches.isEmpty() && javaErrors.isEmpty() && crashes.isEmpty()
                    && errors.isEmpty() && constexprErrors.isEmpty() && warnings.isEmpty();
        }

        String report(Compiled compiled) {
            return report(compiled, MAX_REPORTED);
        }

        String report(Compiled compiled, int max) {
            StringBuilder out = new StringBuilder();
            out.append("summary: ").append(mismatches.size()).append(" layouts whose C++ results differ from "
                    + "LayoutInterpreter; ").append(javaMismatches.size()).append(" whose Java results differ; ")
                    .append(javaErrors.size()).append(" whose Java does not compile or load; ")
                    .append(crashes.size()).append(" runs that did not finish; ")
                    .append(errors.size()).append(" layouts whose C++ g++ rejects; ").append(constexprErrors.size())
                    .append(" whose C++ cannot be evaluated at compile time; ").append(warnings.size())
                    .append(" whose C++ g++ warns about ").append(warningKinds).append("\n\n");
            if (!mismatches.isEmpty()) {
                int total = mismatches.values().stream().mapToInt(List::size).sum();
                out.append("=== ").append(total).append(" results of ").append(mismatches.size())
                        .append(" layouts differ from LayoutInterpreter:\n\n");
                int shown = 0;
                for (Map.Entry<Candidate, List<String>> e : smallestFirst(mismatches)) {
                    if (shown++ == max) {
                        out.append("... and ").append(mismatches.size() - max).append(" more layouts: ")
                                .append(smallestFirst(mismatches).stream().skip(max).map(x -> x.getKey().id())
                                        .collect(Collectors.joining(", "))).append("\n\n");
                        break;
                    }
                    Candidate c = e.getKey();
                    List<String> list = e.getValue();
                    out.append(c.describe()).append('\n');
                    list.stream().limit(6).forEach(s -> out.append(s).append('\n'));
                    if (list.size() > 6) {
                        out.append("  ... and ").append(list.size() - 6).append(" more results of this layout\n");
                    }
                    out.append(compiled.function(c)).append("\n\n");
                }
            }
            if (!javaMismatches.isEmpty()) {
                Map<Candidate, String> java = new LinkedHashMap<>();
                javaMismatches.forEach((c, list) -> java.put(c, String.join("\n", list.subList(0, Math.min(6,
                        list.size()))) + (list.size() > 6 ? "\n  ... and " + (list.size() - 6) + " more results of "
                        + "this layout" : "") + "\n" + c.javaSource()));
                section(out, "=== the Java compute of " + javaMismatches.size() + " layouts differs from "
                        + "LayoutInterpreter:", java, max);
            }
            section(out, "=== the generated Java of " + javaErrors.size() + " layouts does not compile or load (left "
                    + "out of the Java comparison):", javaErrors, max);
            if (!crashes.isEmpty()) {
                out.append("=== the test program did not run to its end:\n\n").append(String.join("\n\n", crashes))
                        .append("\n\n");
            }
            section(out, "=== g++ rejects the generated C++ of " + errors.size() + " layouts (left out of the "
                    + "comparison):", errors, max);
            section(out, "=== g++ cannot evaluate the generated C++ of " + constexprErrors.size() + " layouts at "
                    + "compile time (compared at run time only):", constexprErrors, max);
            section(out, "=== the generated C++ of " + warnings.size() + " layouts does not compile with "
                    + WARNING_FLAGS + " (" + warningKinds + "; compared all the same, built without -Werror):",
                    warnings, max);
            return out.toString();
        }

        /** The layouts with the shortest text first: the best reproducers. */
        private static <V> List<Map.Entry<Candidate, V>> smallestFirst(Map<Candidate, V> items) {
            return items.entrySet().stream()
                    .sorted(java.util.Comparator.comparingInt(e -> e.getKey().text.length())).toList();
        }

        private static void section(StringBuilder out, String title, Map<Candidate, String> items, int max) {
            if (items.isEmpty()) {
                return;
            }
            out.append(title).append("\n\n");
            int shown = 0;
            for (Map.Entry<Candidate, String> e : smallestFirst(items)) {
                if (shown++ == max) {
                    out.append("... and ").append(items.size() - max).append(" more: ").append(smallestFirst(items)
                            .stream().skip(max).map(x -> x.getKey().id()).collect(Collectors.joining(", ")))
                            .append("\n\n");
                    break;
                }
                out.append(e.getKey().describe()).append('\n').append(e.getValue()).append("\n\n");
            }
        }
    }

    private static List<Long> seeds() {
        String property = System.getProperty("abic.layoutdiff.seed", "").trim();
        if (!property.isEmpty()) {
            return Arrays.stream(property.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(Long::parseLong).toList();
        }
        return FIXED_SEEDS;
    }

    /** A diagnostic's message with the specifics taken out, to count rejections by kind. */
    private static String kind(String message) {
        return message.replaceAll("'[^']*'", "'…'").replaceAll("\\d+", "N");
    }

    /** Every operator and function of the language must occur in the layouts that survive. */
    private static void checkOperatorCoverage(List<Batch> batches) {
        Pattern token = Pattern.compile("<<|>>|<=|>=|==|!=|&&|\\|\\||is_pow2|align_up|min|max|[-+*/%&|^~!<>@]");
        Map<String, Integer> seen = new TreeMap<>();
        for (Batch b : batches) {
            for (Candidate c : b.layouts) {
                Matcher m = token.matcher(c.text.replaceAll("(?m)^layout .*$", ""));
                while (m.find()) {
                    seen.merge(m.group(), 1, Integer::sum);
                }
            }
        }
        List<String> all = List.of("+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^", "~", "!", "<", "<=", ">",
                ">=", "==", "!=", "&&", "||", "is_pow2", "align_up", "min", "max", "@");
        List<String> missing = all.stream().filter(op -> !seen.containsKey(op)).toList();
        assertWithMessage("operators and functions in the accepted layouts: %s", seen).that(missing).isEmpty();
    }

    // ---------------------------------------------------------------- abic

    /** The model of the active layouts, and their C++ headers. */
    private final class Compiled {
        final Map<Candidate, LayoutDecl> decls = new HashMap<>();
        final Map<Batch, List<String>> headers = new HashMap<>();
        final Map<Candidate, int[]> headerLines = new HashMap<>();
        final Map<Batch, AbiFile> files = new HashMap<>();
        AbiModel model;
        Path include;

        /** The generated C++ function of a layout, as the header has it. */
        String function(Candidate c) {
            int[] range = headerLines.get(c);
            if (range == null) {
                return "  (no generated function found in " + c.batch.header() + ")";
            }
            List<String> header = headers.get(c.batch);
            int from = range[2];
            List<String> body = header.subList(from, range[1] + 1);
            String shown = body.size() > 150
                    ? String.join("\n", body.subList(0, 150)) + "\n... (" + (body.size() - 150) + " more lines)"
                    : String.join("\n", body);
            return "generated C++ (" + c.batch.header() + ", line " + (from + 1) + "):\n" + indent(shown);
        }
    }

    private Compiled compileAll(List<Batch> batches, List<Candidate> active) throws IOException {
        Path abiDir = Files.createDirectories(work.resolve("abi"));
        List<Path> files = new ArrayList<>();
        for (Batch b : batches) {
            List<Candidate> layouts = b.layouts.stream().filter(active::contains).toList();
            b.file = abiDir.resolve("t" + b.index + ".abi");
            Files.writeString(b.file, b.render(layouts));
            files.add(b.file);
        }
        Abic.Result result = Abic.compile(files);
        List<Diagnostic> errors = result.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty() || result.model().isEmpty()) {
            throw new AssertionError("layouts that compile alone do not compile together:\n" + errors.stream()
                    .limit(20).map(Diagnostic::render).collect(Collectors.joining("\n")));
        }
        AbiModel model = result.model().get();
        Compiled compiled = new Compiled();
        compiled.model = model;
        for (Batch b : batches) {
            AbiFile file = model.files().stream().filter(f -> f.packageName().equals(b.packageName())).findFirst()
                    .orElseThrow(() -> new AssertionError("abic's model has no file for package " + b.packageName()));
            compiled.files.put(b, file);
            Map<String, LayoutDecl> byName = new HashMap<>();
            file.decls(LayoutDecl.class).forEach(l -> byName.put(l.name(), l));
            for (Candidate c : b.layouts) {
                if (active.contains(c)) {
                    LayoutDecl decl = byName.get(c.name);
                    if (decl == null) {
                        throw new AssertionError("abic's model of " + b.packageName() + " has no layout " + c.name);
                    }
                    compiled.decls.put(c, decl);
                }
            }
        }
        Abic.Output cpp = Abic.generateCpp(model, CppEmitter.Options.DEFAULTS);
        assertWithMessage("C++ generation: %s", cpp.diagnostics()).that(cpp.succeeded()).isTrue();
        compiled.include = Files.createDirectories(work.resolve("include"));
        OutputWriter.write(compiled.include, cpp.files());
        Set<String> generated = cpp.files().stream().map(GeneratedFile::path).collect(Collectors.toSet());
        for (Batch b : batches) {
            assertWithMessage("abic's headers").that(generated).contains(b.header());
            List<String> header = Files.readAllLines(compiled.include.resolve(b.header()));
            compiled.headers.put(b, header);
            for (Candidate c : b.layouts) {
                if (active.contains(c)) {
                    int[] range = functionLines(header, compiled.decls.get(c));
                    if (range != null) {
                        compiled.headerLines.put(c, range);
                    }
                }
            }
        }
        return compiled;
    }

    /**
     * The lines (0-based) of a layout's struct and function in its header: {start of its block,
     * closing brace of the function, first line of the function}; null when not found.
     */
    private static int[] functionLines(List<String> header, LayoutDecl decl) {
        String struct = "struct " + CppNames.layoutStruct(decl) + " {";
        String function = " " + CppNames.layoutFunction(decl) + "(";
        int structLine = -1;
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equals(struct)) {
                structLine = i;
                break;
            }
        }
        if (structLine < 0) {
            return null;
        }
        int start = structLine;
        while (start > 0 && header.get(start - 1).trim().startsWith("///")) {
            start--;
        }
        int fn = -1;
        for (int i = structLine; i < header.size(); i++) {
            if (header.get(i).contains(function)) {
                fn = i;
                break;
            }
        }
        if (fn < 0) {
            return null;
        }
        int docStart = fn;
        while (docStart > 0 && header.get(docStart - 1).trim().startsWith("///")) {
            docStart--;
        }
        for (int i = fn; i < header.size(); i++) {
            if (header.get(i).equals("}")) {
                return new int[] {start, i, docStart};
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- Java

    /**
     * Generates the Java of every active layout, compiles it in one javac run (again without the
     * layouts javac rejects, which become findings) and compares each layout's {@code compute} on
     * every vector with the interpreter; returns the number of results compared.
     */
    private int compareJava(Compiled compiled, List<Candidate> active, Findings findings) throws IOException {
        long started = System.nanoTime();
        Abic.Output java = Abic.generateJava(compiled.model, JavaEmitter.Options.DEFAULTS);
        assertWithMessage("Java generation: %s", java.diagnostics()).that(java.succeeded()).isTrue();
        Map<String, Candidate> byPath = new HashMap<>();
        for (Candidate c : active) {
            byPath.put(GeneratedJava.layoutPath(compiled.files.get(c.batch), compiled.decls.get(c)), c);
        }
        List<GeneratedFile> files = new ArrayList<>(java.files());
        for (GeneratedFile f : files) {
            if (byPath.containsKey(f.path())) {
                byPath.get(f.path()).java = f;
            }
        }
        GeneratedJava.Compilation javac = null;
        for (int round = 0; round < MAX_BUILD_ROUNDS; round++) {
            GeneratedJava.Compilation attempt = GeneratedJava.compile(work.resolve("java" + round), files);
            javac = attempt;
            if (attempt.succeeded()) {
                break;
            }
            Set<String> rejected = new LinkedHashSet<>();
            attempt.errors().forEach((path, messages) -> {
                Candidate c = byPath.get(path);
                if (c == null) {
                    throw new AssertionError("the generated Java of the random layouts does not compile, and not "
                            + "because of one layout (seeds " + seeds() + "):\n" + attempt.describe(20));
                }
                findings.javaErrors.put(c, "javac " + String.join(" ", GeneratedJava.JAVAC_OPTIONS) + " says:\n"
                        + indent(truncate(String.join("\n", messages), 3_000)) + "\n" + c.javaSource());
                rejected.add(path);
            });
            files.removeIf(f -> rejected.contains(f.path()));
        }
        if (!javac.succeeded()) {
            throw new AssertionError("after " + MAX_BUILD_ROUNDS + " javac runs the generated Java still does not "
                    + "compile:\n" + javac.describe(20));
        }
        int compared = 0;
        try (URLClassLoader loader = javac.loader()) {
            for (Candidate c : active) {
                if (findings.javaErrors.containsKey(c)) {
                    continue;
                }
                GeneratedJava.LayoutCompute compute;
                try {
                    compute = GeneratedJava.LayoutCompute.load(loader, compiled.files.get(c.batch),
                            compiled.decls.get(c), c.program.resultFields());
                } catch (AssertionError | LinkageError e) {
                    findings.javaErrors.put(c, "cannot load the record: " + e + "\n" + c.javaSource());
                    continue;
                }
                List<String> fields = c.program.resultFields();
                for (int v = 0; v < c.vectors.size(); v++) {
                    GeneratedJava.Outcome expected = GeneratedJava.Outcome.of(c.expected.get(v), fields);
                    GeneratedJava.Outcome actual = compute.call(c.vectors.get(v));
                    compared++;
                    if (!expected.agrees(actual)) {
                        findings.javaMismatches.computeIfAbsent(c, k -> new ArrayList<>()).add("  [Java compute] "
                                + "parameters " + params(c, c.vectors.get(v)) + ": interpreter "
                                + expected.describe(fields) + ", Java " + actual.describe(fields));
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "LayoutFunctionDifferentialTest: Java of %d layouts: javac %.1f s, %d results "
                + "compared; %.1f s%n", active.size() - findings.javaErrors.size(), javac.seconds(), compared,
                (System.nanoTime() - started) / 1e9);
        return compared;
    }

    // ---------------------------------------------------------------- the C++ program

    /**
     * The program's text, which of its lines (1-based, inclusive) belong to which layout, and which
     * of those are its compile-time table.
     */
    private record ProgramText(String text, Map<Candidate, int[]> lines, Map<Candidate, int[]> constexprLines) {}

    private static ProgramText program(Compiled compiled, List<Candidate> active, Set<Candidate> noConstexpr) {
        List<String> out = new ArrayList<>();
        Map<Candidate, int[]> owners = new LinkedHashMap<>();
        Map<Candidate, int[]> constexprOwners = new LinkedHashMap<>();
        out.add("// Generated by LayoutFunctionDifferentialTest: every layout function on every parameter vector.");
        out.add("// Each line: R (run time) or C (compile time), layout, vector, status, touched, fields on OK.");
        out.add("#include <cstddef>");
        out.add("#include <cstdint>");
        out.add("#include <cstdio>");
        active.stream().map(c -> c.batch.header()).distinct().forEach(h -> out.add("#include \"" + h + "\""));
        out.add("");
        out.add("#if __cplusplus >= 201402L");
        out.add("#define LFD_CONSTEXPR constexpr");
        out.add("#define LFD_CONSTEXPR_TABLES 1");
        out.add("#else");
        out.add("#define LFD_CONSTEXPR");
        out.add("#define LFD_CONSTEXPR_TABLES 0");
        out.add("#endif");
        out.add("");
        out.add("namespace {");
        out.add("");
        out.add("constexpr std::uint64_t kSentinel = 0xA5A5A5A5A5A5A5A5ull;");
        out.add("");
        out.add("struct Res {");
        out.add("    std::uint64_t status;");
        out.add("    std::uint64_t touched;");
        out.add("    std::uint64_t count;");
        out.add("    std::uint64_t f[" + MAX_FIELDS + "];");
        out.add("};");
        out.add("");
        out.add("void print(char tag, int layout, int vector, const Res& r) {");
        out.add("    std::printf(\"%c %d %d %llu %llu\", tag, layout, vector, static_cast<unsigned long long>(r.status),");
        out.add("                static_cast<unsigned long long>(r.touched));");
        out.add("    for (std::uint64_t i = 0u; i < r.count && i < " + MAX_FIELDS + "u; ++i) {");
        out.add("        std::printf(\" %llu\", static_cast<unsigned long long>(r.f[i]));");
        out.add("    }");
        out.add("    std::printf(\"\\n\");");
        out.add("}");
        for (Candidate c : active) {
            LayoutDecl decl = compiled.decls.get(c);
            List<String> fields = c.program.resultFields();
            if (fields.size() > MAX_FIELDS) {
                throw new AssertionError(c.id() + " has " + fields.size() + " result fields, more than " + MAX_FIELDS);
            }
            String ns = "::" + CppNames.namespace(compiled.files.get(c.batch)) + "::";
            String struct = ns + CppNames.layoutStruct(decl);
            String function = ns + CppNames.layoutFunction(decl);
            int n = c.params.size();
            int start = out.size() + 2;
            out.add("");
            out.add("// layout #" + c.number + ": " + c.id() + " (seed " + c.batch.seed + ")");
            List<String> formal = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                formal.add("std::uint64_t p" + i);
                actual.add("p" + i);
            }
            out.add("LFD_CONSTEXPR Res run" + c.number + "(" + String.join(", ", formal) + ") {");
            out.add("    " + struct + " out = {" + String.join(", ", fields.stream().map(f -> "kSentinel").toList())
                    + "};");
            out.add("    Res r = {};");
            out.add("    r.status = static_cast<std::uint64_t>(" + function + "(" + String.join(", ", actual)
                    + (n > 0 ? ", " : "") + "&out));");
            out.add("    if (r.status == 0u) {");
            out.add("        r.count = " + fields.size() + "u;");
            for (int i = 0; i < fields.size(); i++) {
                out.add("        r.f[" + i + "] = out." + fields.get(i) + ";");
            }
            out.add("    } else if (" + fields.stream().map(f -> "out." + f + " != kSentinel")
                    .collect(Collectors.joining(" || ")) + ") {");
            out.add("        r.touched = 1u;");
            out.add("    }");
            out.add("    return r;");
            out.add("}");
            out.add("");
            out.add("void table" + c.number + "() {");
            int count = c.vectors.size();
            out.add("    static const std::uint64_t p[" + count + "][" + n + "] = {");
            for (List<BigInteger> v : c.vectors) {
                out.add("        {" + v.stream().map(x -> x + "ull").collect(Collectors.joining(", ")) + "},");
            }
            out.add("    };");
            out.add("    for (int i = 0; i < " + count + "; ++i) {");
            out.add("        print('R', " + c.number + ", i, run" + c.number + "("
                    + java.util.stream.IntStream.range(0, n).mapToObj(i -> "p[i][" + i + "]")
                    .collect(Collectors.joining(", ")) + "));");
            out.add("    }");
            if (!noConstexpr.contains(c)) {
                out.add("#if LFD_CONSTEXPR_TABLES");
                int tableStart = out.size() + 1;
                out.add("    static constexpr Res c[" + count + "] = {");
                for (List<BigInteger> v : c.vectors) {
                    out.add("        run" + c.number + "(" + v.stream().map(x -> x + "ull")
                            .collect(Collectors.joining(", ")) + "),");
                }
                out.add("    };");
                constexprOwners.put(c, new int[] {tableStart, out.size()});
                out.add("    for (int i = 0; i < " + count + "; ++i) {");
                out.add("        print('C', " + c.number + ", i, c[i]);");
                out.add("    }");
                out.add("#endif");
            }
            out.add("}");
            owners.put(c, new int[] {start, out.size()});
        }
        out.add("");
        out.add("}  // namespace");
        out.add("");
        out.add("int main() {");
        out.add("    // Line-buffered, so that UBSan's reports (on stderr) come just before the line of their case.");
        out.add("    std::setvbuf(stdout, nullptr, _IOLBF, static_cast<std::size_t>(65536));");
        for (Candidate c : active) {
            out.add("    table" + c.number + "();");
        }
        out.add("    std::printf(\"done\\n\");");
        out.add("    return 0;");
        out.add("}");
        return new ProgramText(String.join("\n", out) + "\n", owners, constexprOwners);
    }

    /** Compiles the program in both builds, in parallel. */
    private static Map<Build, Processes.Run> compileProgram(Path dir, Path main, Path include, boolean werror)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Build.values().length);
        try {
            Map<Build, Future<Processes.Run>> futures = new EnumMap<>(Build.class);
            for (Build b : Build.values()) {
                List<String> cmd = new ArrayList<>(List.of("g++"));
                cmd.addAll(b.flags);
                cmd.addAll(WARNING_FLAGS.stream().filter(f -> werror || !f.equals("-Werror")).toList());
                cmd.addAll(List.of("-I" + include, main.toString(), "-o",
                        dir.resolve("layouts-" + b.name().toLowerCase(Locale.ROOT)).toString()));
                futures.put(b, pool.submit(() -> Processes.run(dir, cmd, 300)));
            }
            Map<Build, Processes.Run> runs = new EnumMap<>(Build.class);
            for (Map.Entry<Build, Future<Processes.Run>> e : futures.entrySet()) {
                runs.put(e.getKey(), e.getValue().get());
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    private static final Pattern GXX_MESSAGE = Pattern.compile(
            "^(.+?):(\\d+):(?:\\d+:)? (fatal error|error|warning): (.*)$");
    private static final Pattern MACRO_EXPANSION = Pattern.compile(
            "^(.+?):(\\d+):(?:\\d+:)? note: in expansion of macro .*$");
    private static final Pattern CONSTEXPR_CONTEXT = Pattern.compile("constexpr.{0,3} expansion of");
    private static final Pattern WERROR = Pattern.compile("\\[-Werror=([\\w-]+)]$");

    /**
     * One message of g++: a warning turned into an error by -Werror ({@code kind} is its flag), or a
     * real error; {@code constantEvaluation} when it is about evaluating a layout function at
     * compile time.
     */
    private record GxxMessage(String text, boolean warning, String kind, boolean constantEvaluation) {}

    private static String join(List<GxxMessage> messages) {
        return messages.stream().map(GxxMessage::text).collect(Collectors.joining("\n"));
    }

    /**
     * Assigns each of g++'s errors to the layout whose generated function or test code it is in;
     * messages that belong to no layout go to {@code unattributed}.
     */
    private static void attribute(String output, Build build, Compiled compiled, ProgramText program,
                                  Map<Candidate, List<GxxMessage>> culprits, List<String> unattributed) {
        String[] lines = output.split("\n");
        boolean constexprContext = false;
        int before = culprits.values().stream().mapToInt(List::size).sum() + unattributed.size();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = GXX_MESSAGE.matcher(lines[i]);
            if (!m.matches()) {
                if (lines[i].contains(": In function") || lines[i].startsWith("In file included")) {
                    constexprContext = false;
                }
                constexprContext |= CONSTEXPR_CONTEXT.matcher(lines[i]).find();
                continue;
            }
            Candidate owner = owner(m.group(1), Integer.parseInt(m.group(2)), compiled, program);
            boolean inTable = false;
            if (owner != null && m.group(1).endsWith("main.cpp")) {
                int line = Integer.parseInt(m.group(2));
                int[] table = program.constexprLines().get(owner);
                inTable = table != null && line >= table[0] && line <= table[1];
            }
            // The message, and the source line and caret g++ shows under it.
            StringBuilder text = new StringBuilder("[" + build.describe() + "] " + lines[i]);
            for (int j = i + 1; j < Math.min(lines.length, i + 3) && lines[j].startsWith(" "); j++) {
                text.append('\n').append(lines[j]);
            }
            // In a macro (a parameter named like one of abic's): where the macro was used.
            for (int j = i + 1; owner == null && j < lines.length && !GXX_MESSAGE.matcher(lines[j]).matches(); j++) {
                Matcher expansion = MACRO_EXPANSION.matcher(lines[j]);
                if (expansion.matches()) {
                    owner = owner(expansion.group(1), Integer.parseInt(expansion.group(2)), compiled, program);
                    text.append('\n').append(lines[j]);
                }
            }
            Matcher w = WERROR.matcher(m.group(4));
            boolean warning = m.group(3).equals("warning") || w.find();
            String kind = w.find(0) ? "-W" + w.group(1) : m.group(3);
            GxxMessage message = new GxxMessage(text.toString(), warning, kind, constexprContext || inTable);
            constexprContext = false;
            if (owner == null) {
                unattributed.add(message.text());
            } else {
                culprits.computeIfAbsent(owner, k -> new ArrayList<>()).add(message);
            }
        }
        if (culprits.values().stream().mapToInt(List::size).sum() + unattributed.size() == before) {
            unattributed.add(output);
        }
    }

    /** The layout whose generated function or test code holds a line of the program or a header. */
    private static Candidate owner(String file, int line, Compiled compiled, ProgramText program) {
        if (file.endsWith("main.cpp")) {
            for (Map.Entry<Candidate, int[]> e : program.lines().entrySet()) {
                if (line >= e.getValue()[0] && line <= e.getValue()[1]) {
                    return e.getKey();
                }
            }
            return null;
        }
        for (Map.Entry<Candidate, int[]> e : compiled.headerLines.entrySet()) {
            int[] r = e.getValue();
            if (file.endsWith(e.getKey().batch.header()) && line >= r[0] + 1 && line <= r[1] + 1) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * Result lines by tag ({@code R}, {@code C}), then by "layout vector"; UBSan's reports go to
     * {@code undefinedBehaviour} under the case whose line follows them.
     */
    private static Map<Character, Map<String, String>> parseOutput(String output,
                                                                   Map<String, List<String>> undefinedBehaviour) {
        Map<Character, Map<String, String>> out = new HashMap<>();
        List<String> pending = new ArrayList<>();
        for (String raw : output.split("\n")) {
            String line = raw.trim();
            String[] parts = line.split(" ");
            if (parts.length >= 5 && (parts[0].equals("R") || parts[0].equals("C"))) {
                String key = parts[1] + " " + parts[2];
                out.computeIfAbsent(parts[0].charAt(0), k -> new HashMap<>()).put(key, line);
                if (!pending.isEmpty() && parts[0].equals("R")) {
                    undefinedBehaviour.computeIfAbsent(key, k -> new ArrayList<>()).addAll(pending);
                    pending.clear();
                }
            } else if (line.contains("runtime error:")) {
                pending.add(line);
            }
        }
        return out;
    }

    /** A run that crashed or stopped: the case after the last one printed is the suspect. */
    private static String crash(Build build, Processes.Run run, List<Candidate> active) {
        String[] outLines = run.output().split("\n");
        String last = null;
        for (String l : outLines) {
            if (l.startsWith("R ")) {
                last = l;
            }
        }
        String suspect = "";
        if (last == null && !active.isEmpty()) {
            suspect = "the first case: " + active.get(0).id() + ", vector 0 " + params(active.get(0),
                    active.get(0).vectors.get(0));
        } else if (last != null) {
            String[] p = last.split(" ");
            int layout = Integer.parseInt(p[1]);
            int vector = Integer.parseInt(p[2]);
            for (int i = 0; i < active.size(); i++) {
                Candidate c = active.get(i);
                if (c.number != layout) {
                    continue;
                }
                Candidate next = c;
                int nextVector = vector + 1;
                if (nextVector >= c.vectors.size()) {
                    next = i + 1 < active.size() ? active.get(i + 1) : null;
                    nextVector = 0;
                }
                suspect = next == null ? "none (every case printed)" : "the case after the last printed: "
                        + next.id() + " with " + params(next, next.vectors.get(nextVector)) + "\n" + next.describe();
            }
        }
        String tail = Arrays.stream(outLines).skip(Math.max(0, outLines.length - 15)).collect(Collectors.joining("\n"));
        return "[" + build.describe() + "] exit " + run.exitCode() + "; suspect: " + suspect + "\nlast output:\n"
                + indent(tail);
    }

    // ---------------------------------------------------------------- comparison

    /** Null when the C++ line equals the interpreter's result, else what differs. */
    private static String compare(Candidate c, int v, String line) {
        LayoutInterpreter.Result expected = c.expected.get(v);
        String where = "parameters " + params(c, c.vectors.get(v)) + ": ";
        if (line == null) {
            return where + "no result line from C++ (expected " + describe(expected) + ")";
        }
        String[] p = line.split(" ");
        long status;
        long touched;
        List<BigInteger> values = new ArrayList<>();
        try {
            status = Long.parseLong(p[3]);
            touched = Long.parseLong(p[4]);
            for (int i = 5; i < p.length; i++) {
                values.add(new BigInteger(p[i]));
            }
        } catch (RuntimeException e) {
            return where + "unreadable line from C++: '" + line + "'";
        }
        String actual = describe(c, status, values);
        if (status != expected.status().code()) {
            return where + "interpreter " + describe(expected) + ", C++ " + actual;
        }
        if (expected.status() != LayoutProgram.Status.OK) {
            return touched == 0 ? null : where + "C++ returned " + actual + " as expected, but wrote to *out, which "
                    + "a failing layout function must leave untouched";
        }
        List<BigInteger> want = c.program.resultFields().stream().map(f -> expected.fields().get(f)).toList();
        if (!want.equals(values)) {
            return where + "interpreter " + describe(expected) + ", C++ " + actual + differing(c, want, values);
        }
        return null;
    }

    private static String differing(Candidate c, List<BigInteger> want, List<BigInteger> got) {
        List<String> diffs = new ArrayList<>();
        List<String> fields = c.program.resultFields();
        for (int i = 0; i < fields.size(); i++) {
            BigInteger g = i < got.size() ? got.get(i) : null;
            if (!want.get(i).equals(g)) {
                diffs.add(fields.get(i) + ": " + want.get(i) + " vs " + g);
            }
        }
        return diffs.isEmpty() ? "" : "\n      differing: " + String.join(", ", diffs);
    }

    private static String describe(LayoutInterpreter.Result r) {
        if (r.status() != LayoutProgram.Status.OK) {
            return r.status().name();
        }
        return "OK " + r.fields().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String describe(Candidate c, long status, List<BigInteger> values) {
        String name = (status == (int) status ? LayoutProgram.Status.of((int) status) : Optional.<LayoutProgram.Status>empty())
                .map(Enum::name).orElse("status " + status + " (unknown to LayoutProgram.Status)");
        if (values.isEmpty()) {
            return name;
        }
        List<String> fields = c.program.resultFields();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            parts.add((i < fields.size() ? fields.get(i) : "?") + "=" + values.get(i));
        }
        return name + " " + String.join(", ", parts).transform(s -> "{" + s + "}");
    }

    private static String params(Candidate c, List<BigInteger> v) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            BigInteger x = v.get(i);
            parts.add(c.params.get(i) + "=" + x + (x.compareTo(BigInteger.valueOf(4096)) > 0
                    ? " (0x" + x.toString(16).toUpperCase(Locale.ROOT) + ")" : ""));
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    " + l).collect(Collectors.joining("\n"));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "\n... (" + (text.length() - max) + " more characters)";
    }

    // ---------------------------------------------------------------- the layouts

    /** The element types sections use: sizes 3 to 64, alignments 1 to 64. */
    private static final String ELEMENT_TYPES = """
            /// Section element types: sizes 3 to 64, alignments 1 to 64.
            struct Byte3 { a: u8; b: u8; c: u8; }
            struct Half3 { a: u16; b: u16; c: u16; }
            struct Pair { a: u32; b: u32; }
            struct Slot { a: u64; b: u32; c: u16; d: u8; e: u8; }
            struct Desc { a: u64; b: u64; c: u64; }
            struct Line align 64 { a: u64; pad: reserved u8[56]; }
            enum Mode : u16 { OFF = 0, ON = 1, }
            """;
    private static final List<String> STRUCTS = List.of("Byte3", "Half3", "Pair", "Slot", "Desc", "Line");
    private static final List<String> SCALARS = List.of("u32", "u32", "u32", "u8", "u16", "u64", "Mode");

    /** One {@code .abi} file: the layouts generated from one seed. */
    private static final class Batch {
        final int index;
        final long seed;
        final List<Candidate> layouts = new ArrayList<>();
        Path file;

        Batch(int index, long seed) {
            this.index = index;
            this.seed = seed;
        }

        String packageName() {
            return "lf.t" + index;
        }

        String header() {
            return "lf/t" + index + ".h";
        }

        /** The file with the element types and the given layouts; records each layout's first line. */
        String render(List<Candidate> with) {
            StringBuilder out = new StringBuilder("/// Random layouts of seed " + seed
                    + " (LayoutFunctionDifferentialTest).\npackage " + packageName() + ";\n\n" + ELEMENT_TYPES);
            for (Candidate c : with) {
                out.append('\n');
                c.line = (int) out.chars().filter(ch -> ch == '\n').count() + 1;
                out.append(c.text);
            }
            return out.toString();
        }
    }

    /** A generated layout and, once compiled, its program and the interpreter's results. */
    private static final class Candidate {
        final Batch batch;
        final int number;
        final String name;
        final List<String> params;
        final String text;
        final boolean tricky;
        final List<List<BigInteger>> vectors;
        int line;
        LayoutProgram program;
        List<LayoutInterpreter.Result> expected;
        /** The generated Java record. */
        GeneratedFile java;

        Candidate(Batch batch, int number, String name, List<String> params, String text, boolean tricky,
                  List<List<BigInteger>> vectors) {
            this.batch = batch;
            this.number = number;
            this.name = name;
            this.params = params;
            this.text = text;
            this.tricky = tricky;
            this.vectors = vectors;
        }

        String id() {
            return batch.packageName() + "." + name;
        }

        /** The generated Java record, at most 150 lines of it. */
        String javaSource() {
            if (java == null) {
                return "  (no generated Java)";
            }
            List<String> lines = java.content().lines().toList();
            String shown = lines.size() > 150 ? String.join("\n", lines.subList(0, 150)) + "\n... ("
                    + (lines.size() - 150) + " more lines)" : java.content();
            return "generated Java (" + java.path() + "):\n" + indent(shown);
        }

        /** The seed, the file and line, and the {@code .abi} text with the element types it uses. */
        String describe() {
            StringBuilder out = new StringBuilder("layout " + id() + " (seed " + batch.seed + "; rerun with "
                    + "-Dabic.layoutdiff.seed=" + batch.seed + "), " + (batch.file == null ? "" : batch.file
                    .getFileName() + " line " + line) + ":\n");
            ELEMENT_TYPES.lines().filter(l -> {
                Matcher m = Pattern.compile("^(?:struct|enum) (\\w+)").matcher(l);
                return m.find() && Pattern.compile("\\b" + m.group(1) + "\\b").matcher(text).find();
            }).forEach(l -> out.append("    ").append(l).append('\n'));
            out.append(indent(text));
            return out.toString();
        }
    }

    /** Writes random layouts; see the class comment. */
    private static final class Generator {
        private static final String[] LAYOUT_NAMES = {"Region", "QueueRegion", "HTTPArena", "L3L2Ring", "Ring",
            "Pool", "X"};
        private static final String[] PARAM_NAMES = {"n", "m", "depth", "count", "a", "b", "x", "y", "len", "slots",
            "in_bytes", "out_bytes", "k", "stride"};
        private static final String[] SECTION_NAMES = {"hdr", "ring", "desc", "slots", "arena", "data", "tail",
            "meta", "buf", "input_arena", "output_desc", "size", "align", "bytes", "layout", "require", "count"};
        private static final String[] BINARY = {"+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^", "<", "<=", ">",
            ">=", "==", "!=", "&&", "||"};
        private static final BigInteger[] LITERALS = {
            BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3), BigInteger.valueOf(4),
            BigInteger.valueOf(6), BigInteger.valueOf(7), BigInteger.valueOf(8), BigInteger.valueOf(16),
            BigInteger.valueOf(63), BigInteger.valueOf(64), BigInteger.valueOf(100), BigInteger.valueOf(255),
            BigInteger.valueOf(4096), BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(32), BigInteger.ONE.shiftLeft(32).add(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(63), U64_MAX,
        };
        private static final BigInteger[] EDGES = {
            BigInteger.ONE.shiftLeft(31), BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(32), BigInteger.ONE.shiftLeft(32).add(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(62), BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(63), BigInteger.ONE.shiftLeft(63).add(BigInteger.ONE),
            U64_MAX.subtract(BigInteger.valueOf(63)), U64_MAX.subtract(BigInteger.ONE), U64_MAX,
        };

        private final Batch batch;
        private final Random random;
        private final boolean trickyNames;
        private final int vectorCount;
        private List<String> params;
        private Set<BigInteger> literals;

        Generator(Batch batch, Random random, boolean trickyNames, int vectorCount) {
            this.batch = batch;
            this.random = random;
            this.trickyNames = trickyNames;
            this.vectorCount = vectorCount;
        }

        /** An expression: {@code text} can stand anywhere, {@code bare} is its top-level form. */
        private record E(String text, String bare) {
            static E atom(String s) {
                return new E(s, s);
            }
        }

        Candidate layout(int number) {
            String name = LAYOUT_NAMES[random.nextInt(LAYOUT_NAMES.length)] + number;
            int nSections = 1 + random.nextInt(5);
            List<String> sections = distinct(SECTION_NAMES, nSections);
            params = new ArrayList<>();
            boolean tricky = false;
            int nParams = 1 + random.nextInt(4);
            while (params.size() < nParams) {
                String p;
                if (trickyNames && random.nextInt(100) < 5) {
                    List<String> hard = List.of("out", "result_", "cursor_", "t0_", "t1_", "std", "abic", "total",
                            "size", "align", "bytes", "layout", "require", "Pair", name + "Layout",
                            "compute_" + Identifiers.snakeCase(name) + "_layout",
                            sections.get(0), "int", "NULL", "EOF", "ABIC_HD", "ABIC_CONSTEXPR14", "uint64_t");
                    p = hard.get(random.nextInt(hard.size()));
                    tricky = true;
                } else {
                    p = PARAM_NAMES[random.nextInt(PARAM_NAMES.length)];
                }
                if (!params.contains(p)) {
                    params.add(p);
                }
            }
            literals = new LinkedHashSet<>();
            StringBuilder t = new StringBuilder("layout " + name + "(" + params.stream().map(p -> p + ": u64")
                    .collect(Collectors.joining(", ")) + ") {\n");
            int requires = random.nextInt(4);
            for (int i = 0; i < requires; i++) {
                t.append("    require ").append(requirement()).append(";\n");
            }
            for (String s : sections) {
                t.append("    ").append(s).append(": ").append(section()).append(";\n");
            }
            t.append('}');
            if (random.nextInt(100) < 30) {
                t.append(" align ").append(pow2());
            }
            if (random.nextBoolean()) {
                t.append(';');
            }
            t.append('\n');
            return new Candidate(batch, batch.index * 10_000 + number, name, List.copyOf(params), t.toString(), tricky,
                    vectors());
        }

        private List<String> distinct(String[] pool, int n) {
            List<String> all = new ArrayList<>(List.of(pool));
            java.util.Collections.shuffle(all, random);
            return all.subList(0, n);
        }

        private String param() {
            return params.get(random.nextInt(params.size()));
        }

        /** A parameter other than {@code p} where there is one (random trees still compare x with x). */
        private String other(String p) {
            List<String> others = params.stream().filter(q -> !q.equals(p)).toList();
            return others.isEmpty() ? p : others.get(random.nextInt(others.size()));
        }

        private long pow2() {
            return 1L << random.nextInt(13);
        }

        private String literal(BigInteger v) {
            literals.add(v);
            int roll = random.nextInt(100);
            if (v.bitLength() > 20 && roll < 50) {
                String hex = v.toString(16).toUpperCase(Locale.ROOT);
                if (roll < 25) {
                    StringBuilder grouped = new StringBuilder();
                    for (int i = 0; i < hex.length(); i++) {
                        if (i > 0 && (hex.length() - i) % 4 == 0) {
                            grouped.append('_');
                        }
                        grouped.append(hex.charAt(i));
                    }
                    hex = grouped.toString();
                }
                return "0x" + hex;
            }
            if (v.signum() > 0 && v.bitLength() <= 8 && roll < 5) {
                return "0b" + v.toString(2);
            }
            return v.toString();
        }

        private String literal() {
            if (random.nextInt(100) < 20) {
                return literal(BigInteger.valueOf(random.nextInt(1000)));
            }
            return literal(LITERALS[random.nextInt(LITERALS.length)]);
        }

        private String small() {
            return literal(BigInteger.valueOf(random.nextInt(100) < 70 ? 1 + random.nextInt(16) : random.nextInt(5000)));
        }

        private E leaf() {
            return E.atom(random.nextInt(100) < 62 ? param() : literal());
        }

        /** A random expression tree with at most {@code depth} operators on any path. */
        private E expr(int depth) {
            if (depth <= 0 || random.nextInt(100) < 22) {
                return leaf();
            }
            int roll = random.nextInt(100);
            if (roll < 60) {
                String op = BINARY[random.nextInt(BINARY.length)];
                E left = expr(depth - 1);
                E right;
                if ((op.equals("<<") || op.equals(">>")) && random.nextInt(100) < 55) {
                    right = E.atom(literal(BigInteger.valueOf(random.nextInt(100) < 3 ? 64 : random.nextInt(64))));
                } else if ((op.equals("/") || op.equals("%")) && random.nextInt(100) < 50) {
                    right = E.atom(param());
                } else {
                    right = expr(depth - 1);
                }
                String bare = left.text + " " + op + " " + right.text;
                return new E("(" + bare + ")", bare);
            }
            if (roll < 75) {
                String op = new String[] {"~", "!", "-"}[random.nextInt(3)];
                E operand = expr(depth - 1);
                String text = operand.text.matches("^[-~!].*") ? "(" + operand.text + ")" : operand.text;
                return E.atom(op + text);
            }
            return switch (random.nextInt(4)) {
                case 0 -> E.atom("is_pow2(" + expr(depth - 1).bare + ")");
                case 1 -> E.atom("align_up(" + expr(depth - 1).bare + ", " + literal(BigInteger.valueOf(pow2())) + ")");
                case 2 -> E.atom("min(" + expr(depth - 1).bare + ", " + expr(depth - 1).bare + ")");
                default -> E.atom("max(" + expr(depth - 1).bare + ", " + expr(depth - 1).bare + ")");
            };
        }

        private String requirement() {
            int roll = random.nextInt(100);
            if (roll < 40) {
                String p = param();
                String q = other(p);
                return switch (random.nextInt(14)) {
                    case 0 -> p + " >= " + small();
                    case 1 -> p + " <= " + literal();
                    case 2 -> p + " != 0";
                    case 3 -> "is_pow2(" + p + ")";
                    case 4 -> p + " % 64 == 0";
                    case 5 -> p + " & 6";
                    case 6 -> p + " < " + q;
                    case 7 -> "!(" + p + " & 1)";
                    case 8 -> p + " * " + q + " <= " + literal();
                    case 9 -> "(" + p + " > " + q + ") + 1";
                    case 10 -> "!(" + p + " % " + q + ")";
                    case 11 -> p + " / " + q + " > 0";
                    case 12 -> p + " >= 1 && " + p + " <= " + literal() + " && is_pow2(" + p + ")";
                    default -> q + " != 0 && " + p + " / " + q + " >= 1";
                };
            }
            if (roll < 50) {
                return expr(1 + random.nextInt(3)).text + " && " + expr(1 + random.nextInt(3)).text;
            }
            return expr(1 + random.nextInt(4)).bare;
        }

        private String count() {
            if (random.nextInt(100) < 40) {
                String p = param();
                String q = other(p);
                return switch (random.nextInt(12)) {
                    case 0, 1 -> p;
                    case 2 -> p + " * " + small();
                    case 3 -> p + " + " + small();
                    case 4 -> small();
                    case 5 -> "min(" + p + ", " + literal() + ")";
                    case 6 -> "align_up(" + p + ", " + literal(BigInteger.valueOf(pow2())) + ")";
                    case 7 -> "(" + p + " > " + q + ") + 1";
                    case 8 -> p + " << " + literal(BigInteger.valueOf(random.nextInt(64)));
                    case 9 -> p + " - " + q;
                    case 10 -> p + " / " + q;
                    default -> "~(" + p + " < " + q + ") & 255";
                };
            }
            return expr(1 + random.nextInt(4)).bare;
        }

        private String at() {
            if (random.nextInt(100) < 50) {
                String p = param();
                return switch (random.nextInt(7)) {
                    case 0 -> p;
                    case 1 -> p + " | 64";
                    case 2 -> "align_up(" + p + ", 64)";
                    case 3 -> p + " * 4096";
                    case 4 -> literal(BigInteger.valueOf(64L << random.nextInt(20)));
                    case 5 -> p + " + " + small();
                    default -> p + " & ~63";
                };
            }
            return expr(1 + random.nextInt(3)).bare;
        }

        private String section() {
            int roll = random.nextInt(100);
            String type;
            if (roll < 30) {
                type = STRUCTS.get(random.nextInt(STRUCTS.size())) + "[" + count() + "]";
            } else if (roll < 42) {
                type = STRUCTS.get(random.nextInt(STRUCTS.size()));
            } else if (roll < 62) {
                type = SCALARS.get(random.nextInt(SCALARS.size())) + "[" + count() + "]";
            } else {
                type = "bytes[" + count() + "]";
            }
            if (random.nextInt(100) < 30) {
                type += " align " + pow2();
            }
            if (random.nextInt(100) < 20) {
                type += " @ " + at();
            }
            return type;
        }

        /** Parameter vectors: small values, zeros, edges, large values, the layout's literals ±1. */
        private List<List<BigInteger>> vectors() {
            List<BigInteger> hints = new ArrayList<>();
            for (BigInteger l : literals) {
                hints.add(l);
                hints.add(l.add(BigInteger.ONE).min(U64_MAX));
                hints.add(l.subtract(BigInteger.ONE).max(BigInteger.ZERO));
            }
            List<List<BigInteger>> out = new ArrayList<>();
            for (int v = 0; v < vectorCount; v++) {
                List<BigInteger> vector = new ArrayList<>();
                int profile = v == 0 ? 0 : v == 1 ? 1 : v == 2 ? 2 : 3 + random.nextInt(100);
                int special = random.nextInt(params.size());
                for (int i = 0; i < params.size(); i++) {
                    vector.add(switch (profile) {
                        case 0 -> BigInteger.valueOf(1 + random.nextInt(8));
                        case 1 -> BigInteger.ZERO;
                        case 2 -> U64_MAX;
                        default -> {
                            int p = profile - 3;
                            if (p < 35) {
                                yield smallValue();
                            } else if (p < 55) {
                                yield random.nextBoolean() && !hints.isEmpty() ? hints.get(random.nextInt(hints.size()))
                                        : smallValue();
                            } else if (p < 72) {
                                yield i == special ? EDGES[random.nextInt(EDGES.length)] : smallValue();
                            } else if (p < 82) {
                                yield i == special ? large() : smallValue();
                            } else if (p < 94) {
                                yield any(hints);
                            } else {
                                yield new BigInteger(64, random);
                            }
                        }
                    });
                }
                out.add(List.copyOf(vector));
            }
            return out;
        }

        private BigInteger smallValue() {
            int roll = random.nextInt(100);
            if (roll < 15) {
                return BigInteger.ZERO;
            }
            if (roll < 55) {
                return BigInteger.valueOf(1 + random.nextInt(16));
            }
            if (roll < 75) {
                return BigInteger.valueOf(64L * random.nextInt(65));
            }
            if (roll < 85) {
                return BigInteger.ONE.shiftLeft(random.nextInt(13));
            }
            return BigInteger.valueOf(random.nextInt(100_000));
        }

        private BigInteger large() {
            return BigInteger.ONE.shiftLeft(20 + random.nextInt(43)).add(BigInteger.valueOf(random.nextInt(3) - 1))
                    .max(BigInteger.ZERO);
        }

        private BigInteger any(List<BigInteger> hints) {
            return switch (random.nextInt(5)) {
                case 0 -> smallValue();
                case 1 -> EDGES[random.nextInt(EDGES.length)];
                case 2 -> large();
                case 3 -> hints.isEmpty() ? BigInteger.ZERO : hints.get(random.nextInt(hints.size()));
                default -> new BigInteger(64, random);
            };
        }
    }
}
