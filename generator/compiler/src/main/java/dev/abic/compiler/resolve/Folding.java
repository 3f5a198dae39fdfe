package dev.abic.compiler.resolve;

import dev.abic.compiler.model.BinaryOp;
import dev.abic.compiler.model.LayoutExpr;
import dev.abic.compiler.model.UnaryOp;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * What the compiler can tell about a layout expression without knowing the parameters: a
 * comparison of a value with itself, an unsigned value against 0 or 2^64 − 1, a bit test that
 * cannot match, a condition that is a non-zero literal OR'ed in. Such parts are folded to 0 or 1
 * (without evaluating their operands), so that the generated code never holds a comparison whose
 * result a C++ compiler can see — which it would warn about, failing -Werror builds — and so that a
 * requirement that is always false is reported.
 */
final class Folding {
    private Folding() {}

    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /**
     * {@code left op right} when an operand is combined with itself: {@code x ^ x} and {@code x - x}
     * are 0, {@code x & x} and {@code x | x} are x (none of these can fail at run time).
     */
    static Optional<LayoutExpr> selfCombination(BinaryOp op, LayoutExpr left, LayoutExpr right) {
        if (!canonical(left).equals(canonical(right))) {
            return Optional.empty();
        }
        return switch (op) {
            case XOR, SUB -> Optional.of(new LayoutExpr.Lit(BigInteger.ZERO));
            case AND, OR -> Optional.of(left);
            default -> Optional.empty();
        };
    }

    /** The value of {@code left op right} if the compiler can tell it, for comparisons and logic. */
    static Optional<Boolean> decided(BinaryOp op, LayoutExpr left, LayoutExpr right) {
        if (op.isLogical()) {
            Optional<Boolean> l = truth(left);
            Optional<Boolean> r = truth(right);
            boolean and = op == BinaryOp.LOGICAL_AND;
            if ((l.isPresent() && l.get() != and) || (r.isPresent() && r.get() != and)) {
                return Optional.of(!and);
            }
            if (l.isPresent() && r.isPresent()) {
                return Optional.of(and);
            }
            return Optional.empty();
        }
        if (!op.isComparison()) {
            return Optional.empty();
        }
        if (canonical(left).equals(canonical(right))) {
            return Optional.of(op == BinaryOp.LE || op == BinaryOp.GE || op == BinaryOp.EQ);
        }
        // A literal against a value known to lie in 0..B (B = 2^64 - 1 when nothing more is known;
        // 1 for a boolean): whatever the comparison, if every value in the range gives the same
        // answer, that is the answer.
        Optional<Boolean> ranged = Optional.empty();
        if (right instanceof LayoutExpr.Lit lit) {
            ranged = againstRange(op, upperBound(left), lit.value());
        } else if (left instanceof LayoutExpr.Lit lit) {
            ranged = againstRange(mirror(op), upperBound(right), lit.value());
        }
        if (ranged.isPresent()) {
            return ranged;
        }
        // (x & m) == c with a bit of c outside m, (x | m) == c with a bit of m outside c: never equal.
        if (op == BinaryOp.EQ || op == BinaryOp.NE) {
            Optional<Boolean> never = bitTestNeverEqual(left, right).or(() -> bitTestNeverEqual(right, left));
            if (never.isPresent()) {
                return Optional.of(op == BinaryOp.NE);
            }
        }
        return Optional.empty();
    }

    /**
     * The largest value {@code e} can have: 1 for a boolean, the literal for a literal, and what
     * {@code &}, {@code |}, {@code ^} and {@code %} of those allow; 2^64 − 1 when unknown.
     */
    static BigInteger upperBound(LayoutExpr e) {
        if (e.isBoolean()) {
            return BigInteger.ONE;
        }
        if (e instanceof LayoutExpr.Lit lit) {
            return lit.value();
        }
        if (e instanceof LayoutExpr.Binary b) {
            BigInteger l = upperBound(b.left());
            BigInteger r = upperBound(b.right());
            switch (b.op()) {
                case AND:
                    return l.min(r);
                case OR:
                case XOR:
                    return BigInteger.ONE.shiftLeft(l.max(r).bitLength()).subtract(BigInteger.ONE);
                case MOD:
                    if (b.right() instanceof LayoutExpr.Lit m && m.value().signum() > 0) {
                        return l.min(m.value().subtract(BigInteger.ONE));
                    }
                    return l;
                default:
                    return U64_MAX;
            }
        }
        return U64_MAX;
    }

