package dev.abic.compiler.syntax;

import dev.abic.compiler.diag.Diagnostics;
import dev.abic.compiler.diag.SourceFile;
import dev.abic.compiler.diag.SourceSpan;
import dev.abic.compiler.syntax.AbiParser.AlignSuffixContext;
import dev.abic.compiler.syntax.AbiParser.BoundAttrContext;
import dev.abic.compiler.syntax.AbiParser.CountOfAttrContext;
import dev.abic.compiler.syntax.AbiParser.DeclarationContext;
import dev.abic.compiler.syntax.AbiParser.EnumValueContext;
import dev.abic.compiler.syntax.AbiParser.ExprContext;
import dev.abic.compiler.syntax.AbiParser.FieldAttrContext;
import dev.abic.compiler.syntax.AbiParser.FieldContext;
import dev.abic.compiler.syntax.AbiParser.LayoutItemContext;
import dev.abic.compiler.syntax.AbiParser.SizeSuffixContext;
import dev.abic.compiler.syntax.AbiParser.StructSuffixContext;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BufferedTokenStream;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Turns a parse tree that parsed without errors into {@link Ast} records. */
final class AstBuilder {
    private final SourceFile source;
    private final BufferedTokenStream tokens;
    private final CharStream chars;
    private final Diagnostics diagnostics;

    AstBuilder(SourceFile source, BufferedTokenStream tokens, CharStream chars, Diagnostics diagnostics) {
        this.source = source;
        this.tokens = tokens;
        this.chars = chars;
        this.diagnostics = diagnostics;
    }

    /** An attribute given twice would silently lose one of the two; it is an error instead. */
    private <T> Optional<T> once(Optional<T> previous, T next, ParserRuleContext where, String what) {
        if (previous.isPresent()) {
            diagnostics.error(span(where), what + " is given twice");
        }
        return Optional.of(next);
    }

    Ast.File file(AbiParser.FileContext ctx) {
        List<Ast.Option> options = new ArrayList<>();
        List<Ast.Import> imports = new ArrayList<>();
        for (AbiParser.HeaderContext h : ctx.header()) {
            if (h.optionDecl() != null) {
                Token value = h.optionDecl().STRING().getSymbol();
                options.add(new Ast.Option(name(h.optionDecl().name()), unquote(value.getText()), span(value)));
            } else {
                Token path = h.importDecl().STRING().getSymbol();
                imports.add(new Ast.Import(unquote(path.getText()), span(path)));
            }
        }
        List<Ast.Decl> decls = new ArrayList<>();
        for (DeclarationContext d : ctx.declaration()) {
            decls.add(declaration(d));
        }
        return new Ast.File(source, qualifiedName(ctx.packageDecl().qualifiedName()), doc(ctx.packageDecl()),
                options, imports, decls);
    }

    private Ast.Decl declaration(DeclarationContext d) {
        if (d.constDecl() != null) {
            var c = d.constDecl();
            return new Ast.Const(name(c.name()), typeRef(c.typeRef()), expr(c.expr()), text(c.expr()), doc(c));
        }
        if (d.enumDecl() != null) {
            var e = d.enumDecl();
            return new Ast.EnumLike(name(e.name()), typeRef(e.typeRef()), enumValues(e.enumValue()), false, doc(e));
        }
        if (d.flagsDecl() != null) {
            var e = d.flagsDecl();
            return new Ast.EnumLike(name(e.name()), typeRef(e.typeRef()), enumValues(e.enumValue()), true, doc(e));
        }
        if (d.structDecl() != null) {
            return struct(d.structDecl());
        }
        if (d.layoutDecl() != null) {
            return layout(d.layoutDecl());
        }
        var a = d.assertDecl();
        Optional<String> message = a.STRING() == null ? Optional.empty() : Optional.of(unquote(a.STRING().getText()));
        return new Ast.Assert(expr(a.expr()), text(a.expr()), message, span(a));
    }

    private List<Ast.EnumValue> enumValues(List<EnumValueContext> values) {
        List<Ast.EnumValue> out = new ArrayList<>();
        for (EnumValueContext v : values) {
            out.add(new Ast.EnumValue(name(v.name()), expr(v.expr()), doc(v)));
        }
        return out;
    }

