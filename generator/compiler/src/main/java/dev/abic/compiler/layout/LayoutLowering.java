package dev.abic.compiler.layout;

import dev.abic.compiler.layout.LayoutProgram.Binary;
import dev.abic.compiler.layout.LayoutProgram.Call;
import dev.abic.compiler.layout.LayoutProgram.Checked;
import dev.abic.compiler.layout.LayoutProgram.CheckedOp;
import dev.abic.compiler.layout.LayoutProgram.Lit;
import dev.abic.compiler.layout.LayoutProgram.Pure;
import dev.abic.compiler.layout.LayoutProgram.Step;
import dev.abic.compiler.layout.LayoutProgram.Unary;
import dev.abic.compiler.layout.LayoutProgram.Var;
import dev.abic.compiler.model.BinaryOp;
import dev.abic.compiler.model.LayoutDecl;
import dev.abic.compiler.model.LayoutExpr;
import dev.abic.compiler.model.UnaryOp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers a {@link LayoutDecl} to a {@link LayoutProgram}.
 *
 * <p>Semantics, documented in docs/idl-reference.md: requirements are checked in order, each
 * top-level {@code &&} of a requirement as a separate check (so {@code x != 0 && y / x > 2} never
 * divides by zero); arithmetic inside one check is evaluated completely before the check. Then the
 * sections are placed in order: aligned up, or moved to their {@code @} offset, then advanced by
 * their size; the total is the final cursor rounded up to the trailing alignment.
 */
public final class LayoutLowering {
    private static final BigInteger SIXTY_FOUR = BigInteger.valueOf(64);

    private final List<Step> steps = new ArrayList<>();
    private int temps;

    private LayoutLowering() {}

    /** The steps that compute {@code decl}; deterministic, so every emitter lowering it gets the same program. */
    public static LayoutProgram lower(LayoutDecl decl) {
        return new LayoutLowering().run(decl);
    }

    private LayoutProgram run(LayoutDecl decl) {
        for (LayoutDecl.Requirement r : decl.requirements()) {
            steps.add(new LayoutProgram.Comment("require " + r.text() + "  (" + r.span().shortLocation() + ")"));
            for (LayoutExpr conjunct : conjuncts(r.condition())) {
                if (!(conjunct instanceof LayoutExpr.Lit)) {  // a literal here is true: the compiler rejects false ones
                    steps.add(new LayoutProgram.Require(lower(conjunct), r.text()));
                }
            }
        }
        Var cursor = new Var(LayoutProgram.CURSOR, Var.Kind.CURSOR);
        steps.add(new LayoutProgram.Assign(cursor, new Lit(BigInteger.ZERO)));
        List<String> fields = new ArrayList<>();
        // The largest power of two the cursor is known to be a multiple of: an align_up to no more
        // than that is a no-op and is left out.
        long cursorAlign = 1L << 62;
        for (LayoutDecl.Section s : decl.sections()) {
            steps.add(new LayoutProgram.Comment(s.name() + ": " + s.typeText(text(s.count()))
                    + (s.align() > s.element().align() ? " align " + s.align() : "")
                    + s.at().map(at -> " @ " + topText(at)).orElse("") + "  (" + s.span().shortLocation() + ")"));
            Var bytes = new Var(s.name() + "_bytes", Var.Kind.RESULT);
            Var offset = new Var(s.name() + "_offset", Var.Kind.RESULT);
            Pure count = lower(s.count());
            BigInteger elementSize = BigInteger.valueOf(s.element().size());
            BigInteger constantBytes = count instanceof Lit l ? l.value().multiply(elementSize) : null;
            if (s.single() || elementSize.equals(BigInteger.ONE)) {
                steps.add(new LayoutProgram.Assign(bytes, s.single() ? new Lit(elementSize) : count));
            } else if (constantBytes != null && constantBytes.bitLength() <= 64) {
                steps.add(new LayoutProgram.Assign(bytes, new Lit(constantBytes)));
            } else {
                steps.add(new Checked(bytes, CheckedOp.MUL, count, new Lit(elementSize)));
            }
            if (s.at().isPresent()) {
                // Placed exactly where the user says, which must suit the section's alignment.
                Pure at = lower(s.at().get());
                steps.add(new LayoutProgram.PlaceAt(s.name(), at, s.align()));
                cursorAlign = at instanceof Lit l ? lowestBit(l.value()) : s.align();
            } else if (s.align() > cursorAlign) {
                steps.add(new Checked(cursor, CheckedOp.ALIGN_UP, cursor, new Lit(BigInteger.valueOf(s.align()))));
                cursorAlign = s.align();
            }
            steps.add(new LayoutProgram.Assign(offset, cursor));
            steps.add(new Checked(cursor, CheckedOp.ADD, cursor, bytes));
            fields.add(offset.name());
            fields.add(bytes.name());
            long sizeAlign = count instanceof Lit l ? lowestBit(l.value().multiply(elementSize))
                    : lowestBit(elementSize);
            cursorAlign = Math.min(cursorAlign, sizeAlign);
        }
        if (decl.trailingAlign() > cursorAlign) {
            steps.add(new LayoutProgram.Comment("total size rounded up to " + decl.trailingAlign()));
            steps.add(new Checked(cursor, CheckedOp.ALIGN_UP, cursor, new Lit(BigInteger.valueOf(decl.trailingAlign()))));
        }
        Var total = new Var("total_bytes", Var.Kind.RESULT);
        steps.add(new LayoutProgram.Assign(total, cursor));
        fields.add(total.name());
        return new LayoutProgram(decl, steps, fields);
    }

