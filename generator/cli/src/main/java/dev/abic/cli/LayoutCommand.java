package dev.abic.cli;

import dev.abic.compiler.Abic;
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
            "Prints each struct of an .abi file as a table: offset, size, field, type and marks",
            "(reserved, atomic, untrusted count), with the struct's size and alignment; and each layout's",
            "parameters, requirements and sections."},
        footerHeading = "%nExit status:%n",
        footer = {"  0 printed; 1 errors in the input or no such struct; 2 usage error"})
final class LayoutCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--struct", paramLabel = "NAME", description = "Print only this struct (or layout).")
    String only;

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
                blocks.add(layout(l, abi.get()));
            }
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

    static String layout(LayoutDecl l, AbiFile file) {
        StringBuilder b = new StringBuilder();
        b.append("layout ").append(l.name()).append('(').append(String.join(", ", l.params())).append(")  (")
                .append(file.source().sourceName()).append(':').append(l.span().line()).append(")\n");
        for (LayoutDecl.Requirement r : l.requirements()) {
            b.append("  require ").append(r.text()).append('\n');
        }
        for (LayoutDecl.Section s : l.sections()) {
            b.append("  ").append(s.name()).append(": ").append(s.single() ? s.element().abiName()
                    : (s.bytes() ? "bytes" : s.element().abiName()) + "[…]")
                    .append(", align ").append(s.align()).append(s.at().isPresent() ? ", placed with @" : "")
                    .append('\n');
        }
        if (l.trailingAlign() > 1) {
            b.append("  total rounded up to ").append(l.trailingAlign()).append('\n');
        }
        return b.toString();
    }
}
