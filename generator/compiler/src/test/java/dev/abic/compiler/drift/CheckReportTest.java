package dev.abic.compiler.drift;

import static com.google.common.truth.Truth.assertThat;

import dev.abic.compiler.Abic;
import dev.abic.compiler.diag.SourceFile;
import dev.abic.compiler.emit.GeneratedFile;
import dev.abic.compiler.emit.cpp.CppEmitter;
import dev.abic.compiler.model.AbiModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four renderings of a check, and staleness of generated files. */
class CheckReportTest {
    @TempDir
    Path tmp;

    private static final String BEFORE = """
            package t;
            enum Op : u32 { NOP = 0, READ = 1 }
            struct Msg {
                op: Op;
                len: u32;
                spare: reserved u64;
            }
            """;

    /** One breaking (fails), one source and one compatible change. */
    private static final String AFTER = """
            package t;
            enum Op : u32 { NOP = 0, READ = 2 }
            struct Msg {
                op: Op;
                length: u32;
                cookie: u64;
            }
            """;

    private CheckReport report() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("abi"));
        Path file = dir.resolve("t.abi");
        Files.writeString(file, BEFORE);
        Path lock = dir.resolve("abi.lock");
        Files.writeString(lock, LockFile.write(Snapshot.of(compile(file))));
        Files.writeString(file, AFTER);
        return DriftCheck.check(compile(file), Optional.of(DriftCheck.readBaseline(lock)), CheckConfig.NONE, List.of());
    }

    @Test
    void sarifUrisAreUriReferences() {
        assertThat(CheckReport.sarifUri("idl/hdmr.abi")).isEqualTo("idl/hdmr.abi");
        assertThat(CheckReport.sarifUri("my dir/a%b.abi")).isEqualTo("my%20dir/a%25b.abi");
        assertThat(CheckReport.sarifUri("a:b/x.abi")).isEqualTo("./a:b/x.abi");
        assertThat(CheckReport.sarifUri("/tmp/x y/t.abi")).isEqualTo("file:///tmp/x%20y/t.abi");
    }

    private static AbiModel compile(Path file) {
        return Abic.compile(List.of(file)).model().orElseThrow();
    }

    @Test
    void textIsCompilerStyleWithTheRuleId() throws Exception {
        CheckReport r = report();
        assertThat(r.exitStatus()).isEqualTo(12);
        String text = r.text();
        assertThat(text).contains("t.abi:2:26: error[ENUM_VALUE_CHANGED]: Op.READ changed from 1 to 2\n"
                + "    enum Op : u32 { NOP = 0, READ = 2 }\n"
                + "                             ^~~~\n"
                + "  BREAKING: bump the major abi_version of t.abi (now not set) or relax ENUM_VALUE_CHANGED");
        assertThat(text).contains("t.abi:5:5: warning[FIELD_RENAMED]: field Msg.len was renamed to length");
        assertThat(text).contains("t.abi:6:5: note[RESERVED_FIELD_USED]: field Msg.cookie (offset 8, 8 bytes, u64)");
        assertThat(text).endsWith("abic check: 1 breaking (1 failing), 1 source, 1 compatible, "
                + "0 stale generated files -- FAILED\n");
    }

    @Test
    void jsonCarriesEveryFindingAndTheExitStatus() throws Exception {
        CheckReport r = report();
        Json.Obj root = (Json.Obj) Json.parse(new SourceFile(tmp.resolve("r.json"), "r.json", "r.json", r.json(tmp)));
        assertThat(((Json.Num) root.get("exit_status").orElseThrow()).text()).isEqualTo("12");
        List<Json.Value> findings = ((Json.Arr) root.get("findings").orElseThrow()).items();
        assertThat(findings).hasSize(3);
        Json.Obj first = (Json.Obj) findings.get(0);
        assertThat(((Json.Str) first.get("rule").orElseThrow()).value()).isEqualTo("ENUM_VALUE_CHANGED");
        assertThat(((Json.Str) first.get("status").orElseThrow()).value()).isEqualTo("FAILS");
        assertThat(((Json.Str) first.get("file").orElseThrow()).value()).isEqualTo("abi/t.abi");
    }

    @Test
    void sarifHasTheShapeCodeScanningNeeds() throws Exception {
        String sarif = report().sarif(tmp, "9.9");
        Json.Obj root = (Json.Obj) Json.parse(new SourceFile(tmp.resolve("r.sarif"), "r.sarif", "r.sarif", sarif));
        assertThat(((Json.Str) root.get("version").orElseThrow()).value()).isEqualTo("2.1.0");
        Json.Obj run = (Json.Obj) ((Json.Arr) root.get("runs").orElseThrow()).items().get(0);
        Json.Obj driver = (Json.Obj) ((Json.Obj) run.get("tool").orElseThrow()).get("driver").orElseThrow();
        List<Json.Value> rules = ((Json.Arr) driver.get("rules").orElseThrow()).items();
        assertThat(rules).hasSize(Rule.values().length + 1);
        List<Json.Value> results = ((Json.Arr) run.get("results").orElseThrow()).items();
        assertThat(results).hasSize(3);
        for (Json.Value v : results) {
            Json.Obj result = (Json.Obj) v;
            String ruleId = ((Json.Str) result.get("ruleId").orElseThrow()).value();
            int index = Integer.parseInt(((Json.Num) result.get("ruleIndex").orElseThrow()).text());
            // ruleIndex points at the rule with that id, as SARIF requires.
            assertThat(((Json.Str) ((Json.Obj) rules.get(index)).get("id").orElseThrow()).value()).isEqualTo(ruleId);
            assertThat(((Json.Str) result.get("level").orElseThrow()).value()).isAnyOf("error", "warning", "note");
        }
        assertThat(sarif).contains("\"uri\": \"abi/t.abi\"");
        assertThat(sarif).contains("\"startLine\": 2, \"startColumn\": 26");
    }

    @Test
    void githubAnnotationsEscapeTheirProperties() throws Exception {
        String gh = report().github(tmp);
        assertThat(gh).contains("::error file=abi/t.abi,line=2,col=26,title=abic ENUM_VALUE_CHANGED (BREAKING)::"
                + "Op.READ changed from 1 to 2 (bump the major abi_version");
        assertThat(gh).contains("::warning file=abi/t.abi,line=5,col=5,title=abic FIELD_RENAMED (SOURCE)::");
        assertThat(gh).contains("::notice file=abi/t.abi,line=6,col=5,title=abic RESERVED_FIELD_USED (COMPATIBLE)::");
        for (String line : gh.split("\n")) {
            if (line.startsWith("::")) {
                String props = line.substring(line.indexOf(' ') + 1, line.indexOf("::", 2));
                assertThat(props.split(",")).hasLength(4);
            }
        }
    }

    @Test
    void staleFilesDifferingMissingAndLeftOver() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("include"));
        Path abi = tmp.resolve("t.abi");
        Files.writeString(abi, BEFORE);
        List<GeneratedFile> expected = Abic.generateCpp(compile(abi), CppEmitter.Options.DEFAULTS).files();
        for (GeneratedFile f : expected) {
            Files.createDirectories(out.resolve(f.path()).getParent());
            Files.writeString(out.resolve(f.path()), f.content());
        }
        assertThat(Staleness.check(out, expected)).isEmpty();

        Path header = out.resolve("t.h");
        Files.writeString(header, Files.readString(header).replace("std::uint32_t len;", "std::uint32_t len;  // edited"));
        Files.delete(out.resolve("abic/support.h"));
        Files.writeString(out.resolve("old.h"), "// Generated from old.abi by abic; do not edit.\n#pragma once\n");
        Files.writeString(out.resolve("mine.h"), "// hand-written, not abic's\n");
        List<Staleness.StaleFile> stale = Staleness.check(out, expected);
        assertThat(stale.stream().map(s -> out.relativize(s.path()).toString() + " " + s.kind()).toList())
                .containsExactly("abic/support.h MISSING", "old.h NOT_GENERATED_ANY_MORE", "t.h DIFFERS").inOrder();
        String diff = stale.get(2).diff();
        assertThat(diff).startsWith("--- a/" + header.toString().replace('\\', '/') + "\n+++ b/");
        assertThat(diff).contains("\n-    std::uint32_t len;  // edited\n+    std::uint32_t len;\n");
        CheckReport r = new CheckReport(Optional.empty(), List.of(), stale, List.of());
        assertThat(r.exitStatus()).isEqualTo(CheckReport.STALE);
        assertThat(r.text()).contains("error[GENERATED_FILE_STALE]: " + header + " differs");
    }
}
