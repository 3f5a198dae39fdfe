package dev.abic.compiler.layout;

import dev.abic.compiler.model.BinaryOp;
import dev.abic.compiler.model.LayoutDecl;
import dev.abic.compiler.model.UnaryOp;
import java.math.BigInteger;
import java.util.List;

/**
 * A {@code layout} lowered to straight-line steps over unsigned 64-bit values: every operation that
 * can fail (overflow, division by zero, an alignment past 2^64) is its own {@link Checked} step,
 * everything else is a {@link Pure} expression. Both emitters translate these steps one to one, and
 * {@link LayoutInterpreter} runs them, so Java, C++ and the compiler agree by construction on which
 * inputs fail and how.
 *
 * <p>Variables: the parameters, temporaries {@code t0_, t1_, …}, the cursor {@code cursor_}, and the
 * result fields {@code <section>_offset}, {@code <section>_bytes} and {@code total_bytes}.
 */
public record LayoutProgram(LayoutDecl decl, List<Step> steps, List<String> resultFields) {
    public LayoutProgram {
        steps = List.copyOf(steps);
        resultFields = List.copyOf(resultFields);
    }

    /** The variable that tracks the end of the sections placed so far. */
    public static final String CURSOR = "cursor_";

    /** How a layout computation ends; the numbers are the ABI of the generated functions. */
    public enum Status {
        OK(0),
        REQUIREMENT_FAILED(1),
        ARITHMETIC_OVERFLOW(2),
        DIVISION_BY_ZERO(3),
        SECTION_OVERLAP(4),
        SECTION_MISALIGNED(5);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The status with this code, if there is one. */
        public static java.util.Optional<Status> of(int code) {
            return java.util.Arrays.stream(values()).filter(s -> s.code == code).findFirst();
        }
    }

    /** An expression that cannot fail. {@link #isBoolean()} values are 0 or 1. */
    public sealed interface Pure permits Lit, Var, Unary, Binary, Call {
        boolean isBoolean();
    }

    public record Lit(BigInteger value) implements Pure {
        @Override
        public boolean isBoolean() {
            return false;
        }
    }

    /** A parameter, temporary, the cursor or a result field. */
    public record Var(String name, Kind kind) implements Pure {
        public enum Kind { PARAM, TEMP, CURSOR, RESULT }

        @Override
        public boolean isBoolean() {
            return false;
        }
    }

    /** {@code ~x} (64-bit complement) or {@code !x}. */
    public record Unary(UnaryOp op, Pure operand) implements Pure {
        @Override
        public boolean isBoolean() {
            return op == UnaryOp.NOT;
        }
    }

    /**
     * An operator that cannot fail here: {@code & | ^}, comparisons, {@code && ||}, and {@code / % >>}
     * by a constant that makes them safe.
     */
    public record Binary(BinaryOp op, Pure left, Pure right) implements Pure {
        @Override
        public boolean isBoolean() {
            return op.isBoolean();
        }
    }

    /** {@code is_pow2(x)}, {@code min(a, b)}, {@code max(a, b)}. */
    public record Call(String function, List<Pure> args) implements Pure {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public boolean isBoolean() {
            return function.equals("is_pow2");
        }
    }

    /** The operations that can fail, and the status they fail with. */
    public enum CheckedOp {
        ADD("+", Status.ARITHMETIC_OVERFLOW),
        SUB("-", Status.ARITHMETIC_OVERFLOW),
        MUL("*", Status.ARITHMETIC_OVERFLOW),
        DIV("/", Status.DIVISION_BY_ZERO),
        MOD("%", Status.DIVISION_BY_ZERO),
        SHL("<<", Status.ARITHMETIC_OVERFLOW),
        SHR(">>", Status.ARITHMETIC_OVERFLOW),
        ALIGN_UP("align_up", Status.ARITHMETIC_OVERFLOW);

        private final String symbol;
        private final Status failure;

        CheckedOp(String symbol, Status failure) {
            this.symbol = symbol;
            this.failure = failure;
        }

        public String symbol() {
            return symbol;
        }

        public Status failure() {
            return failure;
        }

        /** Lower-case name, as the support functions are called: {@code add}, {@code align_up}. */
        public String function() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One step of the computation. */
    public sealed interface Step permits Comment, Require, Checked, Assign, PlaceAt {}

    /** A line of explanation in the generated code (the section or requirement as written). */
    public record Comment(String text) implements Step {}

    /** Fails with {@link Status#REQUIREMENT_FAILED} when {@code condition} is 0. */
    public record Require(Pure condition, String text) implements Step {}

    /** {@code target = op(left, right)}, or fail with {@code op.failure()}. */
    public record Checked(Var target, CheckedOp op, Pure left, Pure right) implements Step {}

    /** {@code target = value}. */
    public record Assign(Var target, Pure value) implements Step {}

    /**
     * Fails with {@link Status#SECTION_OVERLAP} when {@code at} is below the cursor, or with
     * {@link Status#SECTION_MISALIGNED} when it is not a multiple of {@code align}; else moves the
     * cursor there.
     */
    public record PlaceAt(String section, Pure at, long align) implements Step {}
}
