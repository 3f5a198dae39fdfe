package dev.abic.tests;

import dev.abic.compiler.check.JavaNames;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.emit.OutputWriter;
import dev.abic.compiler.layout.LayoutInterpreter;
import dev.abic.compiler.layout.LayoutProgram;
import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.LayoutDecl;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Generated Java, compiled in this JVM with {@code javax.tools} (one javac invocation for all the
 * files, {@code --release 22}, every lint warning an error) and loaded with its own class loader;
 * and the outcome of a generated layout record's {@code compute}, called by reflection.
 */
final class GeneratedJava {
    static final List<String> JAVAC_OPTIONS = List.of("--release", "22", "-Xlint:all", "-Werror", "-proc:none");

    private GeneratedJava() {}

    /**
     * One javac run over generated files: {@code errors} holds javac's messages by the generated
     * path they are in (such as {@code simpler/l3l2/L3L2QueueRegionLayout.java}); messages outside
     * every file are under the empty path.
     */
    record Compilation(boolean succeeded, Path classes, Map<String, List<String>> errors, double seconds) {
        /** The messages, at most {@code max} files' worth, for a failure message. */
        String describe(int max) {
            StringBuilder out = new StringBuilder("javac " + String.join(" ", JAVAC_OPTIONS) + " fails:\n");
            errors.entrySet().stream().limit(max).forEach(e -> out.append(String.join("\n", e.getValue()))
                    .append('\n'));
            if (errors.size() > max) {
                out.append("... and messages in ").append(errors.size() - max).append(" more files\n");
            }
            return out.toString();
        }

