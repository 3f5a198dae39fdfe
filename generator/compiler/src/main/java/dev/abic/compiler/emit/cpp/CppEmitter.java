package dev.abic.compiler.emit.cpp;

import dev.abic.compiler.diag.Diagnostic;
import dev.abic.compiler.diag.Diagnostics;
import dev.abic.compiler.check.CppNames;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.emit.Templates;
import dev.abic.compiler.layout.LayoutLowering;
import dev.abic.compiler.layout.LayoutProgram;
import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.AbiModel;
import dev.abic.compiler.model.ConstDecl;
import dev.abic.compiler.model.Decl;
import dev.abic.compiler.model.EnumDecl;
import dev.abic.compiler.model.Field;
import dev.abic.compiler.model.LayoutDecl;
import dev.abic.compiler.model.ScalarKind;
import dev.abic.compiler.model.StructDecl;
import dev.abic.compiler.model.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stringtemplate.v4.ST;
import org.stringtemplate.v4.STGroup;

/**
 * Writes one C++ header per {@code .abi} file, an umbrella header and {@code abic/support.h}.
 * Headers hold plain standard-layout structs with a {@code static_assert} for every offset, size
 * and alignment; {@code enum class}es with fixed underlying types; typed {@code constexpr}
 * constants; flag operators; atomic accessors; checked readers for untrusted counts; and an
 * overflow-checked function per {@code layout}. They compile warning-free from C++11 to C++23 and
 * under nvcc, including in device code.
 *
 * <p>This class computes every name, literal and message; {@code cpp.stg} arranges them.
 */
public final class CppEmitter {
    /** The path of the support header every generated header includes. */
    public static final String SUPPORT_HEADER = "abic/support.h";

    /** Options of the C++ output. */
    public record Options(String umbrellaHeader) {
        public static final Options DEFAULTS = new Options("abi.h");

        /**
         * What is wrong with an umbrella header name, for the CLI and the Maven plugin to report,
         * or null when it is a relative header path such as {@code abi.h}.
         */
        public static String umbrellaProblem(String name) {
            return name.matches("[A-Za-z0-9_][A-Za-z0-9_./-]*\\.(h|hpp|hh)") && !name.contains("..") ? null
                    : "the umbrella header must be a relative header path such as abi.h, not " + name;
        }
    }

    private final STGroup templates;
    private final Map<Decl, AbiFile> owners = new IdentityHashMap<>();
    private final Diagnostics diagnostics;

    private CppEmitter(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.templates = Templates.load(CppEmitter.class, "cpp.stg");
    }

    /**
     * The headers for every file of the model, or an empty list with diagnostics when two files
     * would write the same header.
     */
    public static List<GeneratedFile> emit(AbiModel model, Options options, Diagnostics diagnostics) {
        return new CppEmitter(diagnostics).run(model, options);
    }

    private List<GeneratedFile> run(AbiModel model, Options options) {
        Map<String, AbiFile> byHeader = new HashMap<>();
        boolean clash = false;
        for (AbiFile f : model.files()) {
            f.decls().forEach(d -> owners.put(d, f));
            AbiFile other = byHeader.putIfAbsent(CppNames.headerPath(f), f);
            if (other != null) {
                diagnostics.report(Diagnostic.globalError(f.source().displayName() + " and "
                        + other.source().displayName() + " would both generate " + CppNames.headerPath(f)
                        + "; give one of them `option cpp_header = \"…\";`"));
                clash = true;
            }
        }
        for (String fixed : List.of(SUPPORT_HEADER, options.umbrellaHeader())) {
            AbiFile f = byHeader.get(fixed);
            if (f != null) {
                diagnostics.report(Diagnostic.globalError(f.source().displayName() + " would generate " + fixed
                        + ", which abic writes itself" + (fixed.equals(SUPPORT_HEADER) ? ""
                        : " as the umbrella header (choose another umbrella header name)")
                        + "; give it `option cpp_header = \"…\";`"));
                clash = true;
            }
        }
        if (clash) {
            return List.of();
        }
        List<GeneratedFile> out = new ArrayList<>();
        out.add(new GeneratedFile(SUPPORT_HEADER, Templates.text(CppEmitter.class, "support.h")));
        List<String> headers = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (AbiFile f : model.files()) {
            out.add(new GeneratedFile(CppNames.headerPath(f), header(f)));
            headers.add(CppNames.headerPath(f));
            sources.add(f.source().sourceName());
        }
        ST umbrella = templates.getInstanceOf("umbrella");
        umbrella.add("u", new UmbrellaView(guard(options.umbrellaHeader()), headers, sources));
        out.add(new GeneratedFile(options.umbrellaHeader(), umbrella.render()));
        return out;
    }

