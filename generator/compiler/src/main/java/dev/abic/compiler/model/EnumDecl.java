package dev.abic.compiler.model;

import dev.abic.compiler.diag.SourceSpan;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** An {@code enum}, or a {@code flags} set when {@code flags} is true. */
public record EnumDecl(String name, ScalarKind underlying, boolean flags, List<Value> values, Doc doc,
                       SourceSpan span) implements Decl {
    public EnumDecl {
        values = List.copyOf(values);
    }

    /** One named value; {@code radix} is 16 when it was written in hex, so output can do the same. */
    public record Value(String name, BigInteger value, int radix, Doc doc, SourceSpan span) {}

    /** The value called {@code valueName}, if there is one. */
    public Optional<Value> value(String valueName) {
        return values.stream().filter(v -> v.name().equals(valueName)).findFirst();
    }
}
