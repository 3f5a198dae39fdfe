package dev.abic.cli;

import dev.abic.compiler.Abic;
import dev.abic.compiler.diag.Diagnostic;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.emit.OutputWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** What every command does with its inputs: check they exist, compile, print diagnostics, write outputs. */
final class Inputs {
    private Inputs() {}

    /** Fails with a usage error (exit 2) when an input does not exist. */
    static void requireExisting(CommandLine commandLine, List<Path> inputs) {
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw new CommandLine.ParameterException(commandLine, "no such file or directory: " + p);
            }
        }
    }

    /** Compiles and prints the diagnostics; the result is successful when there were no errors. */
    static Abic.Result compile(List<Path> inputs, PrintWriter err) {
        Abic.Result result = Abic.compile(inputs);
        print(result.diagnostics(), err);
        return result;
    }

    /**
     * Writes generated files into {@code dir} (unchanged ones left alone) and, unless quiet, says
     * how many were written; returns the exit status (OK, or OUTPUT_ERROR with the reason printed).
     */
    static int write(Path dir, List<GeneratedFile> files, int sources, boolean quiet, PrintWriter out,
            PrintWriter err) {
        try {
            OutputWriter.Report report = OutputWriter.write(dir, files);
            if (!quiet) {
                out.println("abic: " + sources + " .abi file(s) -> " + dir + ": " + report.written().size()
                        + " written, " + report.unchanged().size() + " unchanged");
            }
            return AbicCommand.OK;
        } catch (IOException e) {
            err.println("abic: error: cannot write " + dir + ": " + e.getMessage());
            return AbicCommand.OUTPUT_ERROR;
        }
    }

    static void print(List<Diagnostic> diagnostics, PrintWriter err) {
        for (Diagnostic d : diagnostics) {
            err.println(d.render());
        }
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        if (errors > 0) {
            err.println(errors + (errors == 1 ? " error" : " errors"));
        }
        err.flush();
    }
}
