package dev.abic.compiler.model;

import java.math.BigInteger;
import java.util.List;

/**
 * A resolved expression over the parameters of a {@code layout}, evaluated at run time with 64-bit
 * unsigned arithmetic. Everything that does not depend on a parameter has been folded to a
 * {@link Lit} by the compiler.
 */
public sealed interface LayoutExpr permits LayoutExpr.Lit, LayoutExpr.Param, LayoutExpr.Unary, LayoutExpr.Binary,
        LayoutExpr.Call {
    /** True for comparisons and logical operators, whose value is 0 or 1. */
    boolean isBoolean();

    record Lit(BigInteger value) implements LayoutExpr {
        @Override
        public boolean isBoolean() {
            return false;
        }
    }

    record Param(String name) implements LayoutExpr {
        @Override
        public boolean isBoolean() {
            return false;
        }
    }

    record Unary(UnaryOp op, LayoutExpr operand) implements LayoutExpr {
        @Override
        public boolean isBoolean() {
            return op == UnaryOp.NOT;
        }
    }

    record Binary(BinaryOp op, LayoutExpr left, LayoutExpr right) implements LayoutExpr {
        @Override
        public boolean isBoolean() {
            return op.isBoolean();
        }
    }

    /** A built-in function: {@code is_pow2}, {@code align_up}, {@code min}, {@code max}. */
    record Call(String function, List<LayoutExpr> args) implements LayoutExpr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public boolean isBoolean() {
            return function.equals("is_pow2");
        }
    }
}
