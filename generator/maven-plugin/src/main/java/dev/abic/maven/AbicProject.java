package dev.abic.maven;

import dev.abic.compiler.Abic;
import dev.abic.compiler.diag.Diagnostic;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.emit.cpp.CppEmitter;
import dev.abic.compiler.model.AbiModel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * What the goals that compile {@code .abi} files share: the project's configured sources, and the
 * compiler's diagnostics logged as the {@code abic} command prints them, errors failing the build
 * without a stack trace.
 */
record AbicProject(MavenProject project, Log log) {
    /**
     * The configured inputs (the {@code sources} parameter), absolute; the default folder when none
     * is configured and it exists; empty when there is nothing to compile.
     */
    List<Path> inputs(List<File> sources) {
        if (sources == null || sources.isEmpty()) {
            return Files.isDirectory(defaultSources()) ? List.of(defaultSources()) : List.of();
        }
        return sources.stream().map(this::absolute).toList();
    }

    /** A configured path, relative ones taken from the project's folder. */
    Path absolute(File file) {
        return project.getBasedir().toPath().toAbsolutePath().resolve(file.toPath()).normalize();
    }

    /** {@code src/main/abi}: the sources when none are configured. */
    Path defaultSources() {
        return project.getBasedir().toPath().resolve("src/main/abi");
    }

    /** A path relative to the project's folder when it is below it, for shorter log lines. */
    String relative(Path path) {
        Path base = project.getBasedir().toPath().toAbsolutePath();
        Path absolute = path.toAbsolutePath();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    }

    /** The C++ emitter's options, or the build failure that names a bad {@code umbrellaHeader}. */
    static CppEmitter.Options cppOptions(String umbrellaHeader) throws MojoFailureException {
        String problem = CppEmitter.Options.umbrellaProblem(umbrellaHeader);
        if (problem != null) {
            throw new MojoFailureException("abic: umbrellaHeader: " + problem);
        }
        return new CppEmitter.Options(umbrellaHeader);
    }

    /** Logs the compilation's diagnostics; its model, or the build failure that its errors are. */
    AbiModel model(Abic.Result result) throws MojoFailureException {
        report(result.diagnostics());
        return result.model().orElseThrow(() -> failure(result.diagnostics()));
    }

    /** Logs an emitter's diagnostics; its files, or the build failure that its errors are. */
    List<GeneratedFile> files(Abic.Output output) throws MojoFailureException {
        report(output.diagnostics());
        if (!output.succeeded()) {
            throw failure(output.diagnostics());
        }
        return output.files();
    }

    /** Logs each diagnostic as the {@code abic} command prints it. */
    private void report(List<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) {
            if (d.isError()) {
                log.error(d.render());
            } else {
                log.warn(d.render());
            }
        }
    }

    /** A failure that names the first error (what an IDE shows) and counts the others. */
    private static MojoFailureException failure(List<Diagnostic> diagnostics) {
        List<Diagnostic> errors = diagnostics.stream().filter(Diagnostic::isError).toList();
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more error(s), see above)" : "";
        return new MojoFailureException(errors.get(0).headline() + more);
    }
}
