package dev.abic.compiler.drift;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.Abic;
import dev.abic.compiler.diag.Diagnostic;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code abic check} against real edits of the real ABI: every {@code .abi} file of {@code idl/}
 * is edited, one edit at a time, at every place where the edit applies (every field, every enum
 * value, every constant...), the whole set is compiled with the edited file in place of the
 * original, and the verdict against the unedited baseline is asserted: which rules fire, for which
 * subjects, what the policy makes of them and the exit status. Every breaking edit is then
 * repeated with {@code option abi_version = "1";} added to the edited file, which must turn each
 * of its breaking findings into {@code ALLOWED_BY_VERSION} (and leave those of other files
 * failing), and with {@code "0.1"}, which must allow nothing. Besides the edits every ABI sees
 * (retype, reorder, resize, remove, rename, add, use reserved bytes), there is an edit for each
 * other rule: atomics, bounds, removed declarations, enum kinds and types, alignment, layout
 * sections, parameters and requirements, packages, options and declarations moved between files.
 *
 * <p>The {@code @ N} offset asserts, the {@code size}/{@code align} asserts after struct bodies and
 * the file-level {@code assert} statements would turn most layout and value edits into compile
 * errors, so they are stripped from the baseline and the edits alike; stripping them is first
 * shown to change no snapshot. An edit that still does not compile is skipped and counted; each
 * kind asserts a minimum number of checked sites so that the test cannot silently shrink. Edits
 * are placed with the model's source spans, not by searching the whole text.
 */
class IdlMutationTest {
    private static final Path IDL = Path.of("../../idl");

    @TempDir
    static Path tmp;

    /** The stripped {@code .abi} files; a mutant overwrites some of them and puts them back. */
    private static Path work;
    private static final Map<String, String> STRIPPED = new TreeMap<>();
    private static String originalLock;
    private static Abic.Result original;
    private static AbiModel base;
    private static Snapshot baseline;
    private static final Map<String, AbiFile> FILES = new TreeMap<>();
    /** The largest struct alignment: growing a struct by a multiple of it keeps everything after it aligned. */
    private static long maxAlign;

