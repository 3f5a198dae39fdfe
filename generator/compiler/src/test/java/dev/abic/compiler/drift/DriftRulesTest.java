package dev.abic.compiler.drift;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.Abic;
import dev.abic.compiler.diag.Diagnostic;
import dev.abic.compiler.model.AbiModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule with a before/after pair: the exact set of rules the change produces, where the main
 * finding points, and (for breaking rules) that the check fails without a version bump and passes
 * with one.
 */
class DriftRulesTest {
    @TempDir
    Path tmp;

    /**
     * A change: {@code before} and {@code after} are files by name; {@code rule} is the finding the
     * case is about, which must point at a line containing {@code marker}; {@code expected} is every
     * rule the change produces.
     */
    record Case(String name, Rule rule, Map<String, String> before, Map<String, String> after, String marker,
                Set<Rule> expected) {
        @Override
        public String toString() {
            return name;
        }

        /** The same case with one more edit to the files after the change. */
        Case withAfter(java.util.function.UnaryOperator<String> edit) {
            Map<String, String> edited = new LinkedHashMap<>();
            after.forEach((file, text) -> edited.put(file, edit.apply(text)));
            return new Case(name, rule, before, edited, marker, expected);
        }
    }

    private static final String MSG = """
            package t;
            const CAP: u32 = 4;
            enum Op : u32 { NOP = 0, READ = 1, WRITE = 2 }
            struct Msg {
                op: Op;
                len: u32 bound(CAP);
                seq: atomic u64;
                count: u32 count_of(items);
                flags: u32;
                items: u64[4];
                spare: reserved u64[2];
            }
            layout Ring(depth: u64) {
                require is_pow2(depth);
                slots: Msg[depth];
                data: bytes[depth * 64] align 64;
            } align 64;
            """;

    private static Case change(String name, Rule rule, String from, String to, String marker, Rule... expected) {
        String after = MSG.replace(from, to);
        if (after.equals(MSG)) {
            throw new IllegalArgumentException(name + ": '" + from + "' is not in the base text");
        }
        return new Case(name, rule, Map.of("t.abi", MSG), Map.of("t.abi", after), marker, Set.of(expected));
    }

