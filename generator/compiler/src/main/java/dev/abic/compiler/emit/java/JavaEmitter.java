package dev.abic.compiler.emit.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.abic.compiler.check.JavaNames;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.emit.Templates;
import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.AbiModel;
import dev.abic.compiler.model.ConstDecl;
import dev.abic.compiler.model.Decl;
import dev.abic.compiler.model.Doc;
import dev.abic.compiler.model.EnumDecl;
import dev.abic.compiler.model.LayoutDecl;
import dev.abic.compiler.model.ScalarKind;
import dev.abic.compiler.model.StructDecl;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * Writes Java classes (FFM, release 22) for a model: one class per struct, enum, flag set and
 * layout, one constants class per {@code .abi} file, and per Java package the exceptions and the
 * package-private helpers the classes share. Generated code needs nothing but the JDK.
 *
 * <p>Struct classes hold a little-endian {@code StructLayout} with every field named, the size and
 * every offset as constants (checked against the layout when the class loads), and static
 * accessors on {@code MemorySegment}s; see {@link JavaStructs}. Layout records compute offsets with
 * every step checked for unsigned 64-bit overflow; see {@link JavaLayouts}.
 */
public final class JavaEmitter {
    /** Options of the Java output (none yet; the record keeps the signature stable). */
    public record Options() {
        public static final Options DEFAULTS = new Options();
    }

    static final String INDENT = "    ";

    private final Map<Decl, AbiFile> owners = new IdentityHashMap<>();

    private JavaEmitter(AbiModel model) {
        for (AbiFile f : model.files()) {
            f.decls().forEach(d -> owners.put(d, f));
        }
    }

    /** The Java sources for every file of the model, as paths such as {@code simpler/l3l2/DescSlot.java}. */
    public static List<GeneratedFile> emit(AbiModel model, Options options) {
        return new JavaEmitter(model).run(model);
    }

    private record PackageNeeds(boolean structs, boolean layouts) {
        PackageNeeds or(PackageNeeds o) {
            return new PackageNeeds(structs || o.structs, layouts || o.layouts);
        }
    }

    private List<GeneratedFile> run(AbiModel model) {
        List<Supplier<GeneratedFile>> classes = new ArrayList<>();
        Map<String, PackageNeeds> packages = new LinkedHashMap<>();
        for (AbiFile f : model.files()) {
            String pkg = JavaNames.packageName(f);
            boolean structs = false;
            boolean layouts = false;
            List<ConstDecl> constants = f.decls(ConstDecl.class);
            if (!constants.isEmpty()) {
                classes.add(() -> file(pkg, constantsClass(f, constants)));
            }
            for (Decl d : f.decls()) {
                if (d instanceof EnumDecl e) {
                    classes.add(() -> file(pkg, e.flags() ? JavaEnums.flags(e, source(f)) : JavaEnums.enumeration(e, source(f), this)));
                    structs = true;
                } else if (d instanceof StructDecl s) {
                    classes.add(() -> file(pkg, new JavaStructs(this, s, f).type()));
                    structs = true;
                } else if (d instanceof LayoutDecl l) {
                    classes.add(() -> file(pkg, new JavaLayouts(l, f).type()));
                    layouts = true;
                }
            }
            packages.merge(pkg, new PackageNeeds(structs, layouts), PackageNeeds::or);
        }
        // Formatting a class with JavaPoet is most of the cost of Java output (about 0.7 ms of CPU a
        // class), and each class is a pure function of the read-only model, so the classes are built on
        // every core; the list keeps the order of the declarations, and the files are sorted anyway.
        List<GeneratedFile> out = new ArrayList<>(classes.parallelStream().map(Supplier::get).toList());
        packages.forEach((pkg, needs) -> support(pkg, needs, out));
        out.sort(java.util.Comparator.comparing(GeneratedFile::path));
        return out;
    }