    @BeforeAll
    static void compileTheBaseline() throws Exception {
        original = Abic.compile(List.of(IDL));
        assertWithMessage(render(original)).that(original.succeeded()).isTrue();
        for (AbiFile f : original.model().get().files()) {
            STRIPPED.put(f.source().sourceName(), strip(f));
        }
        work = tmp.resolve("idl");
        Files.createDirectories(work);
        for (Map.Entry<String, String> e : STRIPPED.entrySet()) {
            Files.writeString(work.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        Abic.Result stripped = Abic.compile(List.of(work));
        assertWithMessage("the stripped idl/ compiles\n" + render(stripped)).that(stripped.succeeded()).isTrue();
        base = stripped.model().get();
        baseline = Snapshot.of(base);
        originalLock = LockFile.write(Snapshot.of(original.model().get()));
        base.files().forEach(f -> FILES.put(f.source().sourceName(), f));
        maxAlign = structs().stream().mapToLong(s -> s.decl.align()).max().orElse(8);
    }

    // ================================================================================================
    // The baseline
    // ================================================================================================

    @Test
    void strippingTheAssertsChangesNoSnapshot() throws IOException {
        assertThat(STRIPPED.keySet()).containsExactlyElementsIn(
                Abic.abiFilesUnder(IDL).stream().map(p -> IDL.relativize(p).toString().replace('\\', '/')).toList());
        assertThat(STRIPPED.size()).isAtLeast(5);
        assertWithMessage("the lock file of the stripped idl/ is that of idl/")
                .that(LockFile.write(baseline)).isEqualTo(originalLock);
        // ... and every assert is gone, so that a layout edit is not a compile error.
        long offsets = 0;
        long structAsserts = 0;
        for (AbiFile f : original.model().get().files()) {
            for (StructDecl s : f.decls(StructDecl.class)) {
                offsets += s.fields().stream().filter(x -> x.assertedOffset().isPresent()).count();
                structAsserts += s.assertedSize().isPresent() || s.assertedAlign().isPresent() ? 1 : 0;
            }
        }
        assertThat(offsets).isAtLeast(120);
        assertThat(structAsserts).isAtLeast(20);
        for (StructDecl s : structs().stream().map(p -> p.decl).toList()) {
            assertWithMessage(s.name()).that(s.assertedSize().isPresent() || s.assertedAlign().isPresent()).isFalse();
            for (Field f : s.fields()) {
                assertWithMessage(s.name() + "." + f.name()).that(f.assertedOffset().isPresent()).isFalse();
            }
        }
        for (String text : STRIPPED.values()) {
            assertThat(text).doesNotContainMatch("(?m)^assert\\b");
        }
        assertWithMessage("the baseline has no abi_version (the tests add one)")
                .that(baseline.files().stream().allMatch(f -> f.abiVersion().isEmpty())).isTrue();
    }

    /** Removes the {@code @ N} of every field, the {@code size}/{@code align} after every struct and every file-level assert. */
    private static String strip(AbiFile file) {
        String text = file.source().text();
        List<Edit> edits = new ArrayList<>();
        for (StructDecl s : file.decls(StructDecl.class)) {
            for (Field f : s.fields()) {
                if (f.assertedOffset().isPresent()) {
                    FieldText ft = fieldText(text, f);
                    Matcher m = Pattern.compile("\\s*@.*?(?=\\s*\\b(?:count_of|bound)\\s*\\(|$)", Pattern.DOTALL)
                            .matcher(ft.decl());
                    assertWithMessage(ft.decl()).that(m.find()).isTrue();
                    edits.add(new Edit(ft.start + m.start(), ft.start + m.end(), ""));
                }
            }
            if (s.assertedSize().isPresent() || s.assertedAlign().isPresent()) {
                int close = at(text, s.end());
                assertWithMessage(s.name()).that(text.charAt(close)).isEqualTo('}');
                Matcher m = Pattern.compile("\\s*(?:size|align)\\b[^;]*;").matcher(text);
                m.region(close + 1, text.length());
                assertWithMessage(s.name()).that(m.lookingAt()).isTrue();
                edits.add(new Edit(m.start(), m.end(), ";"));
            }
        }
        String out = apply(text, edits);
        return out.replaceAll("(?m)^assert\\b(?:[^;\"]|\"(?:[^\"\\\\]|\\\\.)*\")*;[ \\t]*\\r?\\n?", "");
    }

    // ================================================================================================
    // Breaking edits
    // ================================================================================================

    @Test
    void retypeAFieldToAnotherOfTheSameSize() {
        run("retype", eachField((s, f, text) -> {
            String other = sameSizeType(f.type());
            if (f.reserved() || other == null) {
                return List.of();
            }
            return List.of(mutant(s.file, s.decl.name() + "." + f.name() + ": " + f.type().abiName() + " -> " + other,
                    apply(text, List.of(fieldText(text, f).group(4, other))),
                    exactly(12, "FIELD_TYPE_CHANGED " + q(s.file, s.decl.name(), f.name()))));
        }), true, 95);
    }

    @Test
    void swapTwoAdjacentFieldsOfTheSameSizeAndAlignment() {
        List<Mutant> mutants = new ArrayList<>();
        for (Placed<StructDecl> s : structs()) {
            List<Field> fields = s.decl.fields();
            for (int i = 0; i + 1 < fields.size(); i++) {
                Field a = fields.get(i);
                Field b = fields.get(i + 1);
                if (a.reserved() || b.reserved() || a.size() != b.size() || a.type().align() != b.type().align()) {
                    continue;
                }
                String text = text(s.file);
                FieldText fa = fieldText(text, a);
                FieldText fb = fieldText(text, b);
                String edited = apply(text, List.of(new Edit(fa.start, fa.end, fb.decl()),
                        new Edit(fb.start, fb.end, fa.decl())));
                mutants.add(mutant(s.file, s.decl.name() + ": " + a.name() + " <-> " + b.name(), edited,
                        exactly(12, "FIELD_OFFSET_CHANGED " + q(s.file, s.decl.name(), a.name()),
                                "FIELD_OFFSET_CHANGED " + q(s.file, s.decl.name(), b.name()))));
            }
        }
        run("reorder", mutants, true, 60);
    }

    @Test
    void growAnArray() {
        run("resize array", eachField((s, f, text) -> {
            if (f.reserved() || !(f.type() instanceof Type.Array array)) {
                return List.of();
            }
            long grow = maxAlign / gcd(maxAlign, array.element().size());
            String edited = apply(text, List.of(fieldText(text, f).group(5, "[" + (array.length() + grow) + "]")));
            return List.of(mutant(s.file, s.decl.name() + "." + f.name() + ": " + array.abiName() + " grows by " + grow,
                    edited, sizeChanged(s, Optional.of(f), Optional.empty())));
        }), true, 9);
    }

    @Test
    void addAFieldAtTheEndOfAStruct() {
        List<Mutant> mutants = new ArrayList<>();
        for (Placed<StructDecl> s : structs()) {
            String text = text(s.file);
            String type = unsigned(s.decl.align(), s.decl.align());
            int close = at(text, s.decl.end());
            String edited = apply(text, List.of(new Edit(close, close, "    mutation_added: " + type + ";\n")));
            mutants.add(mutant(s.file, s.decl.name() + " + mutation_added: " + type, edited,
                    sizeChanged(s, Optional.empty(), Optional.of("mutation_added"))));
        }
        run("add field at end", mutants, true, 20);
    }

    @Test
    void removeAFieldLeavingItsBytesReserved() {
        run("remove field", eachField((s, f, text) -> {
            if (f.reserved()) {
                return List.of();
            }
            String type = unsigned(f.size(), f.type().align());
            FieldText ft = fieldText(text, f);
            String edited = apply(text, List.of(new Edit(ft.start, ft.end, "removed_" + f.name() + ": reserved " + type)));
            return List.of(mutant(s.file, s.decl.name() + "." + f.name() + " -> reserved " + type, edited,
                    exactly(12, "FIELD_REMOVED " + q(s.file, s.decl.name(), f.name()))));
        }), true, 100);
    }

    @Test
    void removeAnEnumValue() {
        run("remove enum value", eachValue((e, v, text) -> {
            int start = at(text, v.span());
            int end = valueEnd(text, start);
            end = lineEndIfBlank(text, text.charAt(end) == ',' ? end + 1 : end);
            String edited = apply(text, List.of(new Edit(declStart(text, start), end, "")));
            return mutant(e.file, e.decl.name() + "." + v.name() + " removed", edited,
                    exactly(12, "ENUM_VALUE_REMOVED " + q(e.file, e.decl.name(), v.name())));
        }), true, 60);
    }

    @Test
    void changeAnEnumValue() {
        run("change enum value", eachValue((e, v, text) -> {
            BigInteger unused = unusedValue(e.decl);
            int start = at(text, v.span());
            String edited = apply(text, List.of(new Edit(text.indexOf('=', start) + 1, valueEnd(text, start),
                    " " + unused)));
            return mutant(e.file, e.decl.name() + "." + v.name() + ": " + v.value() + " -> " + unused, edited,
                    exactly(12, "ENUM_VALUE_CHANGED " + q(e.file, e.decl.name(), v.name())));
        }), true, 60);
    }

    @Test
    void changeAConstant() {
        List<Mutant> mutants = new ArrayList<>();
        for (Placed<ConstDecl> c : constants()) {
            String text = text(c.file);
            int start = at(text, c.decl.span());
            int equals = text.indexOf('=', start);
            int end = text.indexOf(';', equals);
            List<Map<String, String>> tries = new ArrayList<>();
            for (BigInteger value : List.of(c.decl.value().add(BigInteger.ONE), c.decl.value().subtract(BigInteger.ONE))) {
                if (c.decl.type().contains(value)) {
                    tries.add(Map.of(name(c.file), apply(text, List.of(new Edit(equals + 1, end, " " + value)))));
                }
            }
            String subject = q(c.file, c.decl.name());
            mutants.add(new Mutant(c.decl.name() + " = " + c.decl.value() + " +/- 1", name(c.file), tries, (r, p) -> {
                List<String> got = keys(r);
                if (got.stream().filter(k -> k.equals("CONSTANT_VALUE_CHANGED " + subject)).count() != 1) {
                    p.add("expected CONSTANT_VALUE_CHANGED " + subject + " once");
                }
                for (Verdict v : r.verdicts()) {
                    Finding f = v.finding();
                    // A constant in a bound raises it; one in a require changes it: the old requirement is
                    // reported removed (compatible) next to the new one added (breaking).
                    boolean companion = f.rule() == Rule.BOUND_LOOSENED || f.rule() == Rule.LAYOUT_REQUIRE_REMOVED
                            && got.contains("LAYOUT_REQUIRE_ADDED " + f.subject());
                    if (f.category() != Category.BREAKING && !companion) {
                        p.add("not breaking: " + key(f));
                    }
                }
                expectExit(r, 12, p);
            }));
        }
        run("change constant", mutants, true, 50);
    }

    // ================================================================================================
    // Compatible and source edits
    // ================================================================================================

    @Test
    void useAReservedField() {
        run("use reserved", dropKeyword(Field::reserved, 2, "RESERVED_FIELD_USED"), false, 20);
    }

    @Test
    void useTheStartOfAReservedField() {
        run("use reserved partly", eachField((s, f, text) -> {
            String used;
            String rest;
            if (f.reserved() && f.type() instanceof Type.Array array && array.length() > 1) {
                used = array.element().abiName();
                rest = used + (array.length() == 2 ? "" : "[" + (array.length() - 1) + "]");
            } else if (f.reserved() && f.size() > 1) {
                used = "u" + f.size() * 4;
                rest = used;
            } else {
                return List.of();
            }
            FieldText ft = fieldText(text, f);
            String edited = apply(text, List.of(new Edit(ft.start, ft.end, "used_" + f.name() + ": " + used + "; "
                    + f.name() + ": reserved " + rest)));
            return List.of(mutant(s.file, s.decl.name() + "." + f.name() + ": first " + used + " used, " + rest
                    + " still reserved", edited,
                    exactly(4, "RESERVED_FIELD_USED " + q(s.file, s.decl.name(), "used_" + f.name()))));
        }), false, 20);
    }

    @Test
    void useARunOfReservedFieldsAsOneField() {
        List<Mutant> mutants = new ArrayList<>();
        for (Placed<StructDecl> s : structs()) {
            List<Field> fields = s.decl.fields();
            for (int i = 0; i + 1 < fields.size(); i++) {
                Field a = fields.get(i);
                Field b = fields.get(i + 1);
                if (!a.reserved() || !b.reserved()) {
                    continue;
                }
                long size = a.size() + b.size();
                long unit = 8;
                while (a.offset() % unit != 0 || size % unit != 0) {
                    unit /= 2;
                }
                String type = "u" + unit * 8 + "[" + size / unit + "]";
                String text = text(s.file);
                FieldText fa = fieldText(text, a);
                FieldText fb = fieldText(text, b);
                String used = "used_" + a.name() + "_" + b.name();
                String edited = apply(text, List.of(new Edit(fa.start, fa.end, used + ": " + type),
                        new Edit(fa.end, fb.end, "")));
                mutants.add(mutant(s.file, s.decl.name() + ": " + a.name() + " and " + b.name() + " used as " + type,
                        edited, exactly(4, "RESERVED_FIELD_USED " + q(s.file, s.decl.name(), used))));
            }
        }
        run("use reserved run", mutants, false, 3);
    }

    @Test
    void renameAField() {
        run("rename field", eachField((s, f, unused) -> {
            if (f.reserved()) {
                return List.of();
            }
            String renamed = f.name() + "_renamed";
            Map<String, String> edits = inEveryFile((g, text) -> {
                List<Edit> list = new ArrayList<>();
                if (g == s.file) {
                    int start = at(text, f.span());
                    list.add(new Edit(start, start + f.name().length(), renamed));
                    list.addAll(replaceAll(text, at(text, s.decl.span()), at(text, s.decl.end()),
                            "count_of\\s*\\(\\s*(" + f.name() + ")\\s*\\)", renamed));
                }
                list.addAll(replaceAll(text, 0, text.length(), "offsetof\\s*\\(\\s*(?:[\\w.]*\\.)?" + s.decl.name()
                        + "\\s*,\\s*(" + f.name() + ")\\s*\\)", renamed));
                return list;
            });
            return List.of(new Mutant(s.decl.name() + "." + f.name() + " -> " + renamed, name(s.file), List.of(edits),
                    exactly(4, "FIELD_RENAMED " + q(s.file, s.decl.name(), renamed))));
        }), false, 105);
    }

    @Test
    void renameAType() {
        List<Mutant> mutants = new ArrayList<>();
        List<Placed<? extends Decl>> types = new ArrayList<>();
        types.addAll(structs());
        types.addAll(enums());
        types.addAll(layouts());
        for (Placed<? extends Decl> t : types) {
            String renamed = t.decl.name() + "Renamed";
            Map<String, String> edits = inEveryFile((g, text) ->
                    replaceAll(text, 0, text.length(), "\\b(" + t.decl.name() + ")\\b", renamed));
            mutants.add(new Mutant(t.decl.name() + " -> " + renamed, name(t.file), List.of(edits),
                    exactly(4, "TYPE_RENAMED " + q(t.file, renamed))));
        }
        run("rename type", mutants, false, 35);
    }

    @Test
    void renameAnEnumValue() {
        run("rename enum value", eachValue((e, v, unused) -> {
            String renamed = v.name() + "_RENAMED";
            Map<String, String> edits = inEveryFile((g, text) -> {
                List<Edit> list = new ArrayList<>();
                if (g == e.file) {
                    int close = scan(text, text.indexOf('{', at(text, e.decl.span())) + 1, "}");
                    // the value itself, and the flags declared after it that combine it
                    list.addAll(replaceAll(text, at(text, v.span()), close, "\\b(" + v.name() + ")\\b", renamed));
                }
                list.addAll(replaceAll(text, 0, text.length(), "\\b" + e.decl.name() + "\\s*\\.\\s*(" + v.name()
                        + ")\\b", renamed));
                return list;
            });
            return new Mutant(e.decl.name() + "." + v.name() + " -> " + renamed, name(e.file), List.of(edits),
                    exactly(4, "ENUM_VALUE_RENAMED " + q(e.file, e.decl.name(), renamed)));
        }), false, 60);
    }

    @Test
    void addAStruct() {
        addADeclaration("add struct", "struct MutationAdded {\n    value: u64;\n}", "STRUCT_ADDED", "MutationAdded");
    }

    @Test
    void addAConstant() {
        addADeclaration("add constant", "const MUTATION_ADDED: u32 = 7;", "CONSTANT_ADDED", "MUTATION_ADDED");
    }

    /** Inserts {@code decl} before every top-level declaration of every file, and at its end. */
    private static void addADeclaration(String kind, String decl, String rule, String name) {
        List<Mutant> mutants = new ArrayList<>();
        for (AbiFile f : base.files()) {
            for (int at : declarationStarts(f)) {
                String edited = apply(text(f), List.of(new Edit(at, at, decl + "\n\n")));
                mutants.add(mutant(f, name + " added at " + position(text(f), at), edited,
                        exactly(4, rule + " " + q(f, name))));
            }
        }
        run(kind, mutants, false, 95);
    }

    @Test
    void addAnEnumValue() {
        List<Mutant> mutants = new ArrayList<>();
        for (Placed<EnumDecl> e : enums()) {
            BigInteger unused = unusedValue(e.decl);
            String text = text(e.file);
            String expected = "ENUM_VALUE_ADDED " + q(e.file, e.decl.name(), "MUTATION_ADDED");
            for (EnumDecl.Value v : e.decl.values()) {
                int at = declStart(text, at(text, v.span()));
                String edited = apply(text, List.of(new Edit(at, at, "    MUTATION_ADDED = " + unused + ",\n")));
                mutants.add(mutant(e.file, e.decl.name() + ": MUTATION_ADDED = " + unused + " before " + v.name(),
                        edited, exactly(4, expected)));
            }
            EnumDecl.Value last = e.decl.values().get(e.decl.values().size() - 1);
            int end = valueEnd(text, at(text, last.span()));
            Edit edit = text.charAt(end) == ','
                    ? new Edit(end + 1, end + 1, "\n    MUTATION_ADDED = " + unused + ",")
                    : new Edit(end, end, ",\n    MUTATION_ADDED = " + unused + "\n");
            mutants.add(mutant(e.file, e.decl.name() + ": MUTATION_ADDED = " + unused + " last", apply(text, List.of(edit)),
                    exactly(4, expected)));
        }
        run("add enum value", mutants, false, 70);
    }

    // ================================================================================================
    // The other rules: atomics, bounds, removed declarations, enum kinds, layouts, files
    // ================================================================================================

    @Test
    void dropAtomic() {
        run("drop atomic", dropKeyword(Field::atomic, 3, "ATOMIC_REMOVED"), true, 6);
    }

    @Test
    void makeAFieldAtomic() {
        run("make atomic", eachField((s, f, text) -> {
            boolean integer = f.type().storage().map(ScalarKind::isInteger).orElse(false);
            if (f.reserved() || f.atomic() || !integer || (f.size() != 4 && f.size() != 8)) {
                return List.of();
            }
            FieldText ft = fieldText(text, f);
            int type = ft.start + ft.parts.start(4);
            return List.of(mutant(s.file, s.decl.name() + "." + f.name() + " atomic",
                    apply(text, List.of(new Edit(type, type, "atomic "))),
                    exactly(4, "ATOMIC_ADDED " + q(s.file, s.decl.name(), f.name()))));
        }), false, 80);
    }

    @Test
    void tightenABound() {
        run("tighten bound", eachField((s, f, text) -> {
            if (f.reserved() || !(f.type() instanceof Type.Scalar scalar) || !scalar.kind().isInteger()) {
                return List.of();
            }
            FieldText ft = fieldText(text, f);
            Optional<int[]> bound = boundExpression(ft);
            BigInteger lower = f.limit().map(Field.Limit::max).orElse(BigInteger.valueOf(1000)).subtract(BigInteger.ONE);
            Edit edit = bound.isPresent() ? new Edit(bound.get()[0], bound.get()[1], lower.toString())
                    : new Edit(ft.end, ft.end, " bound(" + lower + ")");
            return List.of(mutant(s.file, s.decl.name() + "." + f.name() + ": at most " + lower,
                    apply(text, List.of(edit)), exactly(12, "BOUND_TIGHTENED " + q(s.file, s.decl.name(), f.name()))));
        }), true, 75);
    }

    @Test
    void loosenABound() {
        run("loosen bound", eachField((s, f, text) -> {
            if (f.reserved() || f.limit().isEmpty() || f.limit().get().countOf().isPresent()) {
                return List.of();
            }
            int[] bound = boundExpression(fieldText(text, f)).orElseThrow();
            String expected = "BOUND_LOOSENED " + q(s.file, s.decl.name(), f.name());
            BigInteger higher = f.limit().get().max().add(BigInteger.ONE);
            int keyword = text.lastIndexOf("bound", bound[0]);
            return List.of(
                    mutant(s.file, s.decl.name() + "." + f.name() + ": at most " + higher,
                            apply(text, List.of(new Edit(bound[0], bound[1], higher.toString()))), exactly(4, expected)),
                    mutant(s.file, s.decl.name() + "." + f.name() + ": no bound",
                            apply(text, List.of(new Edit(keyword, bound[1] + 1, ""))), exactly(4, expected)));
        }), false, 12);
    }

    @Test
    void removeADeclaration() {
        List<Mutant> mutants = new ArrayList<>();
        for (AbiFile f : base.files()) {
            for (Decl d : f.decls()) {
                String rule = d instanceof StructDecl ? "STRUCT_REMOVED" : d instanceof EnumDecl ? "ENUM_REMOVED"
                        : d instanceof LayoutDecl ? "LAYOUT_REMOVED" : "CONSTANT_REMOVED";
                String text = text(f);
                String edited = apply(text, List.of(new Edit(declStart(text, lineStart(text, at(text, d.span()))),
                        declEnd(text, d), "")));
                mutants.add(mutant(f, d.name() + " removed", edited,
                        exactly(d instanceof ConstDecl ? 4 : 12, rule + " " + q(f, d.name()))));
            }
        }
        // Most declarations are used by others; what is left is still every kind of declaration.
        run("remove declaration", mutants, true, 55);
    }

    @Test
    void changeTheUnderlyingTypeOfAnEnum() {
        List<Mutant> mutants = new ArrayList<>();
        for (Placed<EnumDecl> e : enums()) {
            String text = text(e.file);
            Matcher m = Pattern.compile(":\\s*(\\w+)").matcher(text);
            assertThat(m.find(at(text, e.decl.span()))).isTrue();
            String other = other(e.decl.underlying()).abiName();
            mutants.add(mutant(e.file, e.decl.name() + ": " + e.decl.underlying().abiName() + " -> " + other,
                    apply(text, List.of(new Edit(m.start(1), m.end(1), other))),
                    exactly(12, "ENUM_UNDERLYING_CHANGED " + q(e.file, e.decl.name()))));
        }
        run("enum underlying", mutants, true, 12);
    }

    @Test
    void turnAnEnumIntoAFlagSet() {
        List<Mutant> mutants = new ArrayList<>();
        for (Placed<EnumDecl> e : enums()) {
            String text = text(e.file);
            int keyword = text.lastIndexOf(e.decl.flags() ? "flags" : "enum", at(text, e.decl.span()));
            String edit = e.decl.flags() ? "enum" : "flags";
            mutants.add(mutant(e.file, e.decl.name() + " becomes " + edit,
                    apply(text, List.of(new Edit(keyword, keyword + (e.decl.flags() ? 5 : 4), edit))),
                    exactly(12, "ENUM_KIND_CHANGED " + q(e.file, e.decl.name()))));
        }
        run("enum kind", mutants, true, 11);
    }

    @Test
    void raiseTheAlignmentOfAStruct() {
        List<Mutant> mutants = new ArrayList<>();
        for (Placed<StructDecl> s : structs()) {
            long align = s.decl.align() * 2;
            String text = text(s.file);
            int name = at(text, s.decl.span()) + s.decl.name().length();
            int open = text.indexOf('{', name);
            Set<String> grown = embedders(s.decl);
            Set<String> allowed = new TreeSet<>();
            for (Placed<StructDecl> t : structs()) {
                if (grown.contains(key(t.decl)) && t.decl != s.decl) {
                    allowed.add("STRUCT_ALIGN_CHANGED " + q(t.file, t.decl.name()));
                }
            }
            for (Placed<LayoutDecl> l : layouts()) {
                if (l.decl.sections().stream().anyMatch(x -> embeds(x.element(), grown))) {
                    allowed.add("LAYOUT_FORMULA_CHANGED " + q(l.file, l.decl.name()));
                }
            }
            String expected = "STRUCT_ALIGN_CHANGED " + q(s.file, s.decl.name());
            mutants.add(mutant(s.file, s.decl.name() + " align " + align,
                    apply(text, List.of(new Edit(name, open, " align " + align + " "))), (r, p) -> {
                        List<String> got = keys(r);
                        if (!got.contains(expected)) {
                            p.add("missing " + expected);
                        }
                        got.stream().filter(k -> !k.equals(expected) && !allowed.contains(k))
                                .forEach(k -> p.add("unexpected: " + k));
                        expectExit(r, 12, p);
                    }));
        }
        // Only where the struct's size is already a multiple of the doubled alignment does it compile.
        run("raise alignment", mutants, true, 12);
    }

    @Test
    void renameALayoutSection() {
        List<Mutant> mutants = new ArrayList<>();
        for (Placed<LayoutDecl> l : layouts()) {
            for (LayoutDecl.Section x : l.decl.sections()) {
                String text = text(l.file);
                int start = at(text, x.span());
                assertThat(text.startsWith(x.name(), start)).isTrue();
                String renamed = x.name() + "_renamed";
                mutants.add(mutant(l.file, l.decl.name() + "." + x.name() + " -> " + renamed,
                        apply(text, List.of(new Edit(start, start + x.name().length(), renamed))),
                        exactly(4, "LAYOUT_SECTION_RENAMED " + q(l.file, l.decl.name(), renamed))));
            }
        }
        run("rename section", mutants, false, 10);
    }

    /**
     * A layout parameter renamed everywhere in its layout: formula and requirements compare by
     * position, so the same as before; the generated functions take parameters by position, so
     * no byte and no caller changes. It must not fail the check.
     */
    @Test
    void renameALayoutParameter() {
        List<Mutant> mutants = new ArrayList<>();
        for (Placed<LayoutDecl> l : layouts()) {
            for (String param : l.decl.params()) {
                String text = text(l.file);
                int start = at(text, l.decl.span());
                int close = scan(text, text.indexOf('{', start) + 1, "}");
                String renamed = param + "_renamed";
                mutants.add(mutant(l.file, l.decl.name() + "(" + param + " -> " + renamed + ")",
                        apply(text, replaceAll(text, start, close, "\\b(" + param + ")\\b", renamed)), (r, p) -> {
                            r.verdicts().stream().filter(v -> v.finding().category() == Category.BREAKING)
                                    .forEach(v -> p.add("breaking: " + key(v.finding())));
                            if (r.exitStatus() != 0 && r.exitStatus() != 4) {
                                p.add("exit status " + r.exitStatus() + ", expected 0 or 4");
                            }
                        }));
            }
        }
        run("rename parameter", mutants, false, 8);
    }

    @Test
    void addOrRemoveALayoutRequirement() {
        List<Mutant> added = new ArrayList<>();
        List<Mutant> removed = new ArrayList<>();
        for (Placed<LayoutDecl> l : layouts()) {
            String text = text(l.file);
            String subject = q(l.file, l.decl.name());
            int open = text.indexOf('{', at(text, l.decl.span()));
            int body = text.indexOf('\n', open) + 1;
            for (String param : l.decl.params()) {
                added.add(mutant(l.file, l.decl.name() + ": require " + param + " != 12345",
                        apply(text, List.of(new Edit(body, body, "    require " + param + " != 12345;\n"))),
                        exactly(12, "LAYOUT_REQUIRE_ADDED " + subject)));
            }
            for (LayoutDecl.Requirement r : l.decl.requirements()) {
                int start = at(text, r.span());
                int end = lineEndIfBlank(text, text.indexOf(';', start) + 1);
                // Each top-level && of a require is a precondition of its own.
                String[] each = java.util.Collections.nCopies(conjuncts(r.condition()), "LAYOUT_REQUIRE_REMOVED "
                        + subject).toArray(new String[0]);
                removed.add(mutant(l.file, l.decl.name() + ": no require " + r.text(),
                        apply(text, List.of(new Edit(declStart(text, lineStart(text, start)), end, ""))),
                        exactly(4, each)));
            }
        }
        run("add require", added, true, 8);
        run("remove require", removed, false, 9);
    }

    @Test
    void changeAPackageOrANamingOption() {
        List<Mutant> packages = new ArrayList<>();
        List<Mutant> options = new ArrayList<>();
        for (AbiFile f : base.files()) {
            String text = text(f);
            Matcher m = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;").matcher(text);
            assertThat(m.find()).isTrue();
            packages.add(mutant(f, "package " + f.packageName() + "_renamed",
                    apply(text, List.of(new Edit(m.end(1), m.end(1), "_renamed"))),
                    exactly(4, "PACKAGE_CHANGED " + f.packageName() + "_renamed")));
            String base = f.baseName();
            for (String option : List.of("cpp_namespace = \"mutation::" + base + "\"", "cpp_header = \"mutation/" + base
                    + ".h\"", "java_package = \"mutation." + base + "\"")) {
                options.add(mutant(f, "option " + option, apply(text, List.of(new Edit(m.end(), m.end(), "\noption "
                        + option + ";"))), exactly(4, "OPTION_CHANGED " + f.packageName())));
            }
        }
        run("change package", packages, false, 5);
        run("set option", options, false, 15);
    }

    @Test
    void moveADeclarationToAnotherFileOfItsPackage() {
        List<Mutant> mutants = new ArrayList<>();
        String moved = "mutation_moved.abi";
        for (AbiFile f : base.files()) {
            String text = text(f);
            StringBuilder imports = new StringBuilder();
            Matcher im = Pattern.compile("(?m)^import\\s+\"[^\"]*\"\\s*;").matcher(text);
            while (im.find()) {
                imports.append(im.group()).append('\n');
            }
            Matcher pm = Pattern.compile("(?m)^package\\s+[\\w.]+\\s*;").matcher(text);
            assertThat(pm.find()).isTrue();
            // The new file of the same package names its code the same way (namespace, Java package).
            Matcher om = Pattern.compile("(?m)^option\\s+(cpp_namespace|java_package)\\s*=\\s*\"[^\"]*\"\\s*;").matcher(text);
            while (om.find()) {
                imports.append(om.group()).append('\n');
            }
            for (Decl d : f.decls()) {
                int start = declStart(text, lineStart(text, at(text, d.span())));
                int end = declEnd(text, d);
                String decl = text.substring(start, end);
                String header = "package " + f.packageName() + ";\noption cpp_header = \"mutation/moved.h\";\n" + imports;
                String without = apply(text, List.of(new Edit(start, end, "")));
                // Either the new file uses the rest of the old one, or the old one uses the moved declaration.
                Map<String, String> newImportsOld = Map.of(name(f), without, moved,
                        header + "import \"" + name(f) + "\";\n\n" + decl);
                Map<String, String> oldImportsNew = Map.of(name(f), apply(without, List.of(new Edit(pm.end(), pm.end(),
                        "\nimport \"" + moved + "\";"))), moved, header + "\n" + decl);
                mutants.add(new Mutant(d.name() + " moved to " + moved, name(f), List.of(newImportsOld, oldImportsNew),
                        exactly(4, "DECL_MOVED " + q(f, d.name()))));
            }
        }
        run("move declaration", mutants, false, 80);
    }

    // ================================================================================================
    // What a size change may cause
    // ================================================================================================

    private static final Set<Rule> SIZE_RULES = Set.of(Rule.STRUCT_SIZE_CHANGED, Rule.FIELD_SIZE_CHANGED,
            Rule.FIELD_OFFSET_CHANGED, Rule.FIELD_ADDED, Rule.LAYOUT_FORMULA_CHANGED, Rule.BOUND_LOOSENED,
            Rule.CONSTANT_VALUE_CHANGED);

    /**
     * The findings of a struct that grew at its end, or by an array growing: its size; the array's
     * size or the added field; every later real field's offset; the bound of a count of the array;
     * then the same for every struct that embeds a grown struct (the embedding field changes size),
     * and the formula of every layout with a section of a grown struct. A layout or constant that
     * only names a grown struct in an expression may change too.
     */
    private static Oracle sizeChanged(Placed<StructDecl> s, Optional<Field> resized, Optional<String> added) {
        Set<String> grown = embedders(s.decl);
        Set<String> grownNames = new TreeSet<>();
        List<String> required = new ArrayList<>();
        Set<String> allowed = new TreeSet<>();
        for (Placed<StructDecl> t : structs()) {
            if (!grown.contains(key(t.decl))) {
                continue;
            }
            grownNames.add(t.decl.name());
            required.add("STRUCT_SIZE_CHANGED " + q(t.file, t.decl.name()));
            long first = Long.MAX_VALUE;
            for (Field f : t.decl.fields()) {
                boolean changed = t.decl == s.decl ? resized.isPresent() && f.name().equals(resized.get().name())
                        : embeds(f.type(), grown);
                if (changed) {
                    required.add("FIELD_SIZE_CHANGED " + q(t.file, t.decl.name(), f.name()));
                    first = Math.min(first, f.offset());
                }
            }
            for (Field f : t.decl.fields()) {
                if (!f.reserved() && f.offset() > first) {
                    required.add("FIELD_OFFSET_CHANGED " + q(t.file, t.decl.name(), f.name()));
                }
                if (t.decl == s.decl && resized.isPresent()
                        && f.limit().flatMap(Field.Limit::countOf).equals(Optional.of(resized.get().name()))) {
                    required.add("BOUND_LOOSENED " + q(t.file, t.decl.name(), f.name()));
                }
            }
        }
        added.ifPresent(a -> required.add("FIELD_ADDED " + q(s.file, s.decl.name(), a)));
        Pattern mentions = Pattern.compile("\\b(?:" + String.join("|", grownNames) + ")\\b");
        for (Placed<LayoutDecl> l : layouts()) {
            String finding = "LAYOUT_FORMULA_CHANGED " + q(l.file, l.decl.name());
            if (l.decl.sections().stream().anyMatch(x -> !x.bytes() && embeds(x.element(), grown))) {
                required.add(finding);
            } else {
                String text = text(l.file);
                int open = text.indexOf('{', at(text, l.decl.span()));
                if (mentions.matcher(text.substring(open, scan(text, open + 1, "}"))).find()) {
                    allowed.add(finding);
                }
            }
        }
        for (Placed<ConstDecl> c : constants()) {
            if (mentions.matcher(c.decl.expression()).find()) {
                allowed.add("CONSTANT_VALUE_CHANGED " + q(c.file, c.decl.name()));
            }
        }
        return (r, p) -> {
            List<String> got = keys(r);
            for (String want : required) {
                if (!got.contains(want)) {
                    p.add("missing " + want);
                }
            }
            Set<String> seen = new HashSet<>();
            for (Verdict v : r.verdicts()) {
                String k = key(v.finding());
                if (!seen.add(k)) {
                    p.add("reported twice: " + k);
                }
                if (!required.contains(k) && !allowed.contains(k)) {
                    p.add("unexpected: " + k);
                }
                if (!SIZE_RULES.contains(v.finding().rule())) {
                    p.add("not a rule a size change causes: " + k);
                }
                if (v.finding().category() != Category.BREAKING && v.finding().rule() != Rule.BOUND_LOOSENED
                        && v.finding().rule() != Rule.FIELD_ADDED) {
                    p.add("not breaking: " + k);
                }
            }
            expectExit(r, 12, p);
        };
    }


    /** The structs that change size with {@code s}: itself and every struct that embeds one of them. */
    private static Set<String> embedders(StructDecl s) {
        Set<String> grown = new HashSet<>(Set.of(key(s)));
        for (boolean more = true; more; ) {
            more = false;
            for (Placed<StructDecl> t : structs()) {
                if (!grown.contains(key(t.decl)) && t.decl.fields().stream().anyMatch(f -> embeds(f.type(), grown))) {
                    grown.add(key(t.decl));
                    more = true;
                }
            }
        }
        return grown;
    }

    private static boolean embeds(Type type, Set<String> grown) {
        Type t = type instanceof Type.Array array ? array.element() : type;
        return t instanceof Type.StructRef ref && grown.contains(key(ref.decl()));
    }

    private static String key(StructDecl s) {
        return s.span().file().sourceName() + ":" + s.span().line() + ":" + s.span().column();
    }

    // ================================================================================================
    // Running mutants
    // ================================================================================================

    /** How a mutant's check must come out; adds a line to {@code problems} for each thing that is wrong. */
    private interface Oracle {
        void check(CheckReport report, List<String> problems);
    }

    /**
     * An edit of the stripped idl/: {@code tries} are alternative edits (changed files by name), the
     * first that compiles is checked; {@code file} is the file the edit is about, whose abi_version
     * a bump raises.
     */
    private record Mutant(String site, String file, List<Map<String, String>> tries, Oracle oracle) {}

    private static Mutant mutant(AbiFile file, String site, String edited, Oracle oracle) {
        return new Mutant(site, name(file), List.of(Map.of(name(file), edited)), oracle);
    }

    private static int conjuncts(dev.abic.compiler.model.LayoutExpr e) {
        return e instanceof dev.abic.compiler.model.LayoutExpr.Binary b
                && b.op() == dev.abic.compiler.model.BinaryOp.LOGICAL_AND ? conjuncts(b.left()) + conjuncts(b.right()) : 1;
    }

    private static Oracle exactly(int exit, String... expected) {
        List<String> want = java.util.Arrays.stream(expected).sorted().toList();
        return (r, p) -> {
            List<String> got = keys(r);
            if (!got.equals(want)) {
                p.add("expected exactly " + want);
            }
            expectExit(r, exit, p);
        };
    }

    private static void expectExit(CheckReport r, int exit, List<String> p) {
        if (r.exitStatus() != exit) {
            p.add("exit status " + r.exitStatus() + ", expected " + exit);
        }
    }

    /** The outcome of compiling a mutant: a report, or the first error. */
    private record Compiled(CheckReport report, String error) {}

    private static Compiled compile(Map<String, String> edits) {
        try {
            for (Map.Entry<String, String> e : edits.entrySet()) {
                Files.writeString(work.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
            Abic.Result r = Abic.compile(List.of(work));
            if (!r.succeeded()) {
                return new Compiled(null, r.diagnostics().stream().filter(Diagnostic::isError).findFirst()
                        .map(Diagnostic::render).orElse("no model"));
            }
            return new Compiled(DriftCheck.check(r.model().get(), Optional.of(new DriftCheck.Baseline(
                    Path.of("abi.lock"), baseline)), CheckConfig.NONE, List.of()), null);
        } catch (InvalidFile e) {
            return new Compiled(null, e.diagnostic().render());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (String file : edits.keySet()) {
                try {
                    if (!STRIPPED.containsKey(file)) {
                        Files.delete(work.resolve(file));
                        continue;
                    }
                    Files.writeString(work.resolve(file), STRIPPED.get(file), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /**
     * Compiles and checks every mutant, then, for a breaking kind, the same mutant with
     * {@code abi_version = "1"} added to its file (its breaking findings are allowed, those of other
     * files still fail) and with {@code "0.1"} (a minor version allows nothing). Prints one line;
     * fails with every wrong verdict, and when fewer than {@code minChecked} mutants were checked.
     */
    private static void run(String kind, List<Mutant> mutants, boolean breaking, int minChecked) {
        long started = System.nanoTime();
        int checked = 0;
        int bumpedPassing = 0;
        List<String> problems = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Mutant m : mutants) {
            Compiled c = null;
            Map<String, String> used = null;
            for (Map<String, String> edits : m.tries) {
                c = compile(edits);
                used = edits;
                if (c.report != null) {
                    break;
                }
            }
            if (c == null || c.report == null) {
                skipped.add(m.site + ": " + (c == null ? "no edit applies" : c.error.lines().findFirst().orElse("")));
                continue;
            }
            checked++;
            List<String> p = new ArrayList<>();
            invariants(c.report, p);
            m.oracle.check(c.report, p);
            if (breaking && p.isEmpty()) {
                Map<String, String> bumped = new TreeMap<>(used);
                bumped.put(m.file, withAbiVersion(used.getOrDefault(m.file, STRIPPED.get(m.file))));
                Compiled b = compile(bumped);
                if (b.report == null) {
                    p.add("with abi_version 1 it does not compile: " + b.error);
                } else if (bumped(m.file, c.report, b.report, p)) {
                    bumpedPassing++;
                }
                // A minor version allows nothing: the major stays 0.
                bumped.put(m.file, withAbiVersion(used.getOrDefault(m.file, STRIPPED.get(m.file))).replace(
                        "abi_version = \"1\"", "abi_version = \"0.1\""));
                Compiled minor = compile(bumped);
                if (minor.report == null) {
                    p.add("with abi_version 0.1 it does not compile: " + minor.error);
                } else {
                    List<String> want = new ArrayList<>(keys(c.report));
                    want.add("ABI_VERSION_CHANGED " + FILES.get(m.file).packageName());
                    want.sort(Comparator.naturalOrder());
                    if (!keys(minor.report).equals(want)) {
                        p.add("with abi_version 0.1: expected " + want + ", found " + keys(minor.report));
                    }
                    invariants(minor.report, p);
                }
            }
            if (!p.isEmpty()) {
                problems.add(m.file + ": " + m.site + "\n      " + String.join("\n      ", p) + "\n      found: "
                        + describe(c.report));
            }
        }
        System.out.printf("IdlMutationTest %-20s %4d sites tried, %4d compiled, %4d verdicts right%s, %3d skipped "
                        + "(%d ms)%n", kind + ":", mutants.size(), checked, checked - problems.size(),
                breaking ? String.format(" (%4d passing with abi_version 1)", bumpedPassing) : "", skipped.size(),
                (System.nanoTime() - started) / 1_000_000);
        if (Boolean.getBoolean("abic.mutation.verbose")) {
            skipped.forEach(s -> System.out.println("  skipped " + s));
        }
        assertWithMessage(kind + ": wrong verdicts (" + problems.size() + " of " + checked + "):\n  "
                + String.join("\n  ", problems)).that(problems.size()).isEqualTo(0);
        assertWithMessage(kind + ": mutants checked (skipped: " + skipped + ")").that(checked).isAtLeast(minChecked);
        if (breaking) {
            assertWithMessage(kind + ": mutants that pass with abi_version 1").that(bumpedPassing).isAtLeast(1);
        }
    }

    /** What holds for every check: breaking findings fail, the others are reported, and the exit status follows. */
    private static void invariants(CheckReport r, List<String> p) {
        boolean anyBreaking = false;
        for (Verdict v : r.verdicts()) {
            boolean breaking = v.finding().category() == Category.BREAKING;
            anyBreaking |= breaking;
            Verdict.Status want = breaking ? Verdict.Status.FAILS : Verdict.Status.REPORTED;
            if (v.status() != want) {
                p.add(key(v.finding()) + " is " + v.status() + ", expected " + want);
            }
            SourceSpan span = v.finding().span();
            if (span.line() > span.file().lineCount()) {
                p.add(key(v.finding()) + " points past the end of " + span.file().displayName());
            }
        }
        expectExit(r, r.verdicts().isEmpty() ? 0 : anyBreaking ? 12 : 4, p);
        if (!r.stale().isEmpty() || !r.warnings().isEmpty()) {
            p.add("stale files or warnings: " + r.stale() + " " + r.warnings());
        }
    }

    /**
     * With the file's abi_version raised: the same findings and ABI_VERSION_CHANGED; the breaking
     * findings of that file allowed, those of other files still failing. True when the check passes.
     */
    private static boolean bumped(String file, CheckReport plain, CheckReport bumped, List<String> p) {
        List<String> want = new ArrayList<>(keys(plain));
        want.add("ABI_VERSION_CHANGED " + FILES.get(file).packageName());
        want.sort(Comparator.naturalOrder());
        List<String> got = keys(bumped);
        if (!got.equals(want)) {
            p.add("with abi_version 1: expected " + want + ", found " + got);
        }
        boolean fails = false;
        for (Verdict v : bumped.verdicts()) {
            Finding f = v.finding();
            Verdict.Status status = f.category() != Category.BREAKING ? Verdict.Status.REPORTED
                    : f.file().equals(file) ? Verdict.Status.ALLOWED_BY_VERSION : Verdict.Status.FAILS;
            fails |= status == Verdict.Status.FAILS;
            if (v.status() != status) {
                p.add("with abi_version 1: " + key(f) + " (" + f.file() + ") is " + v.status() + ", expected " + status);
            }
        }
        expectExit(bumped, fails ? 12 : 4, p);
        return p.isEmpty() && !fails;
    }

    private static String withAbiVersion(String text) {
        Matcher m = Pattern.compile("(?m)^package\\s+[\\w.]+\\s*;").matcher(text);
        assertThat(m.find()).isTrue();
        return text.substring(0, m.end()) + "\noption abi_version = \"1\";" + text.substring(m.end());
    }

    private static String key(Finding f) {
        return f.rule().name() + " " + f.subject();
    }

    private static List<String> keys(CheckReport r) {
        return r.verdicts().stream().map(v -> key(v.finding())).sorted().toList();
    }

    private static String describe(CheckReport r) {
        return r.verdicts().isEmpty() ? "nothing" : r.verdicts().stream()
                .map(v -> "\n        " + v.status() + " " + v.finding().rule() + " " + v.finding().subject() + ": "
                        + v.finding().message())
                .collect(Collectors.joining());
    }

    // ================================================================================================
    // The model and the text
    // ================================================================================================

    /** A declaration of the stripped baseline with its file. */
    private record Placed<T extends Decl>(AbiFile file, T decl) {}

    private static <T extends Decl> List<Placed<T>> placed(Class<T> kind) {
        List<Placed<T>> out = new ArrayList<>();
        for (AbiFile f : FILES.values()) {
            f.decls(kind).forEach(d -> out.add(new Placed<>(f, d)));
        }
        return out;
    }

    private static List<Placed<StructDecl>> structs() {
        return placed(StructDecl.class);
    }

    private static List<Placed<EnumDecl>> enums() {
        return placed(EnumDecl.class);
    }

    private static List<Placed<ConstDecl>> constants() {
        return placed(ConstDecl.class);
    }

    private static List<Placed<LayoutDecl>> layouts() {
        return placed(LayoutDecl.class);
    }

    /** What an edit makes of one field: no mutant, one or several. */
    private interface FieldEdit {
        List<Mutant> at(Placed<StructDecl> s, Field f, String text);
    }

    /** The mutants of an edit at every field of every struct. */
    private static List<Mutant> eachField(FieldEdit edit) {
        List<Mutant> out = new ArrayList<>();
        for (Placed<StructDecl> s : structs()) {
            for (Field f : s.decl.fields()) {
                out.addAll(edit.at(s, f, text(s.file)));
            }
        }
        return out;
    }

    /** Drops a field's {@code reserved} (group 2) or {@code atomic} (group 3): exactly {@code rule} for the field. */
    private static List<Mutant> dropKeyword(java.util.function.Predicate<Field> has, int group, String rule) {
        int exit = Rule.valueOf(rule).category() == Category.BREAKING ? 12 : 4;
        return eachField((s, f, text) -> !has.test(f) ? List.of()
                : List.of(mutant(s.file, s.decl.name() + "." + f.name() + " without " + (group == 2 ? "reserved"
                                : "atomic"), apply(text, List.of(fieldText(text, f).group(group, ""))),
                        exactly(exit, rule + " " + q(s.file, s.decl.name(), f.name())))));
    }

    /** The mutant an edit makes of one enum value. */
    private interface ValueEdit {
        Mutant at(Placed<EnumDecl> e, EnumDecl.Value v, String text);
    }

    /** The mutants of an edit at every value of every enum and flag set. */
    private static List<Mutant> eachValue(ValueEdit edit) {
        List<Mutant> out = new ArrayList<>();
        for (Placed<EnumDecl> e : enums()) {
            for (EnumDecl.Value v : e.decl.values()) {
                out.add(edit.at(e, v, text(e.file)));
            }
        }
        return out;
    }

    /** The edits of one file. */
    private interface FileEdit {
        List<Edit> in(AbiFile file, String text);
    }

    /** Every file an edit changes (a rename changes every file that names what it renames), edited. */
    private static Map<String, String> inEveryFile(FileEdit edit) {
        Map<String, String> out = new TreeMap<>();
        for (AbiFile g : base.files()) {
            String text = text(g);
            List<Edit> edits = edit.in(g, text);
            if (!edits.isEmpty()) {
                out.put(name(g), apply(text, edits));
            }
        }
        return out;
    }

    /** An unsigned integer type of {@code size} bytes whose alignment is at most {@code align} (and 8). */
    private static String unsigned(long size, long align) {
        long unit = Math.min(8, align);
        long count = size / unit;
        return "u" + unit * 8 + (count == 1 ? "" : "[" + count + "]");
    }

    private static String name(AbiFile f) {
        return f.source().sourceName();
    }

    private static String text(AbiFile f) {
        return STRIPPED.get(name(f));
    }

    private static String q(AbiFile f, String... parts) {
        return f.packageName() + "." + String.join(".", parts);
    }

    private static String render(Abic.Result r) {
        return r.diagnostics().stream().map(Diagnostic::render).collect(Collectors.joining("\n"));
    }

    /** A type of the same size and alignment with another name, for a field; null when there is none. */
    private static String sameSizeType(Type type) {
        if (type instanceof Type.Scalar s) {
            return other(s.kind()).abiName();
        }
        if (type instanceof Type.EnumRef e) {
            return e.decl().underlying().abiName();
        }
        if (type instanceof Type.Array a && a.element() instanceof Type.Scalar s) {
            return other(s.kind()).abiName();
        }
        if (type instanceof Type.Array a && a.element() instanceof Type.EnumRef e) {
            return e.decl().underlying().abiName();
        }
        return null;
    }

    private static ScalarKind other(ScalarKind k) {
        if (k == ScalarKind.CHAR || k == ScalarKind.BOOL) {
            return ScalarKind.U8;
        }
        if (k == ScalarKind.F32) {
            return ScalarKind.U32;
        }
        if (k == ScalarKind.F64) {
            return ScalarKind.U64;
        }
        String name = k.abiName();
        return ScalarKind.byName((name.startsWith("u") ? "i" : "u") + name.substring(1)).orElseThrow();
    }

    /** A value no value of the enum has, within its type; for a flag set, a bit no value uses. */
    private static BigInteger unusedValue(EnumDecl e) {
        Set<BigInteger> used = e.values().stream().map(EnumDecl.Value::value).collect(Collectors.toSet());
        if (e.flags()) {
            BigInteger all = used.stream().reduce(BigInteger.ZERO, BigInteger::or);
            for (int bit = 0; bit < e.underlying().bits(); bit++) {
                if (!all.testBit(bit)) {
                    return BigInteger.ONE.shiftLeft(bit);
                }
            }
            throw new AssertionError(e.name() + " uses every bit");
        }
        BigInteger max = used.stream().max(Comparator.naturalOrder()).orElseThrow().add(BigInteger.ONE);
        if (e.underlying().contains(max)) {
            return max;
        }
        BigInteger min = used.stream().min(Comparator.naturalOrder()).orElseThrow().subtract(BigInteger.ONE);
        assertWithMessage(e.name()).that(e.underlying().contains(min)).isTrue();
        return min;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** A replacement of {@code [start, end)} of a text. */
    private record Edit(int start, int end, String with) {}

    /** Applies edits that do not overlap. */
    private static String apply(String text, List<Edit> edits) {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Edit e : sorted) {
            assertWithMessage("overlapping edits " + edits).that(e.start).isAtLeast(at);
            out.append(text, at, e.start).append(e.with);
            at = e.end;
        }
        return out.append(text.substring(at)).toString();
    }

    /** An edit for each match of {@code regex} within {@code [from, to)}, replacing its group 1. */
    private static List<Edit> replaceAll(String text, int from, int to, String regex, String with) {
        Matcher m = Pattern.compile(regex).matcher(text);
        m.region(from, to);
        List<Edit> out = new ArrayList<>();
        while (m.find()) {
            out.add(new Edit(m.start(1), m.end(1), with));
        }
        return out;
    }

    /** The offset of a span's first character. */
    private static int at(String text, SourceSpan span) {
        int offset = 0;
        for (int line = 1; line < span.line(); line++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        return offset + span.column() - 1;
    }

    private static String position(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            line += text.charAt(i) == '\n' ? 1 : 0;
        }
        return "line " + line;
    }

    /** A field declaration: from its name to before its {@code ;}, with its parts. */
    private record FieldText(String text, int start, int end, Matcher parts) {
        String decl() {
            return parts.group(0);
        }

        /** Replaces one part: 2 {@code reserved }, 4 the type's name, 5 the array length. */
        Edit group(int group, String with) {
            assertWithMessage(decl() + " has no group " + group).that(parts.start(group)).isAtLeast(0);
            return new Edit(start + parts.start(group), start + parts.end(group), with);
        }
    }

    private static final Pattern FIELD = Pattern.compile(
            "([A-Za-z_]\\w*)\\s*:\\s*(reserved\\s+)?(atomic\\s+)?([A-Za-z_][\\w.]*)\\s*(\\[[^\\]]*\\])?(.*)", Pattern.DOTALL);

    private static FieldText fieldText(String text, Field f) {
        int start = at(text, f.span());
        assertWithMessage(f.name() + " at " + f.span().location()).that(text.startsWith(f.name(), start)).isTrue();
        int end = text.indexOf(';', start);
        Matcher m = FIELD.matcher(text.substring(start, end));
        assertWithMessage("field declaration " + text.substring(start, end)).that(m.matches()).isTrue();
        return new FieldText(text, start, end, m);
    }

    /**
     * The first of {@code stops} at parenthesis depth 0 from {@code from}, skipping comments; the
     * end of an enum value's expression is the {@code ,} or {@code }} after it.
     */
    private static int scan(String text, int from, String stops) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/' && text.startsWith("//", i)) {
                i = text.indexOf('\n', i);
                if (i < 0) {
                    break;
                }
            } else if (c == '/' && text.startsWith("/*", i)) {
                i = text.indexOf("*/", i + 2) + 1;
            } else if (depth == 0 && stops.indexOf(c) >= 0) {
                return i;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        throw new AssertionError("no " + stops + " after offset " + from);
    }

    private static int valueEnd(String text, int valueStart) {
        return scan(text, valueStart, ",}");
    }

    /** The text offsets of the expression in a field's {@code bound(...)}, if it has one. */
    private static Optional<int[]> boundExpression(FieldText ft) {
        Matcher m = Pattern.compile("\\bbound\\s*\\(").matcher(ft.decl());
        if (!m.find(ft.parts.start(6))) {
            return Optional.empty();
        }
        int open = ft.start + m.end();
        return Optional.of(new int[] {open, scan(ft.text, open, ")")});
    }

    private static int lineStart(String text, int offset) {
        return text.lastIndexOf('\n', offset - 1) + 1;
    }

    /** Past the end of a top-level declaration: its {@code ;}, or its {@code }} with a trailing {@code align N;}. */
    private static int declEnd(String text, Decl d) {
        int start = at(text, d.span());
        if (d instanceof ConstDecl) {
            return lineEndIfBlank(text, text.indexOf(';', start) + 1);
        }
        int close = d instanceof StructDecl s ? at(text, s.end()) : scan(text, text.indexOf('{', start) + 1, "}");
        Matcher m = Pattern.compile("[ \\t]*(?:align\\b[^;\\n]*)?;").matcher(text);
        m.region(close + 1, text.length());
        return lineEndIfBlank(text, m.lookingAt() ? m.end() : close + 1);
    }

    /** The start of the line of {@code offset}, and of the doc comment lines just above it. */
    private static int declStart(String text, int offset) {
        int start = text.lastIndexOf('\n', offset - 1) + 1;
        assertWithMessage("only blanks before " + offset).that(text.substring(start, offset).isBlank()).isTrue();
        while (start > 0) {
            int previous = text.lastIndexOf('\n', start - 2) + 1;
            if (!text.substring(previous, start).strip().startsWith("///")) {
                break;
            }
            start = previous;
        }
        return start;
    }

    /** Past the end of the line when only blanks follow {@code offset} on it. */
    private static int lineEndIfBlank(String text, int offset) {
        int newline = text.indexOf('\n', offset);
        return newline >= 0 && text.substring(offset, newline).isBlank() ? newline + 1 : offset;
    }

    /** Where a declaration may be inserted: before every top-level declaration (and its doc comment), and at the end. */
    private static List<Integer> declarationStarts(AbiFile f) {
        String text = text(f);
        List<Integer> out = new ArrayList<>();
        for (Decl d : f.decls()) {
            out.add(declStart(text, lineStart(text, at(text, d.span()))));
        }
        out.add(text.length());
        return out;
    }
}