    private static Case files(String name, Rule rule, Map<String, String> before, Map<String, String> after,
                              String marker, Rule... expected) {
        return new Case(name, rule, before, after, marker, Set.of(expected));
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("struct removed", Rule.STRUCT_REMOVED,
                Map.of("t.abi", "package t;\nstruct A { x: u64; }\nstruct B { y: u32; }\n"),
                Map.of("t.abi", "package t;\nstruct A { x: u64; }\n"), "struct B", Set.of(Rule.STRUCT_REMOVED)));
        c.add(change("field added at the end", Rule.STRUCT_SIZE_CHANGED, "    spare: reserved u64[2];\n",
                "    spare: reserved u64[2];\n    extra: u64;\n", "struct Msg", Rule.STRUCT_SIZE_CHANGED,
                Rule.FIELD_ADDED, Rule.LAYOUT_FORMULA_CHANGED));
        c.add(new Case("alignment raised", Rule.STRUCT_ALIGN_CHANGED,
                Map.of("t.abi", "package t;\nstruct A { x: u64; y: u64; }\n"),
                Map.of("t.abi", "package t;\nstruct A align 16 { x: u64; y: u64; }\n"), "struct A",
                Set.of(Rule.STRUCT_ALIGN_CHANGED)));
        c.add(change("field removed into reserved bytes", Rule.FIELD_REMOVED, "    flags: u32;",
                "    flags_retired: reserved u32;", "struct Msg", Rule.FIELD_REMOVED));
        c.add(change("fields reordered", Rule.FIELD_OFFSET_CHANGED, "    count: u32 count_of(items);\n    flags: u32;",
                "    flags: u32;\n    count: u32 count_of(items);", "flags: u32", Rule.FIELD_OFFSET_CHANGED));
        c.add(change("array resized", Rule.FIELD_SIZE_CHANGED, "items: u64[4];", "items: u64[6];", "items:",
                Rule.FIELD_SIZE_CHANGED, Rule.STRUCT_SIZE_CHANGED, Rule.BOUND_LOOSENED, Rule.LAYOUT_FORMULA_CHANGED));
        c.add(change("retyped", Rule.FIELD_TYPE_CHANGED, "    flags: u32;", "    flags: i32;", "flags: i32",
                Rule.FIELD_TYPE_CHANGED));
        c.add(change("atomic removed", Rule.ATOMIC_REMOVED, "seq: atomic u64;", "seq: u64;", "seq: u64",
                Rule.ATOMIC_REMOVED));
        c.add(change("atomic added", Rule.ATOMIC_ADDED, "    flags: u32;", "    flags: atomic u32;", "flags:",
                Rule.ATOMIC_ADDED));
        c.add(change("bound tightened", Rule.BOUND_TIGHTENED, "len: u32 bound(CAP);", "len: u32 bound(2);", "len:",
                Rule.BOUND_TIGHTENED));
        c.add(change("bound added", Rule.BOUND_TIGHTENED, "    flags: u32;", "    flags: u32 bound(7);", "flags:",
                Rule.BOUND_TIGHTENED));
        c.add(change("bound loosened", Rule.BOUND_LOOSENED, "len: u32 bound(CAP);", "len: u32 bound(CAP * 2);",
                "len:", Rule.BOUND_LOOSENED));
        c.add(change("bound removed", Rule.BOUND_LOOSENED, "len: u32 bound(CAP);", "len: u32;", "len:",
                Rule.BOUND_LOOSENED));
        c.add(change("count_of retargeted", Rule.COUNT_OF_CHANGED,
                "    items: u64[4];\n    spare: reserved u64[2];",
                "    items: u64[4];\n    others: u64[2];", "count:", Rule.COUNT_OF_CHANGED,
                Rule.RESERVED_FIELD_USED, Rule.BOUND_TIGHTENED).withAfter(a -> a.replace("count_of(items)", "count_of(others)")));
        c.add(new Case("enum removed", Rule.ENUM_REMOVED,
                Map.of("t.abi", "package t;\nenum A : u8 { X = 1 }\nenum B : u8 { Y = 1 }\n"),
                Map.of("t.abi", "package t;\nenum A : u8 { X = 1 }\n"), "enum B", Set.of(Rule.ENUM_REMOVED)));
        c.add(new Case("enum underlying changed", Rule.ENUM_UNDERLYING_CHANGED,
                Map.of("t.abi", "package t;\nenum A : u16 { X = 1 }\n"),
                Map.of("t.abi", "package t;\nenum A : i16 { X = 1 }\n"), "enum A", Set.of(Rule.ENUM_UNDERLYING_CHANGED)));
        c.add(new Case("enum became flags", Rule.ENUM_KIND_CHANGED,
                Map.of("t.abi", "package t;\nenum A : u16 { X = 1, Y = 2 }\n"),
                Map.of("t.abi", "package t;\nflags A : u16 { X = 1, Y = 2 }\n"), "flags A",
                Set.of(Rule.ENUM_KIND_CHANGED)));
        c.add(change("enum value changed", Rule.ENUM_VALUE_CHANGED, "WRITE = 2", "WRITE = 3", "WRITE",
                Rule.ENUM_VALUE_CHANGED));
        c.add(change("enum value removed", Rule.ENUM_VALUE_REMOVED, ", WRITE = 2 }", " }", "enum Op",
                Rule.ENUM_VALUE_REMOVED));
        c.add(change("constant changed", Rule.CONSTANT_VALUE_CHANGED, "const CAP: u32 = 4;", "const CAP: u32 = 5;",
                "CAP", Rule.CONSTANT_VALUE_CHANGED, Rule.BOUND_LOOSENED));
        c.add(change("constant retyped", Rule.CONSTANT_TYPE_CHANGED, "const CAP: u32 = 4;", "const CAP: u64 = 4;",
                "CAP", Rule.CONSTANT_TYPE_CHANGED));
        c.add(new Case("layout removed", Rule.LAYOUT_REMOVED,
                Map.of("t.abi", "package t;\nlayout A(n: u64) { d: bytes[n]; }\nlayout B(n: u64) { d: bytes[n]; }\n"),
                Map.of("t.abi", "package t;\nlayout A(n: u64) { d: bytes[n]; }\n"), "layout B",
                Set.of(Rule.LAYOUT_REMOVED)));
        c.add(change("layout added", Rule.LAYOUT_ADDED, "} align 64;\n",
                "} align 64;\nlayout Extra(n: u64) { data: bytes[n]; }\n", "Extra", Rule.LAYOUT_ADDED));
        c.add(change("layout parameter added", Rule.LAYOUT_PARAMS_CHANGED, "layout Ring(depth: u64)",
                "layout Ring(depth: u64, spare: u64)", "layout Ring", Rule.LAYOUT_PARAMS_CHANGED));
        c.add(change("layout section aligned differently", Rule.LAYOUT_FORMULA_CHANGED,
                "data: bytes[depth * 64] align 64;", "data: bytes[depth * 64] align 128;", "layout Ring",
                Rule.LAYOUT_FORMULA_CHANGED));
        c.add(change("layout sections reordered", Rule.LAYOUT_FORMULA_CHANGED,
                "    slots: Msg[depth];\n    data: bytes[depth * 64] align 64;",
                "    data: bytes[depth * 64] align 64;\n    slots: Msg[depth];", "layout Ring",
                Rule.LAYOUT_FORMULA_CHANGED));
        c.add(change("layout precondition added", Rule.LAYOUT_REQUIRE_ADDED, "    require is_pow2(depth);\n",
                "    require is_pow2(depth);\n    require depth <= 1024;\n", "layout Ring", Rule.LAYOUT_REQUIRE_ADDED));
        c.add(change("layout precondition removed", Rule.LAYOUT_REQUIRE_REMOVED, "    require is_pow2(depth);\n", "",
                "layout Ring", Rule.LAYOUT_REQUIRE_REMOVED));
        c.add(change("layout parameter renamed", Rule.LAYOUT_PARAM_RENAMED, "(depth: u64)", "(slots_n: u64)",
                "layout Ring", Rule.LAYOUT_PARAM_RENAMED).withAfter(a -> a.replace("(depth)", "(slots_n)")
                .replace("[depth]", "[slots_n]").replace("[depth * 64]", "[slots_n * 64]")));

