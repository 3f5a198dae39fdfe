package dev.abic.compiler.model;

import java.util.Arrays;
import java.util.Optional;

/** The binary operators of {@code .abi} expressions, on unsigned 64-bit values in layouts. */
public enum BinaryOp {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), SHL("<<"), SHR(">>"),
    AND("&"), OR("|"), XOR("^"),
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!="),
    LOGICAL_AND("&&"), LOGICAL_OR("||");

    private final String symbol;

    BinaryOp(String symbol) {
        this.symbol = symbol;
    }

    /** As written, in the {@code .abi} language and in C, C++ and Java alike. */
    public String symbol() {
        return symbol;
    }

    public boolean isComparison() {
        return this == LT || this == LE || this == GT || this == GE || this == EQ || this == NE;
    }

    public boolean isLogical() {
        return this == LOGICAL_AND || this == LOGICAL_OR;
    }

    /** True when the result is 0 or 1. */
    public boolean isBoolean() {
        return isComparison() || isLogical();
    }

    /** True when {@code a op b} equals {@code b op a}. */
    public boolean isCommutative() {
        return this == ADD || this == MUL || this == AND || this == OR || this == XOR || this == EQ || this == NE
                || isLogical();
    }

    /** The operator written {@code symbol}. */
    public static Optional<BinaryOp> of(String symbol) {
        return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst();
    }
}