    // ---------------------------------------------------------------- views the templates read

    public record HeaderView(String source, List<String> doc, String guard, List<String> includes,
                             List<String> namespaces, List<String> decls) {}

    public record UmbrellaView(String guard, List<String> headers, List<String> sources) {}

    public record ConstView(List<String> doc, String type, String name, String literal, String expression) {}

    public record EnumView(List<String> doc, String name, String type, List<ValueView> values) {}

    public record ValueView(List<String> doc, String name, String literal) {}

    public record StructView(List<String> doc, String name, String alignas, List<MemberView> members,
                             List<AssertView> asserts) {}

    public record MemberView(List<String> doc, String declaration, String note) {}

    public record AssertView(String condition, String message) {}

    public record AtomicView(String struct, String field, String valueType, String storageType, boolean enumCast,
                             String load, String store, String compareExchange) {}

    public record ReaderView(String struct, String field, String function, String type, String condition, String max,
                             String countOf) {}

    public record TextView(String struct, String field, String function, long capacity) {}

    public record LayoutView(List<String> doc, String name, String structName, String function,
                             List<LayoutFieldView> fields, String parameters, List<String> unused, List<String> lines) {}

    public record LayoutFieldView(List<String> doc, String name) {}

    // ---------------------------------------------------------------- files

    private String header(AbiFile file) {
        Set<String> includes = new LinkedHashSet<>();
        for (AbiFile imported : file.imports()) {
            includes.add(CppNames.headerPath(imported));
        }
        List<String> decls = new ArrayList<>();
        for (Decl d : dependencyOrder(file)) {
            if (d instanceof ConstDecl c) {
                decls.add(render("constant", "c", constant(c)));
            } else if (d instanceof EnumDecl e) {
                decls.add(render(e.flags() ? "flagsType" : "enumType", "e", enumView(e)));
            } else if (d instanceof StructDecl s) {
                struct(s, file, decls);
            } else if (d instanceof LayoutDecl l) {
                decls.add(render("layout", "l", layout(l, file)));
            }
        }
        List<String> namespaces = List.of(CppNames.namespace(file).split("::"));
        ST st = templates.getInstanceOf("header");
        st.add("h", new HeaderView(file.source().sourceName(), comment(file.doc().lines()), guard(CppNames.headerPath(file)),
                List.copyOf(includes), namespaces, decls));
        return st.render();
    }