        c.add(change("field renamed", Rule.FIELD_RENAMED, "    flags: u32;", "    options: u32;", "options",
                Rule.FIELD_RENAMED));
        c.add(change("struct renamed", Rule.TYPE_RENAMED, "struct Msg {", "struct Message {", "Message",
                Rule.TYPE_RENAMED).withAfter(a -> a.replace("Msg[depth]", "Message[depth]")));
        c.add(change("enum renamed", Rule.TYPE_RENAMED, "enum Op :", "enum Opcode :", "Opcode", Rule.TYPE_RENAMED)
                .withAfter(a -> a.replace("op: Op;", "op: Opcode;")));
        c.add(change("enum value renamed", Rule.ENUM_VALUE_RENAMED, "WRITE = 2", "STORE = 2", "STORE",
                Rule.ENUM_VALUE_RENAMED));
        c.add(change("layout section renamed", Rule.LAYOUT_SECTION_RENAMED, "    data: bytes", "    payload: bytes",
                "payload", Rule.LAYOUT_SECTION_RENAMED));
        c.add(new Case("constant removed", Rule.CONSTANT_REMOVED,
                Map.of("t.abi", "package t;\nconst A: u32 = 1;\nconst B: u32 = 2;\n"),
                Map.of("t.abi", "package t;\nconst A: u32 = 1;\n"), "const B", Set.of(Rule.CONSTANT_REMOVED)));
        c.add(change("package changed", Rule.PACKAGE_CHANGED, "package t;", "package t2;", "package t2",
                Rule.PACKAGE_CHANGED));
        c.add(change("java_package changed", Rule.OPTION_CHANGED, "package t;",
                "package t;\noption java_package = \"dev.example.t\";", "package t", Rule.OPTION_CHANGED));
        c.add(files("struct moved to another file", Rule.DECL_MOVED,
                Map.of("a.abi", "package t;\nstruct A { x: u64; }\nstruct B { y: u64; }\n", "b.abi", "package t;\n"),
                Map.of("a.abi", "package t;\nstruct A { x: u64; }\n", "b.abi", "package t;\nstruct B { y: u64; }\n"),
                "struct B", Rule.DECL_MOVED));

