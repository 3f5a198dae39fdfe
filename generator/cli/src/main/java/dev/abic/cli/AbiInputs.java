package dev.abic.cli;

import dev.abic.compiler.Abic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/** The {@code .abi} files a command compiles: its positional parameters, as a picocli mixin. */
final class AbiInputs {
    @Parameters(paramLabel = "FILE|DIR", arity = "1..*",
            description = ".abi files, or directories searched for *.abi files. Imported files are compiled too.")
    List<Path> paths;

    /** Fails with a usage error (exit 2) when one does not exist. */
    void requireExisting(CommandLine commandLine) {
        Inputs.requireExisting(commandLine, paths);
    }

    /** Compiles them and prints the diagnostics. */
    Abic.Result compile(PrintWriter err) {
        return Inputs.compile(paths, err);
    }
}
