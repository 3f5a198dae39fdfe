package dev.abic.compiler.model;

import dev.abic.compiler.diag.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * A struct with its C layout.
 *
 * @param size           {@code sizeof}: the end of the last field rounded up to {@code align}
 * @param align          {@code alignof}: the largest member alignment or {@code declaredAlign}
 * @param declaredAlign  {@code struct S align N}: 1 when not given
 * @param tailPadding    bytes of implicit padding after the last field (an error unless 0)
 * @param end            the closing brace, where findings about the whole struct point
 */
public record StructDecl(String name, List<Field> fields, long size, long align, long declaredAlign,
                         long tailPadding, Optional<java.math.BigInteger> assertedSize,
                         Optional<java.math.BigInteger> assertedAlign, Doc doc,
                         SourceSpan span, SourceSpan end) implements Decl {
    /** The largest struct or array, in bytes: 2^31. */
    public static final java.math.BigInteger MAX_BYTES = java.math.BigInteger.ONE.shiftLeft(31);

    public StructDecl {
        fields = List.copyOf(fields);
    }

    /** The field called {@code fieldName}, if there is one. */
    public Optional<Field> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }
}
