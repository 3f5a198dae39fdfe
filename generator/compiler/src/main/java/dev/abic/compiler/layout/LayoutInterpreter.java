package dev.abic.compiler.layout;

import dev.abic.compiler.layout.LayoutProgram.Pure;
import dev.abic.compiler.layout.LayoutProgram.Status;
import dev.abic.compiler.model.UnaryOp;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link LayoutProgram} on concrete parameters: the compiler's reference for what the
 * generated Java and C++ layout functions must return.
 */
public final class LayoutInterpreter {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private LayoutInterpreter() {}

    /** The outcome: a status, and on {@link Status#OK} every result field in declaration order. */
    public record Result(Status status, Map<String, BigInteger> fields) {
        public Result {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** Runs the program; {@code params} are unsigned 64-bit values in declaration order. */
    public static Result run(LayoutProgram program, List<BigInteger> params) {
        if (params.size() != program.decl().params().size()) {
            throw new IllegalArgumentException(program.decl().name() + " takes " + program.decl().params().size()
                    + " parameters, not " + params.size());
        }
        Map<String, BigInteger> vars = new HashMap<>();
        for (int i = 0; i < params.size(); i++) {
            BigInteger p = params.get(i);
            if (p.signum() < 0 || p.compareTo(U64_MAX) > 0) {
                throw new IllegalArgumentException("parameter out of the u64 range: " + p);
            }
            vars.put(program.decl().params().get(i), p);
        }
        for (LayoutProgram.Step step : program.steps()) {
            if (step instanceof LayoutProgram.Require r) {
                if (eval(r.condition(), vars).signum() == 0) {
                    return new Result(Status.REQUIREMENT_FAILED, Map.of());
                }
            } else if (step instanceof LayoutProgram.Assign a) {
                vars.put(a.target().name(), eval(a.value(), vars));
            } else if (step instanceof LayoutProgram.Checked c) {
                BigInteger value = apply(c.op(), eval(c.left(), vars), eval(c.right(), vars));
                if (value == null) {
                    return new Result(c.op().failure(), Map.of());
                }
                vars.put(c.target().name(), value);
            } else if (step instanceof LayoutProgram.PlaceAt p) {
                BigInteger at = eval(p.at(), vars);
                if (at.compareTo(vars.get(LayoutProgram.CURSOR)) < 0) {
                    return new Result(Status.SECTION_OVERLAP, Map.of());
                }
                if (at.mod(BigInteger.valueOf(p.align())).signum() != 0) {
                    return new Result(Status.SECTION_MISALIGNED, Map.of());
                }
                vars.put(LayoutProgram.CURSOR, at);
            }
        }
        Map<String, BigInteger> out = new LinkedHashMap<>();
        for (String f : program.resultFields()) {
            out.put(f, vars.get(f));
        }
        return new Result(Status.OK, out);
    }

    /** A checked operation, or null when it fails. */
    private static BigInteger apply(LayoutProgram.CheckedOp op, BigInteger a, BigInteger b) {
        BigInteger r = switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.subtract(b);
            case MUL -> a.multiply(b);
            case DIV -> b.signum() == 0 ? null : a.divide(b);
            case MOD -> b.signum() == 0 ? null : a.mod(b);
            case SHL -> b.compareTo(BigInteger.valueOf(63)) > 0 ? null : a.shiftLeft(b.intValueExact());
            case SHR -> b.compareTo(BigInteger.valueOf(63)) > 0 ? null : a.shiftRight(b.intValueExact());
            case ALIGN_UP -> a.add(b).subtract(BigInteger.ONE).divide(b).multiply(b);
        };
        return r == null || r.signum() < 0 || r.compareTo(U64_MAX) > 0 ? null : r;
    }

    private static BigInteger eval(Pure p, Map<String, BigInteger> vars) {
        if (p instanceof LayoutProgram.Lit l) {
            return l.value();
        }
        if (p instanceof LayoutProgram.Var v) {
            return vars.get(v.name());
        }
        if (p instanceof LayoutProgram.Unary u) {
            BigInteger x = eval(u.operand(), vars);
            return u.op() == UnaryOp.NOT ? bool(x.signum() == 0) : U64_MAX.subtract(x);
        }
        if (p instanceof LayoutProgram.Binary b) {
            BigInteger x = eval(b.left(), vars);
            BigInteger y = eval(b.right(), vars);
            return switch (b.op()) {
                case DIV -> x.divide(y);
                case MOD -> x.mod(y);
                case SHR -> x.shiftRight(y.intValueExact());
                case AND -> x.and(y);
                case OR -> x.or(y);
                case XOR -> x.xor(y);
                case LT -> bool(x.compareTo(y) < 0);
                case LE -> bool(x.compareTo(y) <= 0);
                case GT -> bool(x.compareTo(y) > 0);
                case GE -> bool(x.compareTo(y) >= 0);
                case EQ -> bool(x.equals(y));
                case NE -> bool(!x.equals(y));
                case LOGICAL_AND -> bool(x.signum() != 0 && y.signum() != 0);
                case LOGICAL_OR -> bool(x.signum() != 0 || y.signum() != 0);
                default -> throw new IllegalStateException("not a pure operator: " + b.op());
            };
        }
        LayoutProgram.Call c = (LayoutProgram.Call) p;
        BigInteger x = eval(c.args().get(0), vars);
        return switch (c.function()) {
            case "is_pow2" -> bool(x.signum() > 0 && x.bitCount() == 1);
            case "min" -> x.min(eval(c.args().get(1), vars));
            case "max" -> x.max(eval(c.args().get(1), vars));
            default -> throw new IllegalStateException("not a pure function: " + c.function());
        };
    }

    private static BigInteger bool(boolean b) {
        return b ? BigInteger.ONE : BigInteger.ZERO;
    }
}
