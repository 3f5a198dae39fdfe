package dev.abic.compiler.emit.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.abic.compiler.check.JavaNames;
import dev.abic.compiler.model.EnumDecl;
import dev.abic.compiler.model.ScalarKind;
import javax.lang.model.element.Modifier;

/** Java enums for {@code enum}s and classes of constants for {@code flags}. */
final class JavaEnums {
    private JavaEnums() {}

    /**
     * {@code enum Op { DATA(1L), … }} with {@code value()}, {@code of(value)} (which rejects unknown
     * values), {@code isKnown(value)} and {@code toString(value)}.
     */
    static TypeSpec enumeration(EnumDecl e, String source, JavaEmitter emitter) {
        ClassName self = emitter.className(e);
        TypeName raw = JavaEmitter.javaType(e.underlying());
        TypeSpec.Builder type = TypeSpec.enumBuilder(e.name())
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(JavaEmitter.javadoc(e.doc(), "The values of " + e.name() + ".", source));
        for (EnumDecl.Value v : e.values()) {
            type.addEnumConstant(v.name(), TypeSpec.anonymousClassBuilder("$L",
                            JavaEmitter.argument(e.underlying(), v.value(), v.radix()))
                    .addJavadoc(JavaEmitter.javadoc(v.doc(), null, null))
                    .build());
        }
        ClassName violation = ClassName.get(self.packageName(), JavaNames.VIOLATION_EXCEPTION);
        type.addField(raw, "value", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addParameter(raw, "value")
                        .addStatement("this.value = value")
                        .build())
                .addMethod(MethodSpec.methodBuilder("value")
                        .addJavadoc("The value as stored in memory.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(raw)
                        .addStatement("return value")
                        .build());
        CodeBlock.Builder of = CodeBlock.builder();
        for (EnumDecl.Value v : e.values()) {
            of.beginControlFlow("if (value == $L)", JavaEmitter.literal(e.underlying(), v.value(), v.radix()))
                    .addStatement("return $N", v.name())
                    .endControlFlow();
        }
        of.addStatement("throw new $T($S + $L)", violation, "unknown " + e.name() + " value ",
                JavaEmitter.abiString(e.underlying(), CodeBlock.of("value")));
        type.addMethod(MethodSpec.methodBuilder("of")
                .addJavadoc("The constant for a value read from memory.\n\n"
                        + "@throws $T if no constant has that value\n", violation)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self)
                .addParameter(raw, "value")
                .addCode(of.build())
                .build());
        CodeBlock.Builder known = CodeBlock.builder();
        known.add("return ");
        for (int i = 0; i < e.values().size(); i++) {
            EnumDecl.Value v = e.values().get(i);
            known.add(i == 0 ? "value == $L" : "\n|| value == $L",
                    JavaEmitter.literal(e.underlying(), v.value(), v.radix()));
        }
        if (e.values().isEmpty()) {
            known.add("false");
        }
        type.addMethod(MethodSpec.methodBuilder("isKnown")
                .addJavadoc("True when a constant has this value.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(TypeName.BOOLEAN)
                .addParameter(raw, "value")
                .addStatement(known.build())
                .build());
        type.addMethod(MethodSpec.methodBuilder("toString")
                .addJavadoc("The name of the constant with this value, or the value and {@code (unknown)}; for logs.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(String.class)
                .addParameter(raw, "value")
                .addStatement("return isKnown(value) ? of(value).name() : $L + $S",
                        JavaEmitter.abiString(e.underlying(), CodeBlock.of("value")), " (unknown)")
                .build());
        return type.build();
    }

    /**
     * A final class with a constant per flag and {@code has}, {@code with}, {@code without},
     * {@code isKnown} and {@code toString} on sets of flags.
     */
    static TypeSpec flags(EnumDecl e, String source) {
        ScalarKind kind = e.underlying();
        TypeName raw = JavaEmitter.javaType(kind);
        boolean narrow = kind.size() < 4;
        TypeSpec.Builder type = TypeSpec.classBuilder(e.name())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc(JavaEmitter.javadoc(e.doc(), "The flags of " + e.name() + ".", source));
        CodeBlock.Builder all = CodeBlock.builder();
        for (EnumDecl.Value v : e.values()) {
            type.addField(FieldSpec.builder(raw, v.name(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc(JavaEmitter.javadoc(v.doc(), null, null))
                    .initializer(JavaEmitter.literal(kind, v.value(), v.radix()))
                    .build());
            all.add(all.isEmpty() ? "$N" : " | $N", v.name());
        }
        String known = all.isEmpty() ? "0" : all.build().toString();
        type.addMethod(MethodSpec.methodBuilder("has")
                .addJavadoc("True when every flag of {@code flags} is set in {@code set}.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(TypeName.BOOLEAN)
                .addParameter(raw, "set")
                .addParameter(raw, "flags")
                .addStatement("return (set & flags) == flags")
                .build());
        type.addMethod(setOperation("with", "{@code set} with the flags of {@code flags} added.", "set | flags", raw, narrow));
        type.addMethod(setOperation("without", "{@code set} with the flags of {@code flags} removed.", "set & ~flags", raw, narrow));
        type.addMethod(MethodSpec.methodBuilder("isKnown")
                .addJavadoc("True when {@code set} has no bits besides the declared flags.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(TypeName.BOOLEAN)
                .addParameter(raw, "set")
                .addStatement("return (set & ~($L)) == 0", known)
                .build());
        CodeBlock.Builder str = CodeBlock.builder()
                .addStatement("$T out = new $T()", StringBuilder.class, StringBuilder.class);
        for (EnumDecl.Value v : e.values()) {
            if (v.value().signum() == 0) {
                continue;
            }
            str.beginControlFlow("if (has(set, $N))", v.name())
                    .addStatement("out.append(out.length() == 0 ? $S : $S).append($S)", "", "|", v.name())
                    .endControlFlow();
        }
        String hex = switch (kind.size()) {
            case 8 -> "Long.toHexString(set & ~(" + known + "))";
            case 4 -> "Integer.toHexString(set & ~(" + known + "))";
            default -> "Integer.toHexString(set & ~(" + known + ") & " + (kind.size() == 1 ? "0xFF" : "0xFFFF") + ")";
        };
        str.beginControlFlow("if (!isKnown(set))")
                .addStatement("out.append(out.length() == 0 ? $S : $S).append($S).append($L)", "", "|", "0x", hex)
                .endControlFlow()
                .addStatement("return out.length() == 0 ? $S : out.toString()", "0");
        type.addMethod(MethodSpec.methodBuilder("toString")
                .addJavadoc("The names of the flags set, joined with {@code |}, and any unknown bits in hex; for logs.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(String.class)
                .addParameter(raw, "set")
                .addCode(str.build())
                .build());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        return type.build();
    }

    private static MethodSpec setOperation(String name, String doc, String expression, TypeName raw, boolean narrow) {
        return MethodSpec.methodBuilder(name)
                .addJavadoc(doc + "\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(raw)
                .addParameter(raw, "set")
                .addParameter(raw, "flags")
                .addStatement(narrow ? CodeBlock.of("return ($T) ($L)", raw, expression) : CodeBlock.of("return $L", expression))
                .build();
    }
}
