package dev.abic.compiler.model;

/** The type of a field or layout section, with its C layout (LP64). */
public sealed interface Type permits Type.Scalar, Type.Array, Type.StructRef, Type.EnumRef {
    long size();

    long align();

    /** The type as it is written in an {@code .abi} file. */
    String abiName();

    /** The scalar this type is stored as, if it is one (an enum or flag set is stored as its underlying type). */
    default java.util.Optional<ScalarKind> storage() {
        return java.util.Optional.empty();
    }

    record Scalar(ScalarKind kind) implements Type {
        @Override
        public long size() {
            return kind.size();
        }

        @Override
        public long align() {
            return kind.size();
        }

        @Override
        public String abiName() {
            return kind.abiName();
        }

        @Override
        public java.util.Optional<ScalarKind> storage() {
            return java.util.Optional.of(kind);
        }
    }

    /** {@code T[length]}; {@code char[length]} is text. */
    record Array(Type element, long length) implements Type {
        @Override
        public long size() {
            return element.size() * length;
        }

        @Override
        public long align() {
            return element.align();
        }

        @Override
        public String abiName() {
            return element.abiName() + "[" + length + "]";
        }

        public boolean isText() {
            return element instanceof Scalar s && s.kind() == ScalarKind.CHAR;
        }
    }

    record StructRef(StructDecl decl) implements Type {
        @Override
        public long size() {
            return decl.size();
        }

        @Override
        public long align() {
            return decl.align();
        }

        @Override
        public String abiName() {
            return decl.name();
        }
    }

    /** An enum or flag set, stored as its underlying integer type. */
    record EnumRef(EnumDecl decl) implements Type {
        @Override
        public long size() {
            return decl.underlying().size();
        }

        @Override
        public long align() {
            return decl.underlying().size();
        }

        @Override
        public String abiName() {
            return decl.name();
        }

        @Override
        public java.util.Optional<ScalarKind> storage() {
            return java.util.Optional.of(decl.underlying());
        }
    }
}