        /** A class loader over the compiled classes, the test's own classes as parent. */
        URLClassLoader loader() {
            try {
                return new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratedJava.class.getClassLoader());
            } catch (MalformedURLException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Writes {@code files} under {@code dir}/src and compiles them all at once to {@code dir}/classes. */
    static Compilation compile(Path dir, List<GeneratedFile> files) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new AssertionError("the tests must run on a JDK 22+ with javac (the toolchain selects Temurin 25); "
                    + "this JVM has none: " + System.getProperty("java.home"));
        }
        Path src = dir.resolve("src");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        OutputWriter.write(src, files);
        List<Path> sources = files.stream().map(f -> src.resolve(f.path())).toList();
        long started = System.nanoTime();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter log = new StringWriter();
        boolean ok;
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = new ArrayList<>(JAVAC_OPTIONS);
            options.addAll(List.of("-d", classes.toString()));
            ok = javac.getTask(log, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(sources)).call();
        }
        Map<String, List<String>> errors = new TreeMap<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR && d.getKind() != Diagnostic.Kind.WARNING
                    && d.getKind() != Diagnostic.Kind.MANDATORY_WARNING) {
                continue;
            }
            String path = d.getSource() == null ? "" : src.relativize(Path.of(d.getSource().toUri())).toString();
            errors.computeIfAbsent(path, k -> new ArrayList<>()).add(path + ":" + d.getLineNumber() + ": "
                    + d.getKind().toString().toLowerCase(Locale.ROOT) + ": " + d.getMessage(Locale.ROOT)
                    + sourceLine(d));
        }
        if (!log.toString().isBlank()) {
            errors.computeIfAbsent("", k -> new ArrayList<>()).add(log.toString().trim());
        }
        return new Compilation(ok, classes, errors, (System.nanoTime() - started) / 1e9);
    }

    private static String sourceLine(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null || d.getLineNumber() <= 0) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(d.getSource().toUri()));
            return "\n    " + lines.get((int) d.getLineNumber() - 1).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The binary name of a generated class: {@code simpler/l3l2/X.java} → {@code simpler.l3l2.X}. */
    static String className(String generatedPath) {
        return generatedPath.replaceAll("\\.java$", "").replace('/', '.');
    }

    /** The generated path of a layout's record: {@code simpler/l3l2/L3L2QueueRegionLayout.java}. */
    static String layoutPath(AbiFile file, LayoutDecl decl) {
        return JavaNames.packageName(file).replace('.', '/') + "/" + JavaNames.layoutRecord(decl) + ".java";
    }

    // ---------------------------------------------------------------- layouts

    /**
     * How one layout computation ended, in any of the three implementations: the status code of
     * {@code abic::LayoutStatus} and, on OK, every result field in order; or (status -1) something
     * no layout function may do, described in {@code note}.
     */
    record Outcome(int status, List<BigInteger> fields, String note) {
        static Outcome of(LayoutInterpreter.Result r, List<String> resultFields) {
            return new Outcome(r.status().code(), r.status() == LayoutProgram.Status.OK
                    ? resultFields.stream().map(f -> r.fields().get(f)).toList() : List.of(), "");
        }

        /** Equal status and, on OK, equal fields; notes do not count. */
        boolean agrees(Outcome o) {
            return status == o.status && fields.equals(o.fields);
        }

        String describe(List<String> names) {
            String name = status < 0 ? "no status" : LayoutProgram.Status.of(status)
                    .map(Enum::name).orElse("status " + status);
            StringBuilder out = new StringBuilder(name);
            if (!fields.isEmpty()) {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < fields.size(); i++) {
                    parts.add((i < names.size() ? names.get(i) : "?") + "=" + fields.get(i));
                }
                out.append(" {").append(String.join(", ", parts)).append('}');
            }
            return note.isEmpty() ? out.toString() : out + " (" + note + ")";
        }
    }

    /** A generated layout record's {@code compute}, called by reflection. */
    static final class LayoutCompute {
        private final Method compute;
        private final List<Method> accessors;

        private LayoutCompute(Method compute, List<Method> accessors) {
            this.compute = compute;
            this.accessors = accessors;
        }

        /**
         * The record of {@code decl} in {@code loader}; fails unless it has a static
         * {@code compute(long...)} taking one long per parameter and one long component per result
         * field, named {@link JavaNames#member} of the field, in order.
         */
        static LayoutCompute load(ClassLoader loader, AbiFile file, LayoutDecl decl, List<String> resultFields) {
            String name = className(layoutPath(file, decl));
            Class<?> record;
            try {
                record = Class.forName(name, true, loader);
            } catch (ClassNotFoundException e) {
                throw new AssertionError("the generated Java has no class " + name + " for layout " + decl.name(), e);
            }
            Class<?>[] longs = new Class<?>[decl.params().size()];
            Arrays.fill(longs, long.class);
            Method compute;
            try {
                compute = record.getMethod("compute", longs);
            } catch (NoSuchMethodException e) {
                throw new AssertionError(name + " has no public static compute(" + decl.params().size() + " longs)", e);
            }
            RecordComponent[] components = record.getRecordComponents();
            List<String> expected = resultFields.stream().map(JavaNames::member).toList();
            List<String> actual = components == null ? List.of()
                    : Arrays.stream(components).map(RecordComponent::getName).toList();
            if (!actual.equals(expected) || !Arrays.stream(components).allMatch(c -> c.getType() == long.class)) {
                throw new AssertionError(name + ": the record components must be the result fields " + expected
                        + " as longs, but are " + (components == null ? "none (not a record)"
                        : Arrays.stream(components).map(c -> c.getType() + " " + c.getName())
                                .collect(Collectors.joining(", "))));
            }
            return new LayoutCompute(compute, Arrays.stream(components).map(RecordComponent::getAccessor).toList());
        }

        /** Calls compute; the parameters are unsigned 64-bit values. */
        Outcome call(List<BigInteger> params) {
            Object[] args = params.stream().map(BigInteger::longValue).toArray();
            Object result;
            try {
                result = compute.invoke(null, args);
            } catch (InvocationTargetException e) {
                return failure(e.getCause());
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
            if (result == null) {
                return new Outcome(-1, List.of(), "compute returned null");
            }
            List<BigInteger> fields = new ArrayList<>();
            for (Method m : accessors) {
                try {
                    fields.add(new BigInteger(Long.toUnsignedString((long) m.invoke(result))));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            return new Outcome(0, fields, "");
        }

        /** The status an {@code AbiLayoutException} carries; anything else is reported as it is. */
        private static Outcome failure(Throwable thrown) {
            if (!thrown.getClass().getSimpleName().equals(JavaNames.LAYOUT_EXCEPTION)) {
                return new Outcome(-1, List.of(), "threw " + thrown);
            }
            try {
                Object reason = thrown.getClass().getMethod("reason").invoke(thrown);
                int code = (int) reason.getClass().getMethod("code").invoke(reason);
                String name = ((Enum<?>) reason).name();
                boolean named = LayoutProgram.Status.of(code).filter(s -> s.name().equals(name)).isPresent();
                if (!named) {
                    return new Outcome(-1, List.of(), "AbiLayoutException with reason " + name + " of code " + code
                            + ", which is not that of abic::LayoutStatus");
                }
                return new Outcome(code, List.of(), String.valueOf(thrown.getMessage()));
            } catch (ReflectiveOperationException | ClassCastException e) {
                return new Outcome(-1, List.of(), "threw " + thrown + ", whose reason cannot be read: " + e);
            }
        }
    }
}
