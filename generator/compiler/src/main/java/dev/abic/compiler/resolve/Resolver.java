package dev.abic.compiler.resolve;

import dev.abic.compiler.check.Identifiers;
import dev.abic.compiler.diag.Diagnostics;
import dev.abic.compiler.diag.SourceSpan;
import dev.abic.compiler.layout.CLayout;
import dev.abic.compiler.model.AbiFile;
import dev.abic.compiler.model.AbiModel;
import dev.abic.compiler.model.BinaryOp;
import dev.abic.compiler.model.ConstDecl;
import dev.abic.compiler.model.Decl;
import dev.abic.compiler.model.Doc;
import dev.abic.compiler.model.EnumDecl;
import dev.abic.compiler.model.Field;
import dev.abic.compiler.model.LayoutDecl;
import dev.abic.compiler.model.LayoutExpr;
import dev.abic.compiler.model.ScalarKind;
import dev.abic.compiler.model.StructDecl;
import dev.abic.compiler.model.Type;
import dev.abic.compiler.model.UnaryOp;
import dev.abic.compiler.syntax.Ast;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns parsed files into the resolved {@link AbiModel}: names looked up through imports, types
 * resolved, constants evaluated, structs laid out (by {@link CLayout}) and layouts' expressions
 * folded. Declarations are resolved on demand, so a constant may use {@code sizeof} of a struct
 * declared further down; a definition that depends on itself is reported as a cycle.
 */
public final class Resolver {
    /** The options a file may set. */
    public static final Set<String> OPTIONS = Set.of("java_package", "cpp_namespace", "cpp_header", "abi_version");

    private static final Set<String> BUILTIN_TYPES = Set.of("u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64",
            "f32", "f64", "bool", "char", "bytes");

    private static final Set<String> ABI_KEYWORDS = Set.of("package", "option", "import", "const", "enum", "flags",
            "struct", "layout", "assert", "require", "size", "align", "count_of", "bound", "sizeof", "alignof",
            "offsetof", "reserved", "atomic");

    private final Diagnostics diagnostics;
    private final Map<Path, Scope> scopes = new LinkedHashMap<>();
    private final List<Symbol> resolving = new ArrayList<>();
    private final Map<Path, AbiFile> resolvedFiles = new HashMap<>();

