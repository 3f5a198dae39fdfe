package dev.abic.compiler.emit.cpp;

import dev.abic.compiler.layout.LayoutProgram;
import dev.abic.compiler.model.ScalarKind;
import dev.abic.compiler.layout.LayoutProgram.Pure;
import dev.abic.compiler.layout.LayoutProgram.Var;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.stringtemplate.v4.ST;
import org.stringtemplate.v4.STGroup;

/** The body of a C++ layout function: one block per {@link LayoutProgram} step. */
final class CppLayoutLines {
    private final STGroup templates;
    private final String structName;
    private final Set<String> declared = new HashSet<>();
    private final Set<String> usedParams = new HashSet<>();

    CppLayoutLines(STGroup templates, String structName) {
        this.templates = templates;
        this.structName = structName;
    }

    Set<String> usedParams() {
        return usedParams;
    }

    List<String> render(LayoutProgram program) {
        List<String> lines = new ArrayList<>();
        boolean resultDeclared = false;
        for (LayoutProgram.Step step : program.steps()) {
            // The result is declared where placement starts, after every requirement.
            if (!resultDeclared && step instanceof LayoutProgram.Assign a && a.target().kind() == Var.Kind.CURSOR) {
                lines.add(st("resultStep").add("structName", structName).render());
                resultDeclared = true;
            }
            if (step instanceof LayoutProgram.Comment c) {
                lines.add(st("commentStep").add("text", c.text()).render());
            } else if (step instanceof LayoutProgram.Require r) {
                lines.add(st("requireStep").add("condition", bool(r.condition(), true)).render());
            } else if (step instanceof LayoutProgram.Checked c) {
                String left = number(c.left(), false);
                String right = number(c.right(), false);
                lines.add(st("checkedStep")
                        .add("declare", declare(c.target()))
                        .add("target", name(c.target()))
                        .add("function", c.op().function())
                        .add("left", left)
                        .add("right", right)
                        .add("status", c.op().failure().name())
                        .render());
            } else if (step instanceof LayoutProgram.Assign a) {
                String value = number(a.value(), true);
                lines.add(st("assignStep").add("declare", declare(a.target())).add("target", name(a.target()))
                        .add("value", value).render());
            } else if (step instanceof LayoutProgram.PlaceAt p) {
                lines.add(st("placeAtStep").add("section", p.section()).add("at", number(p.at(), false))
                        .add("align", p.align() > 1 ? literal(BigInteger.valueOf(p.align())) : null).render());
            }
        }
        return lines;
    }

    private ST st(String name) {
        return templates.getInstanceOf(name);
    }

    /** True the first time a temporary or the cursor is assigned: it is declared there. */
    private boolean declare(Var v) {
        return (v.kind() == Var.Kind.TEMP || v.kind() == Var.Kind.CURSOR) && declared.add(v.name());
    }

    private String name(Var v) {
        if (v.kind() == Var.Kind.PARAM) {
            usedParams.add(v.name());
        }
        return v.kind() == Var.Kind.RESULT ? "result_." + v.name() : v.name();
    }

    /** The expression as a {@code std::uint64_t}; {@code top} omits the outer parentheses. */
    private String number(Pure p, boolean top) {
        if (p.isBoolean()) {
            return "static_cast<std::uint64_t>(" + bool(p, true) + ")";
        }
        if (p instanceof LayoutProgram.Lit l) {
            return literal(l.value());
        }
        if (p instanceof Var v) {
            return name(v);
        }
        if (p instanceof LayoutProgram.Unary u) {
            return "~" + number(u.operand(), false);
        }
        if (p instanceof LayoutProgram.Binary b) {
            String s = number(b.left(), false) + " " + b.op().symbol() + " " + number(b.right(), false);
            return top ? s : "(" + s + ")";
        }
        LayoutProgram.Call c = (LayoutProgram.Call) p;
        return "::abic::detail::" + c.function() + "_u64(" + args(c) + ")";
    }

    /** The expression as a {@code bool}. */
    private String bool(Pure p, boolean top) {
        if (!p.isBoolean()) {
            return "(" + number(p, false) + " != 0u)";
        }
        if (p instanceof LayoutProgram.Unary u) {
            return "!" + bool(u.operand(), false);
        }
        if (p instanceof LayoutProgram.Binary b) {
            String s = b.op().isLogical()
                    ? bool(b.left(), false) + " " + b.op().symbol() + " " + bool(b.right(), false)
                    : number(b.left(), false) + " " + b.op().symbol() + " " + number(b.right(), false);
            return top ? s : "(" + s + ")";
        }
        LayoutProgram.Call c = (LayoutProgram.Call) p;
        return "::abic::detail::" + c.function() + "(" + args(c) + ")";
    }

    private String args(LayoutProgram.Call c) {
        return c.args().stream().map(a -> number(a, true)).collect(Collectors.joining(", "));
    }

    static String literal(BigInteger v) {
        return CppEmitter.literal(ScalarKind.U64, v, 10);
    }
}
