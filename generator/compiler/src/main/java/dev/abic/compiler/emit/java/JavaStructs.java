package dev.abic.compiler.emit.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.abic.compiler.check.JavaNames;
import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.Doc;
import dev.abic.compiler.model.Field;
import dev.abic.compiler.model.ScalarKind;
import dev.abic.compiler.model.StructDecl;
import dev.abic.compiler.model.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The class of one struct: {@code LAYOUT}, {@code BYTES}, an offset constant per field (checked
 * against {@code LAYOUT} when the class loads), static accessors by field kind, and
 * {@code allocate}, {@code element}, {@code toString} and {@code validate}.
 */
final class JavaStructs {
    private static final String FOREIGN = "java.lang.foreign";
    private static final ClassName SEGMENT = ClassName.get(FOREIGN, "MemorySegment");
    private static final ClassName ALLOCATOR = ClassName.get(FOREIGN, "SegmentAllocator");
    private static final ClassName MEMORY_LAYOUT = ClassName.get(FOREIGN, "MemoryLayout");
    private static final ClassName STRUCT_LAYOUT = ClassName.get(FOREIGN, "StructLayout");
    private static final ClassName VALUE_LAYOUT = ClassName.get(FOREIGN, "ValueLayout");
    private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");

    /** How a field (or each element of an array field) is accessed. */
    private enum Kind { NUMBER, BOOL, ENUM, FLAGS, TEXT, STRUCT }

    private final JavaEmitter emitter;
    private final StructDecl struct;
    private final AbiFile file;
    private final ClassName support;
    private final ClassName violation;
    private final TypeSpec.Builder type;

    JavaStructs(JavaEmitter emitter, StructDecl struct, AbiFile file) {
        this.emitter = emitter;
        this.struct = struct;
        this.file = file;
        String pkg = JavaNames.packageName(file);
        this.support = JavaEmitter.support(pkg);
        this.violation = ClassName.get(pkg, JavaNames.VIOLATION_EXCEPTION);
        this.type = TypeSpec.classBuilder(struct.name()).addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    }

