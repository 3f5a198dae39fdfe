package dev.abic.compiler.model;

import java.util.Arrays;
import java.util.Optional;

/** The unary operators of {@code .abi} expressions. */
public enum UnaryOp {
    /** {@code -x}; in a layout, {@code 0 - x}, which fails unless x is 0. */
    NEGATE("-"),
    /** {@code ~x}: the bits flipped (64 of them in a layout). */
    COMPLEMENT("~"),
    /** {@code !x}: 1 when x is 0, else 0. */
    NOT("!");

    private final String symbol;

    UnaryOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** The operator written {@code symbol}. */
    public static Optional<UnaryOp> of(String symbol) {
        return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst();
    }
}
