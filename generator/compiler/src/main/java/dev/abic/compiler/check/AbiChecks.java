package dev.abic.compiler.check;

import dev.abic.compiler.diag.Diagnostic;
import dev.abic.compiler.diag.Diagnostics;
import dev.abic.compiler.diag.SourceSpan;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The verdicts on a laid-out model: no implicit padding anywhere (with the exact declaration that
 * fills each gap), every asserted offset, size and alignment holds, atomics are naturally aligned
 * integers of 4 or 8 bytes, reserved fields are integers, and every name can be written in Java
 * and C++.
 */
public final class AbiChecks {
    private final Diagnostics diagnostics;
    /** Declarations already reported as a second name in their C++ namespace: not reported again for Java. */
    private final Set<SourceSpan> reportedTwice = new HashSet<>();

    /** What claims a name in a C++ namespace or Java package, for messages. */
    private record Origin(String what, SourceSpan span) {}

    /**
     * Gives {@code name} to {@code origin} in {@code scope}; when something earlier has it, reports
     * {@code origin} as a second {@code noun} of that name in {@code scopeName} and returns false.
     */
    private boolean claim(Map<String, Origin> scope, String name, Origin origin, String noun, String scopeName) {
        Origin other = scope.putIfAbsent(name, origin);
        if (other == null) {
            return true;
        }
        diagnostics.error(origin.span(), origin.what() + " would be a second " + noun + "'" + name + "' in " + scopeName
                + ", after " + other.what() + " (" + other.span().location() + "); rename one");
        return false;
    }