    /** The largest power of two dividing {@code v}; 2^62 for zero (zero is a multiple of everything). */
    private static long lowestBit(BigInteger v) {
        return v.signum() == 0 ? 1L << 62 : 1L << Math.min(62, v.getLowestSetBit());
    }

    private static List<LayoutExpr> conjuncts(LayoutExpr e) {
        List<LayoutExpr> out = new ArrayList<>();
        if (e instanceof LayoutExpr.Binary b && b.op() == BinaryOp.LOGICAL_AND) {
            out.addAll(conjuncts(b.left()));
            out.addAll(conjuncts(b.right()));
        } else {
            out.add(e);
        }
        return out;
    }

    private Pure lower(LayoutExpr e) {
        if (e instanceof LayoutExpr.Lit lit) {
            return new Lit(lit.value());
        }
        if (e instanceof LayoutExpr.Param p) {
            return new Var(p.name(), Var.Kind.PARAM);
        }
        if (e instanceof LayoutExpr.Unary u) {
            Pure operand = lower(u.operand());
            if (u.op() == UnaryOp.NEGATE) {
                return checked(CheckedOp.SUB, new Lit(BigInteger.ZERO), operand);
            }
            return new Unary(u.op(), operand);
        }
        if (e instanceof LayoutExpr.Binary b) {
            Pure left = lower(b.left());
            Pure right = lower(b.right());
            return switch (b.op()) {
                case ADD -> checked(CheckedOp.ADD, left, right);
                case SUB -> checked(CheckedOp.SUB, left, right);
                case MUL -> checked(CheckedOp.MUL, left, right);
                case SHL -> checked(CheckedOp.SHL, left, right);
                case DIV -> nonZeroConstant(right) ? new Binary(BinaryOp.DIV, left, right) : checked(CheckedOp.DIV, left, right);
                case MOD -> nonZeroConstant(right) ? new Binary(BinaryOp.MOD, left, right) : checked(CheckedOp.MOD, left, right);
                case SHR -> right instanceof Lit l && l.value().compareTo(SIXTY_FOUR) < 0
                        ? new Binary(BinaryOp.SHR, left, right) : checked(CheckedOp.SHR, left, right);
                default -> new Binary(b.op(), left, right);
            };
        }
        LayoutExpr.Call c = (LayoutExpr.Call) e;
        List<Pure> args = c.args().stream().map(this::lower).toList();
        if (c.function().equals("align_up")) {
            return checked(CheckedOp.ALIGN_UP, args.get(0), args.get(1));
        }
        return new Call(c.function(), args);
    }

    private static boolean nonZeroConstant(Pure p) {
        return p instanceof Lit l && l.value().signum() != 0;
    }

    private Var checked(CheckedOp op, Pure left, Pure right) {
        Var t = new Var("t" + temps++ + "_", Var.Kind.TEMP);
        steps.add(new Checked(t, op, left, right));
        return t;
    }

    /** {@link #text}, without parentheses around the whole. */
    public static String topText(LayoutExpr e) {
        String t = text(e);
        return e instanceof LayoutExpr.Binary ? t.substring(1, t.length() - 1) : t;
    }

    /** An expression as the user would write it, for comments. */
    public static String text(LayoutExpr e) {
        if (e instanceof LayoutExpr.Lit lit) {
            return lit.value().toString();
        }
        if (e instanceof LayoutExpr.Param p) {
            return p.name();
        }
        if (e instanceof LayoutExpr.Unary u) {
            return u.op().symbol() + text(u.operand());
        }
        if (e instanceof LayoutExpr.Binary b) {
            return "(" + text(b.left()) + " " + b.op().symbol() + " " + text(b.right()) + ")";
        }
        LayoutExpr.Call c = (LayoutExpr.Call) e;
        return c.function() + "(" + String.join(", ", c.args().stream().map(LayoutLowering::text).toList()) + ")";
    }
}
