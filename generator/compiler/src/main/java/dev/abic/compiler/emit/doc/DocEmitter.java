package dev.abic.compiler.emit.doc;

import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.layout.LayoutLowering;
import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.AbiModel;
import dev.abic.compiler.model.ConstDecl;
import dev.abic.compiler.model.Decl;
import dev.abic.compiler.model.Doc;
import dev.abic.compiler.model.EnumDecl;
import dev.abic.compiler.model.Field;
import dev.abic.compiler.model.LayoutDecl;
import dev.abic.compiler.model.StructDecl;
import dev.abic.compiler.model.Type;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The documentation output: one Markdown page per {@code .abi} file ({@code <file>.md}) with its
 * constants, enums and flag sets, structs (each with a byte map, {@code <file>/<Struct>.svg}, and a
 * field table) and layouts (parameters, preconditions, sections and the placement rule), every type
 * name linked to where it is documented. Deterministic: the same model gives the same bytes.
 */
public final class DocEmitter {
    private DocEmitter() {
    }

    /** The pages and pictures for every file of {@code model}, imports included. */
    public static List<GeneratedFile> emit(AbiModel model) {
        // By declaration, not by name: two packages may declare the same name.
        Map<Decl, String> anchors = new IdentityHashMap<>();
        for (AbiFile file : model.files()) {
            for (Decl d : file.decls()) {
                if (!(d instanceof ConstDecl)) {
                    anchors.put(d, file.baseName() + ".md#" + anchor(d.name()));
                }
            }
        }
        List<GeneratedFile> out = new ArrayList<>();
        for (AbiFile file : model.files()) {
            out.add(new GeneratedFile(file.baseName() + ".md", page(file, anchors)));
            for (StructDecl s : file.decls(StructDecl.class)) {
                out.add(new GeneratedFile(file.baseName() + "/" + s.name() + ".svg",
                        ByteMap.marker(file.source().path().getFileName().toString()) + "\n" + ByteMap.svg(s)));
            }
        }
        return out;
    }

