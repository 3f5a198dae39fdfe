package dev.abic.compiler;

import dev.abic.compiler.check.AbiChecks;
import dev.abic.compiler.diag.Diagnostic;
import dev.abic.compiler.diag.Diagnostics;
import dev.abic.compiler.diag.SourceFile;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.emit.cpp.CppEmitter;
import dev.abic.compiler.emit.doc.DocEmitter;
import dev.abic.compiler.emit.java.JavaEmitter;
import dev.abic.compiler.model.AbiModel;
import dev.abic.compiler.resolve.Loader;
import dev.abic.compiler.resolve.Resolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The compiler as a library: {@code .abi} files in, a checked model and generated files out.
 * Diagnostics are values; nothing here throws for bad input.
 *
 * <pre>{@code
 * Abic.Result r = Abic.compile(List.of(Path.of("idl")));
 * r.diagnostics().forEach(d -> System.err.println(d.render()));
 * if (r.succeeded()) {
 *     List<GeneratedFile> headers = Abic.generateCpp(r.model().get(), CppEmitter.Options.DEFAULTS).files();
 * }
 * }</pre>
 */
public final class Abic {
    private Abic() {}

    /**
     * The outcome of a compilation.
     *
     * @param model       present when there were no errors
     * @param diagnostics everything found, sorted by file, line and column
     * @param sources     every file read, inputs and imports
     */
    public record Result(Optional<AbiModel> model, List<Diagnostic> diagnostics, List<SourceFile> sources) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
            sources = List.copyOf(sources);
        }

        public boolean succeeded() {
            return model.isPresent();
        }
    }

    /** Generated files, or the diagnostics that prevented them. */
    public record Output(List<GeneratedFile> files, List<Diagnostic> diagnostics) {
        public Output {
            files = List.copyOf(files);
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean succeeded() {
            return diagnostics.stream().noneMatch(Diagnostic::isError);
        }
    }

    /**
     * Compiles the given files and directories (every {@code *.abi} below a directory, in name
     * order) and the files they import.
     */
    public static Result compile(List<Path> inputs) {
        Diagnostics diagnostics = new Diagnostics();
        List<Loader.Input> files = expand(inputs, diagnostics);
        Loader loader = new Loader(diagnostics);
        loader.load(files);
        if (files.isEmpty() && !diagnostics.hasErrors()) {
            diagnostics.report(Diagnostic.globalError("no .abi files found in " + inputs));
        }
        return finish(loader, diagnostics);
    }

    /**
     * Compiles one file from its text, as if it were at {@code path} (which need not exist; its
     * imports are read relative to it). For tools that hold the text in memory.
     */
    public static Result compileText(Path path, String text) {
        Diagnostics diagnostics = new Diagnostics();
        Loader loader = new Loader(diagnostics);
        loader.loadText(path, text);
        return finish(loader, diagnostics);
    }

    private static Result finish(Loader loader, Diagnostics diagnostics) {
        // Files that failed to load or parse are left out, with the files that import them; the rest
        // are resolved and checked, on whatever resolved, so that one error does not hide another.
        AbiModel model = new Resolver(diagnostics).resolve(loader.completeFiles());
        AbiChecks.check(model, diagnostics);
        Optional<AbiModel> result = diagnostics.hasErrors() ? Optional.empty() : Optional.of(model);
        return new Result(result, diagnostics.sorted(loader.sources()), loader.sources());
    }

    /** The C++ headers for a compiled model. */
    public static Output generateCpp(AbiModel model, CppEmitter.Options options) {
        Diagnostics diagnostics = new Diagnostics();
        List<GeneratedFile> files = CppEmitter.emit(model, options, diagnostics);
        return new Output(files, diagnostics.sorted(List.of()));
    }

    /** The Java sources (FFM, release 22) for a compiled model. */
    public static Output generateJava(AbiModel model, JavaEmitter.Options options) {
        // Every Java name was checked with the model; the Java emitter has nothing to report.
        return new Output(JavaEmitter.emit(model, options), List.of());
    }

    /**
     * The documentation for a compiled model: a Markdown page per file and an SVG byte map per
     * struct (see {@link DocEmitter}).
     */
    public static Output generateDoc(AbiModel model) {
        return new Output(DocEmitter.emit(model), List.of());
    }

    /**
     * The {@code .abi} files a directory input stands for: every regular {@code *.abi} file below
     * it, in name order. Tools that watch inputs (the Maven plugin) use this same rule.
     */
    public static List<Path> abiFilesUnder(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".abi") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        }
    }

    /** Directories become the {@code .abi} files under them, sorted, with the directory as their root. */
    static List<Loader.Input> expand(List<Path> inputs, Diagnostics diagnostics) {
        List<Loader.Input> out = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try {
                    abiFilesUnder(input).forEach(p -> out.add(new Loader.Input(p, input)));
                } catch (IOException e) {
                    diagnostics.report(Diagnostic.globalError("cannot list " + input + ": " + e.getMessage()));
                }
            } else if (Files.isRegularFile(input)) {
                Path parent = input.toAbsolutePath().getParent();
                out.add(new Loader.Input(input, parent));
            } else {
                diagnostics.report(Diagnostic.globalError("no such file or directory: " + input));
            }
        }
        return out;
    }
}