    TypeSpec type() {
        type.addJavadoc(JavaEmitter.javadoc(struct.doc(), "The struct " + struct.name() + ".", null));
        type.addJavadoc("$L", JavaEmitter.wrap("\n<p>" + struct.size() + " bytes, aligned to " + struct.align()
                + ". Accessors take a segment holding the struct at offset 0, such as one from {@link #allocate}, "
                + "{@link #element} or a slice; each {@code *_OFFSET} constant is a field's byte offset.")
                + "\n\n<p>Generated from {@code " + JavaEmitter.escapeCode(JavaEmitter.source(file))
                + "} by abic; do not edit.\n");
        type.addField(FieldSpec.builder(STRUCT_LAYOUT, "LAYOUT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The layout: little-endian, every field named, reserved fields included.\n")
                .initializer(layoutInitializer())
                .build());
        type.addField(FieldSpec.builder(TypeName.LONG, "BYTES", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("{@code sizeof}: the size in bytes.\n")
                .initializer("$L", struct.size())
                .build());
        CodeBlock.Builder checks = CodeBlock.builder()
                .addStatement("$T.checkLayout(LAYOUT, BYTES, $L)", support, struct.align());
        for (Field f : struct.fields()) {
            constants(f);
            checks.addStatement("$T.checkOffset(LAYOUT, $S, $N)", support, f.name(), JavaNames.offsetConstant(f.name()));
        }
        type.addStaticBlock(checks.build());
        for (Field f : struct.fields()) {
            accessors(f);
        }
        type.addMethod(allocate()).addMethod(element()).addMethod(toStringMethod()).addMethod(validate());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        return type.build();
    }

    // ---------------------------------------------------------------- layout and constants

    private CodeBlock layoutInitializer() {
        CodeBlock.Builder b = CodeBlock.builder().add("$T.structLayout(\n$>$>", MEMORY_LAYOUT);
        long natural = 1;
        for (int i = 0; i < struct.fields().size(); i++) {
            Field f = struct.fields().get(i);
            natural = Math.max(natural, f.type().align());
            b.add("$L.withName($S)$L", elementLayout(f.type()), f.name(), i + 1 < struct.fields().size() ? ",\n" : ")");
        }
        b.add("$<$<\n$>$>.withName($S)", struct.name());
        if (struct.align() > natural) {
            b.add("\n.withByteAlignment($L)", struct.align());
        }
        return b.add("$<$<").build();
    }

    private CodeBlock elementLayout(Type t) {
        if (t instanceof Type.Array a) {
            return CodeBlock.of("$T.sequenceLayout($L, $L)", MEMORY_LAYOUT, a.length(), elementLayout(a.element()));
        }
        if (t instanceof Type.StructRef r) {
            return CodeBlock.of("$T.LAYOUT", emitter.className(r.decl()));
        }
        return valueLayout(t.storage().orElseThrow());
    }

    private CodeBlock valueLayout(ScalarKind kind) {
        return switch (kind.size()) {
            case 1 -> CodeBlock.of("$T.JAVA_BYTE", VALUE_LAYOUT);
            case 2 -> CodeBlock.of("$T.SHORT_LE", support);
            case 4 -> CodeBlock.of(kind == ScalarKind.F32 ? "$T.FLOAT_LE" : "$T.INT_LE", support);
            default -> CodeBlock.of(kind == ScalarKind.F64 ? "$T.DOUBLE_LE" : "$T.LONG_LE", support);
        };
    }

    private void constants(Field f) {
        type.addField(constant(JavaNames.offsetConstant(f.name()), CodeBlock.of("$L", f.offset())));
        if (f.type() instanceof Type.Array a) {
            type.addField(constant(JavaNames.lengthConstant(f.name()), CodeBlock.of("$L", a.length())));
        }
        f.limit().ifPresent(limit -> type.addField(constant(JavaNames.maxConstant(f.name()),
                CodeBlock.of("$L", JavaEmitter.u64(limit.max())))));
    }

    private static FieldSpec constant(String name, CodeBlock value) {
        return FieldSpec.builder(TypeName.LONG, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .initializer(value)
                .build();
    }

    // ---------------------------------------------------------------- accessors

    private static Type element(Field f) {
        return f.type() instanceof Type.Array a && !a.isText() ? a.element() : f.type();
    }

    private static boolean indexed(Field f) {
        return f.type() instanceof Type.Array a && !a.isText();
    }

    private static Kind kind(Type t) {
        if (t instanceof Type.Array) {
            return Kind.TEXT;
        }
        if (t instanceof Type.StructRef) {
            return Kind.STRUCT;
        }
        if (t instanceof Type.EnumRef e) {
            return e.decl().flags() ? Kind.FLAGS : Kind.ENUM;
        }
        return ((Type.Scalar) t).kind() == ScalarKind.BOOL ? Kind.BOOL : Kind.NUMBER;
    }

    /** The storage primitive of a scalar, enum or flags type. */
    private static TypeName raw(Type t) {
        return JavaEmitter.javaType(t.storage().orElseThrow());
    }

    /** The byte offset of the field, or of element {@code index} of an array field (bounds-checked). */
    private CodeBlock at(Field f) {
        String offset = JavaNames.offsetConstant(f.name());
        if (!indexed(f)) {
            return CodeBlock.of("$N", offset);
        }
        CodeBlock index = CodeBlock.of("$T.checkIndex(index, $N)", OBJECTS, JavaNames.lengthConstant(f.name()));
        Type e = element(f);
        if (e instanceof Type.StructRef r) {
            return CodeBlock.of("$N + $L * $T.BYTES", offset, index, emitter.className(r.decl()));
        }
        return e.size() == 1 ? CodeBlock.of("$N + $L", offset, index) : CodeBlock.of("$N + $L * $L", offset, index, e.size());
    }

    /**
     * A static accessor of {@code f}: the getter (whose Javadoc is the field's doc and {@code note})
     * or another one ({@code note} alone), with the segment (and index) parameters.
     */
    private MethodSpec.Builder method(String name, Field f, boolean getter, String note, String throwsClause) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC);
        String doc = getter ? JavaEmitter.userDoc(f.doc()) : "";
        if (note != null) {
            doc += (doc.isEmpty() ? "" : "\n<p>") + JavaEmitter.wrap(note) + "\n";
        }
        m.addJavadoc("$L", doc);
        if (throwsClause != null) {
            m.addJavadoc("\n@throws $L\n", throwsClause);
        }
        m.addParameter(SEGMENT, "segment");
        if (indexed(f)) {
            m.addParameter(TypeName.LONG, "index");
        }
        return m;
    }