    /**
     * The file's declarations in source order, except that a type comes before the first struct or
     * layout of the same file that uses it (the language allows forward references; C++ does not).
     */
    private static List<Decl> dependencyOrder(AbiFile file) {
        Set<Decl> mine = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        mine.addAll(file.decls());
        List<Decl> out = new ArrayList<>();
        Set<Decl> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Decl d : file.decls()) {
            visit(d, mine, done, out);
        }
        return out;
    }

    private static void visit(Decl d, Set<Decl> mine, Set<Decl> done, List<Decl> out) {
        if (!mine.contains(d) || !done.add(d)) {
            return;
        }
        List<Type> uses = new ArrayList<>();
        if (d instanceof StructDecl s) {
            s.fields().forEach(f -> uses.add(f.type()));
        } else if (d instanceof LayoutDecl l) {
            l.sections().forEach(sec -> uses.add(sec.element()));
        }
        for (Type t : uses) {
            Type element = t instanceof Type.Array a ? a.element() : t;
            if (element instanceof Type.StructRef r) {
                visit(r.decl(), mine, done, out);
            } else if (element instanceof Type.EnumRef e) {
                visit(e.decl(), mine, done, out);
            }
        }
        out.add(d);
    }

    private String render(String template, String name, Object view) {
        ST st = templates.getInstanceOf(template);
        st.add(name, view);
        return st.render();
    }

    /**
     * The include guard of a header path, one to one: {@code _} is doubled before {@code /} and
     * {@code .} become {@code _}, so {@code a/b_c.h} and {@code a_b/c.h} differ.
     */
    static String guard(String path) {
        return path.toUpperCase(Locale.ROOT).replace("_", "__").replaceAll("[^A-Z0-9_]", "_") + "_";
    }

    // ---------------------------------------------------------------- declarations

    /**
     * Doc comment lines, made safe for C++: a line ending in a backslash (or the trigraph ??/)
     * would splice the next line of code into the comment.
     */
    static List<String> comment(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            String safe = line.replace("??/", "?? /");
            out.add(safe.endsWith("\\") ? safe + " (backslash)" : safe);
        }
        return out;
    }

    private ConstView constant(ConstDecl c) {
        return new ConstView(comment(c.doc().lines()), scalar(c.type()), c.name(), literal(c.type(), c.value(), c.radix()),
                c.expression().isEmpty() ? null : c.expression());
    }

    private EnumView enumView(EnumDecl e) {
        List<ValueView> values = new ArrayList<>();
        for (EnumDecl.Value v : e.values()) {
            values.add(new ValueView(comment(v.doc().lines()), v.name(), literal(e.underlying(), v.value(), v.radix())));
        }
        return new EnumView(comment(e.doc().lines()), e.name(), scalar(e.underlying()), values);
    }

    /** The struct, its asserts, and its accessors, each a block of its own. */
    private void struct(StructDecl s, AbiFile file, List<String> decls) {
        String where = " (" + file.source().sourceName() + ":" + s.span().line() + ")";
        List<MemberView> members = new ArrayList<>();
        List<AssertView> asserts = new ArrayList<>();
        List<AtomicView> atomics = new ArrayList<>();
        List<ReaderView> readers = new ArrayList<>();
        List<TextView> texts = new ArrayList<>();
        String name = s.name();
        asserts.add(new AssertView("sizeof(" + name + ") == " + s.size(), name + ": size must be " + s.size() + where));
        asserts.add(new AssertView("alignof(" + name + ") == " + s.align(),
                name + ": alignment must be " + s.align() + where));
        asserts.add(new AssertView("std::is_standard_layout<" + name + ">::value",
                name + ": must be standard-layout" + where));
        asserts.add(new AssertView("std::is_trivially_copyable<" + name + ">::value",
                name + ": must be trivially copyable" + where));
        for (Field f : s.fields()) {
            String fieldWhere = " (" + file.source().sourceName() + ":" + f.span().line() + ")";
            boolean atomicEnum = f.atomic() && f.type() instanceof Type.EnumRef;
            String storage = atomicEnum ? scalar(f.type().storage().orElseThrow()) : null;
            String declaration = (atomicEnum ? storage : typeName(f.type(), file)) + " " + f.name()
                    + (f.type() instanceof Type.Array a ? "[" + a.length() + "]" : "") + ";";
            String note = null;
            if (f.type().storage().filter(k -> k == ScalarKind.BOOL).isPresent()
                    || (f.type() instanceof Type.Array a && a.element() instanceof Type.Scalar e && e.kind() == ScalarKind.BOOL)) {
                note = "bool: 0 or 1; a byte, since shared memory may hold any value";
            }
            if (f.reserved()) {
                note = "reserved: write zero";
            } else if (f.atomic()) {
                note = "atomic" + (atomicEnum ? " " + f.type().abiName() : "") + ": " + CppNames.loadAcquire(f.name())
                        + "(), " + CppNames.storeRelease(f.name()) + "()";
            } else if (f.limit().isPresent()) {
                note = "untrusted: read with " + CppNames.checkedReader(f.name()) + "()";
            }
            members.add(new MemberView(comment(f.doc().lines()), declaration, note));
            asserts.add(new AssertView("offsetof(" + name + ", " + f.name() + ") == " + f.offset(),
                    name + "::" + f.name() + ": offset must be " + f.offset() + fieldWhere));
            if (f.atomic()) {
                String valueType = typeName(f.type(), file);
                String storageType = scalar(f.type().storage().orElseThrow());
                atomics.add(new AtomicView(name, f.name(), valueType, storageType, atomicEnum,
                        CppNames.loadAcquire(f.name()), CppNames.storeRelease(f.name()), CppNames.compareExchange(f.name())));
            }
            f.limit().ifPresent(limit -> {
                ScalarKind kind = f.type().storage().orElseThrow();
                // Only the comparisons the type does not already guarantee (-Wtype-limits).
                List<String> out = new ArrayList<>();
                if (kind.isSigned()) {
                    out.add("value < 0");
                }
                if (limit.max().compareTo(kind.max()) < 0) {
                    out.add("value > " + literal(kind, limit.max(), 10));
                }
                readers.add(new ReaderView(name, f.name(), CppNames.checkedReader(f.name()), scalar(kind), out.isEmpty() ? null : String.join(" || ", out),
                        limit.max().toString(), limit.countOf().orElse(null)));
            });
            if (f.type() instanceof Type.Array a && a.isText()) {
                texts.add(new TextView(name, f.name(), CppNames.textLength(f.name()), a.length()));
            }
        }
        String alignas = s.declaredAlign() > 1 ? Long.toString(s.declaredAlign()) : null;
        decls.add(render("struct", "s", new StructView(comment(s.doc().lines()), name, alignas, members, asserts)));
        atomics.forEach(a -> decls.add(render("atomicAccessors", "a", a)));
        readers.forEach(r -> decls.add(render("checkedReader", "r", r)));
        texts.forEach(t -> decls.add(render("textLength", "t", t)));
    }

    private LayoutView layout(LayoutDecl l, AbiFile file) {
        LayoutProgram program = LayoutLowering.lower(l);
        String structName = CppNames.layoutStruct(l);
        String function = CppNames.layoutFunction(l);
        List<String> params = new ArrayList<>();
        for (String p : l.params()) {
            params.add("std::uint64_t " + p);
        }
        params.add(structName + "* out");
        String parameters = String.join(", ", params);
        if (parameters.length() + function.length() > 70) {
            parameters = String.join(",\n        ", params);
            parameters = "\n        " + parameters;
        }
        CppLayoutLines lines = new CppLayoutLines(templates, structName);
        List<String> body = lines.render(program);
        List<String> unused = l.params().stream().filter(p -> !lines.usedParams().contains(p)).toList();
        // A section's doc comment documents its offset field; its size and the total speak for themselves.
        List<LayoutFieldView> fields = new ArrayList<>();
        for (String field : program.resultFields()) {
            List<String> doc = l.sections().stream()
                    .filter(s -> field.equals(s.name() + "_offset"))
                    .findFirst().map(s -> comment(s.doc().lines())).orElse(List.of());
            fields.add(new LayoutFieldView(doc, field));
        }
        return new LayoutView(comment(l.doc().lines()), l.name(), structName, function, fields, parameters, unused, body);
    }

    // ---------------------------------------------------------------- types and literals

    private String typeName(Type t, AbiFile from) {
        if (t instanceof Type.Array a) {
            return typeName(a.element(), from);
        }
        if (t instanceof Type.Scalar s) {
            return scalar(s.kind());
        }
        Decl decl = t instanceof Type.StructRef r ? r.decl() : ((Type.EnumRef) t).decl();
        AbiFile owner = owners.get(decl);
        if (owner == null || CppNames.namespace(owner).equals(CppNames.namespace(from))) {
            return decl.name();
        }
        return "::" + CppNames.namespace(owner) + "::" + decl.name();
    }

    /** The C++ type of a scalar: {@code std::uint32_t}, {@code float}, {@code bool}… */
    public static String scalar(ScalarKind kind) {
        return switch (kind) {
            case U8 -> "std::uint8_t";
            case U16 -> "std::uint16_t";
            case U32 -> "std::uint32_t";
            case U64 -> "std::uint64_t";
            case I8 -> "std::int8_t";
            case I16 -> "std::int16_t";
            case I32 -> "std::int32_t";
            case I64 -> "std::int64_t";
            case F32 -> "float";
            case F64 -> "double";
            case BOOL -> "std::uint8_t";
            case CHAR -> "char";
        };
    }

    /** An integer literal of the given type, in the radix it was written in where that reads better. */
    static String literal(ScalarKind kind, BigInteger value, int radix) {
        boolean wide = kind.size() == 8;
        if (!kind.isSigned()) {
            String digits = radix == 16 ? "0x" + value.toString(16).toUpperCase(Locale.ROOT) : value.toString();
            return digits + (value.bitLength() > 32 ? "ull" : "u");
        }
        if (value.equals(kind.min())) {
            BigInteger plusOne = value.add(BigInteger.ONE);
            return "(" + plusOne + (wide ? "ll" : "") + " - 1)";
        }
        String digits = radix == 16 && value.signum() >= 0 ? "0x" + value.toString(16).toUpperCase(Locale.ROOT)
                : value.toString();
        return digits + (wide && value.bitLength() > 31 ? "ll" : "");
    }
}
