package dev.abic.compiler.layout;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.abic.compiler.Abic;
import dev.abic.compiler.TestSources;
import dev.abic.compiler.model.LayoutDecl;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semantics of layout functions, on the reference interpreter every emitter must match. */
class LayoutInterpreterTest {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @TempDir
    Path dir;

    private LayoutProgram program(String body) {
        Abic.Result r = TestSources.compile(dir, "package t;\nstruct Slot { a: u64; b: u64; } size 16;\n" + body);
        assertWithMessage(TestSources.render(r)).that(r.succeeded()).isTrue();
        LayoutDecl decl = r.model().orElseThrow().files().get(0).decls(LayoutDecl.class).get(0);
        return LayoutLowering.lower(decl);
    }

    private static LayoutInterpreter.Result run(LayoutProgram p, BigInteger... params) {
        return LayoutInterpreter.run(p, List.of(params));
    }

    private static BigInteger n(long v) {
        return BigInteger.valueOf(v);
    }

    @Test
    void placesSectionsInOrderWithAlignment() {
        LayoutProgram p = program("layout L(n: u64, b: u64) { ring: Slot[n]; data: bytes[b] align 64; tail: u32[3]; }");
        LayoutInterpreter.Result r = run(p, n(3), n(10));
        assertThat(r.status()).isEqualTo(LayoutProgram.Status.OK);
        assertThat(r.fields()).containsExactly(
                "ring_offset", n(0), "ring_bytes", n(48),
                "data_offset", n(64), "data_bytes", n(10),
                "tail_offset", n(76), "tail_bytes", n(12),
                "total_bytes", n(88)).inOrder();
    }

    @Test
    void multiplicationOverflowNearTwoToTheSixtyFour() {
        LayoutProgram p = program("layout L(n: u64) { ring: Slot[n]; }");
        BigInteger largestFit = U64_MAX.divide(n(16));
        assertThat(run(p, largestFit).status()).isEqualTo(LayoutProgram.Status.OK);
        assertThat(run(p, largestFit.add(BigInteger.ONE)).status())
                .isEqualTo(LayoutProgram.Status.ARITHMETIC_OVERFLOW);
    }

    @Test
    void additionAndAlignmentOverflow() {
        LayoutProgram p = program("layout L(a: u64, b: u64) { x: bytes[a]; y: bytes[b] align 64; }");
        assertThat(run(p, U64_MAX.subtract(n(63)), n(0)).status()).isEqualTo(LayoutProgram.Status.OK);
        assertThat(run(p, U64_MAX.subtract(n(62)), n(0)).status())
                .isEqualTo(LayoutProgram.Status.ARITHMETIC_OVERFLOW);
        assertThat(run(p, U64_MAX.subtract(n(63)), n(63)).status()).isEqualTo(LayoutProgram.Status.OK);
        assertThat(run(p, U64_MAX.subtract(n(63)), n(64)).status())
                .isEqualTo(LayoutProgram.Status.ARITHMETIC_OVERFLOW);
    }

    @Test
    void divisionByAParameterThatIsZero() {
        LayoutProgram p = program("layout L(a: u64, b: u64) { x: bytes[a / b]; }");
        assertThat(run(p, n(10), n(2)).fields().get("x_bytes")).isEqualTo(n(5));
        assertThat(run(p, n(10), n(0)).status()).isEqualTo(LayoutProgram.Status.DIVISION_BY_ZERO);
    }

    @Test
    void topLevelConjunctsAreCheckedInOrder() {
        // b != 0 is checked before a / b is computed, so b = 0 fails the requirement, not the division.
        LayoutProgram p = program("layout L(a: u64, b: u64) { require b != 0 && a / b > 2; x: bytes[a]; }");
        assertThat(run(p, n(10), n(0)).status()).isEqualTo(LayoutProgram.Status.REQUIREMENT_FAILED);
        assertThat(run(p, n(10), n(5)).status()).isEqualTo(LayoutProgram.Status.REQUIREMENT_FAILED);
        assertThat(run(p, n(10), n(3)).status()).isEqualTo(LayoutProgram.Status.OK);
    }

    @Test
    void subtractionBelowZeroIsOverflow() {
        LayoutProgram p = program("layout L(a: u64) { x: bytes[a - 8]; }");
        assertThat(run(p, n(8)).fields().get("x_bytes")).isEqualTo(n(0));
        assertThat(run(p, n(7)).status()).isEqualTo(LayoutProgram.Status.ARITHMETIC_OVERFLOW);
    }

    @Test
    void shiftsBeyondSixtyThreeBitsFail() {
        LayoutProgram p = program("layout L(a: u64) { x: bytes[1 << a]; }");
        assertThat(run(p, n(63)).fields().get("x_bytes")).isEqualTo(BigInteger.ONE.shiftLeft(63));
        assertThat(run(p, n(64)).status()).isEqualTo(LayoutProgram.Status.ARITHMETIC_OVERFLOW);
    }

    @Test
    void placedSectionsMustNotOverlap() {
        LayoutProgram p = program("layout L(a: u64, at: u64) { x: bytes[a]; y: bytes[8] @ at; }");
        LayoutInterpreter.Result ok = run(p, n(16), n(100));
        assertThat(ok.fields().get("y_offset")).isEqualTo(n(100));
        assertThat(ok.fields().get("total_bytes")).isEqualTo(n(108));
        assertThat(run(p, n(16), n(16)).status()).isEqualTo(LayoutProgram.Status.OK);
        assertThat(run(p, n(16), n(15)).status()).isEqualTo(LayoutProgram.Status.SECTION_OVERLAP);
    }

    @Test
    void trailingAlignmentRoundsTheTotal() {
        LayoutProgram p = program("layout L(a: u64) { x: bytes[a]; } align 64");
        assertThat(run(p, n(1)).fields().get("total_bytes")).isEqualTo(n(64));
        assertThat(run(p, n(0)).fields().get("total_bytes")).isEqualTo(n(0));
    }
}