    private Ast.Struct struct(AbiParser.StructDeclContext s) {
        List<Ast.Field> fields = new ArrayList<>();
        for (FieldContext f : s.field()) {
            fields.add(field(f));
        }
        Optional<Ast.Expr> size = Optional.empty();
        Optional<Ast.Expr> alignAfter = Optional.empty();
        for (StructSuffixContext suffix : s.structSuffix()) {
            if (suffix instanceof SizeSuffixContext sz) {
                size = once(size, expr(sz.expr()), suffix, "'size'");
            } else {
                alignAfter = once(alignAfter, expr(((AlignSuffixContext) suffix).expr()), suffix, "'align'");
            }
        }
        Optional<Ast.Expr> alignBefore = Optional.ofNullable(s.alignBefore).map(this::expr);
        Token close = s.getStop();
        for (int i = 0; i < s.getChildCount(); i++) {
            if (s.getChild(i) instanceof TerminalNode t && t.getText().equals("}")) {
                close = t.getSymbol();
            }
        }
        return new Ast.Struct(name(s.name()), alignBefore, fields, size, alignAfter, doc(s), span(close));
    }

    private Ast.Field field(FieldContext f) {
        Optional<Ast.Name> countOf = Optional.empty();
        Optional<Ast.Expr> bound = Optional.empty();
        for (FieldAttrContext attr : f.fieldAttr()) {
            if (attr instanceof CountOfAttrContext c) {
                countOf = once(countOf, name(c.name()), attr, "count_of");
            } else {
                bound = once(bound, expr(((BoundAttrContext) attr).expr()), attr, "bound");
            }
        }
        return new Ast.Field(name(f.name()), f.RESERVED() != null, f.ATOMIC() != null, typeRef(f.typeRef()),
                Optional.ofNullable(f.expr()).map(this::expr), countOf, bound, doc(f), span(f));
    }

    private Ast.Layout layout(AbiParser.LayoutDeclContext l) {
        List<Ast.Param> params = new ArrayList<>();
        for (AbiParser.ParamContext p : l.param()) {
            params.add(new Ast.Param(name(p.name()), typeRef(p.typeRef())));
        }
        List<Ast.Require> requires = new ArrayList<>();
        List<Ast.Section> sections = new ArrayList<>();
        for (LayoutItemContext item : l.layoutItem()) {
            if (item instanceof AbiParser.RequireItemContext r) {
                requires.add(new Ast.Require(expr(r.expr()), text(r.expr()), span(r.expr())));
            } else {
                var s = (AbiParser.SectionItemContext) item;
                Optional<Ast.Expr> align = Optional.empty();
                Optional<Ast.Expr> at = Optional.empty();
                // The grammar allows "align e" then "@ e"; each is optional.
                for (int i = 0; i < s.getChildCount(); i++) {
                    if (s.getChild(i) instanceof ExprContext e) {
                        String keyword = s.getChild(i - 1).getText();
                        if (keyword.equals("align")) {
                            align = Optional.of(expr(e));
                        } else {
                            at = Optional.of(expr(e));
                        }
                    }
                }
                sections.add(new Ast.Section(name(s.name()), typeRef(s.typeRef()), align, at, doc(s)));
            }
        }
        return new Ast.Layout(name(l.name()), params, requires, sections,
                Optional.ofNullable(l.expr()).map(this::expr), doc(l));
    }

    private Ast.TypeRef typeRef(AbiParser.TypeRefContext t) {
        var q = t.qualifiedTypeName();
        List<Ast.Name> parts = new ArrayList<>();
        for (var id : q.IDENT()) {
            parts.add(new Ast.Name(id.getText(), span(id.getSymbol())));
        }
        return new Ast.TypeRef(new Ast.QualifiedName(parts, span(q)), Optional.ofNullable(t.expr()).map(this::expr),
                span(t));
    }

    Ast.Expr expr(ExprContext e) {
        if (e instanceof AbiParser.PrimaryExprContext p) {
            return primary(p.primary());
        }
        if (e instanceof AbiParser.UnaryExprContext u) {
            return new Ast.Unary(u.op.getText(), expr(u.expr()), span(u));
        }
        var b = (AbiParser.BinaryExprContext) e;
        return new Ast.Binary(b.op.getText(), expr(b.expr(0)), expr(b.expr(1)), span(b), span(b.op));
    }

