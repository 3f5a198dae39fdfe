package dev.abic.cli;

import dev.abic.compiler.Abic;
import dev.abic.compiler.layout.LayoutInterpreter;
import dev.abic.compiler.layout.LayoutLowering;
import dev.abic.compiler.layout.LayoutProgram;
import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.Field;
import dev.abic.compiler.model.LayoutDecl;
import dev.abic.compiler.model.StructDecl;
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
import picocli.CommandLine.Parameters;

/** {@code abic layout}: prints the byte map of structs, in the manner of pahole. */
@Command(name = "layout",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the byte map of the structs and layouts of an .abi file, in the manner of pahole.",
            "Each struct is a table of offset, size, field, type and marks (reserved, atomic, untrusted count), with"
                + " the struct's size and alignment; each layout shows its parameters, requirements and sections,"
                + " computed for the values given with --param."},
        footerHeading = "%nExit status:%n",
        footer = {"  0 printed; 1 errors in the input or no such struct; 2 usage error"})
final class LayoutCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--struct", paramLabel = "NAME", description = "Print only this struct (or layout).")
    String only;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "A layout parameter (repeat for each; decimal or 0x hex). With all the parameters of a"
                    + " layout given, it is computed: every section's offset and size, and the total, or the reason it"
                    + " fails.")
    java.util.Map<String, String> params = new java.util.LinkedHashMap<>();

    @Parameters(paramLabel = "FILE", arity = "1", description = "The .abi file.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Inputs.requireExisting(spec.commandLine(), List.of(file));
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "not a file: " + file);
        }
        Abic.Result result = Inputs.compile(List.of(file), err);
        if (!result.succeeded()) {
            return AbicCommand.INPUT_ERRORS;
        }
        Path wanted = file.toAbsolutePath().normalize();
        Optional<AbiFile> abi = result.model().get().files().stream()
                .filter(f -> f.source().path().equals(wanted)).findFirst();
        if (abi.isEmpty()) {
            err.println("abic: internal error: " + file + " is missing from its own compilation");
            return AbicCommand.INTERNAL_ERROR;
        }
        List<String> blocks = new ArrayList<>();
        for (StructDecl s : abi.get().decls(StructDecl.class)) {
            if (only == null || only.equals(s.name())) {
                blocks.add(table(s, abi.get()));
            }
        }
        for (LayoutDecl l : abi.get().decls(LayoutDecl.class)) {
            if (only == null || only.equals(l.name())) {
                String block = layout(l, abi.get());
                if (l.params().stream().anyMatch(params::containsKey)) {
                    List<String> missing = l.params().stream().filter(p -> !params.containsKey(p)).toList();
                    if (!missing.isEmpty()) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "layout '" + l.name()
                                + "' also needs --param for " + String.join(", ", missing));
                    }
                    block += evaluate(l);
                }
                blocks.add(block);
            }
        }
        List<String> unknown = params.keySet().stream()
                .filter(p -> abi.get().decls(LayoutDecl.class).stream()
                        .filter(l -> only == null || only.equals(l.name()))
                        .noneMatch(l -> l.params().contains(p)))
                .toList();
        if (!unknown.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no layout "
                    + (only == null ? "" : "'" + only + "' ") + "has the parameter(s) " + String.join(", ", unknown));
        }
        if (blocks.isEmpty()) {
            err.println("abic: error: " + file + " has no " + (only == null ? "structs or layouts"
                    : "struct or layout named '" + only + "'"));
            return AbicCommand.INPUT_ERRORS;
        }
        out.print(String.join("\n", blocks));
        out.flush();
        return AbicCommand.OK;
    }

    static String table(StructDecl s, AbiFile file) {
        int nameWidth = Math.max(5, s.fields().stream().mapToInt(f -> f.name().length()).max().orElse(5));
        int typeWidth = Math.max(4, s.fields().stream().mapToInt(f -> f.type().abiName().length()).max().orElse(4));
        StringBuilder b = new StringBuilder();
        b.append("struct ").append(s.name()).append("  (").append(file.source().sourceName()).append(':')
                .append(s.span().line()).append(")\n");
        b.append(String.format("  %6s  %5s  %-" + nameWidth + "s  %-" + typeWidth + "s  %s%n",
                "offset", "size", "field", "type", "marks").stripTrailing()).append('\n');
        long reserved = 0;
        for (Field f : s.fields()) {
            List<String> marks = new ArrayList<>();
            if (f.reserved()) {
                marks.add("reserved");
                reserved += f.size();
            }
            if (f.atomic()) {
                marks.add("atomic");
            }
            f.limit().ifPresent(l -> marks.add("count<=" + l.max()));
            b.append(String.format("  %6d  %5d  %-" + nameWidth + "s  %-" + typeWidth + "s  %s",
                    f.offset(), f.size(), f.name(), f.type().abiName(), String.join(", ", marks)).stripTrailing())
                    .append('\n');
        }
        b.append("  size ").append(s.size()).append(", align ").append(s.align())
                .append(", reserved ").append(reserved).append(" bytes, padding 0\n");
        return b.toString();
    }

    /** The layout computed for --param values, as a table, or the status it fails with. */
    private String evaluate(LayoutDecl l) {
        List<java.math.BigInteger> values = new ArrayList<>();
        for (String p : l.params()) {
            values.add(parseU64(p, params.get(p)));
        }
        LayoutInterpreter.Result r = LayoutInterpreter.run(LayoutLowering.lower(l), values);
        StringBuilder b = new StringBuilder("  for ");
        for (int i = 0; i < l.params().size(); i++) {
            b.append(i == 0 ? "" : ", ").append(l.params().get(i)).append(" = ").append(values.get(i));
        }
        b.append(":\n");
        if (r.status() != LayoutProgram.Status.OK) {
            return b.append("    ").append(r.status()).append('\n').toString();
        }
        b.append(String.format("  %12s  %12s  %s%n", "offset", "bytes", "section"));
        for (LayoutDecl.Section s : l.sections()) {
            b.append(String.format("  %12s  %12s  %s%n", r.fields().get(s.name() + "_offset"),
                    r.fields().get(s.name() + "_bytes"), s.name()));
        }
        b.append("  total ").append(r.fields().get("total_bytes")).append(" bytes\n");
        return b.toString();
    }

    private java.math.BigInteger parseU64(String name, String text) {
        try {
            String t = text.trim().replace("_", "");
            java.math.BigInteger v = t.startsWith("0x") || t.startsWith("0X")
                    ? new java.math.BigInteger(t.substring(2), 16) : new java.math.BigInteger(t);
            if (v.signum() >= 0 && v.bitLength() <= 64) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "--param " + name + "=" + text + ": the value must be an unsigned 64-bit number");
    }

    static String layout(LayoutDecl l, AbiFile file) {
        StringBuilder b = new StringBuilder();
        b.append("layout ").append(l.name()).append('(').append(String.join(", ", l.params())).append(")  (")
                .append(file.source().sourceName()).append(':').append(l.span().line()).append(")\n");
        for (LayoutDecl.Requirement r : l.requirements()) {
            b.append("  require ").append(r.text()).append('\n');
        }
        for (LayoutDecl.Section s : l.sections()) {
            b.append("  ").append(s.name()).append(": ").append(s.typeText(LayoutLowering.topText(s.count())))
                    .append(", align ").append(s.align())
                    .append(s.at().map(at -> ", placed @ " + LayoutLowering.topText(at)).orElse(""))
                    .append('\n');
        }
        if (l.trailingAlign() > 1) {
            b.append("  total rounded up to ").append(l.trailingAlign()).append('\n');
        }
        return b.toString();
    }
}
