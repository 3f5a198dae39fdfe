package dev.abic.compiler.model;

import dev.abic.compiler.diag.SourceSpan;
import java.math.BigInteger;
import java.util.Optional;

/**
 * A struct field with its place in the C layout.
 *
 * @param offset        where the C layout puts the field
 * @param paddingBefore bytes of implicit padding the C layout inserts before it (an error unless 0)
 * @param assertedOffset the {@code @ N} the user wrote, if any
 * @param limit         for {@code count_of}/{@code bound} fields, the largest value a checked reader accepts
 */
public record Field(String name, Type type, long offset, long paddingBefore, boolean reserved, boolean atomic,
                    Optional<java.math.BigInteger> assertedOffset, Optional<Limit> limit, Doc doc, SourceSpan span) {
    /** The maximum of a count or size read from shared memory, and where it comes from. */
    public record Limit(BigInteger max, Optional<String> countOf) {}

    public long size() {
        return type.size();
    }

    public long end() {
        return offset + size();
    }
}
