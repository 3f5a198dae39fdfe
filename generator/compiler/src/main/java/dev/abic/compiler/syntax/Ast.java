package dev.abic.compiler.syntax;

import dev.abic.compiler.diag.SourceFile;
import dev.abic.compiler.diag.SourceSpan;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The abstract syntax of one {@code .abi} file: what was written, with where it was written.
 * Nothing here is resolved or evaluated; that is the resolver's job.
 */
public final class Ast {
    private Ast() {}

    /** A whole file. */
    public record File(SourceFile source, QualifiedName packageName, Doc doc, List<Option> options,
                       List<Import> imports, List<Decl> declarations) {
        public File {
            options = List.copyOf(options);
            imports = List.copyOf(imports);
            declarations = List.copyOf(declarations);
        }
    }

    /** The text of the {@code ///} lines before a declaration, without the slashes; may be empty. */
    public record Doc(List<String> lines) {
        public static final Doc NONE = new Doc(List.of());

        public Doc {
            lines = List.copyOf(lines);
        }

        public boolean isEmpty() {
            return lines.isEmpty();
        }
    }

    /** An identifier and where it is. */
    public record Name(String text, SourceSpan span) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code a.b.C}: one or more names. */
    public record QualifiedName(List<Name> parts, SourceSpan span) {
        public QualifiedName {
            parts = List.copyOf(parts);
        }

        public String text() {
            return parts.stream().map(Name::text).collect(Collectors.joining("."));
        }

        public boolean isSimple() {
            return parts.size() == 1;
        }

        public Name last() {
            return parts.get(parts.size() - 1);
        }
    }

    public record Option(Name name, String value, SourceSpan valueSpan) {}

    public record Import(String path, SourceSpan span) {}

    /** A top-level declaration. */
    public sealed interface Decl permits NamedDecl, Assert {
        SourceSpan span();
    }

    /** A declaration that introduces a name. */
    public sealed interface NamedDecl extends Decl permits Const, EnumLike, Struct, Layout {
        Name name();

        Doc doc();

        @Override
        default SourceSpan span() {
            return name().span();
        }
    }

    public record Const(Name name, TypeRef type, Expr value, String valueText, Doc doc) implements NamedDecl {}

    /** An {@code enum} or, when {@code flags} is true, a {@code flags} set. */
    public record EnumLike(Name name, TypeRef type, List<EnumValue> values, boolean flags, Doc doc)
            implements NamedDecl {
        public EnumLike {
            values = List.copyOf(values);
        }
    }

    public record EnumValue(Name name, Expr value, Doc doc) {}

    /**
     * A struct. {@code alignBefore} raises the alignment; {@code size} and {@code alignAfter} assert
     * the result. {@code end} is the closing brace, where trailing-padding findings point.
     */
    public record Struct(Name name, Optional<Expr> alignBefore, List<Field> fields, Optional<Expr> size,
                         Optional<Expr> alignAfter, Doc doc, SourceSpan end) implements NamedDecl {
        public Struct {
            fields = List.copyOf(fields);
        }
    }

    public record Field(Name name, boolean reserved, boolean atomic, TypeRef type, Optional<Expr> at,
                        Optional<Name> countOf, Optional<Expr> bound, Doc doc, SourceSpan span) {}

    /** {@code T} or {@code T[n]}. */
    public record TypeRef(QualifiedName name, Optional<Expr> length, SourceSpan span) {
        public String text() {
            return name.text() + length.map(l -> "[…]").orElse("");
        }
    }

    public record Layout(Name name, List<Param> params, List<Require> requires, List<Section> sections,
                         Optional<Expr> align, Doc doc) implements NamedDecl {
        public Layout {
            params = List.copyOf(params);
            requires = List.copyOf(requires);
            sections = List.copyOf(sections);
        }
    }

    public record Param(Name name, TypeRef type) {}

    public record Require(Expr condition, String text, SourceSpan span) {}

    public record Section(Name name, TypeRef type, Optional<Expr> align, Optional<Expr> at, Doc doc) {}

    public record Assert(Expr condition, String text, Optional<String> message, SourceSpan span) implements Decl {}

    /** An expression, as written. */
    public sealed interface Expr permits IntLit, NameRef, Unary, Binary, SizeOf, AlignOf, OffsetOf, Call {
        SourceSpan span();
    }

    /** A literal; {@code radix} is how it was written (16 for {@code 0x…}), kept for readable output. */
    public record IntLit(BigInteger value, int radix, SourceSpan span) implements Expr {}

    public record NameRef(QualifiedName name) implements Expr {
        @Override
        public SourceSpan span() {
            return name.span();
        }
    }

    public record Unary(String op, Expr operand, SourceSpan span) implements Expr {}

    /** {@code span} covers the whole expression; {@code opSpan} the operator. */
    public record Binary(String op, Expr left, Expr right, SourceSpan span, SourceSpan opSpan) implements Expr {}

    public record SizeOf(TypeRef type, SourceSpan span) implements Expr {}

    public record AlignOf(TypeRef type, SourceSpan span) implements Expr {}

    public record OffsetOf(QualifiedName type, Name field, SourceSpan span) implements Expr {}

    public record Call(Name function, List<Expr> args, SourceSpan span) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }
}
