package dev.abic.tests;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.Abic;
import dev.abic.compiler.check.CppNames;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.emit.OutputWriter;
import dev.abic.compiler.emit.cpp.CppEmitter;
import dev.abic.compiler.emit.java.JavaEmitter;
import dev.abic.compiler.layout.LayoutInterpreter;
import dev.abic.compiler.layout.LayoutLowering;
import dev.abic.compiler.layout.LayoutProgram;
import dev.abic.compiler.layout.LayoutProgram.CheckedOp;
import dev.abic.compiler.layout.LayoutProgram.Pure;
import dev.abic.compiler.layout.LayoutProgram.Status;
import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.AbiModel;
import dev.abic.compiler.model.LayoutDecl;
import java.math.BigInteger;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java and C++ agree: every {@code layout} of {@code idl/} computed by the generated Java
 * {@code compute}, by the generated C++ function and by {@link LayoutInterpreter} (the compiler's
 * reference) on one table of inputs, with identical results or identical failures.
 *
 * <h2>The table, per layout</h2>
 * <ul>
 *   <li><b>The ABI facts.</b> The vectors of shared/reference/simpler-abi-facts.md (queue region
 *       depths 1, 4 and 8 with their arenas and the rejected inputs of §5.5; the HDMR example of
 *       §2.3; the HDCH example of §6.4), with the numbers the facts give, and boundary rows: the
 *       largest inputs that still fit, and the smallest that make a multiplication, an addition
 *       or an {@code align_up} overflow by one, each with the step that must fail.</li>
 *   <li><b>Sweeps.</b> From a valid baseline (the first valid combination of small values, and
 *       each valid facts vector), one parameter at a time through 0 to 3, 2^k − 1, 2^k and
 *       2^k + 1 for every k, 2^64 − 1, and for every literal L of the layout (sizes, alignments,
 *       limits): L ± 1, ⌊(2^64 − 1) / L⌋ (+1), which make a multiplication by L overflow by one,
 *       and 2^64 − L (+1).</li>
 *   <li><b>Edges together.</b> Every combination of 0, 1, 2, 64, 2^31, 2^32 − 1, 2^32, 2^59
 *       (2^64 / 32), 2^63, 2^64 − 64 and 2^64 − 1 over all parameters.</li>
 *   <li><b>Random rows</b> from a fixed seed.</li>
 * </ul>
 * The interpreter's results are checked against the facts' own formulas (for the layouts the facts
 * describe: every row, status and fields), and the table must reach, per layout: a valid result,
 * every {@code require} check failing on its own (each top-level {@code &&} term is a separate
 * check; the step that fails is found by running prefixes of the lowered program) and an
 * arithmetic overflow. Then the three implementations must agree on every row: the same status,
 * and on success the same value of every result field; and the C++ function must leave
 * {@code *out} untouched when it fails.
 *
 * <p>The Java is compiled in this JVM ({@code javax.tools}, {@code --release 22}, lint warnings as
 * errors) and called by reflection; an {@code AbiLayoutException}'s {@code reason().code()} is its
 * status. The C++ is one program over the generated headers, built with
 * {@code g++ -std=c++17 -Wall -Wextra -Werror} and run as a process; it prints one line per row.
 * Each disagreement names the layout, the row, its inputs and every implementation's result.
 */
class JavaCppLayoutAgreementTest {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final long RANDOM_SEED = 20_260_901L;
    private static final int RANDOM_ROWS = 300;
    /** Disagreeing rows described in full per layout; the rest are counted. */
    private static final int MAX_REPORTED = 25;

    @TempDir
    Path work;

    /** One input of the table, and what the facts say of it, if they say anything. */
    record Row(String label, List<BigInteger> params, Expect expect) {}

    /**
     * What a row must give: a status, optionally the operation whose failure it is, and on
     * success the values of some fields.
     */
    record Expect(Status status, CheckedOp failingOp, Map<String, BigInteger> fields) {
        static Expect ok(Map<String, BigInteger> fields) {
            return new Expect(Status.OK, null, fields);
        }

        static Expect fails(Status status) {
            return new Expect(status, null, Map.of());
        }

        static Expect overflowIn(CheckedOp op) {
            return new Expect(Status.ARITHMETIC_OVERFLOW, op, Map.of());
        }
    }

    /** A layout of idl/ with its table and, once run, the three results of every row. */
    private static final class Subject {
        final AbiFile file;
        final LayoutDecl decl;
        final LayoutProgram program;
        final List<Row> rows = new ArrayList<>();
        final List<GeneratedJava.Outcome> interpreter = new ArrayList<>();
        final List<Integer> failingSteps = new ArrayList<>();
        final List<GeneratedJava.Outcome> java = new ArrayList<>();
        final Map<Integer, GeneratedJava.Outcome> cpp = new HashMap<>();
        final List<String> problems = new ArrayList<>();
        final List<String> javacErrors = new ArrayList<>();

        Subject(AbiFile file, LayoutDecl decl) {
            this.file = file;
            this.decl = decl;
            this.program = LayoutLowering.lower(decl);
        }

        String name() {
            return decl.name() + " (" + decl.span().shortLocation() + ")";
        }