    private void accessors(Field f) {
        String name = JavaNames.member(f.name());
        Type e = element(f);
        Kind kind = kind(e);
        CodeBlock at = at(f);
        String where = indexed(f) ? "{@code " + f.name() + "[index]}" : "{@code " + f.name() + "}";
        boolean writable = !f.reserved();
        String reserved = f.reserved() ? "Reserved: zero in memory written by this ABI version; read-only here." : null;
        switch (kind) {
            case NUMBER, FLAGS -> {
                TypeName raw = raw(e);
                String note = kind == Kind.FLAGS ? "Flags of {@link " + e.abiName() + "}." : reserved;
                if (kind == Kind.NUMBER && note == null && !e.storage().orElseThrow().isSigned()
                        && e.storage().orElseThrow().isInteger()) {
                    note = "Unsigned " + e.abiName() + (JavaNames.hasUnsignedReader(f)
                            ? "; {@link #" + JavaNames.unsigned(f.name()) + "} widens it." : ", in a signed " + raw + ".");
                }
                type.addMethod(method(name, f, true, note, null).returns(raw)
                        .addStatement("return segment.get($L, $L)", valueLayout(e.storage().orElseThrow()), at).build());
                if (writable) {
                    type.addMethod(method(name, f, false, "Writes " + where + ".", null).addParameter(raw, "value")
                            .addStatement("segment.set($L, $L, value)", valueLayout(e.storage().orElseThrow()), at).build());
                }
                if (JavaNames.hasUnsignedReader(f)) {
                    ScalarKind sk = e.storage().orElseThrow();
                    String widen = switch (sk.size()) {
                        case 1 -> "Byte.toUnsignedInt";
                        case 2 -> "Short.toUnsignedInt";
                        default -> "Integer.toUnsignedLong";
                    };
                    type.addMethod(MethodSpec.methodBuilder(JavaNames.unsigned(f.name()))
                            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                            .addJavadoc("{@code $L} as the unsigned value it is.\n", f.name())
                            .addParameter(SEGMENT, "segment")
                            .returns(sk.size() == 4 ? TypeName.LONG : TypeName.INT)
                            .addStatement("return $L($N(segment))", widen, name)
                            .build());
                }
            }
            case BOOL -> {
                type.addMethod(method(name, f, true, reserved, null).returns(TypeName.BOOLEAN)
                        .addStatement("return segment.get($T.JAVA_BYTE, $L) != 0", VALUE_LAYOUT, at).build());
                if (writable) {
                    type.addMethod(method(name, f, false, "Writes " + where + " as 1 or 0.", null).addParameter(TypeName.BOOLEAN, "value")
                            .addStatement("segment.set($T.JAVA_BYTE, $L, (byte) (value ? 1 : 0))", VALUE_LAYOUT, at).build());
                }
            }
            case ENUM -> {
                ClassName enumType = emitter.className(((Type.EnumRef) e).decl());
                TypeName raw = raw(e);
                CodeBlock args = indexed(f) ? CodeBlock.of("segment, index") : CodeBlock.of("segment");
                type.addMethod(method(name, f, true, "{@link #" + JavaNames.raw(f.name()) + "} reads the value as it is.",
                        violation.simpleName() + " if memory holds a value that is not a {@link " + enumType.simpleName() + "}")
                        .returns(enumType)
                        .addStatement("return $T.of($N($L))", enumType, JavaNames.raw(f.name()), args).build());
                type.addMethod(method(JavaNames.raw(f.name()), f, false, where + " as stored, known to {@link "
                        + enumType.simpleName() + "} or not.", null)
                        .returns(raw)
                        .addStatement("return segment.get($L, $L)", valueLayout(e.storage().orElseThrow()), at).build());
                if (writable) {
                    type.addMethod(method(name, f, false, "Writes " + where + ".", null).addParameter(enumType, "value")
                            .addStatement("$N($L, value.value())", JavaNames.raw(f.name()), args).build());
                    type.addMethod(method(JavaNames.raw(f.name()), f, false, "Writes " + where + " as a raw value, known or not.", null)
                            .addParameter(raw, "value")
                            .addStatement("segment.set($L, $L, value)", valueLayout(e.storage().orElseThrow()), at).build());
                }
            }
            case TEXT -> {
                long capacity = ((Type.Array) f.type()).length();
                type.addMethod(method(name, f, true, "Text of at most " + capacity + " bytes: up to the first NUL, never past the "
                                + "field (a missing NUL is tolerated), decoded as UTF-8.", null)
                        .returns(String.class)
                        .addStatement("return $T.readText(segment, $N, $N)", support, JavaNames.offsetConstant(f.name()),
                                JavaNames.lengthConstant(f.name())).build());
                type.addMethod(method(name, f, false, "Writes {@code value} into " + where + " as UTF-8, cut to "
                                + (capacity - 1) + " bytes at a character boundary, then NUL up to the end of the field.", null)
                        .addParameter(String.class, "value")
                        .addStatement("$T.writeText(segment, $N, $N, value)", support, JavaNames.offsetConstant(f.name()),
                                JavaNames.lengthConstant(f.name())).build());
            }
            case STRUCT -> {
                ClassName nested = emitter.className(((Type.StructRef) e).decl());
                type.addMethod(method(name, f, true, "A live slice: reads and writes go to this struct's memory; use the "
                                + "accessors of {@link " + nested.simpleName() + "} on it.", null)
                        .returns(SEGMENT)
                        .addStatement("return segment.asSlice($L, $T.LAYOUT)", at, nested).build());
            }
        }
        if (f.atomic()) {
            atomics(f, kind);
        }
        f.limit().ifPresent(limit -> checkedReader(f, limit));
    }