    private static String page(AbiFile file, Map<Decl, String> anchors) {
        StringBuilder md = new StringBuilder();
        md.append(ByteMap.marker(file.source().path().getFileName().toString())).append("\n\n");
        md.append("# ").append(file.source().path().getFileName()).append("\n\n");
        paragraph(md, file.doc());
        md.append("Package `").append(file.packageName()).append('`');
        file.options().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(o -> md.append(" · `").append(o.getKey()).append(" = \"").append(o.getValue()).append("\"`"));
        md.append("\n\n");

        List<ConstDecl> constants = file.decls(ConstDecl.class);
        if (!constants.isEmpty()) {
            md.append("## Constants\n\n| name | type | value | defined as | meaning |\n|---|---|---|---|---|\n");
            for (ConstDecl c : constants) {
                md.append("| `").append(c.name()).append("` | ").append(c.type().abiName()).append(" | `")
                        .append(radix(c.value(), c.radix())).append("` | `").append(cell(c.expression())).append("` | ")
                        .append(cell(c.doc())).append(" |\n");
            }
            md.append('\n');
        }
        for (EnumDecl e : file.decls(EnumDecl.class)) {
            md.append(target(e.name()));
            md.append("## ").append(e.flags() ? "flags " : "enum ").append(e.name()).append(" : ")
                    .append(e.underlying().abiName()).append("\n\n");
            paragraph(md, e.doc());
            md.append("| name | value | meaning |\n|---|---|---|\n");
            for (EnumDecl.Value v : e.values()) {
                md.append("| `").append(v.name()).append("` | `").append(radix(v.value(), v.radix())).append("` | ")
                        .append(cell(v.doc())).append(" |\n");
            }
            md.append('\n');
        }
        for (StructDecl s : file.decls(StructDecl.class)) {
            md.append(target(s.name()));
            md.append("## struct ").append(s.name()).append("\n\n");
            paragraph(md, s.doc());
            md.append(s.size()).append(" bytes, aligned to ").append(s.align()).append(".\n\n");
            md.append("![").append(s.name()).append(" byte map](").append(file.baseName()).append('/').append(s.name())
                    .append(".svg)\n\n");
            md.append("| offset | size | field | type | notes | meaning |\n|---:|---:|---|---|---|---|\n");
            for (Field f : s.fields()) {
                md.append("| ").append(f.offset()).append(" | ").append(f.size()).append(" | `").append(f.name())
                        .append("` | ").append(typeLink(f.type(), anchors)).append(" | ").append(notes(f)).append(" | ")
                        .append(cell(f.doc())).append(" |\n");
            }
            md.append('\n');
        }
        for (LayoutDecl l : file.decls(LayoutDecl.class)) {
            md.append(target(l.name()));
            md.append("## layout ").append(l.name()).append('(').append(String.join(", ", l.params())).append(")\n\n");
            paragraph(md, l.doc());
            if (!l.requirements().isEmpty()) {
                md.append("Requires, checked in order:\n\n");
                for (LayoutDecl.Requirement r : l.requirements()) {
                    md.append("- `").append(r.text()).append("`\n");
                }
                md.append('\n');
            }
            md.append("| section | type | placed | meaning |\n|---|---|---|---|\n");
            for (LayoutDecl.Section sec : l.sections()) {
                String type = sec.single() ? typeLink(sec.element(), anchors)
                        : (sec.bytes() ? "bytes" : typeLink(sec.element(), anchors)) + "[`"
                                + LayoutLowering.text(sec.count()) + "`]";
                String placed = sec.at().map(a -> "at `" + LayoutLowering.text(a) + "`")
                        .orElse("aligned to " + Math.max(sec.align(), sec.element().align()));
                md.append("| `").append(sec.name()).append("` | ").append(type).append(" | ").append(placed).append(" | ")
                        .append(cell(sec.doc())).append(" |\n");
            }
            md.append("\nSections are placed from offset 0 in order, each aligned up (or placed at its `@`), every step"
                    + " checked for overflow; the total is the end of the last section");
            md.append(l.trailingAlign() > 1 ? ", rounded up to " + l.trailingAlign() + ".\n\n" : ".\n\n");
        }
        return md.toString();
    }

    private static String notes(Field f) {
        List<String> notes = new ArrayList<>();
        if (f.reserved()) {
            notes.add("reserved");
        }
        if (f.atomic()) {
            notes.add("atomic");
        }
        f.limit().ifPresent(limit -> notes.add(limit.countOf().map(c -> "count of `" + c + "`, ≤ " + limit.max())
                .orElse("≤ " + limit.max())));
        return String.join(", ", notes);
    }

    private static String typeLink(Type type, Map<Decl, String> anchors) {
        if (type instanceof Type.Array a) {
            return typeLink(a.element(), anchors) + "[" + a.length() + "]";
        }
        Decl decl = type instanceof Type.StructRef s ? s.decl() : type instanceof Type.EnumRef e ? e.decl() : null;
        String target = decl == null ? null : anchors.get(decl);
        return target == null ? type.abiName() : "[" + type.abiName() + "](" + target + ")";
    }

    private static void paragraph(StringBuilder md, Doc doc) {
        if (!doc.isEmpty()) {
            md.append(String.join("\n", doc.lines())).append("\n\n");
        }
    }

    private static String cell(Doc doc) {
        return cell(String.join(" ", doc.lines()));
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String radix(java.math.BigInteger value, int radix) {
        return radix == 16 ? "0x" + value.toString(16).toUpperCase(Locale.ROOT) : value.toString();
    }

    /** The link target of a declaration: an explicit anchor, lower case, before its heading. */
    private static String anchor(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String target(String name) {
        return "<a id=\"" + anchor(name) + "\"></a>\n\n";
    }
}