    private Ast.Expr primary(AbiParser.PrimaryContext p) {
        if (p instanceof AbiParser.IntLiteralContext i) {
            return intLiteral(i.INT().getSymbol());
        }
        if (p instanceof AbiParser.ParenExprContext paren) {
            return expr(paren.expr());
        }
        if (p instanceof AbiParser.SizeofExprContext s) {
            return new Ast.SizeOf(typeRef(s.typeRef()), span(s));
        }
        if (p instanceof AbiParser.AlignofExprContext a) {
            return new Ast.AlignOf(typeRef(a.typeRef()), span(a));
        }
        if (p instanceof AbiParser.OffsetofExprContext o) {
            var q = o.qualifiedTypeName();
            List<Ast.Name> parts = new ArrayList<>();
            for (var id : q.IDENT()) {
                parts.add(new Ast.Name(id.getText(), span(id.getSymbol())));
            }
            return new Ast.OffsetOf(new Ast.QualifiedName(parts, span(q)), name(o.name()), span(o));
        }
        if (p instanceof AbiParser.CallExprContext c) {
            List<Ast.Expr> args = new ArrayList<>();
            for (ExprContext a : c.expr()) {
                args.add(expr(a));
            }
            return new Ast.Call(new Ast.Name(c.IDENT().getText(), span(c.IDENT().getSymbol())), args, span(c));
        }
        var n = (AbiParser.NameExprContext) p;
        List<Ast.Name> parts = new ArrayList<>();
        for (AbiParser.NameContext id : n.name()) {
            parts.add(name(id));
        }
        return new Ast.NameRef(new Ast.QualifiedName(parts, span(n)));
    }

    private Ast.IntLit intLiteral(Token token) {
        String text = token.getText().replace("_", "");
        int radix = 10;
        if (text.length() > 2 && (text.startsWith("0x") || text.startsWith("0X"))) {
            radix = 16;
            text = text.substring(2);
        } else if (text.length() > 2 && (text.startsWith("0b") || text.startsWith("0B"))) {
            radix = 2;
            text = text.substring(2);
        }
        return new Ast.IntLit(new BigInteger(text, radix), radix, span(token));
    }

    private Ast.Name name(AbiParser.NameContext n) {
        return new Ast.Name(n.getText(), span(n.getStart()));
    }

    private Ast.QualifiedName qualifiedName(AbiParser.QualifiedNameContext q) {
        List<Ast.Name> parts = new ArrayList<>();
        for (AbiParser.NameContext n : q.name()) {
            parts.add(name(n));
        }
        return new Ast.QualifiedName(parts, span(q));
    }

    /**
     * The doc comment of a declaration: the {@code ///} lines before it (not those that trail the
     * previous line's code), and a {@code ///} comment that trails it on its last line.
     */
    private Ast.Doc doc(ParserRuleContext ctx) {
        List<String> lines = new ArrayList<>();
        int startIndex = ctx.getStart().getTokenIndex();
        List<Token> before = tokens.getHiddenTokensToLeft(startIndex, AbiLexer.DOC);
        if (before != null) {
            int previousCodeLine = previousCodeLine(startIndex);
            for (Token t : before) {
                if (t.getLine() != previousCodeLine) {
                    addDocLine(lines, t);
                }
            }
        }
        Token stop = ctx.getStop();
        if (stop != null) {
            List<Token> after = tokens.getHiddenTokensToRight(stop.getTokenIndex(), AbiLexer.DOC);
            if (after != null) {
                for (Token t : after) {
                    if (t.getLine() == stop.getLine()) {
                        addDocLine(lines, t);
                    }
                }
            }
        }
        return lines.isEmpty() ? Ast.Doc.NONE : new Ast.Doc(lines);
    }

    private int previousCodeLine(int tokenIndex) {
        for (int i = tokenIndex - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t.getLine();
            }
        }
        return -1;
    }

    private static void addDocLine(List<String> lines, Token t) {
        String text = t.getText();
        if (text.startsWith("////")) {
            return; // a rule of slashes, not documentation
        }
        String body = text.substring(3);
        if (body.startsWith(" ")) {
            body = body.substring(1);
        }
        lines.add(body.stripTrailing());
    }

    private String text(ParserRuleContext ctx) {
        return chars.getText(Interval.of(ctx.getStart().getStartIndex(), ctx.getStop().getStopIndex()))
                .replaceAll("\\s+", " ");
    }

    SourceSpan span(Token t) {
        return new SourceSpan(source, t.getLine(), t.getCharPositionInLine() + 1, t.getText().length());
    }

    SourceSpan span(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop();
        int length;
        if (stop != null && stop.getLine() == start.getLine() && stop.getStopIndex() >= start.getStartIndex()) {
            length = stop.getStopIndex() - start.getStartIndex() + 1;
        } else {
            length = source.line(start.getLine()).length() - start.getCharPositionInLine();
        }
        return new SourceSpan(source, start.getLine(), start.getCharPositionInLine() + 1, length);
    }

    static String unquote(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(++i);
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
