package dev.abic.compiler.check;

import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.Field;
import dev.abic.compiler.model.LayoutDecl;
import dev.abic.compiler.model.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The names abic gives things in Java: packages, the classes it generates besides the declared
 * types, and the members of struct classes. The checks use them to reject collisions before
 * anything is emitted; the Java emitter uses them to write the code. One definition for both.
 */
public final class JavaNames {
    private JavaNames() {}

    /** Package-level classes abic writes once per Java package that needs them. */
    public static final String VIOLATION_EXCEPTION = "AbiViolationException";
    public static final String LAYOUT_EXCEPTION = "AbiLayoutException";
    public static final String SUPPORT = "AbiSupport";
    public static final List<String> SUPPORT_CLASSES = List.of(VIOLATION_EXCEPTION, LAYOUT_EXCEPTION, SUPPORT);

    /** Static members every struct class has. */
    public static final List<String> STRUCT_METHODS = List.of("allocate", "element", "toString", "validate");
    public static final List<String> STRUCT_CONSTANTS = List.of("LAYOUT", "BYTES");

    /** {@code option java_package}, or the package: {@code simpler.l3l2}. */
    public static String packageName(AbiFile file) {
        return file.option("java_package").orElse(file.packageName());
    }

    /** The class holding a file's constants, named after the file: {@code l3l2_queue.abi} → {@code L3l2QueueAbi}. */
    public static String constantsClass(AbiFile file) {
        StringBuilder out = new StringBuilder();
        for (String part : file.baseName().split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        if (out.length() == 0 || !Character.isJavaIdentifierStart(out.charAt(0))) {
            out.insert(0, "Abi");
        }
        return out.append("Abi").toString();
    }

    /** The record holding a layout's result: {@code QueueRegion} → {@code QueueRegionLayout}. */
    public static String layoutRecord(LayoutDecl layout) {
        return layout.name() + "Layout";
    }

    /** A field, parameter or result as a Java member: {@code payload_nbytes} → {@code payloadNbytes}. */
    public static String member(String abiName) {
        return Identifiers.javaMember(abiName);
    }

    /** The prefix of a field's constants: {@code payload_nbytes} → {@code PAYLOAD_NBYTES}. */
    public static String constantPrefix(String abiName) {
        return Identifiers.snakeCase(member(abiName)).toUpperCase(Locale.ROOT);
    }

    public static String offsetConstant(String field) {
        return constantPrefix(field) + "_OFFSET";
    }

    public static String lengthConstant(String field) {
        return constantPrefix(field) + "_LENGTH";
    }

    public static String maxConstant(String field) {
        return constantPrefix(field) + "_MAX";
    }

    public static String acquire(String field) {
        return member(field) + "Acquire";
    }

    public static String release(String field) {
        return member(field) + "Release";
    }

    public static String compareAndSet(String field) {
        return member(field) + "CompareAndSet";
    }

    public static String raw(String field) {
        return member(field) + "Raw";
    }

    public static String unsigned(String field) {
        return member(field) + "Unsigned";
    }

    public static String checked(String field) {
        return member(field) + "Checked";
    }

    /** True for u8, u16 and u32 fields that are not reserved: their Java type is signed, so they get a widening reader. */
    public static boolean hasUnsignedReader(Field f) {
        return !f.reserved() && f.type() instanceof Type.Scalar s && !s.kind().isSigned() && s.kind().isInteger()
                && s.kind().size() < 8;
    }

    /** The static methods generated for a field, by name (getters and setters share one). */
    public static List<String> methods(Field f) {
        List<String> out = new ArrayList<>();
        out.add(member(f.name()));
        if (f.type() instanceof Type.EnumRef e && !e.decl().flags()
                || f.type() instanceof Type.Array a && a.element() instanceof Type.EnumRef ae && !ae.decl().flags()) {
            out.add(raw(f.name()));
        }
        if (hasUnsignedReader(f)) {
            out.add(unsigned(f.name()));
        }
        if (f.atomic()) {
            out.addAll(List.of(acquire(f.name()), release(f.name()), compareAndSet(f.name())));
        }
        if (f.limit().isPresent()) {
            out.add(checked(f.name()));
        }
        return out;
    }

    /** The constants generated for a field. */
    public static List<String> constants(Field f) {
        List<String> out = new ArrayList<>();
        out.add(offsetConstant(f.name()));
        if (f.type() instanceof Type.Array) {
            out.add(lengthConstant(f.name()));
        }
        if (f.limit().isPresent()) {
            out.add(maxConstant(f.name()));
        }
        return out;
    }
}
