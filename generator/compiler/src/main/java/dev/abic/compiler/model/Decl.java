package dev.abic.compiler.model;

import dev.abic.compiler.diag.SourceSpan;

/** A named top-level declaration of a file. */
public sealed interface Decl permits ConstDecl, EnumDecl, StructDecl, LayoutDecl {
    String name();

    Doc doc();

    /** The declaration's name in its source file. */
    SourceSpan span();
}
