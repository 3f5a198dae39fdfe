package dev.abic.cli;

import dev.abic.compiler.Abic;
import dev.abic.compiler.drift.CheckConfig;
import dev.abic.compiler.drift.CheckReport;
import dev.abic.compiler.drift.DriftCheck;
import dev.abic.compiler.drift.InvalidFile;
import dev.abic.compiler.drift.Rule;
import dev.abic.compiler.emit.cpp.CppEmitter;
import dev.abic.compiler.emit.java.JavaEmitter;
import dev.abic.compiler.model.AbiModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code abic check}: baseline drift and staleness of committed generated files. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Checks the .abi files for drift from a baseline, and committed generated files for staleness.",
            "Compares the .abi files with a baseline written by 'abic lock' and reports every difference with a"
                + " stable rule id, its category (BREAKING, SOURCE, COMPATIBLE) and its source position. Breaking"
                + " changes fail unless the file's major abi_version went up, or the configuration relaxes the rule"
                + " with a reason. With --generated, --generated-java or --generated-doc, also regenerates in memory and fails with a"
                + " unified diff when a committed generated file differs. Run 'abic check --list-rules' for the rules."},
        footerHeading = "%nExit status (bits, as abidiff):%n",
        footer = {
            "  0   no differences (and generated files up to date)",
            "  1   errors in the .abi input, the baseline or the configuration",
            "  2   usage error",
            "  3   a --report file could not be written",
            "  4   differences, none failing (compatible or source changes, allowed breaking changes)",
            "  12  breaking changes that fail (4 + 8)",
            "  +16 committed generated files are stale (16 alone, or 20, 28 with the above)",
            "Scripts that accept compatible changes test bits 8 and 16: [ $(( status & 25 )) -eq 0 ]"})
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--baseline", paramLabel = "LOCK", description = "The lock file to compare with (abi.lock).")
    Path baseline;

    @Option(names = "--config", paramLabel = "FILE", description = "Relaxed rules, each with a reason (JSON). "
            + "Default: abic-check.json next to the baseline, if there is one.")
    Path config;

    @Option(names = "--generated", paramLabel = "DIR",
            description = "A directory of committed C++ headers to compare with what the .abi files generate.")
    List<Path> generatedCpp = new ArrayList<>();

    @Option(names = "--generated-java", paramLabel = "DIR",
            description = "A directory of committed Java sources to compare with what the .abi files generate.")
    List<Path> generatedJava = new ArrayList<>();

    @Option(names = "--generated-doc", paramLabel = "DIR",
            description = "A directory of committed documentation (abic doc) to compare with what the .abi files generate.")
    List<Path> generatedDoc = new ArrayList<>();

    @Option(names = "--umbrella", paramLabel = "NAME", defaultValue = "abi.h",
            description = "The umbrella header's name in --generated directories (default: ${DEFAULT-VALUE}).")
    String umbrella;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Standard output format: text, json, sarif or github (workflow commands that annotate a "
                    + "pull request). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--report", paramLabel = "FORMAT=FILE",
            description = "Also write the report in FORMAT to FILE, e.g. sarif=build/abic.sarif (repeatable).")
    Map<String, Path> reports = new LinkedHashMap<>();

    @Option(names = "--list-rules", description = "Print every rule id with its category and meaning, and exit.")
    boolean listRules;

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*",
            description = ".abi files, or directories searched for *.abi files.")
    List<Path> inputs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (listRules) {
            for (Rule r : Rule.values()) {
                out.printf("%-24s %-10s %s%n", r.name(), r.category(), r.summary());
            }
            out.printf("%-24s %-10s %s%n", CheckReport.STALE_RULE, "-",
                    "A committed generated file differs from what the .abi files produce (--generated).");
            out.flush();
            return AbicCommand.OK;
        }
        CheckReport.Format stdoutFormat = format(format, "--format");
        Map<CheckReport.Format, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : reports.entrySet()) {
            if (files.put(format(e.getKey(), "--report"), e.getValue()) != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--report: the format " + e.getKey() + " is given twice");
            }
        }
        if (inputs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no .abi files or directories given");
        }
        if (baseline == null && generatedCpp.isEmpty() && generatedJava.isEmpty() && generatedDoc.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "nothing to check: give --baseline LOCK,"
                    + " --generated DIR, --generated-java DIR, --generated-doc DIR, or several");
        }
        String umbrellaProblem = CppEmitter.Options.umbrellaProblem(umbrella);
        if (umbrellaProblem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--umbrella: " + umbrellaProblem);
        }
        Inputs.requireExisting(spec.commandLine(), inputs);
        for (Path d : concat(concat(generatedCpp, generatedJava), generatedDoc)) {
            if (!Files.isDirectory(d)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no such directory of generated files: " + d);
            }
        }
        if (baseline != null) {
            Inputs.requireExisting(spec.commandLine(), List.of(baseline));
        }
        if (config != null) {
            Inputs.requireExisting(spec.commandLine(), List.of(config));
        }
        Abic.Result result = Inputs.compile(inputs, err);
        if (!result.succeeded()) {
            return AbicCommand.INPUT_ERRORS;
        }
        AbiModel model = result.model().get();
        List<DriftCheck.Generated> generated = new ArrayList<>();
        if (!generatedCpp.isEmpty()) {
            Abic.Output cpp = Abic.generateCpp(model, new CppEmitter.Options(umbrella));
            Inputs.print(cpp.diagnostics(), err);
            if (!cpp.succeeded()) {
                return AbicCommand.INPUT_ERRORS;
            }
            generatedCpp.forEach(d -> generated.add(new DriftCheck.Generated(d, cpp.files())));
        }
        if (!generatedJava.isEmpty()) {
            Abic.Output java = Abic.generateJava(model, JavaEmitter.Options.DEFAULTS);
            generatedJava.forEach(d -> generated.add(new DriftCheck.Generated(d, java.files())));
        }
        if (!generatedDoc.isEmpty()) {
            Abic.Output doc = Abic.generateDoc(model);
            generatedDoc.forEach(d -> generated.add(new DriftCheck.Generated(d, doc.files())));
        }
        CheckReport report;
        try {
            Optional<DriftCheck.Baseline> base = baseline == null ? Optional.empty()
                    : Optional.of(DriftCheck.readBaseline(baseline));
            Optional<Path> configPath = config != null ? Optional.of(config)
                    : base.flatMap(b -> DriftCheck.configNextTo(b.path()));
            CheckConfig checkConfig = configPath.isPresent() ? DriftCheck.readConfig(configPath.get()) : CheckConfig.NONE;
            report = DriftCheck.check(model, base, checkConfig, generated);
        } catch (InvalidFile e) {
            err.println(e.diagnostic().render());
            err.flush();
            return AbicCommand.INPUT_ERRORS;
        } catch (IOException e) {
            err.println("abic: error: " + e.getMessage());
            err.flush();
            return AbicCommand.INPUT_ERRORS;
        }
        Path root = Path.of("").toAbsolutePath();
        String version = AbicCommand.class.getPackage().getImplementationVersion();
        for (Map.Entry<CheckReport.Format, Path> e : files.entrySet()) {
            try {
                Path parent = e.getValue().toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.writeString(e.getValue(), report.render(e.getKey(), root, version), StandardCharsets.UTF_8);
            } catch (IOException ex) {
                err.println("abic: error: cannot write " + e.getValue() + ": " + ex.getMessage());
                err.flush();
                return AbicCommand.OUTPUT_ERROR;
            }
        }
        out.print(report.render(stdoutFormat, root, version));
        out.flush();
        return report.exitStatus();
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private CheckReport.Format format(String name, String option) {
        return CheckReport.Format.of(name).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                option + ": unknown format '" + name + "'; the formats are text, json, sarif, github"));
    }
}
