package dev.abic.cli;

import dev.abic.compiler.Abic;
import dev.abic.compiler.drift.DriftCheck;
import dev.abic.compiler.drift.InvalidFile;
import dev.abic.compiler.drift.LockFile;
import dev.abic.compiler.drift.Snapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code abic lock}: writes the ABI snapshot that {@code abic check --baseline} compares with. */
@Command(name = "lock",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the ABI snapshot (abi.lock) that 'abic check --baseline' compares with.",
            "The snapshot of the .abi files (and the files they import) has every struct with each field's offset,"
                + " size, type and marks, every enum and flag value, every constant, every layout's parameters,"
                + " preconditions and formula. JSON, stable order, one entry per line: commit it next to the .abi"
                + " files and review its diff. The file is rewritten only when the ABI changed."},
        footerHeading = "%nExit status:%n",
        footer = {"  0 written (or unchanged); 1 errors in the input; 2 usage error; 3 cannot write the file"})
final class LockCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the lock file (abi.lock by convention); standard output when not given.")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but diagnostics.")
    boolean quiet;

    @CommandLine.Mixin
    AbiInputs inputs;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        inputs.requireExisting(spec.commandLine());
        Abic.Result result = inputs.compile(err);
        if (!result.succeeded()) {
            return AbicCommand.INPUT_ERRORS;
        }
        try {
            if (output == null) {
                out.print(LockFile.write(Snapshot.of(result.model().get())));
                out.flush();
                return AbicCommand.OK;
            }
            boolean changed = DriftCheck.writeLock(result.model().get(), output);
            if (!quiet) {
                out.println("abic: " + output + (changed ? " written" : " unchanged"));
            }
            return AbicCommand.OK;
        } catch (InvalidFile e) {
            err.println(e.diagnostic().render());
            err.flush();
            return AbicCommand.INPUT_ERRORS;
        } catch (IOException e) {
            err.println("abic: error: cannot write " + output + ": " + e.getMessage());
            return AbicCommand.OUTPUT_ERROR;
        }
    }
}
