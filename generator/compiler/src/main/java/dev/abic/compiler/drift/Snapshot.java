package dev.abic.compiler.drift;

import dev.abic.compiler.diag.SourceSpan;
import dev.abic.compiler.layout.LayoutLowering;
import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.AbiModel;
import dev.abic.compiler.model.ConstDecl;
import dev.abic.compiler.model.EnumDecl;
import dev.abic.compiler.model.Field;
import dev.abic.compiler.model.LayoutDecl;
import dev.abic.compiler.model.StructDecl;
import dev.abic.compiler.model.BinaryOp;
import dev.abic.compiler.model.LayoutExpr;
import dev.abic.compiler.model.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything about an ABI that a peer built from it depends on, and nothing else: per file its
 * package, options, constants, enums and flag sets with their values, structs with every field's
 * offset, size, type and marks, and layouts with their parameters, preconditions and formula. Doc
 * comments and source positions are not part of it; {@code span} only says where an entry was read
 * from (the {@code .abi} file, or the lock file), for messages.
 *
 * <p>{@code abic lock} writes one ({@link LockFile}); {@code abic check} compares two ({@link Drift}).
 */
public record Snapshot(List<FileEntry> files) {
    public Snapshot {
        files = List.copyOf(files);
    }

    /**
     * One {@code .abi} file. {@code file} is its path relative to its source root ({@code hdmr.abi}),
     * which does not depend on where the tool runs.
     */
    public record FileEntry(String file, String packageName, Map<String, String> options, List<ConstEntry> constants,
                            List<EnumEntry> enums, List<StructEntry> structs, List<LayoutEntry> layouts,
                            SourceSpan span) {
        public FileEntry {
            options = java.util.Collections.unmodifiableMap(new TreeMap<>(options));
            constants = List.copyOf(constants);
            enums = List.copyOf(enums);
            structs = List.copyOf(structs);
            layouts = List.copyOf(layouts);
        }

        /** The declared {@code option abi_version}, if any. */
        public Optional<String> abiVersion() {
            return Optional.ofNullable(options.get("abi_version"));
        }
    }

    /** A top-level declaration: what is matched by name, renamed, added and removed. */
    public sealed interface Declaration permits ConstEntry, EnumEntry, StructEntry, LayoutEntry {
        String name();

        SourceSpan span();
    }

    /** {@code radix} 16 keeps a hex literal hex in the lock file; it is not compared. */
    public record ConstEntry(String name, String type, BigInteger value, int radix, SourceSpan span)
            implements Declaration {}

    public record EnumEntry(String name, boolean flags, String underlying, List<ValueEntry> values, SourceSpan span)
            implements Declaration {
        public EnumEntry {
            values = List.copyOf(values);
        }

        public String kind() {
            return flags ? "flags" : "enum";
        }
    }

    public record ValueEntry(String name, BigInteger value, int radix, SourceSpan span) {}

    public record StructEntry(String name, long size, long align, List<FieldEntry> fields, SourceSpan span)
            implements Declaration {
        public StructEntry {
            fields = List.copyOf(fields);
        }
    }

    /**
     * A field. {@code type} is the type as written ({@code u32}, {@code Opcode}, {@code DescSlot[4]});
     * {@code max} and {@code countOf} are the bound of a {@code count_of}/{@code bound} field.
     */
    public record FieldEntry(String name, long offset, long size, String type, boolean reserved, boolean atomic,
                             Optional<BigInteger> max, Optional<String> countOf, SourceSpan span) {
        public long end() {
            return offset + size;
        }
    }

    /**
     * A layout: {@code requires} and the sections' types are the expressions as text, constants
     * folded; each {@code &&} of a precondition is a precondition of its own.
     */
    public record LayoutEntry(String name, List<String> params, List<String> requires, List<SectionEntry> sections,
                              long align, SourceSpan span) implements Declaration {
        public LayoutEntry {
            params = List.copyOf(params);
            requires = List.copyOf(requires);
            sections = List.copyOf(sections);
        }
    }

    /**
     * A section: {@code type} is {@code DescSlot[depth]} or {@code bytes[n]}, {@code elementSize} the
     * size of one element (so a changed struct changes the formula), {@code at} an explicit place.
     */
    public record SectionEntry(String name, String type, long elementSize, long align, Optional<String> at,
                               SourceSpan span) {
        /** Where and how big the section is, without its name. */
        public String formula() {
            return type + " (" + elementSize + "-byte elements) align " + align + at.map(a -> " at " + a).orElse("");
        }
    }

