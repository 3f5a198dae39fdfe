package dev.abic.compiler.resolve;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.Abic;
import dev.abic.compiler.TestSources;
import dev.abic.compiler.model.ConstDecl;
import dev.abic.compiler.model.EnumDecl;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Constant expressions: C precedence, exact arithmetic checked in 64 bits, sizeof/offsetof, enums. */
class ConstantEvaluationTest {
    @TempDir
    Path dir;

    private Map<String, BigInteger> constants(String text) {
        Abic.Result r = TestSources.compile(dir, "package t;\n" + text);
        assertWithMessage(TestSources.render(r)).that(r.succeeded()).isTrue();
        return r.model().orElseThrow().files().get(0).decls(ConstDecl.class).stream()
                .collect(Collectors.toMap(ConstDecl::name, ConstDecl::value));
    }

    @Test
    void followsCPrecedence() {
        Map<String, BigInteger> c = constants("""
                const A: u32 = 1 + 2 * 3;
                const B: u32 = (1 + 2) * 3;
                const C: u64 = 1 << 4 + 1;
                const D: u32 = 6 & 3 | 8 ^ 1;
                const E: u32 = 7 % 4 - 1;
                const F: u32 = 10 > 3 && 2 < 1 || 4 == 4;
                """);
        assertThat(c).containsExactly("A", BigInteger.valueOf(7), "B", BigInteger.valueOf(9),
                "C", BigInteger.valueOf(32), "D", BigInteger.valueOf(11), "E", BigInteger.valueOf(2),
                "F", BigInteger.ONE);
    }

    @Test
    void literalsInEveryRadixWithSeparators() {
        Map<String, BigInteger> c = constants("""
                const H: u64 = 0x4C33_4C32;
                const B: u8 = 0b1010_0001;
                const D: u32 = 1_000_000;
                """);
        assertThat(c.get("H")).isEqualTo(BigInteger.valueOf(0x4C334C32L));
        assertThat(c.get("B")).isEqualTo(BigInteger.valueOf(0xA1));
        assertThat(c.get("D")).isEqualTo(BigInteger.valueOf(1_000_000));
    }

    @Test
    void complementUsesTheDeclaredWidth() {
        Map<String, BigInteger> c = constants("""
                const A: u32 = ~0;
                const B: u8 = ~0x0F;
                const C: i32 = ~5;
                const D: u64 = ~0;
                """);
        assertThat(c.get("A")).isEqualTo(BigInteger.valueOf(0xFFFFFFFFL));
        assertThat(c.get("B")).isEqualTo(BigInteger.valueOf(0xF0));
        assertThat(c.get("C")).isEqualTo(BigInteger.valueOf(-6));
        assertThat(c.get("D")).isEqualTo(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
    }

    @Test
    void packsMagicAndVersionInSixtyFourBits() {
        Map<String, BigInteger> c = constants("""
                const MAGIC: u32 = 0x4C335132;
                const VERSION: u64 = (MAGIC << 32) | (1 << 16) | 1;
                """);
        assertThat(c.get("VERSION")).isEqualTo(new BigInteger("4C33513200010001", 16));
    }

    @Test
    void sizeofAlignofOffsetofAndEnumValues() {
        Map<String, BigInteger> c = constants("""
                const S: u32 = sizeof(Rec);
                const A: u32 = alignof(Rec);
                const O: u32 = offsetof(Rec, b);
                const ARR: u32 = sizeof(u16[5]);
                const E: u32 = Kind.TWO * 10;
                enum Kind : u8 { ONE = 1, TWO = 2 }
                struct Rec align 32 { a: u32; r: reserved u32; b: u64; rest: reserved u8[16]; }
                """);
        assertThat(c.get("S")).isEqualTo(BigInteger.valueOf(32));
        assertThat(c.get("A")).isEqualTo(BigInteger.valueOf(32));
        assertThat(c.get("O")).isEqualTo(BigInteger.valueOf(8));
        assertThat(c.get("ARR")).isEqualTo(BigInteger.valueOf(10));
        assertThat(c.get("E")).isEqualTo(BigInteger.valueOf(20));
    }

    @Test
    void declarationsMayBeUsedBeforeTheyAreDeclared() {
        Map<String, BigInteger> c = constants("""
                const LATER: u32 = EARLIER * 2;
                const EARLIER: u32 = CAP + 1;
                const CAP: u32 = 4;
                """);
        assertThat(c.get("LATER")).isEqualTo(BigInteger.valueOf(10));
    }

    @Test
    void flagsAcceptSingleBitsAndMasksOfDeclaredBits() {
        Abic.Result r = TestSources.compile(dir, "package t;\nflags F : u8 { NONE = 0, A = 1, B = 2, AB = 3, C = 0x80 }");
        assertWithMessage(TestSources.render(r)).that(r.succeeded()).isTrue();
        EnumDecl f = r.model().orElseThrow().files().get(0).decls(EnumDecl.class).get(0);
        assertThat(f.values().stream().map(EnumDecl.Value::name).toList())
                .containsExactly("NONE", "A", "B", "AB", "C").inOrder();
    }

    @Test
    void importedNamesAreVisibleSimplyAndQualified() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("base.abi"), "package base.x;\nconst N: u32 = 3;\nstruct P { v: u32; }\n");
        java.nio.file.Files.writeString(dir.resolve("use.abi"), """
                package use;
                import "base.abi";
                const A: u32 = N + base.x.N;
                struct Q { p: P; q: base.x.P; }
                """);
        Abic.Result r = Abic.compile(List.of(dir.resolve("use.abi")));
        assertWithMessage(TestSources.render(r)).that(r.succeeded()).isTrue();
        assertThat(r.model().orElseThrow().files()).hasSize(2);
        assertThat(r.model().orElseThrow().files().get(0).packageName()).isEqualTo("base.x");
    }
}
