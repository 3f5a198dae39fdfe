package dev.abic.cli;

import dev.abic.compiler.Abic;
import dev.abic.compiler.verify.HeaderVerifier;
import dev.abic.compiler.verify.StructMapping;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code abic verify-header}: proves with a C++ compiler that a hand-written header has the .abi's layouts. */
@Command(name = "verify-header",
        mixinStandardHelpOptions = true,
        description = {
            "Checks that a hand-written C++ header lays out structs exactly as the .abi files do.",
            "Writes a translation unit that includes the header and static_asserts, for each struct given with"
                + " --struct, its size, alignment and standard layout and every non-reserved field's offset and size;"
                + " compiles it (g++ -std=c++17 -fsyntax-only unless told otherwise) and reports each difference by"
                + " field:",
            "",
            "  their.h: error: Info.flags: offset is 44 in the hand-written header, 56 in",
            "  the .abi (idl/x.abi:39:5)",
            ""},
        footerHeading = "%nExit status:%n",
        footer = {
            "  0  the header matches",
            "  1  errors in the .abi input",
            "  2  usage error",
            "  3  the --keep file cannot be written",
            "  4  the header does not match (each difference printed)",
            "  5  not verified: the header does not compile, or the compiler cannot be run",
            "     or did not evaluate the assertions"})
final class VerifyHeaderCommand implements Callable<Integer> {
    /** Exit status: the header compiles and some struct or field differs from the .abi. */
    static final int MISMATCH = 4;
    /** Exit status: nothing was verified (the header does not compile, or the compiler did not run). */
    static final int NOT_VERIFIED = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--header", paramLabel = "FILE", required = true, description = "The hand-written header.")
    Path header;

    @Option(names = "--struct", paramLabel = "NAME[=THEIR_NAME]", required = true,
            description = "An .abi struct and the hand-written type that must have its layout (repeat for each). "
                    + "NAME is the struct's name, or package.Name where two packages declare it; THEIR_NAME is the "
                    + "C++ type (rt::Info, ::Info); without it the hand-written struct has the .abi's name.")
    List<String> structs;

    @Option(names = "--field", paramLabel = "STRUCT.FIELD=THEIR_FIELD",
            description = "A field the hand-written struct calls differently (repeat for each).")
    List<String> fields = new ArrayList<>();

    @Option(names = "--compiler", paramLabel = "CXX", defaultValue = "g++",
            description = "The C++ compiler (default: ${DEFAULT-VALUE}); a command of several words is split at spaces.")
    String compiler;

    @Option(names = "--no-default-flags",
            description = "Do not pass -std=c++17 -fsyntax-only (for compilers that do not take them: give their "
                    + "flags with --cxxflag).")
    boolean noDefaultFlags;

    @Option(names = "--cxxflag", paramLabel = "FLAG",
            description = "A compiler flag, after the default ones (repeat for each): --cxxflag=-DRT_HOST.")
    List<String> cxxflags = new ArrayList<>();

    @Option(names = "-I", paramLabel = "DIR", description = "An include directory for the header's own includes.")
    List<Path> includeDirs = new ArrayList<>();

    @Option(names = "--keep", paramLabel = "FILE",
            description = "Write the translation unit to FILE (a .cpp) and leave it there, to compile it in your "
                    + "own build (nvcc included). It includes the header by a path relative to itself.")
    Path keep;

    @CommandLine.Mixin
    AbiInputs inputs;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        inputs.requireExisting(spec.commandLine());
        if (!Files.isRegularFile(header)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--header: no such file: " + header);
        }
        if (compiler.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--compiler: no compiler given");
        }
        Abic.Result result = inputs.compile(err);
        if (!result.succeeded()) {
            return AbicCommand.INPUT_ERRORS;
        }
        StructMapping.Resolution mappings = StructMapping.resolve(result.model().get(), structs, fields);
        if (!mappings.succeeded()) {
            // Every problem is a usage error: all but the last printed here, the last by picocli's handler.
            List<String> problems = mappings.problems().stream()
                    .map(p -> (p.kind() == StructMapping.SpecKind.STRUCT ? "--struct " : "--field ") + p.spec() + ": "
                            + p.message())
                    .toList();
            problems.subList(0, problems.size() - 1).forEach(p -> err.println("abic: " + p));
            throw new CommandLine.ParameterException(spec.commandLine(), problems.get(problems.size() - 1));
        }
        List<String> command = new ArrayList<>();
        command.add(compiler);
        if (!noDefaultFlags) {
            command.addAll(HeaderVerifier.DEFAULT_COMPILER.subList(1, HeaderVerifier.DEFAULT_COMPILER.size()));
        }
        command.addAll(cxxflags);
        HeaderVerifier.Request request;
        try {
            request = new HeaderVerifier.Request(header, mappings.mappings(), command, includeDirs,
                    Optional.ofNullable(keep));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        HeaderVerifier.Result verdict;
        try {
            verdict = HeaderVerifier.verify(request);
        } catch (IOException e) {
            err.println("abic: error: cannot write the translation unit"
                    + (keep == null ? "" : " " + keep) + ": " + e.getMessage());
            return AbicCommand.OUTPUT_ERROR;
        }
        verdict.translationUnit().ifPresent(tu -> out.println("abic: translation unit kept in " + keep));
        String with = String.join(" ", command);
        int fields = request.structs().stream().mapToInt(m -> m.checkedFields().size()).sum();
        switch (verdict.status()) {
            case MATCHES -> {
                out.println("abic: " + header + " matches the .abi: " + request.structs().size() + " struct(s), "
                        + fields + " field(s) checked with " + with);
                return AbicCommand.OK;
            }
            case MISMATCHES -> {
                for (HeaderVerifier.Mismatch m : verdict.mismatches()) {
                    err.println(m.render(header));
                }
                int n = verdict.mismatches().size();
                err.println(n + (n == 1 ? " mismatch" : " mismatches") + " (checked with " + with + ")");
                return MISMATCH;
            }
            case DOES_NOT_COMPILE -> {
                String shown = verdict.otherErrors().isEmpty() ? verdict.compilerOutput() : verdict.otherErrors();
                err.print(shown.endsWith("\n") || shown.isEmpty() ? shown : shown + "\n");
                err.println("abic: error: " + verdict.problem().orElse(header + " does not compile with " + with
                        + "; the layouts were not checked") + (keep == null
                        ? " (--keep FILE keeps the translation unit)" : ""));
                return NOT_VERIFIED;
            }
            case COMPILER_NOT_RUN -> {
                err.println("abic: error: " + verdict.problem().orElse("the compiler did not run")
                        + "; choose one with --compiler");
                return NOT_VERIFIED;
            }
            default -> throw new IllegalStateException(verdict.status().toString());
        }
    }
}
