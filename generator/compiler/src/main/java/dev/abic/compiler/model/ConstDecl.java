package dev.abic.compiler.model;

import dev.abic.compiler.diag.SourceSpan;
import java.math.BigInteger;

/**
 * A compile-time constant. {@code expression} is the source text when the value was computed (for
 * a comment in the output) and empty for a plain literal; {@code radix} is 16 when the user wrote
 * the value with a hex literal, so that output can do the same.
 */
public record ConstDecl(String name, ScalarKind type, BigInteger value, String expression, int radix, Doc doc,
                        SourceSpan span) implements Decl {}