    private void atomics(Field f, Kind kind) {
        TypeName raw = raw(f.type());
        // One VarHandle per width, shared by every struct of the package; coordinates (segment, offset).
        CodeBlock handle = CodeBlock.of("$T.$L", support, raw.equals(TypeName.INT) ? "INT_HANDLE" : "LONG_HANDLE");
        String offset = JavaNames.offsetConstant(f.name());
        boolean typed = kind == Kind.ENUM;
        TypeName value = typed ? emitter.className(((Type.EnumRef) f.type()).decl()) : raw;
        String v = typed ? "value.value()" : "value";
        type.addMethod(method(JavaNames.acquire(f.name()), f, false, "Reads {@code " + f.name() + "} with acquire ordering: "
                        + "what the writer stored before its release store is visible after this read.", null)
                .returns(value)
                .addStatement(typed ? CodeBlock.of("return $T.of(($T) $L.getAcquire(segment, $N))", value, raw, handle, offset)
                        : CodeBlock.of("return ($T) $L.getAcquire(segment, $N)", raw, handle, offset))
                .build());
        type.addMethod(method(JavaNames.release(f.name()), f, false, "Writes {@code " + f.name() + "} with release ordering: "
                        + "every store before it is visible to a reader that acquires this value.", null)
                .addParameter(value, "value")
                .addStatement("$L.setRelease(segment, $N, $L)", handle, offset, v)
                .build());
        type.addMethod(method(JavaNames.compareAndSet(f.name()), f, false, "Atomically sets {@code " + f.name()
                        + "} to {@code value} if it holds {@code expected}; true if it did.", null)
                .addParameter(value, "expected")
                .addParameter(value, "value")
                .returns(TypeName.BOOLEAN)
                .addStatement("return $L.compareAndSet(segment, $N, $L, $L)", handle, offset,
                        typed ? "expected.value()" : "expected", v)
                .build());
    }

    private void checkedReader(Field f, Field.Limit limit) {
        ScalarKind kind = f.type().storage().orElseThrow();
        String max = JavaNames.maxConstant(f.name());
        String what = limit.countOf().map(c -> "the length of " + struct.name() + "." + c).orElse("its bound");
        String field = struct.name() + "." + f.name();
        MethodSpec.Builder m = method(JavaNames.checked(f.name()), f, false, "Reads {@code " + f.name() + "} once and "
                + "checks it against {@link #" + max + "} (" + what + ") before anyone uses it.",
                violation.simpleName() + " if it is out of range")
                .returns(raw(f.type()))
                .addStatement("$T value = $N(segment)", raw(f.type()), JavaNames.member(f.name()));
        if (kind.isSigned()) {
            m.beginControlFlow("if (value < 0)")
                    .addStatement("throw $T.belowZero($S, value)", support, field)
                    .endControlFlow();
        }
        if (limit.max().compareTo(kind.max()) < 0) {
            String widened = kind.isSigned() ? "value" : switch (kind.size()) {
                case 1 -> "Byte.toUnsignedLong(value)";
                case 2 -> "Short.toUnsignedLong(value)";
                case 4 -> "Integer.toUnsignedLong(value)";
                default -> null;
            };
            m.beginControlFlow("if ($L)", widened == null ? CodeBlock.of("Long.compareUnsigned(value, $N) > 0", max)
                            : CodeBlock.of("$L > $N", widened, max))
                    .addStatement("throw $T.aboveLimit($S, $L, $N, $S)", support, field,
                            widened == null ? "value" : widened, max, what)
                    .endControlFlow();
        }
        type.addMethod(m.addStatement("return value").build());
    }

