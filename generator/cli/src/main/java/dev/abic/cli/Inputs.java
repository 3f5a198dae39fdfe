package dev.abic.cli;

import dev.abic.compiler.Abic;
import dev.abic.compiler.diag.Diagnostic;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** What every command does with its inputs: check they exist, compile, print diagnostics. */
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