    /** A resolver that reports what it cannot resolve to {@code diagnostics}. */
    public Resolver(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** A file's own declarations and the files it imports. */
    final class Scope {
        final Ast.File ast;
        final Map<String, Symbol> own = new LinkedHashMap<>();
        final List<Scope> imports = new ArrayList<>();

        Scope(Ast.File ast) {
            this.ast = ast;
        }

        String packageName() {
            return ast.packageName().text();
        }
    }

    private enum State { NEW, RESOLVING, DONE }

    /** A declaration on its way from syntax to model. */
    final class Symbol {
        final Ast.NamedDecl ast;
        final Scope scope;
        State state = State.NEW;
        Decl result;

        Symbol(Ast.NamedDecl ast, Scope scope) {
            this.ast = ast;
            this.scope = scope;
        }

        String name() {
            return ast.name().text();
        }
    }

    /** Resolves files given in dependency order (as {@link Loader#files()} yields them). */
    public AbiModel resolve(List<Loader.Loaded> files) {
        for (Loader.Loaded f : files) {
            Scope scope = new Scope(f.ast());
            scopes.put(f.ast().source().path(), scope);
            declare(scope);
        }
        for (Loader.Loaded f : files) {
            Scope scope = scopes.get(f.ast().source().path());
            for (Optional<Path> imported : f.imports()) {
                imported.map(scopes::get).filter(i -> !scope.imports.contains(i)).ifPresent(scope.imports::add);
            }
        }
        checkPackagesAndOptions();
        checkNamesUniquePerPackage();
        for (Scope scope : scopes.values()) {
            for (Symbol s : scope.own.values()) {
                resolve(s, s.ast.name().span());
            }
        }
        List<AbiFile> out = new ArrayList<>();
        for (Scope scope : scopes.values()) {
            for (Ast.Decl d : scope.ast.declarations()) {
                if (d instanceof Ast.Assert a) {
                    checkAssert(a, scope);
                }
            }
            List<Decl> decls = new ArrayList<>();
            for (Symbol s : scope.own.values()) {
                if (s.result != null) {
                    decls.add(s.result);
                }
            }
            Map<String, String> options = new LinkedHashMap<>();
            for (Ast.Option o : scope.ast.options()) {
                options.putIfAbsent(o.name().text(), o.value());
            }
            List<AbiFile> imports = scope.imports.stream()
                    .map(i -> resolvedFiles.get(i.ast.source().path()))
                    .filter(java.util.Objects::nonNull)
                    .toList();
            AbiFile file = new AbiFile(scope.ast.source(), scope.packageName(), options, decls, imports,
                    doc(scope.ast.doc()));
            resolvedFiles.put(scope.ast.source().path(), file);
            out.add(file);
        }
        return new AbiModel(out);
    }

    // ---------------------------------------------------------------- declarations and lookup

    private void declare(Scope scope) {
        for (Ast.Decl d : scope.ast.declarations()) {
            if (!(d instanceof Ast.NamedDecl named)) {
                continue;
            }
            String name = named.name().text();
            if (BUILTIN_TYPES.contains(name)) {
                diagnostics.error(named.name().span(), "'" + name + "' is a built-in type and cannot be declared");
                continue;
            }
            if (!(named instanceof Ast.Const) && ABI_KEYWORDS.contains(name)) {
                diagnostics.error(named.name().span(), "'" + name + "' is a keyword of the .abi language and cannot "
                        + "name a type; rename it");
                continue;
            }
            Symbol previous = scope.own.get(name);
            if (previous != null) {
                diagnostics.error(named.name().span(), "'" + name + "' is already declared at line "
                        + previous.ast.name().span().line());
                continue;
            }
            scope.own.put(name, new Symbol(named, scope));
        }
    }

    /** Files of one package share a namespace: their declarations must have distinct names. */
    private void checkNamesUniquePerPackage() {
        Map<String, Map<String, Symbol>> byPackage = new HashMap<>();
        for (Scope scope : scopes.values()) {
            Map<String, Symbol> names = byPackage.computeIfAbsent(scope.packageName(), k -> new HashMap<>());
            for (Symbol s : scope.own.values()) {
                Symbol other = names.putIfAbsent(s.name(), s);
                if (other != null) {
                    diagnostics.error(s.ast.name().span(), "'" + s.name() + "' is already declared in package "
                            + scope.packageName() + " (" + other.ast.name().span().location() + ")");
                }
            }
        }
    }

    private void checkPackagesAndOptions() {
        for (Scope scope : scopes.values()) {
            boolean ownNamespace = scope.ast.options().stream().anyMatch(o -> o.name().text().equals("cpp_namespace"));
            for (Ast.Name part : scope.ast.packageName().parts()) {
                String problem = Identifiers.problem(part.text());
                if (problem != null) {
                    diagnostics.error(part.span(), "package name part " + problem
                            + " (or set cpp_namespace and java_package)");
                }
            }
            Ast.Name root = scope.ast.packageName().parts().get(0);
            if (root.text().equals("abic") && !ownNamespace) {
                diagnostics.error(root.span(), "the C++ namespace 'abic' is abic's own; choose another package "
                        + "or set cpp_namespace");
            }
            Map<String, Ast.Option> seen = new HashMap<>();
            for (Ast.Option o : scope.ast.options()) {
                String name = o.name().text();
                if (!OPTIONS.contains(name)) {
                    diagnostics.error(o.name().span(), "unknown option '" + name + "'; the options are "
                            + OPTIONS.stream().sorted().collect(Collectors.joining(", ")));
                    continue;
                }
                if (seen.putIfAbsent(name, o) != null) {
                    diagnostics.error(o.name().span(), "option '" + name + "' is already set at line "
                            + seen.get(name).name().span().line());
                    continue;
                }
                String problem = OptionRules.check(name, o.value());
                if (problem == null && name.equals("cpp_namespace")) {
                    String[] parts = o.value().split("::");
                    for (String part : parts) {
                        String why = Identifiers.problem(part);
                        if (why != null && !Identifiers.isJavaKeyword(part)) {
                            problem = "cpp_namespace \"" + o.value() + "\": " + why;
                            break;
                        }
                    }
                    if (problem == null && parts[0].equals("abic")) {
                        problem = "cpp_namespace \"" + o.value() + "\": the namespace 'abic' is abic's own";
                    }
                }
                if (problem == null && name.equals("java_package")) {
                    for (String part : o.value().split("\\.")) {
                        if (Identifiers.isJavaKeyword(part)) {
                            problem = "java_package \"" + o.value() + "\": '" + part + "' is a Java keyword";
                            break;
                        }
                    }
                }
                if (problem != null) {
                    diagnostics.error(o.valueSpan(), problem);
                }
            }
        }
    }

    /** A name as seen from a file: its own declarations, then those of the files it imports. */
    private Optional<Symbol> lookup(Ast.QualifiedName name, Scope scope, boolean reportMissing) {
        if (name.isSimple()) {
            String simple = name.last().text();
            Symbol own = scope.own.get(simple);
            if (own != null) {
                return Optional.of(own);
            }
            List<Symbol> found = new ArrayList<>();
            for (Scope imported : scope.imports) {
                Symbol s = imported.own.get(simple);
                if (s != null) {
                    found.add(s);
                }
            }
            found = found.stream().distinct().toList();
            if (found.size() == 1) {
                return Optional.of(found.get(0));
            }
            if (found.size() > 1) {
                diagnostics.error(name.span(), "'" + simple + "' is ambiguous: it is declared in "
                        + found.stream().map(s -> s.scope.packageName()).distinct().collect(Collectors.joining(" and "))
                        + "; write it qualified, for example " + found.get(0).scope.packageName() + "." + simple);
                return Optional.empty();
            }
        } else {
            String pkg = name.parts().subList(0, name.parts().size() - 1).stream()
                    .map(Ast.Name::text).collect(Collectors.joining("."));
            List<Scope> candidates = new ArrayList<>();
            candidates.add(scope);
            candidates.addAll(scope.imports);
            for (Scope c : candidates) {
                if (c.packageName().equals(pkg)) {
                    Symbol s = c.own.get(name.last().text());
                    if (s != null) {
                        return Optional.of(s);
                    }
                }
            }
        }
        if (reportMissing) {
            diagnostics.error(name.span(), "unknown name '" + name.text() + "'" + suggestion(name, scope));
        }
        return Optional.empty();
    }

    private String suggestion(Ast.QualifiedName name, Scope scope) {
        String wanted = name.last().text();
        List<String> known = new ArrayList<>(scope.own.keySet());
        scope.imports.forEach(i -> known.addAll(i.own.keySet()));
        return Suggestions.closest(wanted, known).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    /** Resolves a symbol once; a symbol met again while it is being resolved is a cycle. */
    private Optional<Decl> resolve(Symbol s, SourceSpan usedAt) {
        switch (s.state) {
            case DONE:
                return Optional.ofNullable(s.result);
            case RESOLVING: {
                int from = resolving.indexOf(s);
                String chain = resolving.subList(from, resolving.size()).stream().map(Symbol::name)
                        .collect(Collectors.joining(" -> ")) + " -> " + s.name();
                diagnostics.error(usedAt, "'" + s.name() + "' is defined in terms of itself (" + chain + ")");
                return Optional.empty();
            }
            default:
                break;
        }
        s.state = State.RESOLVING;
        resolving.add(s);
        try {
            if (s.ast instanceof Ast.Const c) {
                s.result = resolveConst(c, s.scope);
            } else if (s.ast instanceof Ast.EnumLike e) {
                s.result = resolveEnum(e, s.scope);
            } else if (s.ast instanceof Ast.Struct st) {
                s.result = resolveStruct(st, s.scope);
            } else {
                s.result = resolveLayout((Ast.Layout) s.ast, s.scope);
            }
        } finally {
            resolving.remove(resolving.size() - 1);
            s.state = State.DONE;
        }
        return Optional.ofNullable(s.result);
    }

    // ---------------------------------------------------------------- constants, enums, flags

    private ConstDecl resolveConst(Ast.Const c, Scope scope) {
        Optional<ScalarKind> type = integerType(c.type(), scope, "a constant");
        if (type.isEmpty()) {
            return null;
        }
        Optional<BigInteger> value = new Evaluator(scope, Range.of(type.get())).constant(c.value());
        if (value.isEmpty()) {
            return null;
        }
        if (!type.get().contains(value.get())) {
            diagnostics.error(c.value().span(), "value " + value.get() + " does not fit in " + type.get().abiName()
                    + " (" + type.get().min() + ".." + type.get().max() + ")");
            return null;
        }
        // A plain literal, or an expression that only restates the value (-12), needs no comment.
        boolean literal = c.value() instanceof Ast.IntLit || c.valueText().equals(value.get().toString());
        return new ConstDecl(c.name().text(), type.get(), value.get(), literal ? "" : c.valueText(), radixOf(c.value()),
                doc(c.doc()), c.name().span());
    }

    private EnumDecl resolveEnum(Ast.EnumLike e, Scope scope) {
        String what = e.flags() ? "a flags set" : "an enum";
        Optional<ScalarKind> type = integerType(e.type(), scope, what);
        if (type.isEmpty()) {
            return null;
        }
        if (e.flags() && type.get().isSigned()) {
            diagnostics.error(e.type().span(), "a flags set needs an unsigned type (u8, u16, u32 or u64), not "
                    + type.get().abiName());
            return null;
        }
        if (e.values().isEmpty()) {
            diagnostics.error(e.name().span(), "'" + e.name().text() + "' has no values");
            return null;
        }
        List<EnumDecl.Value> values = new ArrayList<>();
        Map<String, EnumDecl.Value> byName = new HashMap<>();
        Map<String, BigInteger> earlier = new HashMap<>();
        Map<BigInteger, EnumDecl.Value> byValue = new HashMap<>();
        BigInteger declaredBits = BigInteger.ZERO;
        for (Ast.EnumValue v : e.values()) {
            String name = v.name().text();
            if (byName.containsKey(name)) {
                diagnostics.error(v.name().span(), "'" + name + "' is already a value of '" + e.name().text()
                        + "' (line " + byName.get(name).span().line() + ")");
                continue;
            }
            Optional<BigInteger> value = new Evaluator(scope, Range.of(type.get()))
                    .withOwnValues(e.name().text(), earlier).constant(v.value());
            if (value.isEmpty()) {
                continue;
            }
            BigInteger n = value.get();
            if (!type.get().contains(n)) {
                diagnostics.error(v.value().span(), "value " + n + " of '" + name + "' is out of range for "
                        + type.get().abiName() + " (" + type.get().min() + ".." + type.get().max() + ")");
                continue;
            }
            if (e.flags()) {
                boolean single = n.bitCount() == 1;
                boolean mask = n.signum() > 0 && n.andNot(declaredBits).signum() == 0;
                if (!single && !mask && n.signum() != 0) {
                    diagnostics.error(v.value().span(), "flag '" + name + "' is " + hex(n)
                            + ", which is neither a single bit nor a combination of the flags declared before it");
                    continue;
                }
                if (single) {
                    declaredBits = declaredBits.or(n);
                }
            }
            if (!e.flags() && byValue.containsKey(n)) {
                diagnostics.error(v.value().span(), "'" + name + "' has the value " + n + ", as '"
                        + byValue.get(n).name() + "' does; enum values must be distinct");
                continue;
            }
            EnumDecl.Value resolved = new EnumDecl.Value(name, n, radixOf(v.value()), doc(v.doc()), v.name().span());
            byName.put(name, resolved);
            earlier.put(name, n);
            byValue.putIfAbsent(n, resolved);
            values.add(resolved);
        }
        return new EnumDecl(e.name().text(), type.get(), e.flags(), values, doc(e.doc()), e.name().span());
    }

    /**
     * 16 when the expression was written with a hex literal (a magic, a mask), so that output shows
     * the value the way its author thinks of it; else 10.
     */
    static int radixOf(Ast.Expr e) {
        if (e instanceof Ast.IntLit lit) {
            return lit.radix() == 16 ? 16 : 10;
        }
        if (e instanceof Ast.Unary u) {
            return radixOf(u.operand());
        }
        if (e instanceof Ast.Binary b) {
            return Math.max(radixOf(b.left()), radixOf(b.right()));
        }
        if (e instanceof Ast.Call c) {
            return c.args().stream().mapToInt(Resolver::radixOf).max().orElse(10);
        }
        return 10;
    }

    private static String hex(BigInteger n) {
        return n.signum() < 0 ? n.toString() : "0x" + n.toString(16).toUpperCase();
    }

    private Optional<ScalarKind> integerType(Ast.TypeRef ref, Scope scope, String what) {
        Optional<ScalarKind> kind = ref.name().isSimple() ? ScalarKind.byName(ref.name().text()) : Optional.empty();
        if (kind.isPresent() && kind.get().isInteger() && ref.length().isEmpty()) {
            return kind;
        }
        diagnostics.error(ref.span(), what + " needs an integer type (u8..u64 or i8..i64), not '"
                + ref.name().text() + (ref.length().isPresent() ? "[…]" : "") + "'");
        return Optional.empty();
    }

    // ---------------------------------------------------------------- types

    /** Resolves a field type; {@code bytes} and lengths over parameters are for layouts only. */
    private Optional<Type> resolveType(Ast.TypeRef ref, Scope scope) {
        Optional<Type> element = resolveElementType(ref, scope);
        if (element.isEmpty()) {
            return Optional.empty();
        }
        if (ref.length().isEmpty()) {
            if (element.get() instanceof Type.Scalar sc && sc.kind() == ScalarKind.CHAR) {
                diagnostics.error(ref.span(), "'char' is text and needs a capacity: write char[N]");
                return Optional.empty();
            }
            return element;
        }
        Optional<BigInteger> length = new Evaluator(scope, Range.INT).constant(ref.length().get());
        if (length.isEmpty()) {
            return Optional.empty();
        }
        if (length.get().signum() <= 0) {
            diagnostics.error(ref.length().get().span(), "array length must be at least 1, not " + length.get());
            return Optional.empty();
        }
        BigInteger bytes = length.get().multiply(BigInteger.valueOf(element.get().size()));
        if (bytes.compareTo(MAX_STRUCT_BYTES) > 0) {
            diagnostics.error(ref.length().get().span(), "array of " + length.get() + " × " + element.get().size()
                    + " bytes is larger than the limit of 2^31 bytes");
            return Optional.empty();
        }
        return Optional.of(new Type.Array(element.get(), length.get().longValueExact()));
    }

    private static final BigInteger MAX_STRUCT_BYTES = StructDecl.MAX_BYTES;

    private Optional<Type> resolveElementType(Ast.TypeRef ref, Scope scope) {
        Ast.QualifiedName name = ref.name();
        if (name.isSimple()) {
            String simple = name.last().text();
            if (simple.equals("bytes")) {
                diagnostics.error(ref.span(), "'bytes' is for layout sections; in a struct write u8[N]");
                return Optional.empty();
            }
            Optional<ScalarKind> scalar = ScalarKind.byName(simple);
            if (scalar.isPresent()) {
                return Optional.of(new Type.Scalar(scalar.get()));
            }
        }
        Optional<Symbol> symbol = lookupType(name, scope);
        if (symbol.isEmpty()) {
            return Optional.empty();
        }
        Ast.NamedDecl decl = symbol.get().ast;
        if (decl instanceof Ast.Struct) {
            return resolve(symbol.get(), name.span()).map(d -> new Type.StructRef((StructDecl) d));
        }
        if (decl instanceof Ast.EnumLike) {
            return resolve(symbol.get(), name.span()).map(d -> new Type.EnumRef((EnumDecl) d));
        }
        if (decl instanceof Ast.Const) {
            diagnostics.error(name.span(), "'" + name.text() + "' is a constant, not a type");
        } else {
            diagnostics.error(name.span(), "'" + name.text() + "' is a layout; a layout cannot be used as a type");
        }
        return Optional.empty();
    }

    private Optional<Symbol> lookupType(Ast.QualifiedName name, Scope scope) {
        int before = diagnostics.errorCount();
        Optional<Symbol> symbol = lookup(name, scope, false);
        if (symbol.isEmpty() && diagnostics.errorCount() == before) {
            String simple = name.last().text();
            List<String> known = new ArrayList<>(List.of("u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64",
                    "f32", "f64", "bool", "char"));
            known.addAll(scope.own.keySet());
            scope.imports.forEach(i -> known.addAll(i.own.keySet()));
            diagnostics.error(name.span(), "unknown type '" + name.text() + "'"
                    + Suggestions.closest(simple, known).map(s -> "; did you mean '" + s + "'?").orElse(""));
        }
        return symbol;
    }

    // ---------------------------------------------------------------- structs

    private StructDecl resolveStruct(Ast.Struct st, Scope scope) {
        String structName = st.name().text();
        long declaredAlign = 1;
        if (st.alignBefore().isPresent()) {
            Optional<Long> a = alignment(st.alignBefore().get(), scope);
            if (a.isEmpty()) {
                return null;
            }
            declaredAlign = a.get();
        }
        if (st.fields().isEmpty()) {
            diagnostics.error(st.name().span(), "struct '" + structName + "' has no fields");
            return null;
        }
        record Pending(Ast.Field ast, Type type) {}
        List<Pending> pending = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean ok = true;
        for (Ast.Field f : st.fields()) {
            if (!names.add(f.name().text())) {
                diagnostics.error(f.name().span(), "'" + structName + "' already has a field '" + f.name().text() + "'");
                ok = false;
                continue;
            }
            Optional<Type> type = resolveType(f.type(), scope);
            if (type.isEmpty()) {
                ok = false;
                continue;
            }
            pending.add(new Pending(f, type.get()));
        }
        if (!ok) {
            return null;
        }
        List<CLayout.Member> members = pending.stream()
                .map(p -> new CLayout.Member(p.type().size(), p.type().align())).toList();
        CLayout.StructPlacement placement = CLayout.place(members, declaredAlign);
        if (placement.size() > MAX_STRUCT_BYTES.longValue()) {
            diagnostics.error(st.name().span(), "struct '" + structName + "' is " + placement.size()
                    + " bytes, larger than the limit of 2^31 bytes");
            return null;
        }
        Map<String, Type> fieldTypes = new HashMap<>();
        pending.forEach(p -> fieldTypes.put(p.ast().name().text(), p.type()));
        Set<String> reservedFields = new HashSet<>();
        pending.stream().filter(p -> p.ast().reserved()).forEach(p -> reservedFields.add(p.ast().name().text()));
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            Ast.Field f = p.ast();
            Optional<BigInteger> at = f.at().flatMap(e -> new Evaluator(scope, Range.INT).constant(e));
            Optional<Field.Limit> limit = limit(f, p.type(), fieldTypes, reservedFields, scope);
            CLayout.Placement place = placement.members().get(i);
            fields.add(new Field(f.name().text(), p.type(), place.offset(), place.paddingBefore(), f.reserved(),
                    f.atomic(), at, limit, doc(f.doc()), f.name().span()));
        }
        Optional<BigInteger> size = st.size().flatMap(e -> new Evaluator(scope, Range.INT).constant(e));
        Optional<BigInteger> alignAfter = st.alignAfter().flatMap(e -> new Evaluator(scope, Range.INT).constant(e));
        return new StructDecl(structName, fields, placement.size(), placement.align(), declaredAlign,
                placement.tailPadding(), size, alignAfter, doc(st.doc()), st.name().span(), st.end());
    }

    private Optional<Field.Limit> limit(Ast.Field f, Type type, Map<String, Type> fieldTypes, Set<String> reservedFields,
                                        Scope scope) {
        if (f.countOf().isEmpty() && f.bound().isEmpty()) {
            return Optional.empty();
        }
        Optional<ScalarKind> storage = type.storage().filter(ScalarKind::isInteger);
        if (storage.isEmpty() || type instanceof Type.EnumRef) {
            diagnostics.error(f.type().span(), "count_of and bound apply to integer fields; '" + f.name().text()
                    + "' is " + type.abiName());
            return Optional.empty();
        }
        BigInteger max = storage.get().max();
        Optional<String> countOf = Optional.empty();
        if (f.countOf().isPresent()) {
            Ast.Name target = f.countOf().get();
            Type targetType = fieldTypes.get(target.text());
            if (targetType == null) {
                diagnostics.error(target.span(), "count_of names '" + target.text() + "', which is not a field of this struct");
                return Optional.empty();
            }
            boolean targetReserved = f.countOf().isPresent() && reservedFields.contains(target.text());
            if (targetReserved) {
                diagnostics.error(target.span(), "count_of names '" + target.text() + "', a reserved field");
                return Optional.empty();
            }
            if (!(targetType instanceof Type.Array array)) {
                diagnostics.error(target.span(), "count_of names '" + target.text() + "', which is not an array (it is "
                        + targetType.abiName() + ")");
                return Optional.empty();
            }
            max = max.min(BigInteger.valueOf(array.length()));
            countOf = Optional.of(target.text());
        }
        if (f.bound().isPresent()) {
            Optional<BigInteger> bound = new Evaluator(scope, Range.INT).constant(f.bound().get());
            if (bound.isEmpty()) {
                return Optional.empty();
            }
            if (bound.get().signum() < 0 || bound.get().compareTo(storage.get().max()) > 0) {
                diagnostics.error(f.bound().get().span(), "bound " + bound.get() + " is outside the range of "
                        + storage.get().abiName() + " (0.." + storage.get().max() + ")");
                return Optional.empty();
            }
            max = max.min(bound.get());
        }
        return Optional.of(new Field.Limit(max, countOf));
    }

    private Optional<Long> alignment(Ast.Expr e, Scope scope) {
        Optional<BigInteger> v = new Evaluator(scope, Range.INT).constant(e);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        BigInteger a = v.get();
        if (a.signum() <= 0 || a.bitCount() != 1 || a.bitLength() > 13) {
            diagnostics.error(e.span(), "alignment must be a power of two from 1 to 4096, not " + a);
            return Optional.empty();
        }
        return Optional.of(a.longValueExact());
    }

    // ---------------------------------------------------------------- layouts

    private LayoutDecl resolveLayout(Ast.Layout l, Scope scope) {
        List<String> params = new ArrayList<>();
        boolean ok = true;
        Identifiers.JavaScope javaNames = new Identifiers.JavaScope();
        for (Ast.Param p : l.params()) {
            String name = p.name().text();
            String problem = parameterProblem(p, l, params, javaNames);
            if (problem != null) {
                diagnostics.error(p.name().span(), problem);
                ok = false;
            } else if (!p.type().name().text().equals("u64") || p.type().length().isPresent()) {
                diagnostics.error(p.type().span(), "layout parameters are u64, not '" + p.type().name().text()
                        + (p.type().length().isPresent() ? "[…]" : "") + "'");
                ok = false;
            }
            params.add(name);
        }
        Set<String> paramSet = Set.copyOf(params);
        List<LayoutDecl.Requirement> requirements = new ArrayList<>();
        for (Ast.Require r : l.requires()) {
            Optional<LayoutExpr> cond = new Evaluator(scope, Range.U64, paramSet).runtime(r.condition())
                    .map(c -> Folding.truth(c).map(t -> (LayoutExpr) new LayoutExpr.Lit(t ? BigInteger.ONE : BigInteger.ZERO))
                            .orElse(c));
            if (cond.isEmpty()) {
                ok = false;
                continue;
            }
            if (cond.get() instanceof LayoutExpr.Lit lit && lit.value().signum() == 0) {
                diagnostics.error(r.span(), "requirement '" + r.text() + "' is always false");
                ok = false;
                continue;
            }
            requirements.add(new LayoutDecl.Requirement(cond.get(), r.text(), r.span()));
        }
        List<LayoutDecl.Section> sections = new ArrayList<>();
        Set<String> sectionNames = new HashSet<>();
        for (Ast.Section s : l.sections()) {
            String name = s.name().text();
            if (name.equals("total")) {
                diagnostics.error(s.name().span(), "'total' is reserved for the layout's total size; choose another section name");
                ok = false;
                continue;
            }
            if (!sectionNames.add(name)) {
                diagnostics.error(s.name().span(), "'" + l.name().text() + "' already has a section '" + name + "'");
                ok = false;
                continue;
            }
            Optional<LayoutDecl.Section> section = section(s, scope, paramSet);
            if (section.isEmpty()) {
                ok = false;
                continue;
            }
            sections.add(section.get());
        }
        if (sections.isEmpty() && ok) {
            diagnostics.error(l.name().span(), "layout '" + l.name().text() + "' has no sections");
            ok = false;
        }
        long trailing = 1;
        if (l.align().isPresent()) {
            Optional<Long> a = alignment(l.align().get(), scope);
            if (a.isEmpty()) {
                return null;
            }
            trailing = a.get();
        }
        if (!ok) {
            return null;
        }
        return new LayoutDecl(l.name().text(), params, requirements, sections, trailing, doc(l.doc()), l.name().span());
    }

    /**
     * What is wrong with a layout parameter's name: a repeat, a name the generated function uses
     * itself, a name C++ or Java cannot take, or a Java collision with an earlier parameter.
     */
    private static String parameterProblem(Ast.Param p, Ast.Layout l, List<String> earlier,
                                           Identifiers.JavaScope javaNames) {
        String name = p.name().text();
        if (earlier.contains(name)) {
            return "'" + l.name().text() + "' already has a parameter '" + name + "'";
        }
        String struct = l.name().text() + "Layout";
        if (name.equals("out") || name.endsWith("_") || name.equals("std") || name.equals("abic")
                || name.equals(struct)) {
            return "'" + name + "' is reserved for the generated layout function (it uses 'out', 'std', 'abic', '"
                    + struct + "' and locals ending in '_'); rename the parameter";
        }
        String problem = Identifiers.problem(name);
        return problem != null ? problem : javaNames.add(name, p.name().span().line());
    }

    private Optional<LayoutDecl.Section> section(Ast.Section s, Scope scope, Set<String> params) {
        Ast.TypeRef ref = s.type();
        boolean bytes = ref.name().isSimple() && ref.name().text().equals("bytes");
        Type element;
        if (bytes) {
            if (ref.length().isEmpty()) {
                diagnostics.error(ref.span(), "'bytes' needs a length: write bytes[n]");
                return Optional.empty();
            }
            element = new Type.Scalar(ScalarKind.U8);
        } else {
            Ast.TypeRef bare = new Ast.TypeRef(ref.name(), Optional.empty(), ref.span());
            Optional<Type> t = resolveElementType(bare, scope);
            if (t.isEmpty()) {
                return Optional.empty();
            }
            if (t.get() instanceof Type.Scalar sc && sc.kind() == ScalarKind.CHAR && ref.length().isEmpty()) {
                diagnostics.error(ref.span(), "'char' is text and needs a capacity: write char[n]");
                return Optional.empty();
            }
            element = t.get();
        }
        LayoutExpr count = new LayoutExpr.Lit(BigInteger.ONE);
        if (ref.length().isPresent()) {
            Optional<LayoutExpr> c = new Evaluator(scope, Range.U64, params).runtime(ref.length().get());
            if (c.isEmpty()) {
                return Optional.empty();
            }
            count = c.get();
        }
        long align = element.align();
        if (s.align().isPresent()) {
            Optional<Long> a = alignment(s.align().get(), scope);
            if (a.isEmpty()) {
                return Optional.empty();
            }
            align = Math.max(align, a.get());
        }
        Optional<LayoutExpr> at = Optional.empty();
        if (s.at().isPresent()) {
            at = new Evaluator(scope, Range.U64, params).runtime(s.at().get());
            if (at.isEmpty()) {
                return Optional.empty();
            }
            if (at.get() instanceof LayoutExpr.Lit lit && lit.value().mod(BigInteger.valueOf(align)).signum() != 0) {
                diagnostics.error(s.at().get().span(), "section '" + s.name().text() + "' placed at " + lit.value()
                        + ", which is not a multiple of its alignment " + align);
                return Optional.empty();
            }
        }
        return Optional.of(new LayoutDecl.Section(s.name().text(), element, count, bytes, ref.length().isEmpty(),
                align, at, doc(s.doc()), s.name().span()));
    }

    // ---------------------------------------------------------------- file-level asserts

    private void checkAssert(Ast.Assert a, Scope scope) {
        Optional<BigInteger> v = new Evaluator(scope, Range.INT).constant(a.condition());
        if (v.isPresent() && v.get().signum() == 0) {
            diagnostics.error(a.condition().span(), "assertion failed: " + a.text()
                    + a.message().map(m -> " (" + m + ")").orElse("") + explain(a.condition(), scope));
        }
    }

    /** For {@code x == y} that failed: what each side was, which is what the user wants to know. */
    private String explain(Ast.Expr e, Scope scope) {
        if (e instanceof Ast.Binary b && List.of("==", "!=", "<", "<=", ">", ">=").contains(b.op())) {
            Optional<BigInteger> l = new Evaluator(scope, Range.INT).constant(b.left());
            Optional<BigInteger> r = new Evaluator(scope, Range.INT).constant(b.right());
            if (l.isPresent() && r.isPresent()) {
                return "; the left side is " + l.get() + " and the right side is " + r.get();
            }
        }
        return "";
    }

    private static Doc doc(Ast.Doc d) {
        return d.isEmpty() ? Doc.NONE : new Doc(d.lines());
    }

    // ---------------------------------------------------------------- expressions

    /** The values an expression may take while it is evaluated, and the width {@code ~} flips. */
    record Range(BigInteger min, BigInteger max, int notBits, boolean signed, String description) {
        static final Range U64 = new Range(BigInteger.ZERO, ScalarKind.U64.max(), 64, false, "u64");
        /** File-level asserts and bounds: any value of i64 or u64; {@code ~} of a non-negative value is 64-bit. */
        static final Range INT = new Range(ScalarKind.I64.min(), ScalarKind.U64.max(), 64, false, "a 64-bit integer");

        /**
         * Constants and enum values are computed exactly, every intermediate within i64 ∪ u64, then
         * checked against their declared type; {@code ~} flips the declared type's bits (two's
         * complement when signed).
         */
        static Range of(ScalarKind kind) {
            return new Range(ScalarKind.I64.min(), ScalarKind.U64.max(), kind.bits(), kind.isSigned(),
                    "a 64-bit integer");
        }

        boolean contains(BigInteger v) {
            return v.compareTo(min) >= 0 && v.compareTo(max) <= 0;
        }
    }

    /**
     * Evaluates an expression. In a constant context every name must be a constant or enum value;
     * in a layout context parameters are allowed and the result is a {@link LayoutExpr} with every
     * parameter-free part folded.
     */
    final class Evaluator {
        private final Scope scope;
        private final Range range;
        private final Set<String> params;
        private String ownEnum;
        private Map<String, BigInteger> ownValues;

        Evaluator(Scope scope, Range range) {
            this(scope, range, Set.of());
        }

        Evaluator(Scope scope, Range range, Set<String> params) {
            this.scope = scope;
            this.range = range;
            this.params = params;
        }

        /** Inside the enum or flags set {@code name}: its values declared so far are visible. */
        Evaluator withOwnValues(String name, Map<String, BigInteger> values) {
            this.ownEnum = name;
            this.ownValues = values;
            return this;
        }

        Optional<BigInteger> constant(Ast.Expr e) {
            Optional<LayoutExpr> r = runtime(e);
            if (r.isEmpty()) {
                return Optional.empty();
            }
            if (r.get() instanceof LayoutExpr.Lit lit) {
                return Optional.of(lit.value());
            }
            diagnostics.error(e.span(), "expected a constant expression");
            return Optional.empty();
        }

        Optional<LayoutExpr> runtime(Ast.Expr e) {
            return Optional.ofNullable(eval(e));
        }

        private LayoutExpr eval(Ast.Expr e) {
            if (e instanceof Ast.IntLit lit) {
                return checked(lit.value(), lit.span(), "the literal " + lit.value());
            }
            if (e instanceof Ast.NameRef ref) {
                return name(ref.name());
            }
            if (e instanceof Ast.Unary u) {
                return unary(u);
            }
            if (e instanceof Ast.Binary b) {
                return binary(b);
            }
            if (e instanceof Ast.SizeOf s) {
                return resolveType(s.type(), scope)
                        .map(t -> (LayoutExpr) new LayoutExpr.Lit(BigInteger.valueOf(t.size()))).orElse(null);
            }
            if (e instanceof Ast.AlignOf a) {
                return resolveType(a.type(), scope)
                        .map(t -> (LayoutExpr) new LayoutExpr.Lit(BigInteger.valueOf(t.align()))).orElse(null);
            }
            if (e instanceof Ast.OffsetOf o) {
                return offsetOf(o);
            }
            return call((Ast.Call) e);
        }

        private LayoutExpr checked(BigInteger v, SourceSpan span, String what) {
            if (!range.contains(v)) {
                diagnostics.error(span, what + " overflows " + range.description());
                return null;
            }
            return new LayoutExpr.Lit(v);
        }

        private LayoutExpr name(Ast.QualifiedName name) {
            if (name.isSimple() && params.contains(name.last().text())) {
                return new LayoutExpr.Param(name.last().text());
            }
            if (ownValues != null && name.isSimple() && ownValues.containsKey(name.last().text())) {
                return new LayoutExpr.Lit(ownValues.get(name.last().text()));
            }
            int before = diagnostics.errorCount();
            Optional<Symbol> symbol = lookup(name, scope, false);
            if (symbol.isEmpty() && diagnostics.errorCount() > before) {
                return null;
            }
            if (symbol.isEmpty() && name.parts().size() >= 2) {
                return enumValue(name);
            }
            if (symbol.isEmpty()) {
                String hint = suggestion(name, scope);
                if (!params.isEmpty() && hint.isEmpty()) {
                    hint = Suggestions.closest(name.last().text(), params).map(s -> "; did you mean '" + s + "'?")
                            .orElse("");
                }
                diagnostics.error(name.span(), "unknown name '" + name.text() + "'" + hint);
                return null;
            }
            Ast.NamedDecl decl = symbol.get().ast;
            if (decl instanceof Ast.Const) {
                return resolve(symbol.get(), name.span())
                        .map(d -> (LayoutExpr) new LayoutExpr.Lit(((ConstDecl) d).value())).orElse(null);
            }
            if (decl instanceof Ast.Struct) {
                diagnostics.error(name.span(), "'" + name.text() + "' is a struct, not a value; did you mean sizeof("
                        + name.text() + ")?");
            } else if (decl instanceof Ast.EnumLike en) {
                diagnostics.error(name.span(), "'" + name.text() + "' is a type, not a value; name one of its values, "
                        + "for example " + name.text() + "." + en.values().stream().findFirst()
                        .map(v -> v.name().text()).orElse("VALUE"));
            } else {
                diagnostics.error(name.span(), "'" + name.text() + "' is a layout, not a value");
            }
            return null;
        }

        /** {@code Enum.VALUE} or {@code pkg.Enum.VALUE}. */
        private LayoutExpr enumValue(Ast.QualifiedName name) {
            int n = name.parts().size();
            String prefix = name.parts().subList(0, Math.max(0, n - 2)).stream().map(Ast.Name::text)
                    .collect(Collectors.joining("."));
            if (ownValues != null && n >= 2 && name.parts().get(n - 2).text().equals(ownEnum)
                    && (n == 2 || prefix.equals(scope.packageName()))) {
                BigInteger v = ownValues.get(name.last().text());
                if (v != null) {
                    return new LayoutExpr.Lit(v);
                }
                diagnostics.error(name.last().span(), "'" + ownEnum + "' has no value '" + name.last().text()
                        + "' declared before this one");
                return null;
            }
            List<Ast.Name> typeParts = name.parts().subList(0, name.parts().size() - 1);
            Ast.QualifiedName typeName = new Ast.QualifiedName(typeParts, typeParts.get(0).span());
            Optional<Symbol> type = lookup(typeName, scope, false);
            if (type.isEmpty() || !(type.get().ast instanceof Ast.EnumLike)) {
                diagnostics.error(name.span(), "unknown name '" + name.text() + "'");
                return null;
            }
            Optional<Decl> decl = resolve(type.get(), name.span());
            if (decl.isEmpty()) {
                return null;
            }
            EnumDecl en = (EnumDecl) decl.get();
            Optional<EnumDecl.Value> v = en.value(name.last().text());
            if (v.isEmpty()) {
                diagnostics.error(name.last().span(), "'" + en.name() + "' has no value '" + name.last().text() + "'"
                        + Suggestions.closest(name.last().text(), en.values().stream().map(EnumDecl.Value::name).toList())
                        .map(s -> "; did you mean '" + s + "'?").orElse(""));
                return null;
            }
            return new LayoutExpr.Lit(v.get().value());
        }

        private LayoutExpr offsetOf(Ast.OffsetOf o) {
            if (o.type().isSimple() && BUILTIN_TYPES.contains(o.type().text())) {
                diagnostics.error(o.type().span(), "offsetof needs a struct; '" + o.type().text() + "' is not one");
                return null;
            }
            Optional<Symbol> symbol = lookupType(o.type(), scope);
            if (symbol.isEmpty()) {
                return null;
            }
            if (!(symbol.get().ast instanceof Ast.Struct)) {
                diagnostics.error(o.type().span(), "offsetof needs a struct; '" + o.type().text() + "' is not one");
                return null;
            }
            Optional<Decl> decl = resolve(symbol.get(), o.type().span());
            if (decl.isEmpty()) {
                return null;
            }
            StructDecl st = (StructDecl) decl.get();
            Optional<Field> f = st.field(o.field().text());
            if (f.isEmpty()) {
                diagnostics.error(o.field().span(), "'" + st.name() + "' has no field '" + o.field().text() + "'"
                        + Suggestions.closest(o.field().text(), st.fields().stream().map(Field::name).toList())
                        .map(s -> "; did you mean '" + s + "'?").orElse(""));
                return null;
            }
            return new LayoutExpr.Lit(BigInteger.valueOf(f.get().offset()));
        }

        private LayoutExpr unary(Ast.Unary u) {
            LayoutExpr operand = eval(u.operand());
            if (operand == null) {
                return null;
            }
            if (!(operand instanceof LayoutExpr.Lit lit)) {
                if (u.op().equals("!")) {
                    Optional<Boolean> truth = Folding.truth(operand);
                    if (truth.isPresent()) {
                        return bool(!truth.get());
                    }
                }
                return new LayoutExpr.Unary(UnaryOp.of(u.op()).orElseThrow(), operand);
            }
            BigInteger v = lit.value();
            return switch (u.op()) {
                case "-" -> checked(v.negate(), u.span(), "'" + "-" + v + "'");
                case "!" -> bool(v.signum() == 0);
                default -> {
                    if (v.signum() >= 0 && !range.signed()) {
                        BigInteger mask = BigInteger.ONE.shiftLeft(range.notBits()).subtract(BigInteger.ONE);
                        if (v.compareTo(mask) > 0) {
                            diagnostics.error(u.span(), "'~' of " + v + ", which does not fit in " + range.notBits() + " bits");
                            yield null;
                        }
                        yield checked(mask.subtract(v), u.span(), "'~" + v + "'");
                    }
                    yield checked(v.negate().subtract(BigInteger.ONE), u.span(), "'~" + v + "'");
                }
            };
        }

        private LayoutExpr binary(Ast.Binary b) {
            LayoutExpr left = eval(b.left());
            LayoutExpr right = eval(b.right());
            if (left == null || right == null) {
                return null;
            }
            // A literal decides && and || whatever the other side is: fold, so that a requirement
            // such as `0 && x` is reported as always false.
            if (b.op().equals("&&") && (isLiteral(left, false) || isLiteral(right, false))) {
                return bool(false);
            }
            if (b.op().equals("||") && (isLiteral(left, true) || isLiteral(right, true))) {
                return bool(true);
            }
            if (right instanceof LayoutExpr.Lit divisor && (b.op().equals("/") || b.op().equals("%"))
                    && divisor.value().signum() == 0) {
                diagnostics.error(b.opSpan(), "division by zero in '" + text(b) + "'");
                return null;
            }
            if (right instanceof LayoutExpr.Lit amount && (b.op().equals("<<") || b.op().equals(">>"))
                    && (amount.value().signum() < 0 || amount.value().compareTo(BigInteger.valueOf(63)) > 0)) {
                diagnostics.error(b.opSpan(), "shift by " + amount.value() + " in '" + text(b)
                        + "'; shifts are by 0 to 63 bits");
                return null;
            }
            if (!(left instanceof LayoutExpr.Lit l) || !(right instanceof LayoutExpr.Lit r)) {
                BinaryOp op = BinaryOp.of(b.op()).orElseThrow();
                Optional<LayoutExpr> self = Folding.selfCombination(op, left, right);
                if (self.isPresent()) {
                    return self.get();
                }
                return Folding.decided(op, left, right)
                        .map(v -> (LayoutExpr) bool(v))
                        .orElseGet(() -> new LayoutExpr.Binary(op, Folding.condition(op, left),
                                Folding.condition(op, right)));
            }
            BigInteger x = l.value();
            BigInteger y = r.value();
            String what = "'" + x + " " + b.op() + " " + y + "'";
            return switch (b.op()) {
                case "+" -> checked(x.add(y), b.opSpan(), what);
                case "-" -> checked(x.subtract(y), b.opSpan(), what);
                case "*" -> checked(x.multiply(y), b.opSpan(), what);
                case "/", "%" -> {
                    if (y.signum() == 0) {
                        diagnostics.error(b.opSpan(), "division by zero in " + what);
                        yield null;
                    }
                    yield checked(b.op().equals("/") ? x.divide(y) : x.remainder(y), b.opSpan(), what);
                }
                case "<<", ">>" -> {
                    if (y.signum() < 0 || y.compareTo(BigInteger.valueOf(63)) > 0) {
                        diagnostics.error(b.opSpan(), "shift by " + y + " in " + what + "; shifts are by 0 to 63 bits");
                        yield null;
                    }
                    int n = y.intValueExact();
                    yield checked(b.op().equals("<<") ? x.shiftLeft(n) : x.shiftRight(n), b.opSpan(), what);
                }
                case "&" -> checked(x.and(y), b.opSpan(), what);
                case "|" -> checked(x.or(y), b.opSpan(), what);
                case "^" -> checked(x.xor(y), b.opSpan(), what);
                case "<" -> bool(x.compareTo(y) < 0);
                case "<=" -> bool(x.compareTo(y) <= 0);
                case ">" -> bool(x.compareTo(y) > 0);
                case ">=" -> bool(x.compareTo(y) >= 0);
                case "==" -> bool(x.equals(y));
                case "!=" -> bool(!x.equals(y));
                case "&&" -> bool(x.signum() != 0 && y.signum() != 0);
                case "||" -> bool(x.signum() != 0 || y.signum() != 0);
                default -> throw new IllegalStateException("operator " + b.op());
            };
        }

        /** The source text of an expression, from its file. */
        private String text(Ast.Binary b) {
            SourceSpan from = b.span();
            String line = from.file().line(from.line());
            int start = from.column() - 1;
            return line.substring(start, Math.min(line.length(), start + from.length()));
        }

        private LayoutExpr call(Ast.Call c) {
            String fn = c.function().text();
            int arity = switch (fn) {
                case "is_pow2" -> 1;
                case "align_up", "min", "max" -> 2;
                default -> -1;
            };
            if (arity < 0) {
                diagnostics.error(c.function().span(), "unknown function '" + fn
                        + "'; the built-in functions are align_up, is_pow2, max and min");
                return null;
            }
            if (c.args().size() != arity) {
                diagnostics.error(c.span(), fn + " takes " + arity + " argument" + (arity == 1 ? "" : "s") + ", not "
                        + c.args().size());
                return null;
            }
            List<LayoutExpr> args = new ArrayList<>();
            for (Ast.Expr a : c.args()) {
                LayoutExpr v = eval(a);
                if (v == null) {
                    return null;
                }
                args.add(v);
            }
            if (fn.equals("align_up")) {
                if (!(args.get(1) instanceof LayoutExpr.Lit a) || a.value().signum() <= 0 || a.value().bitCount() != 1) {
                    diagnostics.error(c.args().get(1).span(), "the alignment of align_up must be a constant power of two");
                    return null;
                }
            }
            if (!args.stream().allMatch(a -> a instanceof LayoutExpr.Lit)) {
                return new LayoutExpr.Call(fn, args);
            }
            BigInteger x = ((LayoutExpr.Lit) args.get(0)).value();
            return switch (fn) {
                case "is_pow2" -> bool(x.signum() > 0 && x.bitCount() == 1);
                case "min" -> new LayoutExpr.Lit(x.min(((LayoutExpr.Lit) args.get(1)).value()));
                case "max" -> new LayoutExpr.Lit(x.max(((LayoutExpr.Lit) args.get(1)).value()));
                default -> {
                    BigInteger a = ((LayoutExpr.Lit) args.get(1)).value();
                    BigInteger up = x.add(a).subtract(BigInteger.ONE).divide(a).multiply(a);
                    yield checked(up, c.span(), "'align_up(" + x + ", " + a + ")'");
                }
            };
        }

        /** True when {@code e} is a literal that is non-zero ({@code truth}) or zero ({@code !truth}). */
        private boolean isLiteral(LayoutExpr e, boolean truth) {
            return e instanceof LayoutExpr.Lit lit && (lit.value().signum() != 0) == truth;
        }

        private LayoutExpr bool(boolean b) {
            return new LayoutExpr.Lit(b ? BigInteger.ONE : BigInteger.ZERO);
        }
    }
}
