package dev.abic.compiler.emit.cpp;

import dev.abic.compiler.diag.Diagnostic;
import dev.abic.compiler.diag.Diagnostics;
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
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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

    /** The header path of a file: {@code option cpp_header}, or the package as a path. */
    public static String headerPath(AbiFile file) {
        return file.option("cpp_header").orElse(file.packageName().replace('.', '/') + ".h");
    }

    /** The C++ struct holding a layout's result: {@code QueueRegion} → {@code QueueRegionLayout}. */
    public static String layoutStructName(LayoutDecl layout) {
        return layout.name() + "Layout";
    }

    /** The C++ layout function: {@code QueueRegion} → {@code compute_queue_region_layout}. */
    public static String layoutFunctionName(LayoutDecl layout) {
        return "compute_" + snake(layout.name()) + "_layout";
    }

    /** The namespace of a file: {@code option cpp_namespace}, or the package with {@code ::}. */
    public static String namespace(AbiFile file) {
        return file.option("cpp_namespace").orElse(file.packageName().replace(".", "::"));
    }

    private List<GeneratedFile> run(AbiModel model, Options options) {
        Map<String, AbiFile> byHeader = new HashMap<>();
        boolean clash = false;
        for (AbiFile f : model.files()) {
            f.decls().forEach(d -> owners.put(d, f));
            AbiFile other = byHeader.putIfAbsent(headerPath(f), f);
            if (other != null) {
                diagnostics.report(Diagnostic.globalError(f.source().displayName() + " and "
                        + other.source().displayName() + " would both generate " + headerPath(f)
                        + "; give one of them `option cpp_header = \"…\";`"));
                clash = true;
            }
        }
        if (clash) {
            return List.of();
        }
        List<GeneratedFile> out = new ArrayList<>();
        out.add(new GeneratedFile(SUPPORT_HEADER, resource("support.h")));
        List<String> headers = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (AbiFile f : model.files()) {
            out.add(new GeneratedFile(headerPath(f), header(f)));
            headers.add(headerPath(f));
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

    public record AtomicView(String struct, String field, String valueType, String storageType, boolean enumCast) {}

    public record ReaderView(String struct, String field, String type, boolean signed, String max,
                             String maxLiteral, String countOf) {}

    public record TextView(String struct, String field, long capacity) {}

    public record LayoutView(List<String> doc, String name, String structName, String function,
                             List<LayoutFieldView> fields, String parameters, List<String> unused, List<String> lines) {}

    public record LayoutFieldView(List<String> doc, String name) {}

    // ---------------------------------------------------------------- files

    private String header(AbiFile file) {
        Set<String> includes = new LinkedHashSet<>();
        for (AbiFile imported : file.imports()) {
            includes.add(headerPath(imported));
        }
        List<String> decls = new ArrayList<>();
        for (Decl d : file.decls()) {
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
        List<String> namespaces = List.of(namespace(file).split("::"));
        ST st = templates.getInstanceOf("header");
        st.add("h", new HeaderView(file.source().sourceName(), file.doc().lines(), guard(headerPath(file)),
                List.copyOf(includes), namespaces, decls));
        return st.render();
    }

    private String render(String template, String name, Object view) {
        ST st = templates.getInstanceOf(template);
        st.add(name, view);
        return st.render();
    }

    private static String guard(String path) {
        return path.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
    }

    // ---------------------------------------------------------------- declarations

    private ConstView constant(ConstDecl c) {
        int radix = c.expression().contains("0x") || c.expression().contains("0X") ? 16 : c.radix();
        return new ConstView(c.doc().lines(), scalar(c.type()), c.name(), literal(c.type(), c.value(), radix),
                c.expression().isEmpty() ? null : c.expression());
    }

    private EnumView enumView(EnumDecl e) {
        List<ValueView> values = new ArrayList<>();
        for (EnumDecl.Value v : e.values()) {
            values.add(new ValueView(v.doc().lines(), v.name(), literal(e.underlying(), v.value(), v.radix())));
        }
        return new EnumView(e.doc().lines(), e.name(), scalar(e.underlying()), values);
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
            if (f.reserved()) {
                note = "reserved: write zero";
            } else if (f.atomic()) {
                note = "atomic" + (atomicEnum ? " " + f.type().abiName() : "") + ": load_" + f.name()
                        + "_acquire(), store_" + f.name() + "_release()";
            } else if (f.limit().isPresent()) {
                note = "untrusted: read with read_" + f.name() + "_checked()";
            }
            members.add(new MemberView(f.doc().lines(), declaration, note));
            asserts.add(new AssertView("offsetof(" + name + ", " + f.name() + ") == " + f.offset(),
                    name + "::" + f.name() + ": offset must be " + f.offset() + fieldWhere));
            if (f.atomic()) {
                String valueType = typeName(f.type(), file);
                String storageType = scalar(f.type().storage().orElseThrow());
                atomics.add(new AtomicView(name, f.name(), valueType, storageType, atomicEnum));
            }
            f.limit().ifPresent(limit -> {
                ScalarKind kind = f.type().storage().orElseThrow();
                readers.add(new ReaderView(name, f.name(), scalar(kind), kind.isSigned(), limit.max().toString(),
                        literal(kind, limit.max(), 10), limit.countOf().orElse(null)));
            });
            if (f.type() instanceof Type.Array a && a.isText()) {
                texts.add(new TextView(name, f.name(), a.length()));
            }
        }
        String alignas = s.declaredAlign() > 1 ? Long.toString(s.declaredAlign()) : null;
        decls.add(render("struct", "s", new StructView(s.doc().lines(), name, alignas, members, asserts)));
        atomics.forEach(a -> decls.add(render("atomicAccessors", "a", a)));
        readers.forEach(r -> decls.add(render("checkedReader", "r", r)));
        texts.forEach(t -> decls.add(render("textLength", "t", t)));
    }

    private LayoutView layout(LayoutDecl l, AbiFile file) {
        LayoutProgram program = LayoutLowering.lower(l);
        String structName = layoutStructName(l);
        String function = layoutFunctionName(l);
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
                    .findFirst().map(s -> s.doc().lines()).orElse(List.of());
            fields.add(new LayoutFieldView(doc, field));
        }
        return new LayoutView(l.doc().lines(), l.name(), structName, function, fields, parameters, unused, body);
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
        if (owner == null || namespace(owner).equals(namespace(from))) {
            return decl.name();
        }
        return "::" + namespace(owner) + "::" + decl.name();
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
            case BOOL -> "bool";
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

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    private static String resource(String name) {
        try (InputStream in = CppEmitter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

}