    private AbiChecks(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Reports every verdict on {@code model}: padding, asserts, atomics, reserved fields and names. */
    public static void check(AbiModel model, Diagnostics diagnostics) {
        AbiChecks checks = new AbiChecks(diagnostics);
        for (AbiFile file : model.files()) {
            Set<String> typeNames = new HashSet<>();
            file.decls().stream().filter(d -> !(d instanceof ConstDecl)).forEach(d -> typeNames.add(d.name()));
            file.imports().forEach(i -> i.decls().stream().filter(d -> !(d instanceof ConstDecl))
                    .forEach(d -> typeNames.add(d.name())));
            for (Decl decl : file.decls()) {
                checks.names(decl, typeNames);
                if (decl instanceof StructDecl s) {
                    checks.struct(s);
                    checks.javaMembers(s);
                }
            }
        }
        checks.namesUniquePerNamespace(model);
        checks.javaClassesUniquePerPackage(model);
    }

    /**
     * Every class a Java package receives, declared or generated (layout records, constants
     * classes, abic's support classes), must be unique there; files may share a package.
     */
    private void javaClassesUniquePerPackage(AbiModel model) {
        Map<String, Map<String, Origin>> byPackage = new HashMap<>();
        for (AbiFile f : model.files()) {
            String pkg = JavaNames.packageName(f);
            Map<String, Origin> classes = byPackage.computeIfAbsent(pkg, k -> new HashMap<>());
            List<Map.Entry<String, Origin>> mine = new ArrayList<>();
            for (Decl d : f.decls()) {
                if (d instanceof ConstDecl) {
                    continue;
                }
                mine.add(Map.entry(d.name(), new Origin("'" + d.name() + "'", d.span())));
                if (d instanceof LayoutDecl l) {
                    mine.add(Map.entry(JavaNames.layoutRecord(l),
                            new Origin("the record generated for layout '" + l.name() + "'", l.span())));
                }
            }
            f.decls().stream().filter(d -> d instanceof ConstDecl).findFirst().ifPresent(c -> mine.add(Map.entry(
                    JavaNames.constantsClass(f), new Origin("the constants class of " + f.source().sourceName(), c.span()))));
            for (Map.Entry<String, Origin> n : mine) {
                if (JavaNames.SUPPORT_CLASSES.contains(n.getKey())) {
                    diagnostics.error(n.getValue().span(), n.getValue().what() + " has the name of a class abic generates"
                            + " in every Java package; rename it");
                    continue;
                }
                if (reportedTwice.contains(n.getValue().span())) {
                    classes.putIfAbsent(n.getKey(), n.getValue());
                } else {
                    claim(classes, n.getKey(), n.getValue(), "class ", "Java package " + pkg);
                }
            }
        }
    }

    /**
     * The static members generated for the fields of one struct class must not collide with each
     * other or with the members every struct class has ({@code allocate}, {@code LAYOUT}…).
     */
    private void javaMembers(StructDecl s) {
        Map<String, Field> methods = new HashMap<>();
        Map<String, Field> constants = new HashMap<>();
        for (Field f : s.fields()) {
            for (String m : JavaNames.methods(f)) {
                javaMember(s, f, m, "method", JavaNames.STRUCT_METHODS.contains(m), methods);
            }
            for (String c : JavaNames.constants(f)) {
                javaMember(s, f, c, "constant", JavaNames.STRUCT_CONSTANTS.contains(c), constants);
            }
        }
    }

    private void javaMember(StructDecl s, Field f, String member, String kind, boolean fixed, Map<String, Field> seen) {
        if (fixed) {
            diagnostics.error(f.span(), "'" + f.name() + "' would generate the Java " + kind + " " + s.name() + "."
                    + member + ", which every struct class has; rename it");
            return;
        }
        Field other = seen.putIfAbsent(member, f);
        // Fields with the same Java name are reported once, by the name check.
        if (other != null && other != f && !JavaNames.member(other.name()).equals(JavaNames.member(f.name()))) {
            diagnostics.error(f.span(), "'" + f.name() + "' and '" + other.name() + "' (line " + other.span().line()
                    + ") would both generate the Java " + kind + " " + s.name() + "." + member + "; rename one");
        }
    }

    /**
     * Every name a C++ namespace receives, declared or generated (layout structs and functions,
     * accessors), must be unique there; files of different packages may share a namespace through
     * {@code option cpp_namespace}. Accessors of different structs may share a name: they overload
     * on the struct pointer.
     */
    private void namesUniquePerNamespace(AbiModel model) {
        Map<String, Map<String, Origin>> byNamespace = new HashMap<>();
        Map<String, Map<String, Origin>> overloadable = new HashMap<>();
        for (AbiFile f : model.files()) {
            Map<String, Origin> names = byNamespace.computeIfAbsent(CppNames.namespace(f), k -> new HashMap<>());
            Map<String, Origin> functions = overloadable.computeIfAbsent(CppNames.namespace(f), k -> new HashMap<>());
            List<Map.Entry<String, Origin>> mine = new ArrayList<>();
            for (Decl d : f.decls()) {
                mine.add(Map.entry(d.name(), new Origin("'" + d.name() + "'", d.span())));
                if (d instanceof LayoutDecl l) {
                    mine.add(Map.entry(CppNames.layoutStruct(l), new Origin("the struct generated for layout '" + l.name() + "'", l.span())));
                    mine.add(Map.entry(CppNames.layoutFunction(l), new Origin("the function generated for layout '" + l.name() + "'", l.span())));
                }
                if (d instanceof StructDecl s) {
                    for (Field fl : s.fields()) {
                        List<String> generated = new ArrayList<>();
                        if (fl.atomic()) {
                            generated.addAll(List.of(CppNames.loadAcquire(fl.name()), CppNames.storeRelease(fl.name()),
                                    CppNames.compareExchange(fl.name())));
                        }
                        if (fl.limit().isPresent()) {
                            generated.add(CppNames.checkedReader(fl.name()));
                        }
                        if (fl.type() instanceof Type.Array a && a.isText()) {
                            generated.add(CppNames.textLength(fl.name()));
                        }
                        for (String g : generated) {
                            functions.putIfAbsent(g, new Origin("the accessor generated for " + s.name() + "::" + fl.name(), fl.span()));
                        }
                    }
                }
                if (d instanceof EnumDecl e && e.flags()) {
                    functions.putIfAbsent(CppNames.HAS_FLAGS, new Origin("the helper generated for flags '" + e.name() + "'", e.span()));
                }
            }
            for (Map.Entry<String, Origin> n : mine) {
                if (!claim(names, n.getKey(), n.getValue(), "", "C++ namespace " + CppNames.namespace(f))) {
                    reportedTwice.add(n.getValue().span());
                }
            }
        }
        for (Map.Entry<String, Map<String, Origin>> ns : byNamespace.entrySet()) {
            Map<String, Origin> functions = overloadable.getOrDefault(ns.getKey(), Map.of());
            for (Map.Entry<String, Origin> n : ns.getValue().entrySet()) {
                Origin generated = functions.get(n.getKey());
                if (generated != null) {
                    diagnostics.error(n.getValue().span(), n.getValue().what() + " has the name of " + generated.what()
                            + " (" + generated.span().location() + "); rename it");
                }
            }
        }
    }

    // ---------------------------------------------------------------- structs

    private void struct(StructDecl s) {
        Set<String> used = new HashSet<>();
        s.fields().forEach(f -> used.add(f.name()));
        for (Field f : s.fields()) {
            long cursor = f.offset() - f.paddingBefore();
            if (f.paddingBefore() > 0) {
                diagnostics.report(Diagnostic.error(f.span(), bytes(f.paddingBefore()) + " of implicit padding before '"
                                + f.name() + "' (offset " + cursor + ", needs alignment " + f.type().align() + ")",
                        new Diagnostic.Fix("add before it", filler(cursor, f.paddingBefore(), f.type().align(), used))));
            }
            f.assertedOffset().ifPresent(at -> {
                if (!at.equals(BigInteger.valueOf(f.offset()))) {
                    String msg = "offset assertion failed: '" + f.name() + "' is at offset " + f.offset() + ", not " + at;
                    long align = f.type().align();
                    if (f.paddingBefore() == 0 && at.compareTo(BigInteger.valueOf(f.offset())) > 0
                            && at.compareTo(StructDecl.MAX_BYTES) < 0 && at.longValue() % align == 0) {
                        diagnostics.report(Diagnostic.error(f.span(), msg, new Diagnostic.Fix("add before it",
                                filler(f.offset(), at.longValue() - f.offset(), align, used))));
                    } else {
                        diagnostics.error(f.span(), msg);
                    }
                }
            });
            atomic(f);
            reserved(f);
        }
        long end = s.size() - s.tailPadding();
        Optional<BigInteger> declared = s.assertedSize();
        boolean fillable = declared.isPresent() && declared.get().compareTo(BigInteger.valueOf(end)) > 0
                && declared.get().compareTo(StructDecl.MAX_BYTES) <= 0
                && declared.get().longValue() % s.align() == 0;
        boolean sizeExplained = false;
        if (s.tailPadding() > 0) {
            long target = fillable ? declared.get().longValue() : s.size();
            sizeExplained = fillable;
            diagnostics.report(Diagnostic.error(s.end(), bytes(s.size() - end) + " of implicit padding at the end of '"
                            + s.name() + "' (its fields end at " + end + ", its size is " + s.size() + " with alignment "
                            + s.align() + ")",
                    new Diagnostic.Fix("add at the end", filler(end, target - end, s.align(), used))));
        }
        if (declared.isPresent() && !declared.get().equals(BigInteger.valueOf(s.size())) && !sizeExplained) {
            String msg = "size assertion failed: '" + s.name() + "' is " + s.size() + " bytes, not " + declared.get();
            if (s.tailPadding() == 0 && fillable) {
                diagnostics.report(Diagnostic.error(s.end(), msg, new Diagnostic.Fix("add at the end",
                        filler(s.size(), declared.get().longValue() - s.size(), s.align(), used))));
            } else {
                diagnostics.error(s.end(), msg);
            }
        }
        if (s.assertedAlign().isPresent() && !s.assertedAlign().get().equals(BigInteger.valueOf(s.align()))) {
            diagnostics.error(s.end(), "alignment assertion failed: '" + s.name() + "' has alignment " + s.align()
                    + ", not " + s.assertedAlign().get());
        }
    }

    private static String bytes(long n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }

    private void atomic(Field f) {
        if (!f.atomic()) {
            return;
        }
        if (f.reserved()) {
            diagnostics.error(f.span(), "'" + f.name() + "' is reserved and cannot also be atomic");
            return;
        }
        Optional<ScalarKind> storage = f.type().storage();
        if (storage.isEmpty() || !storage.get().isInteger() || storage.get().size() < 4) {
            String what = f.type() instanceof Type.EnumRef e
                    ? f.type().abiName() + " (" + (e.decl().flags() ? "flags" : "an enum") + " of "
                    + e.decl().underlying().abiName() + ")"
                    : f.type().abiName();
            diagnostics.error(f.span(), "atomic fields are 4- or 8-byte integers, enums or flags; '" + f.name()
                    + "' is " + what);
            return;
        }
        if (f.offset() % storage.get().size() != 0) {
            diagnostics.error(f.span(), "atomic field '" + f.name() + "' is at offset " + f.offset()
                    + ", which is not a multiple of its size " + storage.get().size());
        }
    }

    private void reserved(Field f) {
        if (!f.reserved()) {
            return;
        }
        Type t = f.type() instanceof Type.Array a ? a.element() : f.type();
        if (!(t instanceof Type.Scalar sc) || !sc.kind().isInteger()) {
            diagnostics.error(f.span(), "reserved fields are integers or arrays of integers (they must read as zero); '"
                    + f.name() + "' is " + f.type().abiName());
        }
    }

    /**
     * The declaration of a reserved field covering {@code bytes} bytes from {@code offset}: the
     * widest unsigned type that is aligned there, divides the gap and is no wider than
     * {@code maxAlign} (so the fix never raises the struct's alignment), with the first free
     * {@code reservedN} name.
     */
    static String filler(long offset, long bytes, long maxAlign, Set<String> used) {
        int width = (int) Math.min(8, Math.max(1, maxAlign));
        while (width > 1 && (offset % width != 0 || bytes % width != 0)) {
            width /= 2;
        }
        long count = bytes / width;
        String name;
        int n = 0;
        do {
            name = "reserved" + n++;
        } while (used.contains(name));
        used.add(name);
        return name + ": reserved u" + (width * 8) + (count == 1 ? "" : "[" + count + "]") + ";";
    }

    // ---------------------------------------------------------------- names

    private void names(Decl decl, Set<String> typeNames) {
        name(decl.name(), decl.span());
        if (decl instanceof StructDecl s) {
            Identifiers.JavaScope javaNames = new Identifiers.JavaScope();
            for (Field f : s.fields()) {
                name(f.name(), f.span());
                if (f.name().equals(s.name())) {
                    diagnostics.error(f.span(), "field '" + f.name() + "' has the name of its struct, which C++ forbids");
                } else if (typeNames.contains(f.name())) {
                    diagnostics.error(f.span(), "field '" + f.name() + "' has the name of the type '" + f.name()
                            + "', which C++ cannot tell apart inside the struct; rename it");
                }
                javaCollision(f.name(), f.span(), javaNames);
            }
        } else if (decl instanceof EnumDecl e) {
            for (EnumDecl.Value v : e.values()) {
                name(v.name(), v.span());
            }
        } else if (decl instanceof LayoutDecl l) {
            Identifiers.JavaScope javaNames = new Identifiers.JavaScope();
            for (LayoutDecl.Section s : l.sections()) {
                name(s.name(), s.span());
                javaCollision(s.name(), s.span(), javaNames);
            }
        }
    }

    private void javaCollision(String name, SourceSpan span, Identifiers.JavaScope scope) {
        String problem = scope.add(name, span.line());
        if (problem != null) {
            diagnostics.error(span, problem);
        }
    }

    private void name(String name, SourceSpan span) {
        String problem = Identifiers.problem(name);
        if (problem != null) {
            diagnostics.error(span, problem);
        }
    }

}
