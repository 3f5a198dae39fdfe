package dev.abic.compiler.emit.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.abic.compiler.check.JavaNames;
import dev.abic.compiler.layout.LayoutLowering;
import dev.abic.compiler.layout.LayoutProgram;
import dev.abic.compiler.layout.LayoutProgram.Pure;
import dev.abic.compiler.layout.LayoutProgram.Var;
import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.BinaryOp;
import dev.abic.compiler.model.LayoutDecl;
import dev.abic.compiler.model.UnaryOp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The record of one {@code layout}: a component per section offset and size and the total, and a
 * static {@code compute(params…)} that runs the {@link LayoutProgram} step by step on unsigned
 * 64-bit {@code long}s, throwing {@code AbiLayoutException} where the C++ function returns an error.
 */
final class JavaLayouts {
    private final LayoutDecl layout;
    private final AbiFile file;
    private final ClassName support;
    private final ClassName self;
    private final Set<String> declared = new HashSet<>();

    JavaLayouts(LayoutDecl layout, AbiFile file) {
        this.layout = layout;
        this.file = file;
        String pkg = JavaNames.packageName(file);
        this.support = JavaEmitter.support(pkg);
        this.self = ClassName.get(pkg, JavaNames.layoutRecord(layout));
    }

    TypeSpec type() {
        LayoutProgram program = LayoutLowering.lower(layout);
        StringBuilder doc = new StringBuilder();
        doc.append("Offsets and sizes in bytes of the sections of a ").append(layout.name())
                .append("; {@link #compute} makes one.\n");
        if (!layout.doc().isEmpty()) {
            doc.append("\n<p>").append(JavaEmitter.javadoc(layout.doc(), null, null));
        }
        doc.append("\n<p>Generated from {@code ").append(JavaEmitter.escapeCode(JavaEmitter.source(file)))
                .append("} by abic; do not edit.\n\n");
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        for (String field : program.resultFields()) {
            String sectionDoc = layout.sections().stream()
                    .filter(s -> field.equals(s.name() + "_offset"))
                    .findFirst()
                    .map(s -> s.doc().isEmpty() ? "offset of " + s.name()
                            : JavaEmitter.javadoc(s.doc(), null, null).toString().strip().replace("\n", " "))
                    .orElse(field.equals("total_bytes") ? "size of the whole region" : "size of "
                            + field.substring(0, field.length() - "_bytes".length()));
            doc.append("@param ").append(JavaNames.member(field)).append(' ').append(sectionDoc).append('\n');
            constructor.addParameter(ParameterSpec.builder(TypeName.LONG, JavaNames.member(field)).build());
        }
        return TypeSpec.recordBuilder(self.simpleName())
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("$L", doc)
                .recordConstructor(constructor.build())
                .addMethod(compute(program))
                .build();
    }

