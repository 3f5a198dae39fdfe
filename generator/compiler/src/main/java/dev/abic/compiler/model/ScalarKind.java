package dev.abic.compiler.model;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/** The fixed-width scalar types of the language, with their LP64 size and alignment. */
public enum ScalarKind {
    U8("u8", 1, false, true),
    U16("u16", 2, false, true),
    U32("u32", 4, false, true),
    U64("u64", 8, false, true),
    I8("i8", 1, true, true),
    I16("i16", 2, true, true),
    I32("i32", 4, true, true),
    I64("i64", 8, true, true),
    F32("f32", 4, true, false),
    F64("f64", 8, true, false),
    /** One byte holding 0 or 1. */
    BOOL("bool", 1, false, false),
    /** One byte of text; only as {@code char[N]}. */
    CHAR("char", 1, false, false);

    private final String abiName;
    private final int size;
    private final boolean signed;
    private final boolean integer;

    ScalarKind(String abiName, int size, boolean signed, boolean integer) {
        this.abiName = abiName;
        this.size = size;
        this.signed = signed;
        this.integer = integer;
    }

    /** The name as written in an {@code .abi} file. */
    public String abiName() {
        return abiName;
    }

    /** Size in bytes; scalars are naturally aligned, so this is also the alignment. */
    public int size() {
        return size;
    }

    /** True for i8..i64 and the floating-point types. */
    public boolean isSigned() {
        return signed;
    }

    /** True for u8..u64 and i8..i64: the types constants, enums, counts and atomics may have. */
    public boolean isInteger() {
        return integer;
    }

    /** Size in bits. */
    public int bits() {
        return size * 8;
    }

    /** The smallest value of an integer type (0 for unsigned). */
    public BigInteger min() {
        return signed && integer ? BigInteger.ONE.shiftLeft(bits() - 1).negate() : BigInteger.ZERO;
    }

    /** The largest value of an integer type. */
    public BigInteger max() {
        return signed && integer
                ? BigInteger.ONE.shiftLeft(bits() - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits()).subtract(BigInteger.ONE);
    }

    /** True when {@code value} is within {@link #min()}..{@link #max()}. */
    public boolean contains(BigInteger value) {
        return value.compareTo(min()) >= 0 && value.compareTo(max()) <= 0;
    }

    /** The scalar written {@code name} in an {@code .abi} file ({@code u32}, {@code bool}…). */
    public static Optional<ScalarKind> byName(String name) {
        return Arrays.stream(values()).filter(k -> k.abiName.equals(name)).findFirst();
    }
}