    private static void support(String pkg, PackageNeeds needs, List<GeneratedFile> out) {
        if (!needs.structs && !needs.layouts) {
            return;
        }
        String dir = pkg.replace('.', '/') + "/";
        List<String> imports = new ArrayList<>();
        StringBuilder support = new StringBuilder();
        if (needs.structs) {
            out.add(new GeneratedFile(dir + JavaNames.VIOLATION_EXCEPTION + ".java",
                    resource(JavaNames.VIOLATION_EXCEPTION + ".java.txt", pkg)));
            imports.addAll(List.of("java.lang.foreign.MemoryLayout", "java.lang.foreign.MemorySegment",
                    "java.lang.foreign.StructLayout", "java.lang.foreign.ValueLayout", "java.lang.invoke.VarHandle",
                    "java.nio.ByteOrder",
                    "java.nio.charset.StandardCharsets"));
            support.append(resource("AbiSupport-structs.java.txt", pkg));
        }
        if (needs.layouts) {
            out.add(new GeneratedFile(dir + JavaNames.LAYOUT_EXCEPTION + ".java",
                    resource(JavaNames.LAYOUT_EXCEPTION + ".java.txt", pkg)));
            support.append(resource("AbiSupport-layouts.java.txt", pkg));
        }
        StringBuilder importLines = new StringBuilder();
        imports.forEach(i -> importLines.append("import ").append(i).append(";\n"));
        String head = resource("AbiSupport-head.java.txt", pkg)
                .replace("$IMPORTS$\n", importLines.length() == 0 ? "" : importLines + "\n");
        out.add(new GeneratedFile(dir + JavaNames.SUPPORT + ".java", head + support + "}\n"));
    }

    private static GeneratedFile file(String pkg, TypeSpec type) {
        JavaFile file = JavaFile.builder(pkg, type).indent(INDENT).skipJavaLangImports(true).build();
        return new GeneratedFile(pkg.replace('.', '/') + "/" + type.name() + ".java", file.toString());
    }

    // ---------------------------------------------------------------- constants

