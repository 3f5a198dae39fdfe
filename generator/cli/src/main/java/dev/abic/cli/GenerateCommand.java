package dev.abic.cli;

import dev.abic.compiler.Abic;
import dev.abic.compiler.emit.cpp.CppEmitter;
import dev.abic.compiler.emit.java.JavaEmitter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code abic generate}: writes the outputs of the given {@code .abi} files. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Checks the .abi files and writes their outputs.",
            "C++ (--cpp-out): one header per file (named after its package, e.g. simpler/hdmr.h), an umbrella header"
                + " including them all, and abic/support.h. Java (--java-out; FFM, release 22): a class per struct,"
                + " enum, flag set and layout, a constants class per file, and per package the exceptions and helpers"
                + " they share. At least one of the two is required.",
            "Files whose content is unchanged are not rewritten. Nothing is written when there are errors."},
        footerHeading = "%nExit status:%n",
        footer = {"  0 written; 1 errors in the input; 2 usage error; 3 cannot write the output"})
final class GenerateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cpp-out", paramLabel = "DIR",
            description = "Directory for the C++ headers (created if missing).")
    Path cppOut;

    @Option(names = "--java-out", paramLabel = "DIR",
            description = "Directory for the Java sources, in package folders (created if missing).")
    Path javaOut;

    @Option(names = "--umbrella", paramLabel = "NAME", defaultValue = "abi.h",
            description = "Name of the umbrella header, relative to the C++ output directory (default: ${DEFAULT-VALUE}).")
    String umbrella;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but diagnostics.")
    boolean quiet;

    @CommandLine.Mixin
    AbiInputs inputs;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        inputs.requireExisting(spec.commandLine());
        String umbrellaProblem = CppEmitter.Options.umbrellaProblem(umbrella);
        if (umbrellaProblem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--umbrella: " + umbrellaProblem);
        }
        if (cppOut == null && javaOut == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "nothing to generate: give --cpp-out DIR, --java-out DIR or both");
        }
        Abic.Result result = inputs.compile(err);
        if (!result.succeeded()) {
            return AbicCommand.INPUT_ERRORS;
        }
        // Every output is generated before anything is written: an error in one writes none.
        List<Abic.Output> outputs = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        if (cppOut != null) {
            outputs.add(Abic.generateCpp(result.model().get(), new CppEmitter.Options(umbrella)));
            dirs.add(cppOut);
        }
        if (javaOut != null) {
            outputs.add(Abic.generateJava(result.model().get(), JavaEmitter.Options.DEFAULTS));
            dirs.add(javaOut);
        }
        boolean failed = false;
        for (Abic.Output o : outputs) {
            Inputs.print(o.diagnostics(), err);
            failed |= !o.succeeded();
        }
        if (failed) {
            return AbicCommand.INPUT_ERRORS;
        }
        for (int i = 0; i < outputs.size(); i++) {
            int status = Inputs.write(dirs.get(i), outputs.get(i).files(), result.sources().size(), quiet, out, err);
            if (status != AbicCommand.OK) {
                return status;
            }
        }
        return AbicCommand.OK;
    }
}
