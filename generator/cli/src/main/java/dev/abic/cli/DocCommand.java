package dev.abic.cli;

import dev.abic.compiler.Abic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code abic doc}: writes the documentation pages and byte maps of .abi files. */
@Command(name = "doc",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a documentation page per .abi file, with an SVG byte map of every struct.",
            "Each page (FILE.md) has the file's constants, enums and flag sets, structs (a byte map FILE/STRUCT.svg and"
                + " a field table) and layouts (requirements and sections), with every type linked to its page."
                + " Files whose content is unchanged are not rewritten. Nothing is written when there are errors."},
        footerHeading = "%nExit status:%n",
        footer = {"  0 written; 1 errors in the input; 2 usage error; 3 cannot write the output"})
final class DocCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Where to write the pages (FILE.md) and byte maps (FILE/STRUCT.svg).")
    Path outputDirectory;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but diagnostics.")
    boolean quiet;

    @CommandLine.Mixin
    AbiInputs inputs;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        inputs.requireExisting(spec.commandLine());
        Abic.Result result = inputs.compile(err);
        if (!result.succeeded()) {
            return AbicCommand.INPUT_ERRORS;
        }
        return Inputs.write(outputDirectory, Abic.generateDoc(result.model().get()).files(), result.sources().size(), quiet,
                spec.commandLine().getOut(), err);
    }
}