        String params(List<BigInteger> values) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                BigInteger v = values.get(i);
                parts.add(decl.params().get(i) + "=" + v + (v.compareTo(BigInteger.valueOf(4096)) > 0
                        ? " (0x" + v.toString(16).toUpperCase(Locale.ROOT) + ")" : ""));
            }
            return "(" + String.join(", ", parts) + ")";
        }

        /** The layout as written in its .abi file. */
        String source() {
            List<String> lines = new ArrayList<>();
            int line = decl.span().line();
            for (int i = line; i <= decl.span().file().lineCount(); i++) {
                String text = decl.span().file().line(i);
                lines.add("    " + text);
                if (text.startsWith("}")) {
                    break;
                }
            }
            return String.join("\n", lines);
        }

        void problem(int row, String what) {
            problems.add("  row " + row + " [" + rows.get(row).label() + "] " + params(rows.get(row).params()) + ": "
                    + what);
        }
    }

    @Test
    void javaCppAndInterpreterAgreeOnEveryIdlLayout() throws Exception {
        long started = System.nanoTime();
        Processes.requireTool("g++", "g++");
        Abic.Result idl = Abic.compile(List.of(Repo.idl()));
        assertWithMessage("idl/ compiles").that(idl.diagnostics()).isEmpty();
        AbiModel model = idl.model().orElseThrow();
        List<Subject> subjects = new ArrayList<>();
        for (AbiFile f : model.files()) {
            f.decls(LayoutDecl.class).forEach(l -> subjects.add(new Subject(f, l)));
        }
        // The facts' tables and formulas are chosen by layout name: a renamed layout must not
        // silently drop them.
        assertWithMessage("the layouts the ABI facts describe, in idl/")
                .that(subjects.stream().map(s -> s.decl.name()).toList())
                .containsAtLeast("L3L2QueueRegion", "HostDeviceMappedRegion", "HostDeviceChannelRegion");

        // 1. The table, the interpreter's results, and what the table must reach.
        List<String> coverage = new ArrayList<>();
        for (Subject s : subjects) {
            s.rows.addAll(rows(s));
            for (int r = 0; r < s.rows.size(); r++) {
                List<BigInteger> params = s.rows.get(r).params();
                LayoutInterpreter.Result result = LayoutInterpreter.run(s.program, params);
                s.interpreter.add(GeneratedJava.Outcome.of(result, s.program.resultFields()));
                s.failingSteps.add(result.status() == Status.OK ? -1 : failingStep(s.program, params));
            }
            checkExpectations(s);
            coverage.addAll(coverage(s));
        }
        assertWithMessage("what the table must reach").that(coverage).isEmpty();
        agree(model, subjects, started, MAX_REPORTED);
    }

    /**
     * Every operator that needs no check, nested in every other on either side: {@code L op b} with
     * L one of {@code a}, {@code a % 7}, {@code a / 3} (literal divisors: no division check, so the
     * emitters write them inline), inside {@code (X) op c}, {@code c op (X)}, {@code !}, {@code ~},
     * {@code is_pow2}, {@code min}, {@code max}, each a section {@code bytes[(…) & 1023]}: Java, C++
     * and the interpreter must agree on every parameter combination. A wrong precedence or a
     * missing parenthesis in an emitter shows here as a differing section.
     */
    @Test
    void everyOperatorNestedInEveryOtherAgrees() throws Exception {
        long started = System.nanoTime();
        Processes.requireTool("g++", "g++");
        List<String> inner = new ArrayList<>();
        for (String l : List.of("a", "(a % 7)", "(a / 3)")) {
            for (String op : List.of("&", "|", "^", "<", "==", "!=", "&&", "||")) {
                inner.add(l + " " + op + " b");
            }
            inner.addAll(List.of(l + " % 5", l + " / 2", l + " >> 2", "min(" + l + ", b)"));
        }
        List<String> outer = new ArrayList<>();
        for (String op : List.of("&", "|", "^", "<", "<=", ">", ">=", "==", "!=", "&&", "||")) {
            outer.add("(X) " + op + " c");
            outer.add("c " + op + " (X)");
        }
        outer.addAll(List.of("(X) % 5", "(X) / 3", "(X) >> 3", "!(X)", "~(X)", "is_pow2(X)", "min(X, c)",
                "max(c, X)"));
        StringBuilder text = new StringBuilder("package nesting;\n");
        for (int o = 0; o < outer.size(); o++) {
            text.append("\n/// ").append(outer.get(o)).append("\nlayout Nest").append(o)
                    .append("(a: u64, b: u64, c: u64) {\n");
            for (int i = 0; i < inner.size(); i++) {
                text.append("    s").append(i).append(": bytes[(").append(outer.get(o).replace("X", inner.get(i)))
                        .append(") & 1023];\n");
            }
            text.append("}\n");
        }
        Abic.Result compiled = Abic.compileText(work.resolve("nesting.abi"), text.toString());
        assertWithMessage("the nesting layouts compile:\n%s", text).that(compiled.diagnostics()).isEmpty();
        AbiModel model = compiled.model().orElseThrow();
        List<BigInteger> values = new ArrayList<>(values(0, 1, 2, 3, 7, 64));
        values.addAll(List.of(BigInteger.ONE.shiftLeft(63).add(BigInteger.valueOf(5)), U64_MAX));
        List<Subject> subjects = new ArrayList<>();
        for (AbiFile f : model.files()) {
            for (LayoutDecl l : f.decls(LayoutDecl.class)) {
                Subject s = new Subject(f, l);
                for (List<BigInteger> p : cartesian(values, 3)) {
                    s.rows.add(new Row("nesting", p, null));
                    s.interpreter.add(GeneratedJava.Outcome.of(LayoutInterpreter.run(s.program, p),
                            s.program.resultFields()));
                }
                subjects.add(s);
            }
        }
        agree(model, subjects, started, 2);
    }

    /** Runs every row in Java and in C++ and fails unless both agree with the interpreter on every row. */
    private void agree(AbiModel model, List<Subject> subjects, long started, int maxRows) throws Exception {
        // 2. Java: generated, compiled in this JVM, called by reflection.
        Abic.Output javaOutput = Abic.generateJava(model, JavaEmitter.Options.DEFAULTS);
        assertWithMessage("Java generation: %s", javaOutput.diagnostics()).that(javaOutput.succeeded()).isTrue();
        // A layout whose record javac rejects is a finding; the others are compiled again without it.
        Map<String, Subject> byPath = new HashMap<>();
        subjects.forEach(s -> byPath.put(GeneratedJava.layoutPath(s.file, s.decl), s));
        List<GeneratedFile> files = new ArrayList<>(javaOutput.files());
        GeneratedJava.Compilation javac = GeneratedJava.compile(work.resolve("java0"), files);
        for (int round = 1; !javac.succeeded() && round < 3; round++) {
            for (Map.Entry<String, List<String>> e : javac.errors().entrySet()) {
                Subject s = byPath.get(e.getKey());
                if (s == null) {
                    throw new AssertionError("the generated Java does not compile, and not because of one layout's "
                            + "record:\n" + javac.describe(10));
                }
                s.javacErrors.addAll(e.getValue());
            }
            files.removeIf(f -> byPath.containsKey(f.path()) && !byPath.get(f.path()).javacErrors.isEmpty());
            javac = GeneratedJava.compile(work.resolve("java" + round), files);
        }
        assertWithMessage(javac.describe(10)).that(javac.succeeded()).isTrue();
        try (URLClassLoader loader = javac.loader()) {
            for (Subject s : subjects) {
                if (s.javacErrors.isEmpty()) {
                    GeneratedJava.LayoutCompute compute = GeneratedJava.LayoutCompute.load(loader, s.file, s.decl,
                            s.program.resultFields());
                    s.rows.forEach(row -> s.java.add(compute.call(row.params())));
                } else {
                    s.rows.forEach(row -> s.java.add(new GeneratedJava.Outcome(-1, List.of(), "javac rejects it")));
                }
            }
        }

        // 3. C++: one program over the generated headers, run as a process.
        runCpp(model, subjects);

        // 4. All three agree.
        int rows = 0;
        for (Subject s : subjects) {
            List<String> fields = s.program.resultFields();
            for (int r = 0; r < s.rows.size(); r++) {
                rows++;
                GeneratedJava.Outcome reference = s.interpreter.get(r);
                GeneratedJava.Outcome java = s.java.get(r);
                GeneratedJava.Outcome cpp = s.cpp.get(r);
                boolean javaAgrees = !s.javacErrors.isEmpty() || reference.agrees(java);  // else reported once
                if (cpp == null || !javaAgrees || !reference.agrees(cpp) || !cpp.note().isEmpty()) {
                    s.problem(r, disagreement(s, reference, java, cpp));
                }
            }
        }
        StringBuilder summary = new StringBuilder();
        for (Subject s : subjects) {
            Map<String, Integer> statuses = new TreeMap<>();
            s.interpreter.forEach(o -> statuses.merge(Status.of(o.status()).orElseThrow().name(), 1, Integer::sum));
            summary.append(String.format(Locale.ROOT, "%n  %s: %d rows %s", s.decl.name(), s.rows.size(), statuses));
        }
        System.out.printf(Locale.ROOT, "JavaCppLayoutAgreementTest: %d layouts, %d rows, Java (javac %.1f s) and "
                + "C++ against the interpreter:%s%n%.1f s%n", subjects.size(), rows, javac.seconds(), summary,
                (System.nanoTime() - started) / 1e9);

        List<Subject> failing = subjects.stream().filter(s -> !s.problems.isEmpty() || !s.javacErrors.isEmpty())
                .toList();
        if (!failing.isEmpty()) {
            StringBuilder out = new StringBuilder();
            for (Subject s : failing) {
                out.append("layout ").append(s.name()).append(": ").append(s.problems.size())
                        .append(" rows where Java, C++ and the interpreter do not all agree or a result is wrong")
                        .append(s.javacErrors.isEmpty() ? "" : "; javac rejects its Java, which is not compared")
                        .append(":\n").append(s.source()).append('\n');
                if (!s.javacErrors.isEmpty()) {
                    out.append("  javac rejects its Java record:\n    ").append(String.join("\n    ", s.javacErrors))
                            .append('\n');
                }
                s.problems.stream().limit(maxRows).forEach(p -> out.append(p).append('\n'));
                if (s.problems.size() > maxRows) {
                    out.append("  ... and ").append(s.problems.size() - maxRows).append(" more rows\n");
                }
                out.append('\n');
            }
            throw new AssertionError(out.toString());
        }
    }

    /**
     * The three results; when all three succeed, only the fields that differ, each with its
     * section as written.
     */
    private static String disagreement(Subject s, GeneratedJava.Outcome reference, GeneratedJava.Outcome java,
                                       GeneratedJava.Outcome cpp) {
        List<String> fields = s.program.resultFields();
        boolean allOk = reference.status() == 0 && java.status() == 0 && cpp != null && cpp.status() == 0;
        if (!allOk || !cpp.note().isEmpty() || java.fields().size() != fields.size()
                || cpp.fields().size() != fields.size()) {
            return "\n      interpreter " + shorten(reference.describe(fields)) + "\n      Java        "
                    + shorten(java.describe(fields)) + "\n      C++         "
                    + (cpp == null ? "(no line printed)" : shorten(cpp.describe(fields)));
        }
        // A size that differs moves every offset after it: then only the sizes.
        List<Integer> differ = IntStream.range(0, fields.size()).filter(i -> !java.fields().get(i)
                .equals(reference.fields().get(i)) || !cpp.fields().get(i).equals(reference.fields().get(i)))
                .boxed().toList();
        List<Integer> sizes = differ.stream().filter(i -> fields.get(i).endsWith("_bytes")
                && !fields.get(i).equals("total_bytes")).toList();
        StringBuilder out = new StringBuilder(" all succeed, but differ in");
        for (int i : sizes.isEmpty() ? differ : sizes) {
            String field = fields.get(i);
            String section = s.decl.sections().stream().filter(x -> field.equals(x.name() + "_bytes")
                    || field.equals(x.name() + "_offset")).findFirst()
                    .map(x -> "  (" + x.name() + ": " + x.typeText(LayoutLowering.topText(x.count())) + ")")
                    .orElse("");
            out.append("\n      ").append(field).append(": interpreter ").append(reference.fields().get(i))
                    .append(", Java ").append(java.fields().get(i)).append(", C++ ").append(cpp.fields().get(i))
                    .append(section);
        }
        return out.toString();
    }

    private static String shorten(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + " …";
    }

    // ---------------------------------------------------------------- the table

    private static List<Row> rows(Subject s) {
        int n = s.decl.params().size();
        Map<List<BigInteger>, Row> rows = new LinkedHashMap<>();
        List<Row> facts = FactsTables.rows(s.decl);
        facts.forEach(r -> rows.putIfAbsent(r.params(), r));

        // Sweeps, one parameter at a time, from valid baselines.
        List<List<BigInteger>> baselines = new ArrayList<>();
        List<BigInteger> small = values(1, 2, 4, 16, 64, 128, 256, 4096);
        cartesian(small, n).stream().filter(p -> valid(s, p)).findFirst().ifPresent(baselines::add);
        facts.stream().filter(r -> valid(s, r.params())).limit(3).forEach(r -> baselines.add(r.params()));
        if (baselines.isEmpty()) {
            throw new AssertionError("layout " + s.name() + ": no combination of " + small + " is valid, and no row of "
                    + "the facts table either; add rows for it to FactsTables");
        }
        Set<BigInteger> sweep = sweepValues(s.program);
        for (List<BigInteger> base : baselines) {
            for (int i = 0; i < n; i++) {
                for (BigInteger v : sweep) {
                    List<BigInteger> p = new ArrayList<>(base);
                    p.set(i, v);
                    rows.putIfAbsent(p, new Row("sweep " + s.decl.params().get(i) + " from " + base, p, null));
                }
            }
        }

        // Edge values together.
        List<BigInteger> edges = new ArrayList<>(values(0, 1, 2, 64, 1L << 31, (1L << 32) - 1, 1L << 32, 1L << 59));
        edges.addAll(List.of(BigInteger.ONE.shiftLeft(63), TWO_64.subtract(BigInteger.valueOf(64)), U64_MAX));
        cartesian(edges, n).forEach(p -> rows.putIfAbsent(p, new Row("edges", p, null)));

        // Random rows.
        Random random = new Random(RANDOM_SEED + s.decl.name().hashCode());
        List<BigInteger> sweepList = new ArrayList<>(sweep);
        for (int r = 0; r < RANDOM_ROWS; r++) {
            List<BigInteger> p = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                p.add(switch (random.nextInt(5)) {
                    case 0 -> sweepList.get(random.nextInt(sweepList.size()));
                    case 1 -> BigInteger.valueOf(random.nextInt(5000));
                    case 2 -> BigInteger.valueOf(64L * random.nextInt(1 << 16));
                    case 3 -> BigInteger.ONE.shiftLeft(random.nextInt(64));
                    default -> new BigInteger(64, random);
                });
            }
            rows.putIfAbsent(p, new Row("random (seed " + RANDOM_SEED + ")", p, null));
        }
        return List.copyOf(rows.values());
    }

    private static boolean valid(Subject s, List<BigInteger> params) {
        return LayoutInterpreter.run(s.program, params).status() == Status.OK;
    }

    private static List<BigInteger> values(long... values) {
        return java.util.Arrays.stream(values).mapToObj(BigInteger::valueOf).toList();
    }

    private static List<List<BigInteger>> cartesian(List<BigInteger> values, int n) {
        List<List<BigInteger>> out = new ArrayList<>();
        out.add(List.of());
        for (int i = 0; i < n; i++) {
            List<List<BigInteger>> next = new ArrayList<>();
            for (List<BigInteger> prefix : out) {
                for (BigInteger v : values) {
                    List<BigInteger> p = new ArrayList<>(prefix);
                    p.add(v);
                    next.add(p);
                }
            }
            out = next;
        }
        return out;
    }

    /** 0 to 3, 2^k and its neighbours, 2^64 − 1, and around every literal of the layout. */
    private static Set<BigInteger> sweepValues(LayoutProgram program) {
        Set<BigInteger> out = new TreeSet<>(values(0, 1, 2, 3));
        for (int k = 1; k < 64; k++) {
            BigInteger p = BigInteger.ONE.shiftLeft(k);
            out.addAll(List.of(p.subtract(BigInteger.ONE), p, p.add(BigInteger.ONE)));
        }
        out.add(U64_MAX.subtract(BigInteger.ONE));
        out.add(U64_MAX);
        for (BigInteger l : literals(program)) {
            if (l.compareTo(BigInteger.TWO) < 0) {
                continue;
            }
            BigInteger quotient = U64_MAX.divide(l);
            out.addAll(List.of(l.subtract(BigInteger.ONE), l, l.add(BigInteger.ONE), quotient,
                    quotient.add(BigInteger.ONE), TWO_64.subtract(l), TWO_64.subtract(l).add(BigInteger.ONE)));
        }
        out.removeIf(v -> v.signum() < 0 || v.compareTo(U64_MAX) > 0);
        return out;
    }

    private static Set<BigInteger> literals(LayoutProgram program) {
        Set<BigInteger> out = new TreeSet<>();
        for (LayoutProgram.Step step : program.steps()) {
            if (step instanceof LayoutProgram.Require r) {
                literals(r.condition(), out);
            } else if (step instanceof LayoutProgram.Checked c) {
                literals(c.left(), out);
                literals(c.right(), out);
            } else if (step instanceof LayoutProgram.Assign a) {
                literals(a.value(), out);
            } else if (step instanceof LayoutProgram.PlaceAt p) {
                literals(p.at(), out);
                out.add(BigInteger.valueOf(p.align()));
            }
        }
        return out;
    }

    private static void literals(Pure e, Set<BigInteger> out) {
        if (e instanceof LayoutProgram.Lit l) {
            out.add(l.value());
        } else if (e instanceof LayoutProgram.Unary u) {
            literals(u.operand(), out);
        } else if (e instanceof LayoutProgram.Binary b) {
            literals(b.left(), out);
            literals(b.right(), out);
        } else if (e instanceof LayoutProgram.Call c) {
            c.args().forEach(a -> literals(a, out));
        }
    }

    /**
     * The index of the step that fails for {@code params}: the shortest prefix of the program that
     * fails ends with it.
     */
    private static int failingStep(LayoutProgram program, List<BigInteger> params) {
        int lo = 0;
        int hi = program.steps().size();
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            LayoutProgram prefix = new LayoutProgram(program.decl(), program.steps().subList(0, mid), List.of());
            if (LayoutInterpreter.run(prefix, params).status() != Status.OK) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo - 1;
    }

    /** A step for messages: the requirement or operation, and the section it belongs to. */
    private static String describeStep(LayoutProgram program, int index) {
        String context = "";
        for (int i = index; i >= 0; i--) {
            if (program.steps().get(i) instanceof LayoutProgram.Comment c) {
                context = c.text();
                break;
            }
        }
        LayoutProgram.Step step = program.steps().get(index);
        int check = 0;
        for (int i = 0; i <= index; i++) {
            if (program.steps().get(i) instanceof LayoutProgram.Require) {
                check++;
            }
        }
        String what = step instanceof LayoutProgram.Checked c ? c.target().name() + " = " + c.op().function()
                : step instanceof LayoutProgram.Require ? "check " + check + " (one term of a require)"
                : step.getClass().getSimpleName();
        return "step " + index + ", " + what + ", in '" + context + "'";
    }

    /** The facts' vectors and formulas hold in the interpreter (the other two are compared with it). */
    private static void checkExpectations(Subject s) {
        Function<List<BigInteger>, Expect> formula = FactsTables.formula(s.decl);
        List<String> fields = s.program.resultFields();
        for (int r = 0; r < s.rows.size(); r++) {
            Row row = s.rows.get(r);
            GeneratedJava.Outcome got = s.interpreter.get(r);
            List<Expect> expects = new ArrayList<>();
            if (row.expect() != null) {
                expects.add(row.expect());
            }
            if (formula != null) {
                expects.add(formula.apply(row.params()));
            }
            for (Expect e : expects) {
                String why = null;
                if (got.status() != e.status().code()) {
                    why = "expected " + e.status();
                } else if (e.failingOp() != null) {
                    int step = s.failingSteps.get(r);
                    if (!(s.program.steps().get(step) instanceof LayoutProgram.Checked c) || c.op() != e.failingOp()) {
                        why = "expected the failure of a " + e.failingOp().function() + ", but it is at "
                                + describeStep(s.program, step);
                    }
                } else {
                    for (Map.Entry<String, BigInteger> f : e.fields().entrySet()) {
                        int i = fields.indexOf(f.getKey());
                        if (i < 0) {
                            throw new AssertionError(s.name() + " has no result field " + f.getKey() + " " + fields);
                        }
                        if (!got.fields().get(i).equals(f.getValue())) {
                            why = "expected " + f.getKey() + "=" + f.getValue();
                        }
                    }
                }
                if (why != null) {
                    s.problem(r, (e == row.expect() ? "the facts table: " : "the facts' formula: ") + why
                            + ", the interpreter gives " + got.describe(fields));
                }
            }
        }
    }

    /** Per layout: a valid result, every require check failing on its own, an overflow. */
    private static List<String> coverage(Subject s) {
        List<String> missing = new ArrayList<>();
        Map<Status, Integer> statuses = new EnumMap<>(Status.class);
        s.interpreter.forEach(o -> statuses.merge(Status.of(o.status()).orElseThrow(), 1, Integer::sum));
        Set<Integer> failed = new LinkedHashSet<>(s.failingSteps);
        for (Status must : List.of(Status.OK, Status.REQUIREMENT_FAILED, Status.ARITHMETIC_OVERFLOW)) {
            boolean possible = must != Status.REQUIREMENT_FAILED || !s.decl.requirements().isEmpty();
            if (!statuses.containsKey(must) && possible) {
                missing.add(s.name() + ": no row gives " + must + " " + statuses);
            }
        }
        for (int i = 0; i < s.program.steps().size(); i++) {
            if (s.program.steps().get(i) instanceof LayoutProgram.Require && !failed.contains(i)) {
                missing.add(s.name() + ": no row fails " + describeStep(s.program, i) + "; add one to FactsTables");
            }
        }
        Map<String, Long> byStep = s.failingSteps.stream().filter(i -> i >= 0)
                .collect(Collectors.groupingBy(i -> describeStep(s.program, i), TreeMap::new, Collectors.counting()));
        System.out.println("JavaCppLayoutAgreementTest: " + s.name() + ": " + s.rows.size() + " rows; failures by "
                + "step: " + byStep);
        return missing;
    }

    // ---------------------------------------------------------------- C++

    private void runCpp(AbiModel model, List<Subject> subjects) throws Exception {
        Abic.Output cpp = Abic.generateCpp(model, CppEmitter.Options.DEFAULTS);
        assertWithMessage("C++ generation: %s", cpp.diagnostics()).that(cpp.succeeded()).isTrue();
        Path include = Files.createDirectories(work.resolve("include"));
        OutputWriter.write(include, cpp.files());
        Path dir = Files.createDirectories(work.resolve("cpp"));
        Path main = dir.resolve("agreement.cpp");
        Files.writeString(main, program(subjects));
        Path exe = dir.resolve("agreement");
        Processes.Run build = Processes.run(dir, List.of("g++", "-std=c++17", "-O1", "-Wall", "-Wextra", "-Werror",
                "-I" + include, main.toString(), "-o", exe.toString()));
        assertWithMessage("the C++ program over the generated headers must compile:\n%s", build.describe())
                .that(build.exitCode()).isEqualTo(0);
        Processes.Run run = Processes.run(dir, List.of(exe.toString()), 120);
        assertWithMessage("the C++ program must run to its end:\n%s", tail(run.describe()))
                .that(run.exitCode() == 0 && run.output().endsWith("done\n")).isTrue();
        for (String line : run.output().split("\n")) {
            String[] p = line.split(" ");
            if (p.length < 3 || line.equals("done")) {
                continue;
            }
            Subject s = subjects.get(Integer.parseInt(p[0]));
            int status = Integer.parseInt(p[2]);
            List<BigInteger> fields = new ArrayList<>();
            String note = "";
            for (int i = 3; i < p.length; i++) {
                if (p[i].equals("touched")) {
                    note = "failed, but wrote to *out, which a failing layout function must leave untouched";
                } else {
                    fields.add(new BigInteger(p[i]));
                }
            }
            s.cpp.put(Integer.parseInt(p[1]), new GeneratedJava.Outcome(status, fields, note));
        }
    }

    /** Every layout's function on every row; one line each: layout, row, status, and fields or "touched". */
    private static String program(List<Subject> subjects) {
        List<String> out = new ArrayList<>();
        out.add("// Generated by JavaCppLayoutAgreementTest: every layout of idl/ on every row of its table.");
        out.add("#include <cstddef>");
        out.add("#include <cstdint>");
        out.add("#include <cstdio>");
        subjects.stream().map(s -> CppNames.headerPath(s.file)).distinct().forEach(h -> out.add("#include \"" + h
                + "\""));
        out.add("");
        out.add("namespace {");
        out.add("constexpr std::uint64_t kSentinel = 0xA5A5A5A5A5A5A5A5ull;");
        for (int i = 0; i < subjects.size(); i++) {
            Subject s = subjects.get(i);
            String table = "rows" + i;
            String ns = "::" + CppNames.namespace(s.file) + "::";
            List<String> fields = s.program.resultFields();
            int n = s.decl.params().size();
            out.add("");
            out.add("// " + s.name());
            out.add("const std::uint64_t " + table + "[][" + n + "] = {");
            for (Row r : s.rows) {
                out.add("    {" + r.params().stream().map(v -> v + "ull").collect(Collectors.joining(", ")) + "},");
            }
            out.add("};");
            out.add("");
            out.add("void layout" + i + "() {");
            out.add("    for (std::size_t r = 0; r < sizeof(" + table + ") / sizeof(" + table + "[0]); ++r) {");
            out.add("        " + ns + CppNames.layoutStruct(s.decl) + " out = {" + fields.stream().map(f -> "kSentinel")
                    .collect(Collectors.joining(", ")) + "};");
            out.add("        ::abic::LayoutStatus status = " + ns + CppNames.layoutFunction(s.decl) + "("
                    + IntStream.range(0, n).mapToObj(p -> table + "[r][" + p + "], ").collect(Collectors.joining())
                    + "&out);");
            out.add("        std::printf(\"" + i + " %zu %d\", r, static_cast<int>(status));");
            out.add("        if (status == ::abic::LayoutStatus::OK) {");
            for (String f : fields) {
                out.add("            std::printf(\" %llu\", static_cast<unsigned long long>(out." + f + "));");
            }
            out.add("        } else if (" + fields.stream().map(f -> "out." + f + " != kSentinel")
                    .collect(Collectors.joining(" || ")) + ") {");
            out.add("            std::printf(\" touched\");");
            out.add("        }");
            out.add("        std::printf(\"\\n\");");
            out.add("    }");
            out.add("}");
        }
        out.add("");
        out.add("}  // namespace");
        out.add("");
        out.add("int main() {");
        for (int i = 0; i < subjects.size(); i++) {
            out.add("    layout" + i + "();");
        }
        out.add("    std::printf(\"done\\n\");");
        out.add("    return 0;");
        out.add("}");
        return String.join("\n", out) + "\n";
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return lines.size() <= 40 ? text : String.join("\n", lines.subList(lines.size() - 40, lines.size()));
    }

    // ---------------------------------------------------------------- the facts

    /**
     * The layouts of shared/reference/simpler-abi-facts.md: their vectors and boundary rows, and
     * their formulas, restated here from the facts (not from abic) as an independent opinion.
     */
    static final class FactsTables {
        private FactsTables() {}

        static final BigInteger P31 = BigInteger.ONE.shiftLeft(31);
        static final BigInteger P30 = BigInteger.ONE.shiftLeft(30);
        static final BigInteger P32 = BigInteger.ONE.shiftLeft(32);
        static final BigInteger U32_MAX = P32.subtract(BigInteger.ONE);

        static BigInteger b(long v) {
            return BigInteger.valueOf(v);
        }

        /** 2^64 − v. */
        static BigInteger top(long v) {
            return TWO_64.subtract(BigInteger.valueOf(v));
        }

        static BigInteger alignUp(BigInteger v, long a) {
            BigInteger al = BigInteger.valueOf(a);
            return v.add(al).subtract(BigInteger.ONE).divide(al).multiply(al);
        }

        static boolean isPow2(BigInteger v) {
            return v.signum() > 0 && v.bitCount() == 1;
        }

        static Row row(String label, Expect expect, BigInteger... params) {
            return new Row(label, List.of(params), expect);
        }

        static List<Row> rows(LayoutDecl decl) {
            return switch (decl.name()) {
                case "L3L2QueueRegion" -> queueRows();
                case "HostDeviceMappedRegion" -> hdmrRows();
                case "HostDeviceChannelRegion" -> hdchRows();
                default -> List.of();
            };
        }

        /** The facts' formula for the layout: its status and fields for any parameters; null if none. */
        static Function<List<BigInteger>, Expect> formula(LayoutDecl decl) {
            return switch (decl.name()) {
                case "L3L2QueueRegion" -> FactsTables::queueFormula;
                case "HostDeviceMappedRegion" -> FactsTables::hdmrFormula;
                case "HostDeviceChannelRegion" -> FactsTables::hdchFormula;
                default -> null;
            };
        }

        /** Status OK and the given fields when every value fits in 64 bits, else an overflow. */
        private static Expect fitting(Map<String, BigInteger> fields) {
            boolean fits = fields.values().stream().allMatch(v -> v.compareTo(U64_MAX) <= 0);
            return fits ? Expect.ok(fields) : Expect.fails(Status.ARITHMETIC_OVERFLOW);
        }

        // §5.5: depth a power of two in [1, 2^30], arenas > 0 and multiples of 64.
        private static Expect queueFormula(List<BigInteger> p) {
            BigInteger depth = p.get(0);
            BigInteger in = p.get(1);
            BigInteger out = p.get(2);
            BigInteger sixtyFour = b(64);
            if (!isPow2(depth) || depth.compareTo(P30) > 0 || in.signum() == 0 || in.mod(sixtyFour).signum() != 0
                    || out.signum() == 0 || out.mod(sixtyFour).signum() != 0) {
                return Expect.fails(Status.REQUIREMENT_FAILED);
            }
            BigInteger ring = depth.multiply(b(32));
            BigInteger inOff = alignUp(ring.multiply(BigInteger.TWO), 64);
            BigInteger outOff = alignUp(inOff.add(in), 64);
            Map<String, BigInteger> f = new LinkedHashMap<>();
            f.put("input_desc_offset", BigInteger.ZERO);
            f.put("output_desc_offset", ring);
            f.put("input_arena_offset", inOff);
            f.put("output_arena_offset", outOff);
            f.put("total_bytes", outOff.add(out));
            return fitting(f);
        }

        private static List<Row> queueRows() {
            List<Row> r = new ArrayList<>();
            // The lock-step vectors of §5.5.
            r.add(row("facts §5.5", Expect.ok(Map.of("output_desc_offset", b(32), "input_arena_offset", b(64),
                    "output_arena_offset", b(128), "total_bytes", b(192))), b(1), b(64), b(64)));
            r.add(row("facts §5.5", Expect.ok(Map.of("output_desc_offset", b(128), "input_arena_offset", b(256),
                    "output_arena_offset", b(384), "total_bytes", b(576))), b(4), b(128), b(192)));
            r.add(row("facts §5.5", Expect.ok(Map.of("output_desc_offset", b(256), "input_arena_offset", b(512),
                    "output_arena_offset", b(704), "total_bytes", b(768))), b(8), b(192), b(64)));
            // The inputs §5.5 says are rejected, and the other requirements.
            Expect rejected = Expect.fails(Status.REQUIREMENT_FAILED);
            r.add(row("facts §5.5: depth 3", rejected, b(3), b(64), b(64)));
            r.add(row("facts §5.5: depth 2^30 + 1", rejected, P30.add(BigInteger.ONE), b(64), b(64)));
            r.add(row("facts §5.5: input arena 0", rejected, b(4), b(0), b(64)));
            r.add(row("facts §5.5: input arena 127", rejected, b(4), b(127), b(64)));
            r.add(row("facts §5.5: output arena 0", rejected, b(4), b(64), b(0)));
            r.add(row("facts §5.5: output arena 127", rejected, b(4), b(64), b(127)));
            r.add(row("depth 0", rejected, b(0), b(64), b(64)));
            r.add(row("depth 2^31 (a power of two above the maximum)", rejected, P31, b(64), b(64)));
            r.add(row("depth 2^59 (depth * 32 would be 2^64)", rejected, BigInteger.ONE.shiftLeft(59), b(64), b(64)));
            r.add(row("depth 2^64 - 1", rejected, U64_MAX, b(64), b(64)));
            // Boundaries: the largest inputs that fit, and one granule more.
            r.add(row("depth 2^30, the maximum", Expect.ok(Map.of("output_desc_offset", BigInteger.ONE.shiftLeft(35),
                    "input_arena_offset", BigInteger.ONE.shiftLeft(36))), P30, b(64), b(64)));
            r.add(row("total 2^64 - 64, the largest", Expect.ok(Map.of("total_bytes", top(64))), b(1), top(192),
                    b(64)));
            r.add(row("output arena end overflows by one", Expect.overflowIn(CheckedOp.ADD), b(1), top(128), b(64)));
            r.add(row("input arena end overflows by one", Expect.overflowIn(CheckedOp.ADD), b(1), top(64), b(64)));
            r.add(row("output arena 2^64 - 64", Expect.overflowIn(CheckedOp.ADD), b(1), b(64), top(64)));
            BigInteger rings = BigInteger.ONE.shiftLeft(36);
            r.add(row("depth 2^30, total 2^64 - 64", Expect.ok(Map.of("total_bytes", top(64))), P30,
                    TWO_64.subtract(rings).subtract(b(128)), b(64)));
            r.add(row("depth 2^30, overflow by one", Expect.overflowIn(CheckedOp.ADD), P30,
                    TWO_64.subtract(rings).subtract(b(64)), b(64)));
            return r;
        }

        // §2.3: signal_count in [1, 2^32 - 1] (a u32), data_bytes != 0; 64-byte header and slots.
        private static Expect hdmrFormula(List<BigInteger> p) {
            BigInteger signals = p.get(0);
            BigInteger data = p.get(1);
            if (signals.signum() == 0 || signals.compareTo(U32_MAX) > 0 || data.signum() == 0) {
                return Expect.fails(Status.REQUIREMENT_FAILED);
            }
            BigInteger signalsEnd = b(64).add(signals.multiply(b(64)));
            BigInteger dataOffset = alignUp(signalsEnd, 64);
            Map<String, BigInteger> f = new LinkedHashMap<>();
            f.put("signals_offset", b(64));
            f.put("data_offset", dataOffset);
            f.put("data_bytes", data);
            f.put("total_bytes", alignUp(dataOffset.add(data), 64));
            // The sum must fit before it is rounded up.
            return dataOffset.add(data).compareTo(U64_MAX) > 0 ? Expect.fails(Status.ARITHMETIC_OVERFLOW) : fitting(f);
        }

        private static List<Row> hdmrRows() {
            List<Row> r = new ArrayList<>();
            r.add(row("facts §2.3: 2 signals, 256 data bytes", Expect.ok(Map.of("signals_offset", b(64), "data_offset",
                    b(192), "total_bytes", b(448))), b(2), b(256)));
            Expect rejected = Expect.fails(Status.REQUIREMENT_FAILED);
            r.add(row("signal_count 0", rejected, b(0), b(256)));
            r.add(row("signal_count 2^32", rejected, P32, b(256)));
            r.add(row("data_bytes 0", rejected, b(2), b(0)));
            BigInteger dataAt = BigInteger.ONE.shiftLeft(38);
            r.add(row("signal_count 2^32 - 1, the maximum", Expect.ok(Map.of("data_offset", dataAt, "total_bytes",
                    dataAt.add(b(64)))), U32_MAX, b(1)));
            r.add(row("total 2^64 - 64, the largest", Expect.ok(Map.of("total_bytes", top(64))), b(1), top(192)));
            r.add(row("align_up of the total overflows by one", Expect.overflowIn(CheckedOp.ALIGN_UP), b(1), top(191)));
            r.add(row("end at 2^64 - 1, align_up overflows", Expect.overflowIn(CheckedOp.ALIGN_UP), b(1), top(129)));
            r.add(row("data end overflows by one", Expect.overflowIn(CheckedOp.ADD), b(1), top(128)));
            r.add(row("data_bytes 2^64 - 1", Expect.overflowIn(CheckedOp.ADD), b(1), U64_MAX));
            r.add(row("2^32 - 1 signals, total 2^64 - 64", Expect.ok(Map.of("total_bytes", top(64))), U32_MAX,
                    TWO_64.subtract(dataAt).subtract(b(64))));
            r.add(row("2^32 - 1 signals, align_up overflows by one", Expect.overflowIn(CheckedOp.ALIGN_UP), U32_MAX,
                    TWO_64.subtract(dataAt).subtract(b(63))));
            r.add(row("2^32 - 1 signals, data end overflows by one", Expect.overflowIn(CheckedOp.ADD), U32_MAX,
                    TWO_64.subtract(dataAt)));
            return r;
        }

        // §6.2/§6.4: lane counts in [1, 2^32 - 1] (u32), lane_depth a power of two that fits a u32;
        // 128-byte header, lane stride 64 + depth * 320, total align_up(128 + (N + M) * stride, 64).
        private static Expect hdchFormula(List<BigInteger> p) {
            BigInteger cpu = p.get(0);
            BigInteger l2 = p.get(1);
            BigInteger depth = p.get(2);
            if (cpu.signum() == 0 || cpu.compareTo(U32_MAX) > 0 || l2.signum() == 0 || l2.compareTo(U32_MAX) > 0
                    || !isPow2(depth) || depth.compareTo(U32_MAX) > 0) {
                return Expect.fails(Status.REQUIREMENT_FAILED);
            }
            BigInteger stride = b(64).add(depth.multiply(b(320)));
            Map<String, BigInteger> f = new LinkedHashMap<>();
            f.put("cpu_to_l2_lanes_offset", b(128));
            f.put("cpu_to_l2_lanes_bytes", cpu.multiply(stride));
            f.put("l2_to_cpu_lanes_offset", b(128).add(cpu.multiply(stride)));
            f.put("l2_to_cpu_lanes_bytes", l2.multiply(stride));
            f.put("total_bytes", alignUp(b(128).add(cpu.add(l2).multiply(stride)), 64));
            return fitting(f);
        }

        private static List<Row> hdchRows() {
            List<Row> r = new ArrayList<>();
            r.add(row("facts §6.4: one lane each way, depth 16", Expect.ok(Map.of("cpu_to_l2_lanes_offset", b(128),
                    "l2_to_cpu_lanes_offset", b(128 + 5184), "total_bytes", b(10496))), b(1), b(1), b(16)));
            Expect rejected = Expect.fails(Status.REQUIREMENT_FAILED);
            r.add(row("no CPU to L2 lane", rejected, b(0), b(1), b(16)));
            r.add(row("2^32 CPU to L2 lanes", rejected, P32, b(1), b(16)));
            r.add(row("no L2 to CPU lane", rejected, b(1), b(0), b(16)));
            r.add(row("2^32 L2 to CPU lanes", rejected, b(1), P32, b(16)));
            r.add(row("lane_depth 0", rejected, b(1), b(1), b(0)));
            r.add(row("lane_depth 3", rejected, b(1), b(1), b(3)));
            r.add(row("lane_depth 2^32", rejected, b(1), b(1), P32));
            // Lane stride at the maximum depth: 64 + 2^31 * 320; the most lanes whose bytes fit.
            BigInteger stride = b(64).add(P31.multiply(b(320)));
            BigInteger most = U64_MAX.divide(stride);
            r.add(row("lane_depth 2^31, the maximum", Expect.ok(Map.of("total_bytes", b(128).add(stride.shiftLeft(1)))),
                    b(1), b(1), P31));
            r.add(row("CPU to L2 lanes * stride overflows by one lane", Expect.overflowIn(CheckedOp.MUL),
                    most.add(BigInteger.ONE), b(1), P31));
            r.add(row("L2 to CPU lanes * stride overflows by one lane", Expect.overflowIn(CheckedOp.MUL), b(1),
                    most.add(BigInteger.ONE), P31));
            r.add(row("the most lanes that fit, in total", Expect.ok(Map.of("total_bytes",
                    b(128).add(most.multiply(stride)))), most.subtract(BigInteger.ONE), b(1), P31));
            r.add(row("one lane more than fits", Expect.overflowIn(CheckedOp.ADD), most, b(1), P31));
            r.add(row("2^32 - 1 lanes each way, depth 1", Expect.ok(Map.of()), U32_MAX, U32_MAX, b(1)));
            return r;
        }
    }
}
