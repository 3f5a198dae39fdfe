package dev.abic.compiler.drift;

import dev.abic.compiler.diag.SourceSpan;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares two snapshots of an ABI and lists every difference with its {@link Rule}.
 *
 * <p>Declarations are matched by package and name; a file whose package changed is matched by its
 * file name, so that its declarations are compared rather than all reported removed and added.
 * What is left unmatched is then matched by shape: a struct, enum or layout with the same shape
 * under a new name is a rename, and so is a field with the same offset, size and type. Reserved
 * fields are not matched by name at all: what counts is which bytes are reserved, so a real field
 * placed inside bytes that were reserved is {@link Rule#RESERVED_FIELD_USED}.
 */
public final class Drift {
    private final List<Finding> findings = new ArrayList<>();
    /** Old simple type name to new, for renamed structs and enums, applied to field and section types. */
    private final Map<String, String> renamedTypes = new LinkedHashMap<>();

    private Drift() {}

    /** Every difference between {@code baseline} and {@code current}, in the order of {@code current}'s files. */
    public static List<Finding> compare(Snapshot baseline, Snapshot current) {
        Drift d = new Drift();
        d.run(baseline, current);
        return List.copyOf(d.findings);
    }

    /** A declaration with the file it is in. */
    private record Placed<T>(T entry, Snapshot.FileEntry file, String packageName, String name) {
        String qualified() {
            return packageName + "." + name;
        }
    }

    private void run(Snapshot baseline, Snapshot current) {
        Map<String, Snapshot.FileEntry> baseFiles = new LinkedHashMap<>();
        baseline.files().forEach(f -> baseFiles.put(f.file(), f));
        // A file's declarations are compared under its current package, so a package change is one finding.
        Map<String, String> packageNow = new LinkedHashMap<>();
        for (Snapshot.FileEntry cur : current.files()) {
            Snapshot.FileEntry base = baseFiles.get(cur.file());
            if (base != null) {
                compareFile(base, cur);
                packageNow.put(base.packageName() + "\u0000" + base.file(), cur.packageName());
            }
        }
        Function<Snapshot.FileEntry, String> basePackage =
                f -> packageNow.getOrDefault(f.packageName() + "\u0000" + f.file(), f.packageName());
        Function<Snapshot.FileEntry, String> curPackage = Snapshot.FileEntry::packageName;

        // Types keep their names when only their file's package changed.
        for (Snapshot.FileEntry cur : current.files()) {
            Snapshot.FileEntry base = baseFiles.get(cur.file());
            if (base != null && !base.packageName().equals(cur.packageName())) {
                for (String name : typeNames(base)) {
                    renamedTypes.put(base.packageName() + "." + name, cur.packageName() + "." + name);
                }
            }
        }
        var enums = match(placed(baseline, Snapshot.FileEntry::enums, basePackage),
                placed(current, Snapshot.FileEntry::enums, curPackage));
        renames(enums, (a, b) -> a.kind().equals(b.kind()) && a.underlying().equals(b.underlying())
                && a.values().stream().map(Snapshot.ValueEntry::value).toList()
                        .equals(b.values().stream().map(Snapshot.ValueEntry::value).toList()),
                "enum");
        var structs = match(placed(baseline, Snapshot.FileEntry::structs, basePackage),
                placed(current, Snapshot.FileEntry::structs, curPackage));
        // A struct's shape names the types of its fields: renaming an inner struct can make an outer
        // one match, whatever their order, so repeat until nothing more is found.
        while (renames(structs, this::sameShape, "struct")) {
            // repeat
        }
        var layouts = match(placed(baseline, Snapshot.FileEntry::layouts, basePackage),
                placed(current, Snapshot.FileEntry::layouts, curPackage));
        renames(layouts, (a, b) -> a.params().size() == b.params().size() && formula(a).equals(formula(b))
                && requires(a).equals(requires(b)), "layout");
        var constants = match(placed(baseline, Snapshot.FileEntry::constants, basePackage),
                placed(current, Snapshot.FileEntry::constants, curPackage));

        for (var p : enums.pairs) {
            moved(p);
            compareEnum(p.base, p.cur);
        }
        for (var p : structs.pairs) {
            moved(p);
            compareStruct(p.base, p.cur);
        }
        for (var p : layouts.pairs) {
            moved(p);
            compareLayout(p.base, p.cur);
        }
        for (var p : constants.pairs) {
            moved(p);
            compareConstant(p.base, p.cur);
        }
        removedAndAdded(enums, Rule.ENUM_REMOVED, Rule.ENUM_ADDED, Snapshot.EnumEntry::kind);
        removedAndAdded(structs, Rule.STRUCT_REMOVED, Rule.STRUCT_ADDED, x -> "struct");
        removedAndAdded(layouts, Rule.LAYOUT_REMOVED, Rule.LAYOUT_ADDED, x -> "layout");
        removedAndAdded(constants, Rule.CONSTANT_REMOVED, Rule.CONSTANT_ADDED, x -> "constant");
    }

    private static List<String> typeNames(Snapshot.FileEntry f) {
        List<String> out = new ArrayList<>();
        f.structs().forEach(x -> out.add(x.name()));
        f.enums().forEach(x -> out.add(x.name()));
        return out;
    }

    // ---- files ----

    private static final Set<String> NAMING_OPTIONS = Set.of("java_package", "cpp_namespace", "cpp_header");

    private void compareFile(Snapshot.FileEntry base, Snapshot.FileEntry cur) {
        baseFile = base.file();
        if (!base.packageName().equals(cur.packageName())) {
            add(Rule.PACKAGE_CHANGED, cur.packageName(), "the package of " + cur.file() + " changed from "
                    + base.packageName() + " to " + cur.packageName(), cur.file(), cur.span());
        }
        Set<String> keys = new java.util.TreeSet<>(base.options().keySet());
        keys.addAll(cur.options().keySet());
        for (String key : keys) {
            String before = base.options().get(key);
            String after = cur.options().get(key);
            if (Objects.equals(before, after)) {
                continue;
            }
            Rule rule = key.equals("abi_version") ? Rule.ABI_VERSION_CHANGED
                    : NAMING_OPTIONS.contains(key) ? Rule.OPTION_CHANGED : null;
            if (rule != null) {
                add(rule, cur.packageName(), "option " + key + " of " + cur.file() + " changed from "
                        + show(before) + " to " + show(after), cur.file(), cur.span());
            }
        }
    }

    private static String show(String option) {
        return option == null ? "(not set)" : "\"" + option + "\"";
    }

    // ---- matching declarations ----

    private static <T extends Snapshot.Declaration> List<Placed<T>> placed(
            Snapshot s, Function<Snapshot.FileEntry, List<T>> decls, Function<Snapshot.FileEntry, String> packageOf) {
        List<Placed<T>> out = new ArrayList<>();
        for (Snapshot.FileEntry f : s.files()) {
            for (T d : decls.apply(f)) {
                out.add(new Placed<>(d, f, packageOf.apply(f), d.name()));
            }
        }
        return out;
    }

    private record Pair<T>(Placed<T> basePlaced, Placed<T> curPlaced, T base, T cur) {}

    private static final class Matching<T> {
        final List<Pair<T>> pairs = new ArrayList<>();
        final List<Placed<T>> removed = new ArrayList<>();
        final List<Placed<T>> added = new ArrayList<>();
    }

    private static <T extends Snapshot.Declaration> Matching<T> match(List<Placed<T>> base, List<Placed<T>> cur) {
        Matching<T> m = new Matching<>();
        Map<String, Placed<T>> byName = new LinkedHashMap<>();
        base.forEach(p -> byName.put(p.qualified(), p));
        for (Placed<T> c : cur) {
            Placed<T> b = byName.remove(c.qualified());
            if (b != null) {
                m.pairs.add(new Pair<>(b, c, b.entry(), c.entry()));
            } else {
                m.added.add(c);
            }
        }
        m.removed.addAll(byName.values());
        return m;
    }

    /** Unmatched declarations of one package with the same shape are renames; true when one was found. */
    private <T extends Snapshot.Declaration> boolean renames(Matching<T> m, BiPredicate<T, T> sameShape, String kind) {
        boolean found = false;
        for (Iterator<Placed<T>> it = m.removed.iterator(); it.hasNext(); ) {
            Placed<T> b = it.next();
            for (Iterator<Placed<T>> jt = m.added.iterator(); jt.hasNext(); ) {
                Placed<T> c = jt.next();
                if (b.packageName().equals(c.packageName()) && sameShape.test(b.entry(), c.entry())) {
                    renamedTypes.put(b.file().packageName() + "." + b.name(), c.qualified());
                    baseFile = b.file().file();
                    add(Rule.TYPE_RENAMED, c.qualified(), kind + " " + b.name() + " was renamed to " + c.name()
                            + " (same shape)", c.file().file(), c.entry().span());
                    m.pairs.add(new Pair<>(b, c, b.entry(), c.entry()));
                    it.remove();
                    jt.remove();
                    found = true;
                    break;
                }
            }
        }
        return found;
    }

    /** Sets the context the findings of a pair are reported in, and reports a move to another file. */
    private <T extends Snapshot.Declaration> void moved(Pair<T> p) {
        curFile = p.curPlaced().file().file();
        curQualified = p.curPlaced().qualified();
        baseFile = p.basePlaced().file().file();
        if (!p.basePlaced().file().file().equals(p.curPlaced().file().file())) {
            add(Rule.DECL_MOVED, p.curPlaced().qualified(), p.curPlaced().name() + " moved from "
                    + p.basePlaced().file().file() + " to " + p.curPlaced().file().file(),
                    p.curPlaced().file().file(), p.cur().span());
        }
    }

    private <T extends Snapshot.Declaration> void removedAndAdded(Matching<T> m, Rule removed, Rule added,
                                                                  Function<T, String> kind) {
        for (Placed<T> b : m.removed) {
            baseFile = b.file().file();
            add(removed, b.qualified(), kind.apply(b.entry()) + " " + b.name() + " was removed", b.file().file(),
                    b.entry().span());
        }
        baseFile = "";
        for (Placed<T> c : m.added) {
            add(added, c.qualified(), kind.apply(c.entry()) + " " + c.name() + " was added", c.file().file(),
                    c.entry().span());
        }
    }

    // ---- structs ----

    private boolean sameShape(Snapshot.StructEntry a, Snapshot.StructEntry b) {
        if (a.size() != b.size() || a.align() != b.align() || a.fields().size() != b.fields().size()) {
            return false;
        }
        for (int i = 0; i < a.fields().size(); i++) {
            Snapshot.FieldEntry x = a.fields().get(i);
            Snapshot.FieldEntry y = b.fields().get(i);
            if (x.offset() != y.offset() || x.size() != y.size() || x.reserved() != y.reserved()
                    || !type(x.type()).equals(y.type())) {
                return false;
            }
        }
        return true;
    }

    private void compareStruct(Snapshot.StructEntry base, Snapshot.StructEntry cur) {
        String file = curFile;
        String q = curQualified;
        if (base.size() != cur.size()) {
            add(Rule.STRUCT_SIZE_CHANGED, q, "struct " + cur.name() + " changed size from " + base.size() + " to "
                    + cur.size() + " bytes", file, cur.span());
        }
        if (base.align() != cur.align()) {
            add(Rule.STRUCT_ALIGN_CHANGED, q, "struct " + cur.name() + " changed alignment from " + base.align()
                    + " to " + cur.align(), file, cur.span());
        }
        Map<String, Snapshot.FieldEntry> baseReal = new LinkedHashMap<>();
        base.fields().stream().filter(f -> !f.reserved()).forEach(f -> baseReal.put(f.name(), f));
        List<Snapshot.FieldEntry[]> pairs = new ArrayList<>();
        List<Snapshot.FieldEntry> curUnmatched = new ArrayList<>();
        for (Snapshot.FieldEntry c : cur.fields()) {
            if (c.reserved()) {
                continue;
            }
            Snapshot.FieldEntry b = baseReal.remove(c.name());
            if (b == null) {
                curUnmatched.add(c);
            } else {
                pairs.add(new Snapshot.FieldEntry[] {b, c});
            }
        }
        // Renames: the same bytes and type under a new name.
        Map<String, String> renamedFields = new LinkedHashMap<>();
        for (Iterator<Snapshot.FieldEntry> it = baseReal.values().iterator(); it.hasNext(); ) {
            Snapshot.FieldEntry b = it.next();
            for (Iterator<Snapshot.FieldEntry> jt = curUnmatched.iterator(); jt.hasNext(); ) {
                Snapshot.FieldEntry c = jt.next();
                if (b.offset() == c.offset() && b.size() == c.size() && type(b.type()).equals(c.type())) {
                    add(Rule.FIELD_RENAMED, q + "." + c.name(), "field " + cur.name() + "." + b.name()
                            + " was renamed to " + c.name() + " (offset " + c.offset() + ", " + c.size() + " bytes, "
                            + c.type() + ")", file, c.span());
                    renamedFields.put(b.name(), c.name());
                    pairs.add(new Snapshot.FieldEntry[] {b, c});
                    it.remove();
                    jt.remove();
                    break;
                }
            }
        }
        for (Snapshot.FieldEntry[] p : pairs) {
            compareField(cur, p[0], p[1], renamedFields);
        }
        List<long[]> baseReserved = reservedRanges(base);
        List<long[]> curReserved = reservedRanges(cur);
        for (Snapshot.FieldEntry b : baseReal.values()) {
            String now = covered(curReserved, b.offset(), b.end()) ? "; its bytes are now reserved" : "";
            add(Rule.FIELD_REMOVED, q + "." + b.name(), "field " + cur.name() + "." + b.name() + " (" + where(b)
                    + ") was removed" + now, file, cur.span());
        }
        for (Snapshot.FieldEntry c : curUnmatched) {
            if (covered(baseReserved, c.offset(), c.end())) {
                add(Rule.RESERVED_FIELD_USED, q + "." + c.name(), "field " + cur.name() + "." + c.name() + " ("
                        + where(c) + ") now uses bytes that were reserved", file, c.span());
            } else {
                add(Rule.FIELD_ADDED, q + "." + c.name(), "field " + cur.name() + "." + c.name() + " (" + where(c)
                        + ") was added", file, c.span());
            }
        }
    }

    private static String where(Snapshot.FieldEntry f) {
        return "offset " + f.offset() + ", " + f.size() + (f.size() == 1 ? " byte, " : " bytes, ") + f.type();
    }

    private void compareField(Snapshot.StructEntry struct, Snapshot.FieldEntry b, Snapshot.FieldEntry c,
                              Map<String, String> renamedFields) {
        String file = curFile;
        String q = curQualified + "." + c.name();
        String name = struct.name() + "." + c.name();
        if (b.offset() != c.offset()) {
            add(Rule.FIELD_OFFSET_CHANGED, q, "field " + name + " moved from offset " + b.offset() + " to "
                    + c.offset(), file, c.span());
        }
        if (b.size() != c.size()) {
            add(Rule.FIELD_SIZE_CHANGED, q, "field " + name + " changed size from " + b.size() + " to " + c.size()
                    + " bytes (" + b.type() + " -> " + c.type() + ")", file, c.span());
        } else if (!type(b.type()).equals(c.type())) {
            add(Rule.FIELD_TYPE_CHANGED, q, "field " + name + " changed type from " + b.type() + " to " + c.type()
                    + " (same size, " + c.size() + " bytes)", file, c.span());
        }
        if (b.atomic() && !c.atomic()) {
            add(Rule.ATOMIC_REMOVED, q, "field " + name + " is no longer atomic", file, c.span());
        } else if (!b.atomic() && c.atomic()) {
            add(Rule.ATOMIC_ADDED, q, "field " + name + " is now atomic", file, c.span());
        }
        int bound = compareBound(b.max(), c.max());
        if (bound < 0) {
            add(Rule.BOUND_TIGHTENED, q, "the bound of " + name + " went from " + bound(b.max()) + " to "
                    + bound(c.max()), file, c.span());
        } else if (bound > 0) {
            add(Rule.BOUND_LOOSENED, q, "the bound of " + name + " went from " + bound(b.max()) + " to "
                    + bound(c.max()), file, c.span());
        }
        Optional<String> counted = b.countOf().map(n -> renamedFields.getOrDefault(n, n));
        if (counted.isPresent() && c.countOf().isPresent() && !counted.equals(c.countOf())) {
            add(Rule.COUNT_OF_CHANGED, q, "field " + name + " now counts " + c.countOf().get() + " instead of "
                    + b.countOf().get(), file, c.span());
        }
    }

    /** Negative when the current bound is tighter; no bound is the loosest. */
    private static int compareBound(Optional<BigInteger> before, Optional<BigInteger> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return before.isPresent() == after.isPresent() ? 0 : after.isPresent() ? -1 : 1;
        }
        return Integer.signum(after.get().compareTo(before.get()));
    }

    private static String bound(Optional<BigInteger> max) {
        return max.map(m -> "at most " + m).orElse("no bound");
    }

    private static List<long[]> reservedRanges(Snapshot.StructEntry s) {
        List<long[]> out = new ArrayList<>();
        for (Snapshot.FieldEntry f : s.fields()) {
            if (!f.reserved()) {
                continue;
            }
            if (!out.isEmpty() && out.get(out.size() - 1)[1] == f.offset()) {
                out.get(out.size() - 1)[1] = f.end();
            } else {
                out.add(new long[] {f.offset(), f.end()});
            }
        }
        return out;
    }

    private static boolean covered(List<long[]> ranges, long start, long end) {
        return ranges.stream().anyMatch(r -> r[0] <= start && end <= r[1]);
    }

    // ---- enums ----

    private void compareEnum(Snapshot.EnumEntry base, Snapshot.EnumEntry cur) {
        String file = curFile;
        String q = curQualified;
        if (base.flags() != cur.flags()) {
            add(Rule.ENUM_KIND_CHANGED, q, cur.name() + " changed from " + base.kind() + " to " + cur.kind(), file,
                    cur.span());
        }
        if (!base.underlying().equals(cur.underlying())) {
            add(Rule.ENUM_UNDERLYING_CHANGED, q, cur.kind() + " " + cur.name() + " changed its type from "
                    + base.underlying() + " to " + cur.underlying(), file, cur.span());
        }
        Map<String, Snapshot.ValueEntry> baseValues = new LinkedHashMap<>();
        base.values().forEach(v -> baseValues.put(v.name(), v));
        List<Snapshot.ValueEntry> added = new ArrayList<>();
        for (Snapshot.ValueEntry c : cur.values()) {
            Snapshot.ValueEntry b = baseValues.remove(c.name());
            if (b == null) {
                added.add(c);
            } else if (!b.value().equals(c.value())) {
                add(Rule.ENUM_VALUE_CHANGED, q + "." + c.name(), cur.name() + "." + c.name() + " changed from "
                        + LockFile.number(b.value(), b.radix()) + " to " + LockFile.number(c.value(), c.radix()),
                        file, c.span());
            }
        }
        for (Iterator<Snapshot.ValueEntry> it = baseValues.values().iterator(); it.hasNext(); ) {
            Snapshot.ValueEntry b = it.next();
            for (Iterator<Snapshot.ValueEntry> jt = added.iterator(); jt.hasNext(); ) {
                Snapshot.ValueEntry c = jt.next();
                if (b.value().equals(c.value())) {
                    add(Rule.ENUM_VALUE_RENAMED, q + "." + c.name(), cur.name() + "." + b.name() + " was renamed to "
                            + c.name() + " (value " + LockFile.number(c.value(), c.radix()) + ")", file, c.span());
                    it.remove();
                    jt.remove();
                    break;
                }
            }
        }
        for (Snapshot.ValueEntry b : baseValues.values()) {
            add(Rule.ENUM_VALUE_REMOVED, q + "." + b.name(), cur.name() + "." + b.name() + " ("
                    + LockFile.number(b.value(), b.radix()) + ") was removed", file, cur.span());
        }
        for (Snapshot.ValueEntry c : added) {
            add(Rule.ENUM_VALUE_ADDED, q + "." + c.name(), cur.name() + "." + c.name() + " ("
                    + LockFile.number(c.value(), c.radix()) + ") was added", file, c.span());
        }
    }

    // ---- constants ----

    private void compareConstant(Snapshot.ConstEntry base, Snapshot.ConstEntry cur) {
        String file = curFile;
        String q = curQualified;
        if (!base.type().equals(cur.type())) {
            add(Rule.CONSTANT_TYPE_CHANGED, q, "constant " + cur.name() + " changed type from " + base.type() + " to "
                    + cur.type(), file, cur.span());
        }
        if (!base.value().equals(cur.value())) {
            add(Rule.CONSTANT_VALUE_CHANGED, q, "constant " + cur.name() + " changed from "
                    + LockFile.number(base.value(), base.radix()) + " to " + LockFile.number(cur.value(), cur.radix()),
                    file, cur.span());
        }
    }

    // ---- layouts ----

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** An expression with parameters replaced by their position ({@code $0}), so renamed parameters compare equal. */
    private static String positional(String text, List<String> params) {
        Matcher m = IDENTIFIER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int i = params.indexOf(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(i < 0 ? m.group() : "$" + i));
        }
        m.appendTail(out);
        return out.toString();
    }

    private List<String> formula(Snapshot.LayoutEntry l) {
        List<String> out = new ArrayList<>();
        for (Snapshot.SectionEntry s : l.sections()) {
            out.add(positional(type(s.formula()), l.params()));
        }
        out.add("total align " + l.align());
        return out;
    }

    private static List<String> requires(Snapshot.LayoutEntry l) {
        return l.requires().stream().map(r -> positional(r, l.params())).sorted().toList();
    }

    private void compareLayout(Snapshot.LayoutEntry base, Snapshot.LayoutEntry cur) {
        String file = curFile;
        String q = curQualified;
        if (base.params().size() != cur.params().size()) {
            add(Rule.LAYOUT_PARAMS_CHANGED, q, "layout " + cur.name() + " changed its parameters from ("
                    + String.join(", ", base.params()) + ") to (" + String.join(", ", cur.params()) + ")", file,
                    cur.span());
        } else {
            for (int i = 0; i < cur.params().size(); i++) {
                if (!base.params().get(i).equals(cur.params().get(i))) {
                    add(Rule.LAYOUT_PARAM_RENAMED, q + "." + cur.params().get(i), "parameter " + (i + 1) + " of layout "
                            + cur.name() + " was renamed from " + base.params().get(i) + " to " + cur.params().get(i),
                            file, cur.span());
                }
            }
        }
        List<String> before = formula(base);
        List<String> after = formula(cur);
        if (!before.equals(after)) {
            add(Rule.LAYOUT_FORMULA_CHANGED, q, "layout " + cur.name() + " changed: " + firstDifference(base, cur),
                    file, cur.span());
        } else {
            for (int i = 0; i < cur.sections().size(); i++) {
                Snapshot.SectionEntry b = base.sections().get(i);
                Snapshot.SectionEntry c = cur.sections().get(i);
                if (!b.name().equals(c.name())) {
                    add(Rule.LAYOUT_SECTION_RENAMED, q + "." + c.name(), "section " + cur.name() + "." + b.name()
                            + " was renamed to " + c.name(), file, c.span());
                }
            }
        }
        List<String> reqBefore = base.requires().stream().map(r -> positional(r, base.params())).toList();
        List<String> reqAfter = cur.requires().stream().map(r -> positional(r, cur.params())).toList();
        for (int i = 0; i < cur.requires().size(); i++) {
            if (!reqBefore.contains(reqAfter.get(i))) {
                add(Rule.LAYOUT_REQUIRE_ADDED, q, "layout " + cur.name() + " now requires " + cur.requires().get(i),
                        file, cur.span());
            }
        }
        for (int i = 0; i < base.requires().size(); i++) {
            if (!reqAfter.contains(reqBefore.get(i))) {
                add(Rule.LAYOUT_REQUIRE_REMOVED, q, "layout " + cur.name() + " no longer requires "
                        + base.requires().get(i), file, cur.span());
            }
        }
    }

    private String firstDifference(Snapshot.LayoutEntry base, Snapshot.LayoutEntry cur) {
        int n = Math.min(base.sections().size(), cur.sections().size());
        for (int i = 0; i < n; i++) {
            Snapshot.SectionEntry b = base.sections().get(i);
            Snapshot.SectionEntry c = cur.sections().get(i);
            if (!positional(type(b.formula()), base.params()).equals(positional(c.formula(), cur.params()))) {
                String moved = b.formula().equals(c.formula()) ? " (the parameters changed places: ("
                        + String.join(", ", base.params()) + ") -> (" + String.join(", ", cur.params()) + "))" : "";
                return "section " + (i + 1) + " was " + b.name() + ": " + b.formula() + ", now " + c.name() + ": "
                        + c.formula() + moved;
            }
        }
        if (base.sections().size() != cur.sections().size()) {
            return base.sections().size() > n
                    ? "section " + base.sections().get(n).name() + " (" + base.sections().get(n).formula()
                            + ") was removed"
                    : "section " + cur.sections().get(n).name() + " (" + cur.sections().get(n).formula()
                            + ") was added";
        }
        return "the total size is now aligned to " + cur.align() + " instead of " + base.align();
    }

    // ---- helpers ----

    private static final Pattern QUALIFIED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /** A type as the current ABI calls it: renamed types replaced, {@code p.Old[4]} becomes {@code p.New[4]}. */
    private String type(String type) {
        Matcher m = QUALIFIED.matcher(type);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(renamedTypes.getOrDefault(m.group(), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The declaration being compared: its baseline file (for {@link Finding#baselineFile()}), and
     * its current file and qualified name, set by {@link #moved} for each pair.
     */
    private String baseFile = "";
    private String curFile = "";
    private String curQualified = "";

    private void add(Rule rule, String subject, String message, String file, SourceSpan span) {
        findings.add(new Finding(rule, subject, message, file, baseFile, span));
    }
}