        c.add(change("struct added", Rule.STRUCT_ADDED, "layout Ring", "struct Extra { x: u32; }\nlayout Ring", "Extra",
                Rule.STRUCT_ADDED));
        c.add(change("field added in place of a removed one", Rule.FIELD_ADDED, "    flags: u32;", "    mode: i32;",
                "mode", Rule.FIELD_ADDED, Rule.FIELD_REMOVED));
        c.add(change("reserved field used", Rule.RESERVED_FIELD_USED, "    spare: reserved u64[2];",
                "    cookie: u64;\n    spare: reserved u64;", "cookie", Rule.RESERVED_FIELD_USED));
        c.add(change("reserved field used whole", Rule.RESERVED_FIELD_USED, "    spare: reserved u64[2];",
                "    spare: u64[2];", "spare", Rule.RESERVED_FIELD_USED));
        c.add(change("enum added", Rule.ENUM_ADDED, "struct Msg {", "enum Mode : u8 { A = 1 }\nstruct Msg {", "Mode",
                Rule.ENUM_ADDED));
        c.add(change("enum value added", Rule.ENUM_VALUE_ADDED, "WRITE = 2 }", "WRITE = 2, FLUSH = 3 }", "FLUSH",
                Rule.ENUM_VALUE_ADDED));
        c.add(change("constant added", Rule.CONSTANT_ADDED, "const CAP: u32 = 4;",
                "const CAP: u32 = 4;\nconst MAGIC: u32 = 0xABCD;", "MAGIC", Rule.CONSTANT_ADDED));
        c.add(change("abi_version changed", Rule.ABI_VERSION_CHANGED, "package t;",
                "package t;\noption abi_version = \"2\";", "package t", Rule.ABI_VERSION_CHANGED));
        return c;
    }

    @Test
    void everyRuleHasABeforeAfterCase() {
        Set<Rule> covered = EnumSet.noneOf(Rule.class);
        cases().forEach(c -> covered.add(c.rule()));
        assertThat(EnumSet.complementOf(EnumSet.copyOf(covered))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleFires(Case c) throws Exception {
        Snapshot before = snapshot(c.before(), "before");
        Snapshot after = snapshot(c.after(), "after");
        List<Finding> findings = Drift.compare(before, after);
        Set<Rule> rules = findings.stream().map(Finding::rule).collect(Collectors.toSet());
        assertWithMessage(render(findings)).that(rules).isEqualTo(c.expected());
        Finding main = findings.stream().filter(f -> f.rule() == c.rule()).findFirst().orElseThrow();
        assertWithMessage(main.span().location()).that(main.span().file().line(main.span().line()))
                .contains(c.marker());

        // The policy: a breaking change fails, unless the file's major ABI version went up.
        CheckReport report = new CheckReport(java.util.Optional.of("abi.lock"),
                Policy.judge(before, after, findings, CheckConfig.NONE).verdicts(), List.of(), List.of());
        boolean breaking = c.expected().stream().anyMatch(r -> r.category() == Category.BREAKING);
        assertThat(report.exitStatus()).isEqualTo(breaking ? 12 : 4);
        if (breaking) {
            Map<String, String> bumped = new LinkedHashMap<>();
            c.after().forEach((file, text) -> bumped.put(file, text.replaceFirst("(package [a-z0-9]+;)",
                    "$1\noption abi_version = \"1\";")));
            Snapshot after1 = snapshot(bumped, "bumped");
            List<Finding> again = Drift.compare(before, after1);
            List<Verdict> verdicts = Policy.judge(before, after1, again, CheckConfig.NONE).verdicts();
            for (Verdict v : verdicts) {
                if (v.finding().category() == Category.BREAKING) {
                    assertWithMessage(v.toString()).that(v.status()).isEqualTo(Verdict.Status.ALLOWED_BY_VERSION);
                }
            }
            assertThat(verdicts.stream().anyMatch(v -> v.finding().category() == Category.BREAKING)).isTrue();
        }
    }

    @Test
    void noChangeNoFindings() throws Exception {
        Snapshot s = snapshot(Map.of("t.abi", MSG), "same");
        assertThat(Drift.compare(s, snapshot(Map.of("t.abi", MSG + "\n/// a doc comment is not ABI\n"), "doc")))
                .isEmpty();
    }

    @Test
    void aLockFileRoundTripsToTheSameFindings() throws Exception {
        Snapshot before = snapshot(Map.of("t.abi", MSG), "before");
        String text = LockFile.write(before);
        Path lock = tmp.resolve("abi.lock");
        Files.writeString(lock, text);
        Snapshot read = DriftCheck.readBaseline(lock).snapshot();
        assertThat(LockFile.write(read)).isEqualTo(text);
        Snapshot after = snapshot(Map.of("t.abi", MSG.replace("WRITE = 2", "WRITE = 7")), "after");
        List<Finding> findings = Drift.compare(read, after);
        assertThat(findings.stream().map(Finding::rule).toList()).containsExactly(Rule.ENUM_VALUE_CHANGED);
        assertThat(findings.get(0).message()).isEqualTo("Op.WRITE changed from 2 to 7");
    }

    @Test
    void relaxationsNeedAReasonAndTurnAFailureIntoAWarning() throws Exception {
        Snapshot before = snapshot(Map.of("t.abi", MSG), "before");
        Snapshot after = snapshot(Map.of("t.abi", MSG.replace("const CAP: u32 = 4;", "const CAP: u32 = 3;")), "after");
        Path config = tmp.resolve("abic-check.json");
        Files.writeString(config, """
                {
                  "relax": [
                    {"rule": "CONSTANT_VALUE_CHANGED", "subject": "t.CAP", "reason": "readers take it from the header"},
                    {"rule": "BOUND_TIGHTENED", "subject": "t.*", "reason": "writers never reach 4"},
                    {"rule": "FIELD_REMOVED", "reason": "unused here"}
                  ]
                }
                """);
        CheckConfig cfg = DriftCheck.readConfig(config);
        Policy.Outcome outcome = Policy.judge(before, after, Drift.compare(before, after), cfg);
        assertThat(outcome.verdicts().stream().map(Verdict::status).toList())
                .containsExactly(Verdict.Status.RELAXED, Verdict.Status.RELAXED);
        assertThat(outcome.verdicts().stream().filter(v -> v.finding().rule() == Rule.CONSTANT_VALUE_CHANGED)
                .findFirst().orElseThrow().note()).contains("readers take it from the header");
        assertThat(outcome.warnings()).hasSize(1);
        assertThat(outcome.warnings().get(0).render()).contains("relaxation of FIELD_REMOVED matches no change");
        assertThat(outcome.warnings().get(0).render()).contains(":5:");
    }

    @Test
    void badConfigurationsAreErrorsAtTheirPosition() throws IOException {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("{\"relax\": [{\"rule\": \"FIELD_GONE\", \"reason\": \"x\"}]}", "1:12: error: unknown rule \"FIELD_GONE\"");
        bad.put("{\"relax\": [{\"rule\": \"FIELD_REMOVED\", \"reason\": \"  \"}]}",
                "1:48: error: a relaxation needs a reason");
        bad.put("{\"relax\": [{\"rule\": \"FIELD_REMOVED\"}]}", "a relaxation has no \"reason\"");
        bad.put("{\"relaxed\": []}", "1:2: error: unknown key \"relaxed\" in the check configuration");
        bad.put("{\"relax\": [{\"rule\": \"ENUM_VALUE_ADDED\", \"reason\": \"x\"}]}",
                "ENUM_VALUE_ADDED is a COMPATIBLE rule: it never fails the check");
        bad.put("{\"relax\": [}", "1:12: error: invalid JSON");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Path config = tmp.resolve("bad.json");
            Files.writeString(config, e.getKey());
            InvalidFile thrown = org.junit.jupiter.api.Assertions.assertThrows(InvalidFile.class,
                    () -> DriftCheck.readConfig(config));
            assertWithMessage(e.getKey()).that(thrown.diagnostic().render()).contains(e.getValue());
        }
    }

    @Test
    void badLockFilesAreErrorsAtTheirPosition() throws IOException {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("", "1:1: error: the file is empty");
        bad.put("{\"abic_lock\": 2, \"files\": []}", "1:15: error: unsupported lock file format 2");
        bad.put("{\"abic_lock\": 1, \"files\": [{\"file\": \"a.abi\"}]}", "a file entry has no \"package\"");
        bad.put("{\"abic_lock\": 1, \"files\": [{\"file\": \"a.abi\", \"package\": \"a\", \"constants\": "
                + "[{\"name\": \"X\", \"type\": \"u8\", \"value\": 3}]}]}", "\"value\" must be an integer in a string");
        bad.put("{\"abic_lock\": 1, \"files\": [], \"extra\": 1}", "unknown key \"extra\" in the lock file");
        bad.put("{\"abic_lock\": 1, \"files\": []} []", "unexpected text after the JSON value");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Path lock = tmp.resolve("abi.lock");
            Files.writeString(lock, e.getKey());
            InvalidFile thrown = org.junit.jupiter.api.Assertions.assertThrows(InvalidFile.class,
                    () -> DriftCheck.readBaseline(lock));
            assertWithMessage(e.getKey()).that(thrown.diagnostic().render()).contains(e.getValue());
        }
    }

    private List<String> rules(Map<String, String> before, Map<String, String> after) throws Exception {
        return Drift.compare(snapshot(before, "b"), snapshot(after, "a")).stream()
                .map(f -> f.rule() + " " + f.subject()).toList();
    }

    @Test
    void renamingAnOuterAndAnInnerStructIsTwoRenamesInAnyOrder() throws Exception {
        String before = "package t;\nstruct Outer { a: u32; i: Inner; }\nstruct Inner { v: u32; }\n";
        String after = "package t;\nstruct Outer2 { a: u32; i: Core; }\nstruct Core { v: u32; }\n";
        assertThat(rules(Map.of("t.abi", before), Map.of("t.abi", after)))
                .containsExactly("TYPE_RENAMED t.Core", "TYPE_RENAMED t.Outer2");
    }

    @Test
    void aSameNamedTypeOfAnotherPackageIsAnotherType() throws Exception {
        String a = "package pa;\nstruct Hdr { v: u32; }\n";
        Map<String, String> before = Map.of("a.abi", a,
                "b.abi", "package pb;\nimport \"a.abi\";\nstruct Msg { h: Hdr; }\n");
        Map<String, String> after = Map.of("a.abi", a, "b.abi", "package pb;\nstruct Hdr { v: f32; }\nstruct Msg { h: Hdr; }\n");
        assertThat(rules(before, after)).containsExactly("FIELD_TYPE_CHANGED pb.Msg.h", "STRUCT_ADDED pb.Hdr");
    }

    @Test
    void aPackageChangeDoesNotRetypeFields() throws Exception {
        String before = "package t;\nenum E : u8 { A = 1 }\nstruct S { e: E; x: u8[3]; }\n";
        assertThat(rules(Map.of("t.abi", before), Map.of("t.abi", before.replace("package t;", "package t2;"))))
                .containsExactly("PACKAGE_CHANGED t2");
    }

    @Test
    void aRenamedCountedArrayKeepsItsCount() throws Exception {
        String before = "package t;\nstruct S { n: u32 count_of(items); pad: reserved u32; items: u64[4]; }\n";
        String after = before.replace("items", "entries");
        assertThat(rules(Map.of("t.abi", before), Map.of("t.abi", after))).containsExactly("FIELD_RENAMED t.S.entries");
    }

    @Test
    void splittingAPreconditionChangesNothing() throws Exception {
        String before = "package t;\nlayout L(a: u64, b: u64) {\n    require a >= 1 && b > 0;\n    d: bytes[a * b];\n}\n";
        String after = before.replace("    require a >= 1 && b > 0;", "    require b > 0;\n    require a >= 1;");
        assertThat(rules(Map.of("t.abi", before), Map.of("t.abi", after))).isEmpty();
    }

    @Test
    void theVersionComparedIsTheOneOfTheFileTheDeclarationCameFrom() throws Exception {
        String x = "package p;\noption abi_version = \"1.0\";\nstruct S { a: u32; b: u32; }\n";
        Snapshot before = snapshot(Map.of("x.abi", x), "before");
        Snapshot after = snapshot(Map.of("y.abi", x.replace("a: u32", "a: i32")), "after");
        List<Verdict> verdicts = Policy.judge(before, after, Drift.compare(before, after), CheckConfig.NONE).verdicts();
        assertThat(verdicts.stream().map(v -> v.finding().rule() + " " + v.status()).toList())
                .containsExactly("DECL_MOVED REPORTED", "FIELD_TYPE_CHANGED FAILS");
    }

    @Test
    void twoInputFilesOfTheSameNameCannotBeLocked() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("da"));
        Path b = Files.createDirectories(tmp.resolve("db"));
        Files.writeString(a.resolve("x.abi"), "package pa;\nstruct A { v: u32; }\n");
        Files.writeString(b.resolve("x.abi"), "package pb;\nstruct B { v: u32; }\n");
        AbiModel model = Abic.compile(List.of(a, b)).model().orElseThrow();
        InvalidFile e = org.junit.jupiter.api.Assertions.assertThrows(InvalidFile.class, () -> Snapshot.of(model));
        assertThat(e.diagnostic().render()).contains("are both called x.abi in their folders");
    }

    @Test
    void aBaselineFromAnotherFolderIsAnError() throws Exception {
        Path lock = tmp.resolve("root.lock");
        Files.writeString(lock, LockFile.write(snapshot(Map.of("t.abi", MSG), "x")).replace("\"t.abi\"", "\"idl/t.abi\""));
        Path dir = Files.createDirectories(tmp.resolve("idl"));
        Files.writeString(dir.resolve("t.abi"), MSG);
        AbiModel model = Abic.compile(List.of(dir)).model().orElseThrow();
        InvalidFile e = org.junit.jupiter.api.Assertions.assertThrows(InvalidFile.class, () -> DriftCheck.check(model,
                java.util.Optional.of(DriftCheck.readBaseline(lock)), CheckConfig.NONE, List.of()));
        assertThat(e.diagnostic().render()).contains("the baseline names its files idl/t.abi and the inputs are t.abi");
    }

    private Snapshot snapshot(Map<String, String> files, String dirName) throws IOException, InvalidFile {
        Path dir = Files.createDirectories(tmp.resolve(dirName + "-" + System.nanoTime()));
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
        Abic.Result r = Abic.compile(List.of(dir));
        assertWithMessage(r.diagnostics().stream().map(Diagnostic::render).collect(Collectors.joining("\n")))
                .that(r.succeeded()).isTrue();
        AbiModel model = r.model().orElseThrow();
        return Snapshot.of(model);
    }

    private static String render(List<Finding> findings) {
        return Stream.concat(Stream.of("findings:"), findings.stream().map(f -> f.rule() + ": " + f.message()))
                .collect(Collectors.joining("\n  "));
    }
}