    private MethodSpec compute(LayoutProgram program) {
        ClassName exception = ClassName.get(self.packageName(), JavaNames.LAYOUT_EXCEPTION);
        MethodSpec.Builder m = MethodSpec.methodBuilder("compute")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self)
                .addJavadoc("Places the sections for the given parameters (unsigned 64-bit values), every step "
                        + "checked for overflow.\n\n@throws $T if a requirement fails or a size or offset does not fit "
                        + "in 64 bits; its {@link $T#reason()} matches the status of the C++ function\n",
                        exception, exception);
        for (String p : layout.params()) {
            m.addParameter(TypeName.LONG, JavaNames.member(p));
        }
        CodeBlock.Builder body = CodeBlock.builder();
        String where = layout.name();
        for (LayoutProgram.Step step : program.steps()) {
            if (step instanceof LayoutProgram.Comment c) {
                body.add("// $L\n", c.text());
                where = layout.name() + ": " + c.text().replaceAll("\\s+\\(", " (");
            } else if (step instanceof LayoutProgram.Require r) {
                body.beginControlFlow("if (!$L)", bool(r.condition(), false))
                        .addStatement("throw $T.requirementFailed($S)", support, where)
                        .endControlFlow();
            } else if (step instanceof LayoutProgram.Checked c) {
                body.addStatement("$L$L = $T.$L($L, $L, $S)", declare(c.target()), name(c.target()), support,
                        method(c.op()), number(c.left(), true), number(c.right(), true), where);
            } else if (step instanceof LayoutProgram.Assign a) {
                body.addStatement("$L$L = $L", declare(a.target()), name(a.target()), number(a.value(), true));
            } else if (step instanceof LayoutProgram.PlaceAt p) {
                body.addStatement("$L = $T.placeAt($L, $L, $L, $S)", name(new Var(LayoutProgram.CURSOR, Var.Kind.CURSOR)),
                        support, number(p.at(), true), LayoutProgram.CURSOR, JavaEmitter.u64(p.align()), where);
            }
        }
        // Names only (no $), so they can be part of the format, where $W lets long lines wrap.
        body.addStatement("return new $T(" + program.resultFields().stream()
                .map(f -> JavaNames.member(f) + "_").collect(Collectors.joining(",$W")) + ")", self);
        return m.addCode(body.build()).build();
    }

    private static String method(LayoutProgram.CheckedOp op) {
        return op == LayoutProgram.CheckedOp.ALIGN_UP ? "alignUp" : op.function();
    }

    private String declare(Var v) {
        return declared.add(v.name()) ? "long " : "";
    }

    /**
     * The Java name of a variable: parameters as declared, everything else with a trailing
     * underscore, which no parameter has.
     */
    private static String name(Var v) {
        return switch (v.kind()) {
            case PARAM -> JavaNames.member(v.name());
            case RESULT -> JavaNames.member(v.name()) + "_";
            case TEMP, CURSOR -> v.name();
        };
    }

    /** The expression as a {@code long}; {@code top} omits the outer parentheses. */
    private String number(Pure p, boolean top) {
        if (p.isBoolean()) {
            return "(" + bool(p, true) + " ? 1L : 0L)";
        }
        if (p instanceof LayoutProgram.Lit l) {
            return JavaEmitter.u64(l.value());
        }
        if (p instanceof Var v) {
            return name(v);
        }
        if (p instanceof LayoutProgram.Unary u) {
            return "~" + number(u.operand(), false);
        }
        if (p instanceof LayoutProgram.Binary b) {
            String x = number(b.left(), true);
            String y = number(b.right(), true);
            String s = switch (b.op()) {
                case DIV -> "Long.divideUnsigned(" + x + ", " + y + ")";
                case MOD -> "Long.remainderUnsigned(" + x + ", " + y + ")";
                case SHR -> number(b.left(), false) + " >>> " + number(b.right(), false);
                default -> number(b.left(), false) + " " + b.op().symbol() + " " + number(b.right(), false);
            };
            // Unsigned division and remainder are method calls: no parentheses needed around them.
            boolean call = b.op() == BinaryOp.DIV || b.op() == BinaryOp.MOD;
            return top || call ? s : "(" + s + ")";
        }
        LayoutProgram.Call c = (LayoutProgram.Call) p;
        return support.simpleName() + "." + c.function() + "(" + args(c) + ")";
    }

    /** The expression as a {@code boolean}. */
    private String bool(Pure p, boolean top) {
        if (!p.isBoolean()) {
            return "(" + number(p, false) + " != 0L)";
        }
        if (p instanceof LayoutProgram.Unary u && u.op() == UnaryOp.NOT) {
            return "!" + bool(u.operand(), false);
        }
        if (p instanceof LayoutProgram.Binary b) {
            String x = number(b.left(), true);
            String y = number(b.right(), true);
            String s = switch (b.op()) {
                case LOGICAL_AND, LOGICAL_OR -> bool(b.left(), false) + " " + b.op().symbol() + " " + bool(b.right(), false);
                case EQ, NE -> number(b.left(), false) + " " + b.op().symbol() + " " + number(b.right(), false);
                default -> "Long.compareUnsigned(" + x + ", " + y + ") " + b.op().symbol() + " 0";
            };
            return top ? s : "(" + s + ")";
        }
        LayoutProgram.Call c = (LayoutProgram.Call) p;
        // is_pow2: exactly one bit set, which Long.bitCount counts for unsigned values too.
        return top ? "Long.bitCount(" + args(c) + ") == 1" : "(Long.bitCount(" + args(c) + ") == 1)";
    }

    private String args(LayoutProgram.Call c) {
        List<String> args = c.args().stream().map(a -> number(a, true)).toList();
        return String.join(", ", args);
    }
}