    /** {@code x op c} for every x in 0..bound: the answer if it is the same for all of them. */
    private static Optional<Boolean> againstRange(BinaryOp op, BigInteger bound, BigInteger c) {
        boolean atZero = compare(op, BigInteger.ZERO, c);
        boolean atBound = compare(op, bound, c);
        // Comparisons are monotonic in x, except == and !=, which change only at c.
        boolean cInside = c.signum() >= 0 && c.compareTo(bound) <= 0;
        if (op == BinaryOp.EQ || op == BinaryOp.NE) {
            return cInside ? Optional.empty() : Optional.of(op == BinaryOp.NE);
        }
        return atZero == atBound ? Optional.of(atZero) : Optional.empty();
    }

    private static boolean compare(BinaryOp op, BigInteger x, BigInteger c) {
        int k = x.compareTo(c);
        return switch (op) {
            case LT -> k < 0;
            case LE -> k <= 0;
            case GT -> k > 0;
            case GE -> k >= 0;
            case EQ -> k == 0;
            default -> k != 0;
        };
    }

    /** {@code c op x} as {@code x op' c}. */
    private static BinaryOp mirror(BinaryOp op) {
        return switch (op) {
            case LT -> BinaryOp.GT;
            case LE -> BinaryOp.GE;
            case GT -> BinaryOp.LT;
            case GE -> BinaryOp.LE;
            default -> op;
        };
    }

    private static Optional<Boolean> bitTestNeverEqual(LayoutExpr test, LayoutExpr value) {
        if (!(test instanceof LayoutExpr.Binary b) || !(value instanceof LayoutExpr.Lit c)) {
            return Optional.empty();
        }
        LayoutExpr maskSide = b.right() instanceof LayoutExpr.Lit ? b.right() : b.left();
        if (!(maskSide instanceof LayoutExpr.Lit m)) {
            return Optional.empty();
        }
        if (b.op() == BinaryOp.AND && c.value().andNot(m.value()).signum() != 0) {
            return Optional.of(true);
        }
        if (b.op() == BinaryOp.OR && m.value().andNot(c.value()).signum() != 0) {
            return Optional.of(true);
        }
        return Optional.empty();
    }

    /** Whether {@code e}, used as a condition, is known to be true or false. */
    static Optional<Boolean> truth(LayoutExpr e) {
        if (e instanceof LayoutExpr.Lit lit) {
            return Optional.of(lit.value().signum() != 0);
        }
        if (e instanceof LayoutExpr.Binary b) {
            // x | c with c != 0 is never 0.
            if (b.op() == BinaryOp.OR && (nonZeroLit(b.left()) || nonZeroLit(b.right()))) {
                return Optional.of(true);
            }
            // x & 0 is always 0.
            if (b.op() == BinaryOp.AND && (isLit(b.left(), BigInteger.ZERO) || isLit(b.right(), BigInteger.ZERO))) {
                return Optional.of(false);
            }
        }
        // ~b for a boolean b is 2^64 - 1 or 2^64 - 2: never 0.
        if (e instanceof LayoutExpr.Unary u && u.op() == UnaryOp.COMPLEMENT && u.operand().isBoolean()) {
            return Optional.of(true);
        }
        return Optional.empty();
    }

    /** An operand of && and || whose truth is known becomes 0 or 1. */
    static LayoutExpr condition(BinaryOp op, LayoutExpr operand) {
        if (!op.isLogical()) {
            return operand;
        }
        return truth(operand).map(t -> (LayoutExpr) new LayoutExpr.Lit(t ? BigInteger.ONE : BigInteger.ZERO))
                .orElse(operand);
    }

    /** {@code e} with the operands of commutative operators in a fixed order, for comparing. */
    static LayoutExpr canonical(LayoutExpr e) {
        if (e instanceof LayoutExpr.Binary b) {
            LayoutExpr l = canonical(b.left());
            LayoutExpr r = canonical(b.right());
            if (b.op().isCommutative() && l.toString().compareTo(r.toString()) > 0) {
                return new LayoutExpr.Binary(b.op(), r, l);
            }
            return new LayoutExpr.Binary(b.op(), l, r);
        }
        if (e instanceof LayoutExpr.Unary u) {
            return new LayoutExpr.Unary(u.op(), canonical(u.operand()));
        }
        if (e instanceof LayoutExpr.Call c) {
            List<LayoutExpr> args = c.args().stream().map(Folding::canonical).toList();
            if ((c.function().equals("min") || c.function().equals("max"))
                    && args.get(0).toString().compareTo(args.get(1).toString()) > 0) {
                args = List.of(args.get(1), args.get(0));
            }
            return new LayoutExpr.Call(c.function(), args);
        }
        return e;
    }

    private static boolean isLit(LayoutExpr e, BigInteger v) {
        return e instanceof LayoutExpr.Lit lit && lit.value().equals(v);
    }

    private static boolean nonZeroLit(LayoutExpr e) {
        return e instanceof LayoutExpr.Lit lit && lit.value().signum() != 0;
    }
}