    private TypeSpec constantsClass(AbiFile f, List<ConstDecl> constants) {
        TypeSpec.Builder type = TypeSpec.classBuilder(JavaNames.constantsClass(f))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc(javadoc(f.doc(), "The constants of " + f.source().sourceName() + " (package "
                        + f.packageName() + ").", source(f)));
        for (ConstDecl c : constants) {
            String doc = userDoc(c.doc());
            String paragraph = doc.isEmpty() ? "" : "\n<p>";
            if (!c.expression().isEmpty()) {
                doc += paragraph + "{@code " + escapeCode(c.expression()) + "} = " + c.value() + "\n";
            } else if (!fitsSigned(c.type(), c.value())) {
                doc += paragraph + "Unsigned: " + c.value() + ".\n";
            }
            type.addField(FieldSpec.builder(javaType(c.type()), c.name(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("$L", doc)
                    .initializer(literal(c.type(), c.value(), c.radix()))
                    .build());
        }
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        return type.build();
    }

    // ---------------------------------------------------------------- shared by the parts

    /** The class of a struct or enum, wherever it is declared. */
    ClassName className(Decl decl) {
        AbiFile owner = owners.get(decl);
        return ClassName.get(JavaNames.packageName(owner), decl.name());
    }

    static String source(AbiFile f) {
        return f.source().sourceName();
    }

    static ClassName support(String pkg) {
        return ClassName.get(pkg, JavaNames.SUPPORT);
    }

    static TypeName javaType(ScalarKind kind) {
        return switch (kind) {
            case U8, I8, CHAR -> TypeName.BYTE;
            case U16, I16 -> TypeName.SHORT;
            case U32, I32 -> TypeName.INT;
            case U64, I64 -> TypeName.LONG;
            case F32 -> TypeName.FLOAT;
            case F64 -> TypeName.DOUBLE;
            case BOOL -> TypeName.BOOLEAN;
        };
    }

    private static boolean fitsSigned(ScalarKind kind, BigInteger value) {
        return value.bitLength() < kind.bits();
    }

    /**
     * A Java literal of the primitive of {@code kind} holding the bits of {@code value}: unsigned
     * values above the signed range are written in hex (and cast for byte and short), as Java has
     * no unsigned literals.
     */
    static CodeBlock literal(ScalarKind kind, BigInteger value, int radix) {
        boolean aboveSigned = value.signum() > 0 && !fitsSigned(kind, value);
        String digits = (radix == 16 || aboveSigned) && value.signum() >= 0
                ? "0x" + value.toString(16).toUpperCase(Locale.ROOT) : value.toString();
        if (kind.size() == 8) {
            return CodeBlock.of("$L", digits + "L");
        }
        return kind.size() < 4 && aboveSigned ? CodeBlock.of("($T) $L", javaType(kind), digits) : CodeBlock.of("$L", digits);
    }

    /**
     * A {@code String} expression of the value of {@code value}, a Java primitive holding a scalar
     * of {@code kind}, as the ABI sees it: unsigned types unsigned.
     */
    static CodeBlock abiString(ScalarKind kind, CodeBlock value) {
        if (kind.isSigned()) {
            return CodeBlock.of("$T.valueOf($L)", String.class, value);
        }
        return switch (kind.size()) {
            case 1 -> CodeBlock.of("$T.valueOf(Byte.toUnsignedInt($L))", String.class, value);
            case 2 -> CodeBlock.of("$T.valueOf(Short.toUnsignedInt($L))", String.class, value);
            case 4 -> CodeBlock.of("Integer.toUnsignedString($L)", value);
            default -> CodeBlock.of("Long.toUnsignedString($L)", value);
        };
    }

    /** {@link #literal}, cast where an int literal would not convert by itself (a method argument). */
    static CodeBlock argument(ScalarKind kind, BigInteger value, int radix) {
        CodeBlock plain = literal(kind, value, radix);
        return kind.size() < 4 && !plain.toString().startsWith("(") ? CodeBlock.of("($T) $L", javaType(kind), plain) : plain;
    }

    /** A {@code long} literal of an unsigned 64-bit value. */
    static String u64(BigInteger value) {
        return value.bitLength() < 64 ? value + "L" : "0x" + value.toString(16).toUpperCase(Locale.ROOT) + "L";
    }

    static String u64(long value) {
        return u64(BigInteger.valueOf(value));
    }

    private static final Pattern BACKTICKS = Pattern.compile("`([^`{}]+)`");

    /**
     * A Javadoc comment: the {@code .abi} doc (HTML-escaped, {@code `code`} as {@code {@code code}}),
     * or {@code fallback} (Javadoc HTML) when there is none, then the generated-from line when
     * {@code source} is given.
     */
    static CodeBlock javadoc(Doc doc, String fallback, String source) {
        StringBuilder text = new StringBuilder(userDoc(doc));
        if (doc.isEmpty() && fallback != null) {
            text.append(wrap(fallback)).append('\n');
        }
        if (source != null) {
            text.append(text.length() == 0 ? "" : "\n<p>").append("Generated from {@code ").append(escapeCode(source))
                    .append("} by abic; do not edit.\n");
        }
        return CodeBlock.of("$L", text);
    }

    /** {@code doc} as Javadoc text, one line per line, each ending in a newline; empty when there is none. */
    static String userDoc(Doc doc) {
        StringBuilder text = new StringBuilder();
        for (String line : doc.lines()) {
            text.append(wrap(escapeDoc(line))).append('\n');
        }
        return text.toString();
    }

    /** Javadoc text wrapped at spaces to lines of at most 100 characters, as a person would. */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            int start = 0;
            while (line.length() - start > 100) {
                int cut = line.lastIndexOf(' ', start + 100);
                if (cut <= start) {
                    break;
                }
                out.append(line, start, cut).append('\n');
                start = cut + 1;
            }
            out.append(line, start, line.length());
        }
        return out.toString();
    }

    static String escapeDoc(String line) {
        String escaped = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
                .replace("@", "&#64;");
        Matcher m = BACKTICKS.matcher(escaped);
        return m.replaceAll(r -> Matcher.quoteReplacement("{@code " + r.group(1) + "}"));
    }

    static String escapeCode(String code) {
        return code.replace("*/", "*&#47;").replace("@", "&#64;").replace("{", "&#123;").replace("}", "&#125;");
    }

    /** A support file's text in package {@code pkg}. */
    private static String resource(String name, String pkg) {
        return Templates.text(JavaEmitter.class, name).replace("$PACKAGE$", pkg);
    }
}