    /**
     * The snapshot of a compiled model: every file, imports included, in source-name order. Two
     * files with the same name relative to their folders cannot both be in a snapshot.
     */
    public static Snapshot of(AbiModel model) throws InvalidFile {
        Map<Object, String> packageOf = new IdentityHashMap<>();
        for (AbiFile f : model.files()) {
            f.decls().forEach(d -> packageOf.put(d, f.packageName()));
        }
        List<FileEntry> files = new ArrayList<>();
        Map<String, AbiFile> byName = new HashMap<>();
        for (AbiFile f : model.files()) {
            AbiFile other = byName.putIfAbsent(f.source().sourceName(), f);
            if (other != null) {
                throw new InvalidFile(new SourceSpan(f.source(), 1, 1, 1), "this file and " + other.source()
                        .displayName() + " are both called " + f.source().sourceName() + " in their folders; "
                        + "a lock file names files that way: give the folder that holds both instead");
            }
            files.add(file(f, packageOf));
        }
        files.sort(Comparator.comparing(FileEntry::file));
        return new Snapshot(files);
    }

    private static FileEntry file(AbiFile f, Map<Object, String> packageOf) {
        List<ConstEntry> constants = f.decls(ConstDecl.class).stream()
                .map(c -> new ConstEntry(c.name(), c.type().abiName(), c.value(), c.radix(), c.span()))
                .toList();
        List<EnumEntry> enums = f.decls(EnumDecl.class).stream()
                .map(e -> new EnumEntry(e.name(), e.flags(), e.underlying().abiName(),
                        e.values().stream().map(v -> new ValueEntry(v.name(), v.value(), v.radix(), v.span())).toList(),
                        e.span()))
                .toList();
        List<StructEntry> structs = f.decls(StructDecl.class).stream()
                .map(s -> new StructEntry(s.name(), s.size(), s.align(),
                        s.fields().stream().map(x -> field(x, packageOf)).toList(), s.span()))
                .toList();
        List<LayoutEntry> layouts = f.decls(LayoutDecl.class).stream().map(l -> layout(l, packageOf)).toList();
        SourceSpan fileSpan = new SourceSpan(f.source(), 1, 1, 1);
        return new FileEntry(f.source().sourceName(), f.packageName(), f.options(), constants, enums, structs, layouts,
                fileSpan);
    }

    /**
     * A type as the lock file writes it: scalars as written, structs, enums and flag sets qualified
     * by their package ({@code simpler.l3l2.L3L2QueueDescSlot[4]}), so that two types of one name in
     * two packages are never taken for each other.
     */
    private static String typeName(Type t, Map<Object, String> packageOf) {
        if (t instanceof Type.Array a) {
            return typeName(a.element(), packageOf) + "[" + a.length() + "]";
        }
        if (t instanceof Type.StructRef s) {
            return packageOf.get(s.decl()) + "." + s.decl().name();
        }
        if (t instanceof Type.EnumRef e) {
            return packageOf.get(e.decl()) + "." + e.decl().name();
        }
        return t.abiName();
    }

    private static FieldEntry field(Field f, Map<Object, String> packageOf) {
        return new FieldEntry(f.name(), f.offset(), f.size(), typeName(f.type(), packageOf), f.reserved(), f.atomic(),
                f.limit().map(Field.Limit::max), f.limit().flatMap(Field.Limit::countOf), f.span());
    }

    private static LayoutEntry layout(LayoutDecl l, Map<Object, String> packageOf) {
        List<String> requires = new ArrayList<>();
        l.requirements().forEach(r -> conjuncts(r.condition(), requires));
        List<SectionEntry> sections = l.sections().stream()
                .map(s -> new SectionEntry(s.name(), sectionType(s, packageOf), s.bytes() ? 1 : s.element().size(),
                        s.align(), s.at().map(LayoutLowering::topText), s.span()))
                .toList();
        return new LayoutEntry(l.name(), l.params(), requires, sections, l.trailingAlign(), l.span());
    }

    private static String sectionType(LayoutDecl.Section s, Map<Object, String> packageOf) {
        if (s.single()) {
            return typeName(s.element(), packageOf);
        }
        return (s.bytes() ? "bytes" : typeName(s.element(), packageOf)) + "[" + LayoutLowering.topText(s.count()) + "]";
    }

    /** {@code require a && b;} is two preconditions, like {@code require a; require b;}. */
    private static void conjuncts(LayoutExpr e, List<String> out) {
        if (e instanceof LayoutExpr.Binary b && b.op() == BinaryOp.LOGICAL_AND) {
            conjuncts(b.left(), out);
            conjuncts(b.right(), out);
        } else {
            out.add(LayoutLowering.topText(e));
        }
    }
}