    // ---------------------------------------------------------------- whole-struct methods

    private MethodSpec allocate() {
        return MethodSpec.methodBuilder("allocate")
                .addJavadoc("A new zeroed " + struct.name() + " from {@code allocator}.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addParameter(ALLOCATOR, "allocator")
                .returns(SEGMENT)
                .addStatement("return allocator.allocate(LAYOUT).fill((byte) 0)")
                .build();
    }

    private MethodSpec element() {
        return MethodSpec.methodBuilder("element")
                .addJavadoc("Element {@code index} of an array of " + struct.name() + " that starts at offset 0 of "
                        + "{@code array}: a live slice.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addParameter(SEGMENT, "array")
                .addParameter(TypeName.LONG, "index")
                .returns(SEGMENT)
                // asSlice checks that the element lies inside the array; checking the index against
                // the element count instead would divide the array size on every call, a cost the
                // benchmarks showed next to a single field access (see docs/performance.md).
                .addComment("asSlice checks that the element lies inside the array; this keeps index * BYTES from overflowing")
                .beginControlFlow("if (index < 0 || index > Long.MAX_VALUE / BYTES)")
                .addStatement("throw new $T($S + index)", IndexOutOfBoundsException.class, "no element ")
                .endControlFlow()
                .addStatement("return array.asSlice(index * BYTES, LAYOUT)")
                .build();
    }

    private MethodSpec toStringMethod() {
        CodeBlock.Builder b = CodeBlock.builder()
                .addStatement("$T out = new $T($S)", StringBuilder.class, StringBuilder.class, struct.name() + "{");
        boolean first = true;
        for (Field f : struct.fields()) {
            if (f.reserved()) {
                continue;
            }
            String label = (first ? "" : ", ") + f.name() + "=";
            first = false;
            if (indexed(f)) {
                b.addStatement("out.append($S)", label + "[")
                        .beginControlFlow("for (long i = 0; i < $N; i++)", JavaNames.lengthConstant(f.name()))
                        .addStatement("out.append(i == 0 ? $S : $S).append($L)", "", ", ", show(f, "i"))
                        .endControlFlow()
                        .addStatement("out.append(']')");
            } else if (kind(f.type()) == Kind.TEXT) {
                b.addStatement("out.append($S).append($N(segment)).append('\"')", label + "\"", JavaNames.member(f.name()));
            } else {
                b.addStatement("out.append($S).append($L)", label, show(f, null));
            }
        }
        b.addStatement("return out.append('}').toString()");
        return MethodSpec.methodBuilder("toString")
                .addJavadoc("The fields of a " + struct.name() + ", reserved ones left out, for debugging and logs.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addParameter(SEGMENT, "segment")
                .returns(String.class)
                .addCode(b.build())
                .build();
    }

    /** How {@code toString} shows a field (or element {@code index} of an array field). */
    private CodeBlock show(Field f, String index) {
        Type e = element(f);
        String name = JavaNames.member(f.name());
        CodeBlock args = index == null ? CodeBlock.of("segment") : CodeBlock.of("segment, $N", index);
        return switch (kind(e)) {
            case NUMBER -> JavaEmitter.abiString(e.storage().orElseThrow(), CodeBlock.of("$N($L)", name, args));
            case BOOL -> CodeBlock.of("$N($L)", name, args);
            case ENUM -> CodeBlock.of("$T.toString($N($L))", emitter.className(((Type.EnumRef) e).decl()),
                    JavaNames.raw(f.name()), args);
            case FLAGS -> CodeBlock.of("$T.toString($N($L))", emitter.className(((Type.EnumRef) e).decl()), name, args);
            case STRUCT -> CodeBlock.of("$T.toString($N($L))", emitter.className(((Type.StructRef) e).decl()), name, args);
            case TEXT -> throw new IllegalStateException("text is shown quoted");
        };
    }

    private MethodSpec validate() {
        CodeBlock.Builder b = CodeBlock.builder()
                .beginControlFlow("if (segment.byteSize() < BYTES)")
                .addStatement("throw new $T($S + segment.byteSize())", violation,
                        struct.name() + " needs " + struct.size() + " bytes; the segment has ")
                .endControlFlow();
        for (Field f : struct.fields()) {
            validateField(f, b);
        }
        return MethodSpec.methodBuilder("validate")
                .addJavadoc("Checks what the ABI requires of a " + struct.name() + " in memory, nested structs "
                        + "included: reserved fields zero, enums known, flags declared, bools 0 or 1, counts and "
                        + "bounded values within their limits.\n\n@throws $T at the first violation\n", violation)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addParameter(SEGMENT, "segment")
                .addCode(b.build())
                .build();
    }

    private void validateField(Field f, CodeBlock.Builder b) {
        String field = struct.name() + "." + f.name();
        if (f.reserved()) {
            b.addStatement("$T.requireZero(segment, $N, $L, $S)", support, JavaNames.offsetConstant(f.name()), f.size(), field);
            return;
        }
        if (f.limit().isPresent()) {
            b.addStatement("$N(segment)", JavaNames.checked(f.name()));
            return;
        }
        Type e = element(f);
        Kind kind = kind(e);
        String name = JavaNames.member(f.name());
        CodeBlock check;
        CodeBlock value;
        String expected;
        String args = indexed(f) ? "segment, i" : "segment";
        switch (kind) {
            case ENUM -> {
                ClassName enumType = emitter.className(((Type.EnumRef) e).decl());
                value = CodeBlock.of("$N($L)", JavaNames.raw(f.name()), args);
                check = CodeBlock.of("!$T.isKnown($L)", enumType, value);
                expected = "a known " + enumType.simpleName();
            }
            case FLAGS -> {
                ClassName flagsType = emitter.className(((Type.EnumRef) e).decl());
                value = CodeBlock.of("$N($L)", name, args);
                check = CodeBlock.of("!$T.isKnown($L)", flagsType, value);
                expected = "only flags of " + flagsType.simpleName();
            }
            case BOOL -> {
                CodeBlock at = indexed(f) ? CodeBlock.of("$N + i", JavaNames.offsetConstant(f.name()))
                        : CodeBlock.of("$N", JavaNames.offsetConstant(f.name()));
                value = CodeBlock.of("segment.get($T.JAVA_BYTE, $L)", VALUE_LAYOUT, at);
                check = CodeBlock.of("($L & 0xFF) > 1", value);
                expected = "0 or 1";
            }
            case STRUCT -> {
                ClassName nested = emitter.className(((Type.StructRef) e).decl());
                if (!hasRules(((Type.StructRef) e).decl())) {
                    return;
                }
                ClassName nestedViolation = ClassName.get(nested.packageName(), JavaNames.VIOLATION_EXCEPTION);
                CodeBlock path = indexed(f) ? CodeBlock.of("$S + i + $S", field + "[", "]: ") : CodeBlock.of("$S", field + ": ");
                // The nested struct's complaint, said from here and as this package's exception.
                loop(f, b, () -> b.beginControlFlow("try")
                        .addStatement("$T.validate($N($L))", nested, name, args)
                        .nextControlFlow("catch ($T e)", nestedViolation)
                        .addStatement("throw new $T($L + e.getMessage())", violation, path)
                        .endControlFlow());
                return;
            }
            default -> {
                return;
            }
        }
        ScalarKind storage = e.storage().orElseThrow();
        CodeBlock shown = JavaEmitter.abiString(storage, value);
        CodeBlock offset = !indexed(f) ? CodeBlock.of("$N", JavaNames.offsetConstant(f.name()))
                : e.size() == 1 ? CodeBlock.of("$N + i", JavaNames.offsetConstant(f.name()))
                : CodeBlock.of("$N + i * $L", JavaNames.offsetConstant(f.name()), e.size());
        CodeBlock label = indexed(f) ? CodeBlock.of("$S + i + $S", field + "[", "]") : CodeBlock.of("$S", field);
        loop(f, b, () -> b.beginControlFlow("if ($L)", check)
                .addStatement("throw $T.violation($L, $L, $L, $S)", support, label, offset, shown, expected)
                .endControlFlow());
    }

    private static void loop(Field f, CodeBlock.Builder b, Runnable body) {
        if (indexed(f)) {
            b.beginControlFlow("for (long i = 0; i < $N; i++)", JavaNames.lengthConstant(f.name()));
            body.run();
            b.endControlFlow();
        } else {
            body.run();
        }
    }

    /** True when {@code validate} of the struct checks anything besides its size. */
    static boolean hasRules(StructDecl s) {
        for (Field f : s.fields()) {
            Type e = element(f);
            if (f.reserved() || f.limit().isPresent()
                    || (kind(e) == Kind.ENUM || kind(e) == Kind.FLAGS || kind(e) == Kind.BOOL)
                    || (e instanceof Type.StructRef r && hasRules(r.decl()))) {
                return true;
            }
        }
        return false;
    }
}
